/**
 * `npm run web`: the client in a browser. Serves the built renderer on 127.0.0.1 and prints the URL.
 * Options: --port N, --trust-cert FILE (repeatable: a PEM CA or server certificate to trust, e.g. a
 * company CA or the test server's CA), --info FILE (write {url, port, token} as JSON, for harnesses;
 * owner-only, 0600, as it holds the token),
 * --profile DIR (where the account list is kept; default ~/.config/jabber-desk-web), --save-passwords
 * (opt in to keeping saved passwords and tokens in `<profile>/secrets.json`, encrypted with a passphrase
 * from JABBER_DESK_PASSPHRASE or typed at the terminal), --policy FILE (the organisation's policy file when there
 * is no system-wide one, app/core/policy/policy-file.ts).
 *
 * Without --save-passwords, passwords stay in memory only: the account list persists, a password does not.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../store/atomic-file.ts';
import { createWorkerService } from '../worker/worker-service.ts';
import { openEncryptedSecretStore, SecretStoreError } from '../store/encrypted-secret-store.ts';
import { createMemorySecretStore, type SecretStore } from '../store/secret-store.ts';
import { PASSPHRASE_VARIABLE, readPassphrase } from './passphrase.ts';
import { startWebHost } from './host.ts';
import { loadPolicy, systemPolicyPath } from '../core/policy/policy-file.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'trust-cert': { type: 'string', multiple: true, default: [] },
    info: { type: 'string' },
    profile: { type: 'string' },
    'save-passwords': { type: 'boolean', default: false },
    policy: { type: 'string' },
  },
});

function defaultProfile(): string {
  const config = process.env.XDG_CONFIG_HOME !== undefined && process.env.XDG_CONFIG_HOME !== '' ? process.env.XDG_CONFIG_HOME : path.join(homedir(), '.config');
  return path.join(config, 'jabber-desk-web');
}

const here = import.meta.dirname;
const profile = path.resolve(values.profile ?? defaultProfile());
/** Memory only unless the user opted in; a wrong passphrase stops the program before anything runs. */
async function openSecretStore(): Promise<SecretStore> {
  if (values['save-passwords'] !== true) return createMemorySecretStore();
  const file = path.join(profile, 'secrets.json');
  const passphrase = await readPassphrase(`Passphrase for the saved passwords in ${file}: `);
  if (passphrase === null) {
    console.error(`--save-passwords needs a passphrase: set ${PASSPHRASE_VARIABLE} or run in a terminal.`);
    process.exit(2);
  }
  try {
    return await openEncryptedSecretStore({ file, passphrase });
  } catch (error) {
    console.error(error instanceof SecretStoreError ? error.message : `The saved passwords could not be opened: ${String(error)}`);
    process.exit(2);
  }
}

const trustedCertificates = (values['trust-cert'] ?? []).map((file) => readFileSync(file, 'utf8'));
// The organisation's policy: an invalid one is shown in the page (and nothing signs in), never ignored.
const policy = loadPolicy({ systemPath: systemPolicyPath(process.platform, process.env), ...(values.policy !== undefined ? { commandLinePath: values.policy } : {}) });
if (policy.warning !== null) console.warn(policy.warning);
if (policy.policy.state === 'invalid') console.error(policy.policy.message);
if (policy.policy.state === 'active') console.log(`Policy of your organisation: ${policy.policy.source}`);
// The core runs in a worker thread (as in Electron): this process only serves the page and the WebSocket.
// The saved passwords stay here, as Electron's stay in main with the keychain.
const service = createWorkerService({
  workerFile: path.join(here, '..', 'worker', 'core-worker.js'),
  options: { trustedCertificates, autoConnect: true, policy: policy.policy },
  profile,
  secretStore: await openSecretStore(),
});
const host = await startWebHost({
  service,
  rendererDir: path.join(here, '..', 'renderer'),
  bridgeFile: path.join(here, 'bridge.js'),
  port: Number(values.port),
});

// It holds the token: owner-only (0600), and complete or absent for a harness polling for it.
if (values.info !== undefined) await writeFileAtomic(values.info, JSON.stringify({ url: host.url, port: host.port, token: host.token }));
console.log(`Jabber Desk is running (accounts in ${profile}). Open this address in your browser (it holds a secret token; do not share it):\n\n  ${host.url}\n`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await service.dispose();
  await host.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
