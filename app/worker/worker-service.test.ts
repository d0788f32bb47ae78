import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JabberService } from '../core/service-types.ts';
import type { EventEnvelope } from '../shared/contract.ts';
import { createJsonAccountStore } from '../store/account-store-file.ts';
import type { SecretStore } from '../store/secret-store.ts';
import { createWorkerService } from './worker-service.ts';

const CORE_WORKER = new URL('./core-worker.ts', import.meta.url);
const CRASHING_WORKER = new URL('./crash-on-reconnect.fixture.ts', import.meta.url);
const ACCOUNT = 'alice@example.test';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function started(service: JabberService): JabberService {
  cleanups.push(() => service.dispose());
  return service;
}

/** A profile with one enabled account that connects to a closed loopback port (so it never signs in). */
async function profileWithAccount(): Promise<string> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'jabber-worker-test-'));
  cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
  await createJsonAccountStore(path.join(profile, 'accounts.json')).save([{ jid: ACCOUNT, host: '127.0.0.1', port: 1, enabled: true }]);
  return profile;
}

function recordingSecrets(initial: Record<string, string> = {}): SecretStore & { readonly asked: string[] } {
  const secrets = new Map(Object.entries(initial));
  const asked: string[] = [];
  return {
    asked,
    async get(account) {
      asked.push(`get ${account}`);
      return secrets.get(account);
    },
    async set(account, secret) {
      asked.push(`set ${account}`);
      secrets.set(account, secret);
    },
    async delete(account) {
      asked.push(`delete ${account}`);
      secrets.delete(account);
    },
  };
}

const until = async (condition: () => boolean, timeoutMs = 10_000): Promise<void> => {
  for (const end = Date.now() + timeoutMs; !condition(); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('createWorkerService', () => {
  it('answers commands from the core in the worker, checked by the contract dispatcher there', async () => {
    const service = started(createWorkerService({ workerFile: CORE_WORKER, profile: null }));
    expect(await service.listAccounts()).toEqual({ ok: true, value: [] });
    const snapshot = await service.getSnapshot();
    expect(snapshot.ok).toBe(true);
    const wrong = await service.signIn({ account: 42 } as never);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('asks the host for saved passwords and streams the core events back', async () => {
    const secrets = recordingSecrets({ [ACCOUNT]: 'secret-1' });
    const service = started(createWorkerService({ workerFile: CORE_WORKER, profile: await profileWithAccount(), secretStore: secrets, options: { autoConnect: true, connectTimeoutMs: 2_000 } }));
    const events: EventEnvelope[] = [];
    service.subscribe((envelope) => events.push(envelope));
    // Auto-connect at start reads the saved password from the host's store, then fails to reach port 1.
    await until(() => secrets.asked.includes(`get ${ACCOUNT}`));
    await until(() => events.some((envelope) => envelope.event === 'onConnectionState'));
    const accounts = await service.listAccounts();
    expect(accounts.ok && accounts.value.map((summary) => summary.account)).toEqual([ACCOUNT]);
  });

  it('reports every account disconnected with `internal` when the worker dies, fails commands meanwhile, and restarts it', async () => {
    const service = started(createWorkerService({ workerFile: CRASHING_WORKER, profile: await profileWithAccount(), options: { autoConnect: false }, restartDelayMs: 300, log: () => {} }));
    const events: EventEnvelope[] = [];
    service.subscribe((envelope) => events.push(envelope));
    expect((await service.listAccounts()).ok).toBe(true);

    const inFlight = await service.reconnectNow();
    expect(inFlight).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/stopped unexpectedly.*restarted/u) } });
    expect(events).toContainEqual({
      event: 'onConnectionState',
      payload: { account: ACCOUNT, connection: { status: 'disconnected', error: expect.objectContaining({ code: 'internal', message: expect.stringContaining('exited with code 7') }) } },
    });
    expect(await service.listAccounts()).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('restarting') } });

    await new Promise((resolve) => setTimeout(resolve, 500));
    const again = await service.listAccounts();
    expect(again.ok && again.value.map((summary) => summary.account)).toEqual([ACCOUNT]);
  });

  it('gives up after too many crashes and says so', async () => {
    const service = started(createWorkerService({ workerFile: CRASHING_WORKER, profile: null, maxRestarts: 0, log: () => {} }));
    expect(await service.reconnectNow()).toMatchObject({ ok: false, error: { message: expect.stringContaining('too often') } });
    expect(await service.getSnapshot()).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('not restarted') } });
  });

  it('ends the worker on dispose; later commands fail at once', async () => {
    const service = createWorkerService({ workerFile: CORE_WORKER, profile: null });
    expect((await service.listAccounts()).ok).toBe(true);
    await service.dispose();
    expect(await service.listAccounts()).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('shutting down') } });
  });
});
