// A private, throw-away Prosody for integration and e2e tests.
//
// Each startProsody() gets its own run directory (config, data, certificates, pid file, log), its own CA and
// server certificate, free loopback ports, and the accounts alice, bob and carol. Nothing listens beyond
// 127.0.0.1, there is no s2s, and the system Prosody (/etc/prosody, /var/lib/prosody) is never touched.
//
// Prosody runs as a foreground child process (`prosody --config FILE -F`), so stop() can kill it for certain.
// As root it is started as the `prosody` user (Prosody refuses to run as root, and prosodyctl would switch
// users anyway), so the run directory is chowned to that user.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, constants, copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { TestAccount, TestServerInfo } from './test-server-info.ts';
import { chownTree, freePorts, hasExited, readText, sleep } from './process-utils.ts';

export type { TestAccount, TestServerInfo } from './test-server-info.ts';

export interface TestServer extends TestServerInfo {
  /**
   * Stops Prosody and starts it again on the same ports with the same data directory (accounts, rosters,
   * archives, offline messages): `clean` lets it shut down (SIGTERM), `kill` is SIGKILL (a crash: nothing
   * is flushed or closed). Resolves once it answers again. `pid` changes.
   */
  restart(how: 'clean' | 'kill'): Promise<void>;
  /** Kills Prosody (SIGTERM, then SIGKILL), waits for it to exit and removes the run directory. Idempotent. */
  stop(): Promise<void>;
}

export interface StartProsodyOptions {
  /** Run directory to use; it must not exist or be empty, and is removed by stop(). Default: a new mkdtemp. */
  dir?: string;
  /** Keep the run directory after stop() (for post-mortems). */
  keepDir?: boolean;
  /** How long to wait for Prosody to answer on its ports. Default 15 s. */
  startTimeoutMs?: number;
  /**
   * Prosody's `ssl.protocol` for this server, e.g. "tlsv1_2" (TLS 1.2 only: the one version on which
   * Prosody 0.12 offers SCRAM-*-PLUS, with tls-unique). Default: Prosody's own (TLS 1.2 and 1.3).
   */
  tlsProtocol?: 'tlsv1_2' | 'tlsv1_2+' | 'tlsv1_3';
  /**
   * Also enable prosody-modules' SASL2 (XEP-0388), Bind 2 (XEP-0386) and FAST (XEP-0484): mod_sasl2,
   * mod_sasl2_bind2 and mod_sasl2_fast, plus a small module of ours (SASL2_COMPAT_LUA) that supplies what those
   * Feb 2023 modules expect from Prosody 0.13. mod_sasl2_sm (inline stream management) is not enabled: it
   * loads, but calls mod_smacks.do_enable/do_resume, which Prosody 0.12's mod_smacks does not have, so a sign-in
   * that asks for it never gets its <success/> ("mod_sasl2_sm.lua:66: attempt to call a nil value (field
   * 'do_enable')"). Stream management is then negotiated (enabled, or resumed) after SASL2 as usual.
   * FAST is offered after STARTTLS, not on the direct TLS port (see SASL2_COMPAT_LUA). Default: off (RFC 6120
   * SASL only, exactly as without this option).
   */
  sasl2?: boolean;
  /**
   * A company server: shared roster groups pushed by the server (mod_groups: Engineering = alice and bob,
   * Sales = carol), a user directory over vCards (prosody-modules' mod_vjud, every user listed; with
   * mod_vcard, the vcard-temp store it searches, instead of vcard4/vcard_legacy), and service administration
   * by ad-hoc commands (mod_admin_adhoc) for BUSINESS_ADMIN. Default: off.
   */
  business?: boolean;
  /** The domain it hosts. Default `example.test` (TEST_DOMAIN); its MUC is `conference.<domain>`. */
  domain?: string;
  /** The loopback address every listener binds to. Default 127.0.0.1 (TEST_HOST). */
  host?: string;
  /**
   * A server certificate (and the CA that signed it) made by the caller, e.g. one CA for a federation lab
   * (test-certificates.ts), instead of a new per-run CA. The files are copied into the run directory.
   */
  certificates?: { caCertFile: string; certFile: string; keyFile: string };
  /**
   * Server-to-server on `port` (on `host`): TLS required both ways and the peer's certificate verified
   * (`s2s_secure_auth`) against `trustedCaFile` only (no system CAs), so a self-signed server is refused.
   * Default: no s2s at all.
   */
  s2s?: { port: number; trustedCaFile: string };
  /**
   * The DNS server Prosody asks (SRV and address records for s2s), `IP:PORT`, through libunbound's
   * forwarder (lua-unbound), instead of /etc/resolv.conf. Default: the system's resolver.
   */
  dnsServer?: string;
  /**
   * HTTP File Upload (XEP-0363) by Prosody's mod_http_file_share, as the component `upload.<domain>`, served over
   * HTTPS on loopback (its own port, `https://localhost:PORT/`, the run's CA: the certificate also names
   * `localhost`). `maxFileSize` defaults to 1 MiB. Default: off (no HTTPS port, exactly as without this option).
   */
  fileShare?: { maxFileSize?: number };
}

