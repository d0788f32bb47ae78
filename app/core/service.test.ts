/** The service's account bookkeeping, without a server: sign-ins go to a closed port on loopback. */
import { createServer } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope, JabberEventPayloads } from '../shared/contract.ts';
import { createMemoryAccountStore, type AccountSettings } from '../store/account-store.ts';
import { createMemorySecretStore } from '../store/secret-store.ts';
import { COMMAND_NAMES } from '../shared/contract.ts';
import { createJabberService, FEATURE_COMMAND_NAMES, SERVICE_COMMAND_NAMES, type ServiceDependencies } from './service.ts';
import type { JabberService, JabberServiceOptions } from './service-types.ts';
import { nextEvent } from './service-test-support.ts';

let closedPort = 0;
beforeAll(async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
});

const services: JabberService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.dispose();
});

function start(options: JabberServiceOptions = {}, deps: ServiceDependencies = {}): { service: JabberService; events: EventEnvelope[] } {
  const service = createJabberService({ connectTimeoutMs: 2_000, backoff: { baseMs: 50, maxMs: 100 }, ...options }, { log: () => {}, ...deps });
  services.push(service);
  const events: EventEnvelope[] = [];
  service.subscribe((envelope) => events.push(envelope));
  return { service, events };
}


const alice = (extra: Partial<AccountSettings> = {}): AccountSettings => ({ jid: 'alice@example.test', host: '127.0.0.1', port: closedPort, enabled: true, ...extra });
const carol = (extra: Partial<AccountSettings> = {}): AccountSettings => ({ jid: 'carol@example.test', host: '127.0.0.1', port: closedPort, enabled: false, ...extra });

