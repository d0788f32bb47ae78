import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, type ApiCommandName, type CommandName, type HostCommands, type JabberCommands } from '../shared/contract.ts';
import { createCommandDispatcher } from './dispatcher.ts';
import { recordingService } from './recording-service.ts';
import { sampleArguments } from './sample-arguments.ts';

// The message may come with its phrase (its template and values), for the interface's language.
const INVALID = { ok: false, error: expect.objectContaining({ code: 'invalid-argument', message: expect.any(String) }) };

function setUp() {
  const recorded = recordingService<JabberCommands>();
  return { ...recorded, dispatch: createCommandDispatcher(recorded.service) };
}

describe('command dispatcher', () => {
  it('passes valid arguments of every command to the service and answers its Result', async () => {
    const { dispatch, calls } = setUp();
    for (const name of COMMAND_NAMES) {
      const args = sampleArguments(name);
      expect(await dispatch(name, args), name).toEqual({ ok: true, value: `answer of ${name}` });
      expect(calls.at(-1), name).toEqual({ name, args });
    }
    expect(calls).toHaveLength(COMMAND_NAMES.length);
  });

  it('accepts reconnectNow with no argument (every account) and with one request', async () => {
    const { dispatch, calls } = setUp();
    expect(await dispatch('reconnectNow', [])).toMatchObject({ ok: true });
    expect(await dispatch('reconnectNow', [{ account: 'alice@example.test' }])).toMatchObject({ ok: true });
    expect(calls.map((call) => call.args)).toEqual([[], [{ account: 'alice@example.test' }]]);
  });

  it('refuses arguments of the wrong shape as invalid-argument, naming the field, without calling the service', async () => {
    const { dispatch, calls } = setUp();
    const request = { account: 'alice@example.test', to: 'bob@example.test', body: 'hi' };
    const cases: [CommandName, unknown][] = [
      ['sendMessage', ['not an object']],
      ['sendMessage', [{ ...request, body: 42 }]],
      ['sendMessage', [{ account: 'alice@example.test', to: 'bob@example.test' }]],
      ['sendMessage', []],
      ['sendMessage', [request, request]],
      ['sendMessage', request], // not an argument list
      ['sendMessage', null],
      ['listAccounts', [{ extra: true }]],
      ['setPresence', [{ account: 'alice@example.test', show: 'offline' }]],
      ['addContact', [{ account: 'alice@example.test', jid: 'bob@example.test', groups: 'Friends' }]],
      ['searchDirectory', [{ account: 'a@example.test', service: 'example.test', values: { first: 'Bob' } }]],
      ['reportIdle', [{ idleSeconds: Number.POSITIVE_INFINITY, source: 'system' }]],
    ];
    for (const [name, args] of cases) expect(await dispatch(name, args), `${name} ${JSON.stringify(args)}`).toEqual(INVALID);
    const wrongBody = await dispatch('sendMessage', [{ ...request, body: 42 }]);
    expect(wrongBody.ok === false && wrongBody.error.message).toMatch(/sendMessage.*body/u);
    expect(calls).toEqual([]);
  });

  it('hands the service a copy without unknown fields, never the object that arrived', async () => {
    const { dispatch, calls } = setUp();
    const arrived = { account: 'alice@example.test', to: 'bob@example.test', body: 'hi', __extra: { deep: true } };
    await dispatch('sendMessage', [arrived]);
    expect(calls[0]?.args[0]).toEqual({ account: 'alice@example.test', to: 'bob@example.test', body: 'hi' });
    expect(calls[0]?.args[0]).not.toBe(arrived);
  });

  it('answers a name outside the contract with a clear error, even one every object has', async () => {
    const { dispatch, calls } = setUp();
    for (const name of ['deleteEverything', 'constructor', '__proto__', 'toString', 'subscribe', 'dispose', 42, null]) {
      const result = await dispatch(name, []);
      expect(result, String(name)).toEqual(INVALID);
      expect(result.ok === false && result.error.message, String(name)).toMatch(/is not a command/u);
    }
    expect(calls).toEqual([]);
  });

  it('turns a service that throws or rejects into internal, and reports it', async () => {
    const reported: [ApiCommandName, unknown][] = [];
    const service = {
      listAccounts: () => {
        throw new Error('boom');
      },
      getSnapshot: () => Promise.reject(new Error('rejected')),
    } as unknown as JabberCommands;
    const dispatch = createCommandDispatcher(service, { onUnexpectedError: (name, error) => reported.push([name, error]) });
    expect(await dispatch('listAccounts', [])).toEqual({ ok: false, error: expect.objectContaining({ code: 'internal', message: expect.stringContaining('boom') }) });
    expect(await dispatch('getSnapshot', [])).toEqual({ ok: false, error: expect.objectContaining({ code: 'internal', message: expect.stringContaining('rejected') }) });
    expect(reported.map(([name]) => name)).toEqual(['listAccounts', 'getSnapshot']);
  });

  it('calls each command as a method of the service', async () => {
    class Service {
      readonly prefix = 'from the service';
      async listAccounts() {
        return { ok: true as const, value: this.prefix };
      }
    }
    const dispatch = createCommandDispatcher(new Service() as unknown as JabberCommands);
    expect(await dispatch('listAccounts', [])).toEqual({ ok: true, value: 'from the service' });
  });

  it('hands the host commands to the host, checked against their stricter schemas, and never to the service', async () => {
    const recorded = recordingService<JabberCommands>();
    const hostCalls: unknown[] = [];
    const host: HostCommands = {
      getHostInfo: async () => ({ ok: true, value: { kind: 'electron', tray: true } }),
      takeOpenUris: async () => ({ ok: true, value: ['xmpp:a@b.example'] }),
      showNotification: async (request) => (hostCalls.push(request), { ok: true, value: null }),
      setUnreadCount: async (request) => (hostCalls.push(request), { ok: true, value: null }),
      saveFile: async (request) => (hostCalls.push(request), { ok: true, value: { saved: true } }),
    };
    const dispatch = createCommandDispatcher(recorded.service, { host });
    expect(await dispatch('takeOpenUris', [])).toEqual({ ok: true, value: ['xmpp:a@b.example'] });
    const notification = { account: 'a@b.example', conversation: 'c@b.example', title: 'C', body: 'hi', silent: false, icon: 'data:image/png;base64,AAAA' };
    expect(await dispatch('showNotification', [notification])).toEqual({ ok: true, value: null });
    expect(await dispatch('showNotification', [{ ...notification, icon: 'file:///etc/passwd' }])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await dispatch('showNotification', [{ ...notification, icon: 'data:image/svg+xml;base64,AAAA' }])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await dispatch('showNotification', [{ ...notification, body: 'x'.repeat(5000) }])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await dispatch('setUnreadCount', [{ count: -1 }])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await dispatch('setUnreadCount', [{ count: 3 }])).toEqual({ ok: true, value: null });
    expect(hostCalls).toEqual([notification, { count: 3 }]);
    expect(recorded.calls).toEqual([]);
  });

  it('answers the host commands unsupported when it has no host', async () => {
    const recorded = recordingService<JabberCommands>();
    expect(await createCommandDispatcher(recorded.service)('takeOpenUris', [])).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });
});