/** The administrator of a `business` server (the account is not created: a test creates it when it needs it). */
export const BUSINESS_ADMIN = { username: 'boss', password: 'boss-secret-1' } as const;
const BUSINESS_GROUPS = '[Engineering]\nalice@example.test=Alice\nbob@example.test=Bob\n[Sales]\ncarol@example.test=Carol\n';

export const TEST_DOMAIN = 'example.test';
export const TEST_HOST = '127.0.0.1';
export const MUC_DOMAIN = `conference.${TEST_DOMAIN}`;
/** Where `localhost` leads: the upload service's HTTPS (fileShare) listens there, whatever `host` is (a lab's 127.0.0.x). */
const UPLOAD_HOST = '127.0.0.1';

/** Fixed passwords: the server is loopback-only and short-lived, and humans using cli.ts need to type them. */
const ACCOUNTS = {
  alice: 'alice-secret-1',
  bob: 'bob-secret-1',
  carol: 'carol-secret-1',
} as const;

const NOT_INSTALLED = 'Prosody is not installed: run `apt-get install -y prosody` (as root on Debian/Ubuntu)';

// ---------------------------------------------------------------------------------------------------------
// Public API

export async function startProsody(options: StartProsodyOptions = {}): Promise<TestServer> {
  const install = await findProsody();
  const owner = await runAsUser();
  const dir = await makeRunDir(options.dir);
  const site = siteOf(options);
  const paths = runPaths(dir, site.domain);
  const started = Date.now();
  let child: ChildProcess | undefined;
  try {
    await mkdir(paths.certsDir, { recursive: true });
    await mkdir(paths.dataDir, { recursive: true });
    if (options.sasl2 === true) {
      await mkdir(paths.pluginsDir, { recursive: true });
      await writeFile(join(paths.pluginsDir, `mod_${SASL2_COMPAT_MODULE}.lua`), SASL2_COMPAT_LUA);
    }
    const caCertPem = options.certificates === undefined
      ? await makeCertificates(paths, site)
      : await copyCertificates(paths, options.certificates);
    if (options.s2s !== undefined) await copyFile(options.s2s.trustedCaFile, paths.trustedCaFile);

    // A port found free can be taken by someone else before Prosody binds it; then try again with new ones.
    for (let attempt = 1; ; attempt++) {
      const [c2sPort, httpPort, directTlsPort] = await freePorts(3, site.host);
      // The upload service is addressed as `localhost`: its HTTPS listens where that name leads, 127.0.0.1.
      const [httpsPort] = options.fileShare === undefined ? [] : await freePorts(1, UPLOAD_HOST);
      if (c2sPort === undefined || httpPort === undefined || directTlsPort === undefined) throw new Error('could not find free ports');
      const fileShare = options.fileShare === undefined || httpsPort === undefined ? undefined
        : { service: `upload.${site.domain}`, httpsPort, maxFileSize: options.fileShare.maxFileSize ?? 1024 * 1024 };
      await writeFile(paths.configFile, prosodyConfig(paths, site, c2sPort, httpPort, directTlsPort, options.tlsProtocol, options.sasl2 === true, options.business === true,
        options.s2s, options.dnsServer, fileShare === undefined ? undefined : fileShareConfig(paths, site, fileShare)));
      if (options.business === true) await writeFile(join(dir, 'groups.txt'), BUSINESS_GROUPS);
      await writeFile(paths.logFile, '');
      if (owner) await chownTree(dir, owner);

      const info: TestServerInfo = {
        domain: site.domain,
        host: site.host,
        c2sPort,
        directTlsPort,
        httpPort,
        ...(options.s2s === undefined ? {} : { s2sPort: options.s2s.port }),
        ...(fileShare === undefined ? {} : { upload: fileShare }),
        websocketUrl: `ws://${site.host}:${httpPort}/xmpp-websocket`,
        caCertPem,
        caCertFile: paths.caCertFile,
        mucDomain: site.mucDomain,
        dir,
        configFile: paths.configFile,
        dataDir: paths.dataDir,
        logFile: paths.logFile,
        pid: 0,
        accounts: {
          alice: account('alice', ACCOUNTS.alice, site.domain),
          bob: account('bob', ACCOUNTS.bob, site.domain),
          carol: account('carol', ACCOUNTS.carol, site.domain),
        },
      };

      if (attempt === 1) {
        // Accounts and rosters are written to storage before Prosody starts: no sessions, nothing cached.
        await Promise.all(Object.values(info.accounts).map((a) => createAccount(info, a.username, a.password)));
        await makeMutualContacts(info, 'alice', 'bob', { a: 'Alice', b: 'Bob' });
      }

      const proc = spawnProsody(install, paths, owner);
      child = proc.child;
      const outcome = await waitUntilReady(info, proc, options.startTimeoutMs ?? 15_000);
      if (outcome === 'port-taken' && attempt < 3) {
        await killAndWait(proc.child);
        child = undefined;
        continue;
      }
      if (outcome !== 'ready') {
        throw new Error(`Prosody did not start: ${outcome}\n${await diagnostics(paths.logFile, proc.output())}`);
      }
      const errors = (await readText(paths.logFile)).split('\n').filter((line) => /\terror\t/.test(line));
      if (errors.length > 0) {
        throw new Error(`Prosody logged errors while starting (a module failed to load?):\n${errors.join('\n')}\n`
          + await diagnostics(paths.logFile, proc.output()));
      }

      info.pid = proc.child.pid ?? 0;
      const server = withStop(info, proc.child, options.keepDir === true, async () => {
        const logOffset = (await readText(paths.logFile)).length;
        const again = spawnProsody(install, paths, owner);
        const outcome = await waitUntilReady(info, again, options.startTimeoutMs ?? 15_000, logOffset);
        if (outcome !== 'ready') {
          await killAndWait(again.child);
          throw new Error(`Prosody did not restart: ${outcome}\n${await diagnostics(paths.logFile, again.output())}`);
        }
        return again.child;
      });
      child = undefined;
      if (process.env['JABBER_PROSODY_DEBUG']) {
        console.error(`[prosody] started in ${Date.now() - started} ms, run dir ${dir}`);
      }
      return server;
    }
  } catch (error) {
    if (child) await killAndWait(child);
    if (!options.keepDir) await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Creates (or re-passwords) an account with `prosodyctl register`. Works before start and while Prosody runs:
 * internal storage is read from disk at each login.
 */
export async function createAccount(server: Pick<TestServerInfo, 'configFile' | 'dir' | 'domain'>, username: string,
  password: string): Promise<void> {
  const install = await findProsody();
  const owner = await runAsUser();
  await run(install.prosodyctl, ['--config', server.configFile, 'register', username, server.domain, password], {
    cwd: server.dir,
    owner,
  });
}

/**
 * Makes `a` and `b` mutual contacts (subscription "both", no pending requests) by writing their rosters
 * straight into Prosody's internal storage, through Prosody's own util.datamanager so the format is exact.
 * `names.a` is the name `a` gets in b's roster, `names.b` the name `b` gets in a's roster (default: none).
 *
 * Works while Prosody runs, but only for users who are NOT signed in: a signed-in user's roster is held in
 * memory and would neither see nor keep this change. Call it before the clients connect.
 */
export async function makeMutualContacts(server: Pick<TestServerInfo, 'dataDir' | 'dir' | 'domain'>, a: string,
  b: string, names: { a?: string; b?: string } = {}): Promise<void> {
  const userA = localPart(a, server.domain);
  const userB = localPart(b, server.domain);
  const install = await findProsody();
  const owner = await runAsUser();
  await run(install.lua, [
    '-', install.sourceDir, server.dataDir, server.domain,
    userA, `${userB}@${server.domain}`, names.b ?? '',
    userB, `${userA}@${server.domain}`, names.a ?? '',
  ], { cwd: server.dir, owner, input: ROSTER_LUA });
}

/** One roster entry for `addRosterItems`: a contact without any subscription, as a freshly imported address book. */
export interface RosterEntry {
  jid: string;
  name: string;
  groups: string[];
}

/**
 * Writes many roster items (thousands at once: a roster set per item would take minutes, Prosody rewrites
 * the whole roster each time) straight into Prosody's storage, like makeMutualContacts and with its limits:
 * only for a user who is NOT signed in.
 */
export async function addRosterItems(server: Pick<TestServerInfo, 'dataDir' | 'dir' | 'domain'>, user: string, entries: readonly RosterEntry[]): Promise<void> {
  const install = await findProsody();
  const owner = await runAsUser();
  const items = entries.map(({ jid, name, groups }) =>
    `{ ${luaString(jid)}, ${luaString(name)}, { ${groups.map(luaString).join(', ')} } },`).join('\n');
  const script = `${ROSTER_PRELUDE}
local user = ${luaString(localPart(user, server.domain))}
local roster = dm.load(user, host, "roster") or {}
local meta = roster[false] or {}
meta.version = (tonumber(meta.version) or 0) + 1
meta.pending = meta.pending or {}
roster[false] = meta
for _, entry in ipairs({
${items}
}) do
  local groups = {}
  for _, group in ipairs(entry[3]) do groups[group] = true end
  roster[entry[1]] = { subscription = "none"; name = entry[2] ~= "" and entry[2] or nil; groups = groups }
end
assert(dm.store(user, host, "roster", roster))
`;
  await run(install.lua, ['-', install.sourceDir, server.dataDir, server.domain], { cwd: server.dir, owner, input: script });
}

/** A user for `seedUsers`: an account and its roster (mutual contacts have subscription "both"). */
export interface SeededUser {
  username: string;
  password: string;
  roster: readonly (RosterEntry & { subscription?: 'none' | 'both' })[];
}

/**
 * Creates many accounts with their rosters in one go, straight into Prosody's storage (the password in
 * plain text, which Prosody hashes at the first sign-in, as it does for accounts it imported): hundreds of
 * mutual contacts in a second instead of a prosodyctl run each. Same limits as addRosterItems: only for
 * users who are NOT signed in.
 */
export async function seedUsers(server: Pick<TestServerInfo, 'dataDir' | 'dir' | 'domain'>, users: readonly SeededUser[]): Promise<void> {
  const install = await findProsody();
  const owner = await runAsUser();
  const entries = users.map(({ username, password, roster }) => `{ ${luaString(username)}, ${luaString(password)}, {
${roster.map(({ jid, name, groups, subscription }) => `  { ${luaString(jid)}, ${luaString(name)}, { ${groups.map(luaString).join(', ')} }, ${luaString(subscription ?? 'none')} },`).join('\n')}
} },`).join('\n');
  const script = `${ROSTER_PRELUDE}
for _, user in ipairs({
${entries}
}) do
  assert(dm.store(user[1], host, "accounts", { password = user[2] }))
  local roster = { [false] = { version = 1; pending = {} } }
  for _, entry in ipairs(user[3]) do
    local groups = {}
    for _, group in ipairs(entry[3]) do groups[group] = true end
    roster[entry[1]] = { subscription = entry[4]; name = entry[2] ~= "" and entry[2] or nil; groups = groups }
  end
  assert(dm.store(user[1], host, "roster", roster))
end
`;
  await run(install.lua, ['-', install.sourceDir, server.dataDir, server.domain], { cwd: server.dir, owner, input: script });
}

/** The server without its stop(): what goes into JSON files and vitest's `provide`. */
export function serverInfo(server: TestServer | TestServerInfo): TestServerInfo {
  const { stop: _stop, restart: _restart, ...info } = server as TestServer;
  return info;
}

// ---------------------------------------------------------------------------------------------------------
// Run directory, certificates, config

interface RunPaths {
  dir: string;
  configFile: string;
  dataDir: string;
  certsDir: string;
  caCertFile: string;
  caKeyFile: string;
  certFile: string;
  keyFile: string;
  pidFile: string;
  logFile: string;
  /** Our own Prosody modules (only with `sasl2`). */
  pluginsDir: string;
  /** The CA s2s peers must be signed by (only with `s2s`). */
  trustedCaFile: string;
}

/** Where a server lives: its domain, its MUC, the loopback address it binds to. */
interface Site { domain: string; host: string; mucDomain: string }

function siteOf(options: StartProsodyOptions): Site {
  const domain = options.domain ?? TEST_DOMAIN;
  return { domain, host: options.host ?? TEST_HOST, mucDomain: `conference.${domain}` };
}

function runPaths(dir: string, domain: string): RunPaths {
  const certsDir = join(dir, 'certs');
  return {
    dir,
    configFile: join(dir, 'prosody.cfg.lua'),
    dataDir: join(dir, 'data'),
    certsDir,
    caCertFile: join(certsDir, 'ca.crt'),
    caKeyFile: join(certsDir, 'ca.key'),
    certFile: join(certsDir, `${domain}.crt`),
    keyFile: join(certsDir, `${domain}.key`),
    pidFile: join(dir, 'prosody.pid'),
    logFile: join(dir, 'prosody.log'),
    pluginsDir: join(dir, 'plugins'),
    trustedCaFile: join(certsDir, 's2s-trusted-ca.crt'),
  };
}

async function makeRunDir(dir: string | undefined): Promise<string> {
  if (dir === undefined) return mkdtemp(join(tmpdir(), 'jabber-prosody-'));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // stop() deletes the directory, so refuse to adopt one that holds anything.
  if ((await readdir(dir)).length > 0) throw new Error(`Prosody run directory ${dir} is not empty`);
  return dir;
}

/** The caller's certificate, key and CA, copied into the run directory; returns the CA's PEM. */
async function copyCertificates(p: RunPaths, certificates: NonNullable<StartProsodyOptions['certificates']>): Promise<string> {
  await Promise.all([
    copyFile(certificates.caCertFile, p.caCertFile),
    copyFile(certificates.certFile, p.certFile),
    copyFile(certificates.keyFile, p.keyFile),
  ]);
  return readText(p.caCertFile);
}

/** Per-run CA plus a server certificate for the domain and its subdomains; returns the CA's PEM. */
async function makeCertificates(p: RunPaths, site: Site): Promise<string> {
  const TEST_DOMAIN = site.domain;
  const MUC_DOMAIN = site.mucDomain;
  const { certsDir } = p;
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await openssl(['req', '-x509', ...ec, '-keyout', p.caKeyFile, '-out', p.caCertFile, '-days', '3',
    '-subj', '/CN=Jabber Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const csr = join(certsDir, `${TEST_DOMAIN}.csr`);
  const ext = join(certsDir, `${TEST_DOMAIN}.ext`);
  await openssl(['req', '-new', ...ec, '-keyout', p.keyFile, '-out', csr, '-subj', `/CN=${TEST_DOMAIN}`]);
  await writeFile(ext, [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectKeyIdentifier=hash',
    'authorityKeyIdentifier=keyid,issuer',
    // localhost: the HTTPS upload service (fileShare) is reached by that name on loopback.
    `subjectAltName=DNS:${TEST_DOMAIN},DNS:*.${TEST_DOMAIN},DNS:${MUC_DOMAIN},DNS:localhost`,
    '',
  ].join('\n'));
  await openssl(['x509', '-req', '-in', csr, '-CA', p.caCertFile, '-CAkey', p.caKeyFile,
    '-set_serial', `0x${randomBytes(16).toString('hex')}`, '-days', '3', '-extfile', ext, '-out', p.certFile]);
  await Promise.all([rm(csr), rm(ext)]);
  return readText(p.caCertFile);
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args, {});
  } catch (error) {
    if (isMissingCommand(error)) {
      throw new Error('openssl is not installed: run `apt-get install -y openssl`', { cause: error });
    }
    throw error;
  }
}

function prosodyConfig(p: RunPaths, site: Site, c2sPort: number, httpPort: number, directTlsPort: number, tlsProtocol: string | undefined,
  sasl2: boolean, business = false, s2s?: StartProsodyOptions['s2s'], dnsServer?: string, fileShare?: { https: string; component: string }): string {
  const q = luaString;
  const { domain: TEST_DOMAIN, host: TEST_HOST, mucDomain: MUC_DOMAIN } = site;
  const protocol = tlsProtocol === undefined ? '' : `; protocol = ${q(tlsProtocol)}`;
  // With s2s: peers' certificates are checked against the lab's CA alone (capath off: no system CAs).
  const trust = s2s === undefined ? '' : `; cafile = ${q(p.trustedCaFile)}; capath = false`;
  const ssl = `{ certificate = ${q(p.certFile)}; key = ${q(p.keyFile)}${protocol}${trust} }`;
  // Only with `sasl2`: our modules' directory (searched before Prosody's own) and the SASL2 modules.
  const sasl2Paths = sasl2 ? `plugin_paths = { ${q(p.pluginsDir)} }\n` : '';
  const sasl2Modules = sasl2 ? `\n  ${SASL2_MODULES.map((m) => `${q(m)};`).join(' ')}` : '';
  return `-- Generated by e2e/server/prosody.ts for one test run. Loopback only${s2s === undefined ? ', no s2s' : ''}.
${sasl2Paths}pidfile = ${q(p.pidFile)}
data_path = ${q(p.dataDir)}
certificates = ${q(p.certsDir)}
log = { { levels = { min = "debug" }, to = "file", filename = ${q(p.logFile)} } }

-- Listen on loopback only, and only on the ports we picked; every other service gets no ports.
interfaces = { ${q(TEST_HOST)} }
local_interfaces = { ${q(TEST_HOST)} }
c2s_interfaces = { ${q(TEST_HOST)} }
c2s_ports = { ${c2sPort} }
c2s_direct_tls_ports = { ${directTlsPort} }
c2s_direct_tls_ssl = ${ssl}
legacy_ssl_ports = { }
http_interfaces = { ${q(TEST_HOST)} }
http_ports = { ${httpPort} }
${fileShare?.https ?? 'https_interfaces = { }\nhttps_ports = { }'}
s2s_ports = { ${s2s === undefined ? '' : String(s2s.port)} }
${s2s === undefined ? '' : `s2s_interfaces = { ${q(TEST_HOST)} }\n`}s2s_direct_tls_ports = { }
component_ports = { }
proxy65_ports = { }

modules_enabled = {
  "roster"; "saslauth"; "tls"; "disco"; "carbons"; "mam"; "smacks"; "ping";
  ${business ? '"vcard"; "vjud"; "admin_adhoc"; "groups";' : '"vcard4"; "vcard_legacy";'} "pep"; "blocklist"; "websocket"; "register"; "csi_simple";
  "lastactivity"; -- XEP-0012 answers for offline accounts (presence slice)${sasl2Modules}
}
${business ? `admins = { ${q(`${BUSINESS_ADMIN.username}@${TEST_DOMAIN}`)} }\nvjud_mode = "all"\ngroups_file = ${q(join(p.dir, 'groups.txt'))}\n` : ''}
${s2s === undefined ? `-- s2s and its certificate checks are autoloaded; a test server never federates.
modules_disabled = { "s2s"; "s2s_auth_certs" }` : `-- Federation lab: s2s over TLS only, authenticated by certificate only (no dialback for an invalid one).
s2s_require_encryption = true
s2s_secure_auth = true
s2s_timeout = 10
ssl = ${ssl}`}
${dnsServer === undefined ? '' : unboundConfig(dnsServer)}
-- In-band registration (XEP-0077) is tested; no throttling between test registrations.
allow_registration = true
min_seconds_between_registrations = 0
registration_throttle_max = 1000
c2s_require_encryption = true
authentication = "internal_hashed"
storage = "internal"

-- Archive everything, keep it forever (tests read history back).
default_archive_policy = true
archive_expires_after = "never"
-- Benchmarks send tens of thousands of messages: past the default 10,000 items Prosody truncates on every message.
storage_archive_item_limit = 1000000
muc_log_by_default = true
muc_log_expires_after = "never"

-- Peers sign in over ws:// on loopback; let Prosody treat that as secure so PLAIN is offered.
consider_websocket_secure = true
http_default_host = ${q(TEST_DOMAIN)}

VirtualHost ${q(TEST_DOMAIN)}
  ssl = ${ssl}

Component ${q(MUC_DOMAIN)} "muc"
  ssl = ${ssl}
  modules_enabled = { "muc_mam", "muc_moderation" }
${fileShare?.component ?? ''}`;
}

/**
 * mod_http_file_share (XEP-0363) on `upload.<domain>`: HTTPS on loopback only, addressed as `localhost` (which the
 * certificate names), so that clients resolve it without a DNS server of the test's own.
 */
function fileShareConfig(p: RunPaths, site: Site, upload: { service: string; httpsPort: number; maxFileSize: number }): { https: string; component: string } {
  const q = luaString;
  return { https: `-- HTTP File Upload (fileShare option): HTTPS on loopback, the run's certificate.
https_interfaces = { ${q(UPLOAD_HOST)} }
https_ports = { ${upload.httpsPort} }
https_ssl = { certificate = ${q(p.certFile)}; key = ${q(p.keyFile)} }`, component: `
Component ${q(upload.service)} "http_file_share"
  ssl = { certificate = ${q(p.certFile)}; key = ${q(p.keyFile)} }
  http_host = "localhost"
  http_external_url = ${q(`https://localhost:${upload.httpsPort}/`)}
  http_file_share_size_limit = ${upload.maxFileSize}
  http_file_share_daily_quota = ${upload.maxFileSize * 100}
` };
}

/**
 * libunbound (lua-unbound, which Prosody uses for DNS when installed) asking one DNS server, `IP:PORT`, and nothing
 * else: no resolv.conf, no hosts file, localhost allowed as a forwarder (unbound refuses by default), and the
 * "test." zone looked up instead of answered NXDOMAIN from unbound's built-in list of special-use domains.
 */
function unboundConfig(dnsServer: string): string {
  const [ip, port] = dnsServer.split(':');
  return `unbound = {
  resolvconf = false; hoststxt = false;
  forward = ${luaString(`${ip ?? '127.0.0.1'}@${port ?? '53'}`)};
  options = { ["do-not-query-localhost:"] = "no"; ["local-zone:"] = "test. transparent" };
}
`;
}

/** Our compatibility module for the SASL2 modules (see SASL2_COMPAT_LUA). */
const SASL2_COMPAT_MODULE = 'jabber_sasl2_compat';
const SASL2_MODULES = [SASL2_COMPAT_MODULE, 'sasl2', 'sasl2_bind2', 'sasl2_fast'];

/**
 * prosody-modules' SASL2 modules (Feb 2023) are written for Prosody 0.13. On Prosody 0.12.3 they load, but:
 * - mod_sasl2 calls the connection methods ssl_info(), ssl_peerfinished() and ssl_exportkeyingmaterial(), which
 *   0.12's connections lack, and fails in its stream-features hook ("attempt to call a nil value (method
 *   'ssl_info')"): no SASL2 feature is offered. This module adds them to the connection class as 0.13 defines
 *   them, over LuaSec's info(), getpeerfinished() and exportkeyingmaterial() (the last only if LuaSec has it).
 * - mod_sasl2_fast reads the client's stream header (`event.stream.from`, the account's JID, which FAST needs)
 *   from the stream-features event, which 0.12's mod_c2s does not pass ("attempt to index a nil value (field
 *   'stream')"). This module records each stream header's `from` through xmppstream's `stream_attrs` callback
 *   and passes it on. The callback is installed at a session's first stream features, so it sees the headers of
 *   later streams: after STARTTLS FAST is offered; on direct TLS (one stream only) it is not.
 * - mod_sasl2_fast formats the token expiry with util.datetime, which on Lua 5.4 refuses the fractional time
 *   it is given ("bad argument #2 to 'os_date' (number has no integer representation)"), so the <success/> that
 *   should carry a new token is never sent. This module makes util.datetime round times down to the second.
 * - mod_sasl2_fast reads the user-agent id with stanza:get_child_attr(), which 0.12's util.stanza lacks ("attempt
 *   to call a nil value (method 'get_child_attr')"): signing in with a token fails. This module adds it as 0.13
 *   defines it.
 * - mod_saslauth (0.12) replaces the session's SASL handler after mod_sasl2 made its own, with channel bindings
 *   of its own kind: on TLS 1.3 none. mod_sasl2_fast copies the bindings from that handler when the client
 *   signs in with a token, so HT-SHA-256-EXPR fails ("attempt to index a nil value (field 'cb')"). This module
 *   gives that handler the bindings mod_sasl2_fast advertised with, just before it copies them.
 * Its stream-features hook runs before mod_sasl2's (priority 1) on each new stream.
 */
const SASL2_COMPAT_LUA = `-- Generated by e2e/server/prosody.ts: what prosody-modules' SASL2 modules (Feb 2023) need of Prosody 0.12.
local function patch(conn)
  local mt = conn and getmetatable(conn);
  local methods = mt and mt.__index;
  if type(methods) ~= "table" or methods.ssl_info then return; end
  function methods:ssl_info()
    local sock = self:socket();
    return sock and sock.info and sock:info();
  end
  function methods:ssl_peerfinished()
    local sock = self:socket();
    return sock and sock.getpeerfinished and sock:getpeerfinished();
  end
  local sock = conn:socket();
  if sock and sock.exportkeyingmaterial then
    function methods:ssl_exportkeyingmaterial(label, length, context)
      local s = self:socket();
      return s:exportkeyingmaterial(label, length, context);
    end
  end
  module:log("debug", "Added ssl_info, ssl_peerfinished%s to connections", methods.ssl_exportkeyingmaterial and ", ssl_exportkeyingmaterial" or "");
end

-- util.datetime on Lua 5.4: os.date() needs whole seconds; mod_sasl2_fast passes fractional ones.
local datetime = require "util.datetime";
if not datetime.jabber_whole_seconds then
  for _, name in ipairs({ "date", "datetime", "time", "legacy" }) do
    local format = datetime[name];
    if format then
      datetime[name] = function(t, ...) return format(t and math.floor(t), ...); end
    end
  end
  datetime.jabber_whole_seconds = true;
end

-- util.stanza: get_child_attr() as in Prosody 0.13.
local stanza_mt = require "util.stanza".stanza_mt;
if not stanza_mt.get_child_attr then
  function stanza_mt:get_child_attr(name, xmlns, attr)
    local child = self:get_child(name, xmlns);
    if child then return child.attr[attr]; end
  end
end

-- xmppstream's open_stream(session, from, to) calls this with to = the 'from' of the client's header.
local function record_header(session, _, client_from)
  session.jabber_stream_from = client_from;
end

-- Before mod_sasl2_fast's own <authenticate/> handler (priority 100) copies the channel bindings.
module:hook_tag("urn:xmpp:sasl:2", "authenticate", function(session, auth)
  local fast, current = session.fast_sasl_handler, session.sasl_handler;
  if fast and current and current.profile.cb == nil and auth:get_child("fast", "urn:xmpp:fast:0") then
    current.profile.cb = fast.profile.cb;
    current.userdata = fast.userdata;
  end
end, 200);

module:hook("stream-features", function(event)
  local origin = event.origin;
  if origin.type ~= "c2s_unauthed" then return; end
  if origin.encrypted then patch(origin.conn); end
  if origin.stream_attrs == nil then origin.stream_attrs = record_header; end
  event.stream = event.stream or { from = origin.jabber_stream_from };
end, 1000);
`;

/** A Lua string literal; paths come from mkdtemp, but quote properly anyway. */
function luaString(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}

/** Lua run by the same interpreter as Prosody, with args SOURCEDIR DATADIR HOST: Prosody's own storage module, ready. */
const ROSTER_PRELUDE = `
local args = { ... }
local source, data, host = args[1], args[2], args[3]
package.path = source .. "/?.lua;" .. package.path
package.cpath = source .. "/?.so;" .. package.cpath
local dm = require "util.datamanager"
dm.set_data_path(data)`;

/** Lua run by the same interpreter as Prosody: args are SOURCEDIR DATADIR HOST, then (USER CONTACT NAME)... */
const ROSTER_LUA = `${ROSTER_PRELUDE}
for i = 4, #args, 3 do
  local user, contact, name = args[i], args[i + 1], args[i + 2]
  local roster = dm.load(user, host, "roster") or {}
  local meta = roster[false] or {}
  meta.version = (tonumber(meta.version) or 0) + 1
  meta.pending = meta.pending or {}
  meta.pending[contact] = nil
  roster[false] = meta
  local groups = roster[contact] and roster[contact].groups or {}
  roster[contact] = { subscription = "both"; name = name ~= "" and name or nil; groups = groups }
  assert(dm.store(user, host, "roster", roster))
end
`;

function account(username: string, password: string, domain: string = TEST_DOMAIN): TestAccount {
  return { username, jid: `${username}@${domain}`, password };
}

function localPart(user: string, domain: string): string {
  const at = user.indexOf('@');
  if (at < 0) return user;
  if (user.slice(at + 1) !== domain) throw new Error(`${user} is not on ${domain}`);
  return user.slice(0, at);
}

// ---------------------------------------------------------------------------------------------------------
// Finding Prosody, running it, waiting for it, stopping it

interface ProsodyInstall {
  prosody: string;
  prosodyctl: string;
  /** The Lua interpreter Prosody runs on (from its #! line), for the roster helper. */
  lua: string;
  /** Prosody's Lua sources (CFG_SOURCEDIR), so the helper can use util.datamanager. */
  sourceDir: string;
}

let installLookup: Promise<ProsodyInstall> | undefined;

function findProsody(): Promise<ProsodyInstall> {
  installLookup ??= (async () => {
    const prosody = await which('prosody');
    const prosodyctl = await which('prosodyctl');
    if (!prosody || !prosodyctl) throw new Error(NOT_INSTALLED);
    const script = await readText(prosodyctl);
    const shebang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(script);
    const interpreter = shebang?.[1]?.endsWith('/env') ? shebang[2] : shebang?.[1];
    const sourceDir = /^CFG_SOURCEDIR\s*=\s*'([^']*)'/m.exec(script)?.[1];
    return { prosody, prosodyctl, lua: interpreter ?? 'lua', sourceDir: sourceDir ?? '/usr/lib/prosody' };
  })();
  installLookup.catch(() => { installLookup = undefined; });
  return installLookup;
}

async function which(command: string): Promise<string | undefined> {
  for (const dir of (process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

interface Owner { uid: number; gid: number }

let ownerLookup: Promise<Owner | undefined> | undefined;

/** As root: the `prosody` user that Prosody and prosodyctl must run as. Otherwise: undefined (run as we are). */
function runAsUser(): Promise<Owner | undefined> {
  ownerLookup ??= (async () => {
    if (process.getuid?.() !== 0) return undefined;
    try {
      const uid = Number((await run('id', ['-u', 'prosody'], {})).trim());
      const gid = Number((await run('id', ['-g', 'prosody'], {})).trim());
      return { uid, gid };
    } catch (error) {
      throw new Error('Running as root, but there is no `prosody` user to run Prosody as (is Prosody installed?)',
        { cause: error });
    }
  })();
  return ownerLookup;
}


interface ProsodyProcess {
  child: ChildProcess;
  /** The last bit of stdout/stderr (config errors are printed there, not logged). */
  output(): string;
}

function spawnProsody(install: ProsodyInstall, p: RunPaths, owner: Owner | undefined): ProsodyProcess {
  const child = spawn(install.prosody, ['--config', p.configFile, '-F'], {
    cwd: p.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(owner ?? {}),
  });
  let output = '';
  const collect = (chunk: Buffer): void => { output = (output + chunk.toString()).slice(-8192); };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('error', (error) => { output += `\n${String(error)}`; });
  return { child, output: () => output };
}

type StartOutcome = 'ready' | 'port-taken' | string;

/** `logOffset`: where this start's lines begin in the log (a restart appends to the same file). */
async function waitUntilReady(info: TestServerInfo, proc: ProsodyProcess, timeoutMs: number, logOffset = 0): Promise<StartOutcome> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(proc.child)) {
      return `it exited (code ${proc.child.exitCode ?? 'none'}, signal ${proc.child.signalCode ?? 'none'})`;
    }
    const log = (await readText(info.logFile)).slice(logOffset);
    if (log.includes('Failed to open server port')) return 'port-taken';
    // A port accepting connections proves little (the kernel accepts before Prosody's loop runs, and the port
    // might be someone else's): wait until Prosody itself answers an XMPP stream and an HTTP request.
    if (log.includes(`Activated service 'c2s' on [${info.host}]:${info.c2sPort}`)
      && log.includes(`[${info.host}]:${info.directTlsPort}`)
      && await answersStream(info) && await answersHttp(info.websocketUrl)) {
      return 'ready';
    }
    await sleep(50);
  }
  return `it did not answer on ${info.host}:${info.c2sPort} and ${info.websocketUrl} within ${timeoutMs} ms`;
}

/** Opens an XMPP stream and waits for stream features offering STARTTLS. */
function answersStream(info: Pick<TestServerInfo, 'host' | 'c2sPort' | 'domain'>): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: info.host, port: info.c2sPort });
    let received = '';
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 2000);
    socket.on('error', () => done(false));
    socket.on('connect', () => {
      socket.write(`<?xml version='1.0'?><stream:stream to='${info.domain}' xmlns='jabber:client' `
        + `xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
      if (received.includes('urn:ietf:params:xml:ns:xmpp-tls')) {
        socket.write('</stream:stream>');
        done(true);
      }
    });
  });
}