describe('accounts in the service', () => {
  it('lists the stored accounts with their settings and state, and draws them in the snapshot', async () => {
    const secretStore = createMemorySecretStore();
    await secretStore.set('carol@example.test', 'pw');
    const { service } = start({ autoConnect: false }, { accountStore: createMemoryAccountStore([alice(), carol()]), secretStore });
    const listed = await service.listAccounts();
    expect(listed).toEqual({
      ok: true,
      value: [
        { account: 'alice@example.test', host: '127.0.0.1', port: closedPort, enabled: true, passwordSaved: false, trustedCertificates: [], connection: { status: 'disconnected' }, ownPresence: { show: 'offline', status: '' } },
        { account: 'carol@example.test', host: '127.0.0.1', port: closedPort, enabled: false, passwordSaved: true, trustedCertificates: [], connection: { status: 'disconnected' }, ownPresence: { show: 'offline', status: '' } },
      ],
    });
    const snapshot = await service.getSnapshot();
    expect(snapshot.ok && snapshot.value.accounts.map((a) => [a.account, a.contacts, a.messages])).toEqual([
      ['alice@example.test', [], []],
      ['carol@example.test', [], []],
    ]);
  });

  it('asks for a password when none is saved, and refuses accounts it does not have', async () => {
    const { service } = start({ autoConnect: false }, { accountStore: createMemoryAccountStore([alice()]) });
    expect(await service.signIn({ account: 'alice@example.test' })).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: /No password is saved/u } });
    expect(await service.setAccountEnabled({ account: 'alice@example.test', enabled: true })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    for (const result of [
      await service.signIn({ account: 'nobody@example.test', password: 'x' }),
      await service.signOut({ account: 'nobody@example.test' }),
      await service.removeAccount({ account: 'nobody@example.test' }),
      await service.sendMessage({ account: 'nobody@example.test', to: 'bob@example.test', body: 'hi' }),
      await service.setPresence({ account: 'nobody@example.test', show: 'away' }),
      await service.reconnectNow({ account: 'nobody@example.test' }),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: /not one of your accounts/u } });
    }
  });

  it('checks every request it gets from the renderer', async () => {
    const { service } = start({ autoConnect: false }, { accountStore: createMemoryAccountStore([alice()]) });
    const untrusted = service as unknown as Record<string, (request?: unknown) => Promise<unknown>>;
    for (const [command, request, code] of [
      ['addAccount', null, 'invalid-argument'],
      ['addAccount', { jid: 'alice@@x', password: 'p' }, 'invalid-jid'],
      ['addAccount', { jid: 'alice@x', password: 'p', port: 70_000 }, 'invalid-argument'],
      ['addAccount', { jid: 'alice@x', password: 'p', host: 'a b' }, 'invalid-argument'],
      ['addAccount', { jid: 'alice@x', password: 'p', rememberPassword: 'yes' }, 'invalid-argument'],
      ['signIn', { account: 42 }, 'invalid-argument'],
      ['signIn', { account: 'alice@example.test/desk' }, 'invalid-jid'],
      ['signOut', 'alice@example.test', 'invalid-argument'],
      ['setAccountEnabled', { account: 'alice@example.test', enabled: 'no' }, 'invalid-argument'],
      ['updateAccount', { account: 'alice@example.test', port: 0 }, 'invalid-argument'],
      ['setPresence', { account: 'alice@example.test', show: 'chat' }, 'invalid-argument'],
      ['sendMessage', { account: 'alice@example.test', to: 'bob@example.test', body: '   ' }, 'invalid-argument'],
      ['sendMessage', { account: 'alice@example.test', to: 'not a jid@', body: 'x' }, 'invalid-jid'],
      ['reconnectNow', 'everything', 'invalid-argument'],
      ['setClientActive', { active: 'no' }, 'invalid-argument'],
      ['changePassword', { account: 'alice@example.test', newPassword: 'short' }, 'invalid-argument'],
      ['changePassword', { account: 'alice@example.test' }, 'invalid-argument'],
      ['addAccount', { jid: 'alice@x', password: 'p', createOnServer: 'yes' }, 'invalid-argument'],
      ['setClientActive', undefined, 'invalid-argument'],
    ] as const) {
      expect(await untrusted[command]!(request), command).toMatchObject({ ok: false, error: { code } });
    }
    expect(await service.sendMessage({ account: 'alice@example.test', to: 'bob@example.test', body: 'hi' })).toMatchObject({ ok: false, error: { code: 'not-connected' } });
    expect(await service.reconnectNow()).toEqual({ ok: true, value: null });
    expect(await service.setClientActive({ active: false })).toEqual({ ok: true, value: null });
    expect(await service.changePassword({ account: 'alice@example.test', newPassword: 'long-enough-1' })).toMatchObject({ ok: false, error: { code: 'not-connected' } });
  });

  it('edits, disables and removes accounts, keeping the store and the secrets in step', async () => {
    const accountStore = createMemoryAccountStore([alice(), carol()]);
    const secretStore = createMemorySecretStore();
    await secretStore.set('carol@example.test', 'pw');
    const { service, events } = start({ autoConnect: false }, { accountStore, secretStore });

    const updated = await service.updateAccount({ account: 'carol@example.test', host: 'xmpp.example.test', port: null });
    expect(updated).toMatchObject({ ok: true, value: { account: 'carol@example.test', host: 'xmpp.example.test' } });
    expect(updated.ok && updated.value).not.toHaveProperty('port');
    expect((await accountStore.load())[1]).toEqual({ jid: 'carol@example.test', host: 'xmpp.example.test', enabled: false });
    expect(await service.updateAccount({ account: 'carol@example.test', host: '' })).toMatchObject({ ok: true });
    expect((await accountStore.load())[1]).toEqual({ jid: 'carol@example.test', enabled: false });

    expect(await service.setAccountEnabled({ account: 'alice@example.test', enabled: false })).toEqual({ ok: true, value: null });
    expect((await accountStore.load())[0]?.enabled).toBe(false);

    expect(await service.removeAccount({ account: 'carol@example.test' })).toEqual({ ok: true, value: null });
    expect((await accountStore.load()).map((a) => a.jid)).toEqual(['alice@example.test']);
    expect(await secretStore.get('carol@example.test')).toBeUndefined();

    const lists = events.filter((e) => e.event === 'onAccounts').map((e) => (e.payload as JabberEventPayloads['onAccounts']).map((a) => a.account));
    expect(lists.at(-1)).toEqual(['alice@example.test']);
    expect(lists).toHaveLength(4);
  });

  it('a failed first sign-in leaves no account and no saved password behind', async () => {
    const accountStore = createMemoryAccountStore();
    const secretStore = createMemorySecretStore();
    const { service } = start({}, { accountStore, secretStore });
    const result = await service.addAccount({ jid: 'alice@example.test', password: 'pw', host: '127.0.0.1', port: closedPort });
    expect(result).toMatchObject({ ok: false, error: { code: 'connection-refused' } });
    expect(await service.listAccounts()).toEqual({ ok: true, value: [] });
    expect(await accountStore.load()).toEqual([]);
    expect(await secretStore.get('alice@example.test')).toBeUndefined();
  });

  it('at start, connects enabled accounts with a saved password, retrying until signed out', async () => {
    const accountStore = createMemoryAccountStore([alice(), carol({ enabled: true })]);
    const secretStore = createMemorySecretStore();
    await secretStore.set('alice@example.test', 'pw');
    const retrying = (jid: string) => (payload: JabberEventPayloads['onConnectionState']) =>
      payload.account === jid && payload.connection.status === 'connecting' && payload.connection.attempt === 2;
    const { service } = start({}, { accountStore, secretStore });
    const { connection } = await nextEvent(service, 'onConnectionState', retrying('alice@example.test'));
    expect(connection).toMatchObject({ status: 'connecting', attempt: 2, error: { code: 'connection-refused' } });
    expect(connection.status === 'connecting' && connection.retryInMs).toBeGreaterThan(0);
    // carol has no saved password: she stays disconnected.
    const listed = await service.listAccounts();
    expect(listed.ok && listed.value[1]?.connection).toEqual({ status: 'disconnected' });

    const stopped = nextEvent(service, 'onConnectionState', (p) => p.account === 'alice@example.test' && p.connection.status === 'disconnected');
    expect(await service.signOut({ account: 'alice@example.test' })).toEqual({ ok: true, value: null });
    expect((await stopped).connection).toEqual({ status: 'disconnected' });
    expect((await accountStore.load())[0]?.enabled).toBe(false);
  });

  it('connects nobody at start without autoConnect', async () => {
    const secretStore = createMemorySecretStore();
    await secretStore.set('alice@example.test', 'pw');
    const { service, events } = start({ autoConnect: false }, { accountStore: createMemoryAccountStore([alice()]), secretStore });
    await service.listAccounts();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.filter((e) => e.event === 'onConnectionState')).toEqual([]);
  });
});

