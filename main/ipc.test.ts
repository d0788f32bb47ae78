import type { IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { describe, expect, it } from 'vitest';
import { recordingService } from '../app/contract/recording-service.ts';
import { sampleArguments } from '../app/contract/sample-arguments.ts';
import type { JabberService } from '../app/core/service-types.ts';
import { COMMAND_NAMES, EVENT_CHANNEL, HOST_COMMAND_NAMES, commandChannel, type ApiCommandName, type EventEnvelope, type HostCommands } from '../app/shared/contract.ts';
import { registerIpc, type HostSide, type IpcHandlerRegistry } from './ipc.ts';
import { trustedSenderCheck } from './sender-check.ts';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** The fields of a WebFrameMain that the sender check reads. */
interface StandInFrame {
  frameTreeNodeId: number;
  processId: number;
  routingId: number;
  parent: StandInFrame | null;
  detached: boolean;
  url: string;
}

const OUR_FRAME: StandInFrame = { frameTreeNodeId: 7, processId: 41, routingId: 3, parent: null, detached: false, url: 'app://renderer/index.html' };

/** Frames that are not our window's main frame, each differing from it in one way. */
const FORGED_FRAMES: Record<string, StandInFrame> = {
  'another frame tree node': { ...OUR_FRAME, frameTreeNodeId: 8 },
  'another renderer process': { ...OUR_FRAME, processId: 42 },
  'another routing id': { ...OUR_FRAME, routingId: 4 },
  'a subframe (it has a parent)': { ...OUR_FRAME, parent: OUR_FRAME },
  'a detached frame': { ...OUR_FRAME, detached: true },
  'our frame steered to https://evil.example': { ...OUR_FRAME, url: 'https://evil.example/' },
  'our frame steered to file:///': { ...OUR_FRAME, url: 'file:///' },
  'our frame at another app:// host': { ...OUR_FRAME, url: 'app://renderer.evil.example/index.html' },
  'our frame at app://renderer with credentials': { ...OUR_FRAME, url: 'app://user:pass@renderer/index.html' },
};

/** Stands in for ipcMain (no Electron binary here): keeps the handlers by channel. */
function standInIpc() {
  const handlers = new Map<string, Handler>();
  const registry: IpcHandlerRegistry = {
    handle: (channel, listener) => void handlers.set(channel, listener as Handler),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  return { registry, handlers };
}

/** A stand-in host side: records its commands, and its events can be raised by hand. */
function recordingHost() {
  const calls: { name: string; args: unknown[] }[] = [];
  let listener: ((envelope: EventEnvelope) => void) | null = null;
  const answer = (name: string) => async (...args: unknown[]) => (calls.push({ name, args }), { ok: true as const, value: `host answer of ${name}` as never });
  const commands = Object.fromEntries(HOST_COMMAND_NAMES.map((name) => [name, answer(name)])) as unknown as HostCommands;
  const host: HostSide = {
    commands,
    subscribe: (next) => {
      listener = next;
      return () => void (listener = null);
    },
  };
  return { host, hostCalls: calls, raise: (envelope: EventEnvelope) => listener?.(envelope), hostSubscribed: () => listener !== null };
}

function setUp(ourFrame: StandInFrame | null = OUR_FRAME) {
  const ipc = standInIpc();
  const recorded = recordingService<JabberService>();
  const hostSide = recordingHost();
  const sent: unknown[] = [];
  const target = { isDestroyed: () => false, mainFrame: ourFrame, send: (channel: string, envelope: unknown) => sent.push([channel, envelope]) };
  const isTrustedSender = trustedSenderCheck(() => ourFrame as unknown as WebFrameMain | null);
  const dispose = registerIpc(ipc.registry, recorded.service, isTrustedSender, () => target as unknown as WebContents, hostSide.host);
  const invoke = (name: ApiCommandName, senderFrame: StandInFrame | null, ...args: unknown[]) => {
    const handler = ipc.handlers.get(commandChannel(name));
    if (handler === undefined) throw new Error(`no handler for ${name}`);
    return handler({ senderFrame } as unknown as IpcMainInvokeEvent, ...args);
  };
  return { ...ipc, ...recorded, ...hostSide, sent, target, dispose, invoke };
}

const REFUSED = { ok: false, error: { code: 'transport', message: expect.stringContaining('refused') } };

describe('IPC sender validation', () => {
  it('registers one handler per command, the host\'s included', () => {
    const { handlers } = setUp();
    expect([...handlers.keys()].sort()).toEqual([...COMMAND_NAMES, ...HOST_COMMAND_NAMES].map(commandChannel).sort());
  });

  for (const [what, frame] of Object.entries(FORGED_FRAMES)) {
    it(`refuses every command from ${what}, without calling the service or the host`, async () => {
      const { invoke, calls, hostCalls } = setUp();
      for (const name of [...COMMAND_NAMES, ...HOST_COMMAND_NAMES]) {
        expect(await invoke(name, frame, { account: 'alice@example.test', to: 'bob@example.test', body: 'hi' }), name).toEqual(REFUSED);
        expect(await invoke(name, frame), name).toEqual(REFUSED);
      }
      expect(calls).toEqual([]);
      expect(hostCalls).toEqual([]);
    });
  }

  it('refuses a request without a sender frame, and every request while there is no window', async () => {
    const withWindow = setUp();
    expect(await withWindow.invoke('listAccounts', null)).toEqual(REFUSED);
    const withoutWindow = setUp(null);
    expect(await withoutWindow.invoke('listAccounts', OUR_FRAME)).toEqual(REFUSED);
    expect([...withWindow.calls, ...withoutWindow.calls]).toEqual([]);
  });

  it('refuses a frame that throws when looked at (disposed while the request was in flight)', async () => {
    const { invoke, calls } = setUp();
    const disposed = new Proxy({ ...OUR_FRAME }, { get: () => { throw new Error('Render frame was disposed'); } });
    expect(await invoke('listAccounts', disposed)).toEqual(REFUSED);
    expect(calls).toEqual([]);
  });

  it('passes a genuine request from our main frame to the service, and its answer back', async () => {
    const { invoke, calls } = setUp();
    const request = { account: 'alice@example.test', to: 'bob@example.test', body: 'hi' };
    expect(await invoke('sendMessage', { ...OUR_FRAME }, request)).toEqual({ ok: true, value: 'answer of sendMessage' });
    expect(await invoke('listAccounts', { ...OUR_FRAME, url: 'app://renderer/index.html#/chat' })).toEqual({ ok: true, value: 'answer of listAccounts' });
    expect(calls).toEqual([{ name: 'sendMessage', args: [request] }, { name: 'listAccounts', args: [] }]);
  });

  it('checks the shape only after the sender: a genuine request of the wrong shape is invalid-argument', async () => {
    const { invoke, calls } = setUp();
    expect(await invoke('sendMessage', OUR_FRAME, 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await invoke('listAccounts', OUR_FRAME, { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(calls).toEqual([]);
  });

  it('reaches the service with every command of the contract, from COMMAND_NAMES and its schema alone', async () => {
    // A command added to the contract (and its schema) is served here with no edit to main/ipc.ts.
    const { invoke, calls } = setUp();
    for (const name of COMMAND_NAMES) {
      const args = sampleArguments(name);
      expect(await invoke(name, { ...OUR_FRAME }, ...args), name).toEqual({ ok: true, value: `answer of ${name}` });
      expect(calls.at(-1), name).toEqual({ name, args });
    }
    expect(calls.map((call) => call.name)).toEqual([...COMMAND_NAMES]);
  });

  it('turns a service that throws into internal, not an IPC rejection', async () => {
    const ipc = standInIpc();
    const service = { subscribe: () => () => {}, listAccounts: () => { throw new Error('boom'); } } as unknown as JabberService;
    registerIpc(ipc.registry, service, trustedSenderCheck(() => OUR_FRAME as unknown as WebFrameMain), () => null);
    const handler = ipc.handlers.get(commandChannel('listAccounts'));
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      expect(await handler?.({ senderFrame: OUR_FRAME } as unknown as IpcMainInvokeEvent)).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'internal', message: expect.stringContaining('boom') }),
      });
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });

  it('sends events only to our window while it shows our renderer, and stops when disposed', () => {
    const setup = setUp();
    const envelope = { event: 'onAccounts', payload: [] } as unknown as EventEnvelope;
    setup.emit(envelope);
    expect(setup.sent).toEqual([[EVENT_CHANNEL, envelope]]);
    setup.target.mainFrame = FORGED_FRAMES['our frame steered to https://evil.example'] ?? null;
    setup.emit(envelope);
    expect(setup.sent).toHaveLength(1);
    setup.dispose();
    expect(setup.handlers.size).toBe(0);
    expect(setup.subscribed()).toBe(false);
  });

  it('passes the host commands to the host (checked), never to the service, and forwards the host events', async () => {
    const setup = setUp();
    expect(await setup.invoke('takeOpenUris', OUR_FRAME)).toEqual({ ok: true, value: 'host answer of takeOpenUris' });
    expect(await setup.invoke('setUnreadCount', OUR_FRAME, { count: 2 })).toEqual({ ok: true, value: 'host answer of setUnreadCount' });
    expect(await setup.invoke('setUnreadCount', OUR_FRAME, { count: 'many' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(setup.hostCalls).toEqual([{ name: 'takeOpenUris', args: [] }, { name: 'setUnreadCount', args: [{ count: 2 }] }]);
    expect(setup.calls).toEqual([]);
    const envelope: EventEnvelope = { event: 'onOpenUri', payload: { uri: 'xmpp:juliet@example.com' } };
    setup.raise(envelope);
    expect(setup.sent).toEqual([[EVENT_CHANNEL, envelope]]);
    setup.dispose();
    expect(setup.hostSubscribed()).toBe(false);
  });
});