async function answersHttp(websocketUrl: string): Promise<boolean> {
  try {
    // mod_websocket answers a plain GET with a short text page.
    const response = await fetch(websocketUrl.replace(/^ws:/, 'http:'), { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function withStop(info: TestServerInfo, first: ChildProcess, keepDir: boolean, respawn: () => Promise<ChildProcess>): TestServer {
  let child = first;
  // Last resort if the test process exits without stop(): never leave a Prosody behind.
  const onExit = (): void => { if (!hasExited(child)) child.kill('SIGKILL'); };
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  let restarting: Promise<void> | undefined;
  const server: TestServer = {
    ...info,
    restart(how) {
      if (stopping) return Promise.reject(new Error('Prosody was stopped'));
      restarting ??= (async () => {
        if (how === 'kill') {
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          if (!hasExited(child)) {
            child.kill('SIGKILL');
            await exited;
          }
        } else {
          await killAndWait(child);
        }
        child = await respawn();
        server.pid = child.pid ?? 0;
      })().finally(() => { restarting = undefined; });
      return restarting;
    },
    stop(): Promise<void> {
      stopping ??= (async () => {
        await restarting?.catch(() => {});
        await killAndWait(child);
        process.off('exit', onExit);
        if (!keepDir) await rm(info.dir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
  return server;
}


/** SIGTERM (Prosody shuts down cleanly), SIGKILL if it takes longer than 5 s; resolves once it has exited. */
async function killAndWait(child: ChildProcess): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function diagnostics(logFile: string, output: string): Promise<string> {
  const log = (await readText(logFile)).split('\n').filter((line) => line.length > 0);
  const tail = log.slice(-40).join('\n');
  return `--- last lines of ${logFile} ---\n${tail || '(empty)'}`
    + (output.trim() ? `\n--- Prosody stdout/stderr ---\n${output.trim()}` : '');
}




interface RunOptions { cwd?: string; owner?: Owner | undefined; input?: string }

/** Runs a command to completion; rejects with its output when it fails. Resolves with stdout. */
function run(command: string, args: string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      ...(options.owner ?? {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) {
        resolve(stdout);
        return;
      }
      reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`}):\n${stdout}${stderr}`));
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

function isMissingCommand(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