describe('commands of the features', () => {
  it('routes every contract command the service does not answer itself to the account, blocking and last activity among them', () => {
    expect(FEATURE_COMMAND_NAMES).toEqual(expect.arrayContaining(['blockContact', 'unblockContact', 'getLastActivity']));
    expect([...SERVICE_COMMAND_NAMES, ...FEATURE_COMMAND_NAMES].sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('answers each by one path: the account checked and looked up, then not-connected while it has no session', async () => {
    const { service } = start({ autoConnect: false }, { accountStore: createMemoryAccountStore([alice()]) });
    const run = (name: (typeof FEATURE_COMMAND_NAMES)[number], request: unknown) =>
      (service[name] as (request: unknown) => Promise<unknown>)(request);
    for (const name of FEATURE_COMMAND_NAMES) {
      expect(await run(name, { account: 'alice@example.test', jid: 'bob@example.test' }), name).toMatchObject({ ok: false, error: { code: 'not-connected', message: /alice@example.test is not signed in/u } });
      expect(await run(name, { account: 'dave@example.test', jid: 'bob@example.test' }), name).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: /not one of your accounts/u } });
      expect(await run(name, { account: 'not an account', jid: 'bob@example.test' }), name).toMatchObject({ ok: false, error: { code: 'invalid-jid' } });
      expect(await run(name, null), name).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
  });
});
