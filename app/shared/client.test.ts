import { describe, expect, it } from 'vitest';
import { createJabberClient, type JabberTransport } from './client.ts';
import { COMMAND_NAMES, EVENT_NAMES, HOST_COMMAND_NAMES, type EventName, type JabberEventPayloads } from './contract.ts';

/** A transport driven by the test: records the commands sent, and lets the test push event envelopes in. */
function standInTransport(invoke: JabberTransport['invoke'] = async (command) => ({ ok: true, value: command })) {
  const sent: { command: string; args: readonly unknown[] }[] = [];
  let deliver: ((envelope: unknown) => void) | null = null;
  let listenCalls = 0;
  const transport: JabberTransport = {
    invoke: (command, args) => {
      sent.push({ command, args });
      return invoke(command, args);
    },
    listen: (next) => {
      listenCalls += 1;
      deliver = next;
    },
    lostMessage: 'lost for the test',
  };
  const push = <E extends EventName>(event: E, payload: JabberEventPayloads[E]): void => deliver?.({ event, payload });
  return { transport, sent, push, pushRaw: (value: unknown) => deliver?.(value), listenCalls: () => listenCalls };
}

const chatState = (state: 'composing' | 'paused'): JabberEventPayloads['onChatState'] => ({ account: 'a@example.test', conversation: 'b@example.test', state });

describe('createJabberClient', () => {
  it('has exactly the contract: a function per command and event, frozen', () => {
    const api = createJabberClient(standInTransport().transport);
    expect(Object.keys(api).sort()).toEqual([...COMMAND_NAMES, ...HOST_COMMAND_NAMES, ...EVENT_NAMES].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each command with its arguments and answers the Result; a trailing undefined is no argument', async () => {
    const { transport, sent } = standInTransport();
    const api = createJabberClient(transport);
    expect(await api.sendMessage({ account: 'a@example.test', to: 'b@example.test', body: 'hi' })).toEqual({ ok: true, value: 'sendMessage' });
    await api.reconnectNow(undefined);
    await api.listAccounts();
    expect(sent).toEqual([
      { command: 'sendMessage', args: [{ account: 'a@example.test', to: 'b@example.test', body: 'hi' }] },
      { command: 'reconnectNow', args: [] },
      { command: 'listAccounts', args: [] },
    ]);
  });

  it('answers a transport error instead of rejecting when the transport fails', async () => {
    const api = createJabberClient(standInTransport(() => Promise.reject(new Error('gone'))).transport);
    expect(await api.getSnapshot()).toEqual({ ok: false, error: { code: 'transport', message: 'lost for the test' } });
  });

  it('starts listening once, at the first subscription', () => {
    const stand = standInTransport();
    const api = createJabberClient(stand.transport);
    expect(stand.listenCalls()).toBe(0);
    api.onChatState(() => {});
    api.onMessage(() => {});
    expect(stand.listenCalls()).toBe(1);
  });

  it('keeps delivering to the other listeners when one throws, and reports it', () => {
    const reported: unknown[] = [];
    const stand = standInTransport();
    const api = createJabberClient(stand.transport, { onListenerError: (event, error) => reported.push([event, (error as Error).message]) });
    const seen: string[] = [];
    api.onChatState((payload) => seen.push(`first ${payload.state}`));
    api.onChatState(() => {
      throw new Error('listener bug');
    });
    api.onChatState((payload) => seen.push(`third ${payload.state}`));
    stand.push('onChatState', chatState('composing'));
    stand.push('onChatState', chatState('paused'));
    expect(seen).toEqual(['first composing', 'third composing', 'first paused', 'third paused']);
    expect(reported).toEqual([['onChatState', 'listener bug'], ['onChatState', 'listener bug']]);
  });

  it('delivers only to the event subscribed, and ignores envelopes outside the contract', () => {
    const stand = standInTransport();
    const api = createJabberClient(stand.transport);
    const seen: unknown[] = [];
    api.onChatState((payload) => seen.push(payload));
    stand.push('onUnread', { account: 'a@example.test', conversation: 'b@example.test', count: 0 });
    for (const junk of [null, 'onChatState', { event: 'onChatState' }, { event: 'constructor', payload: {} }]) stand.pushRaw(junk);
    expect(seen).toEqual([]);
  });

  it('makes each subscription its own: the same function twice is called twice, and each unsubscribe removes one', () => {
    const stand = standInTransport();
    const api = createJabberClient(stand.transport);
    const seen: string[] = [];
    const listener = (payload: JabberEventPayloads['onChatState']): void => void seen.push(payload.state);
    const first = api.onChatState(listener);
    const second = api.onChatState(listener);
    stand.push('onChatState', chatState('composing'));
    expect(seen).toEqual(['composing', 'composing']);
    first();
    first(); // a second call of the same unsubscribe removes nothing more
    stand.push('onChatState', chatState('paused'));
    expect(seen).toEqual(['composing', 'composing', 'paused']);
    second();
    stand.push('onChatState', chatState('composing'));
    expect(seen).toHaveLength(3);
  });

  it('lets a listener unsubscribe another during delivery without skipping anyone in that event', () => {
    const stand = standInTransport();
    const api = createJabberClient(stand.transport);
    const seen: string[] = [];
    let unsubscribeLater: () => void = () => {};
    api.onChatState(() => {
      seen.push('first');
      unsubscribeLater();
    });
    unsubscribeLater = api.onChatState(() => seen.push('second'));
    stand.push('onChatState', chatState('composing'));
    stand.push('onChatState', chatState('paused'));
    expect(seen).toEqual(['first', 'second', 'first']);
  });

  it('refuses a listener that is not a function', () => {
    const api = createJabberClient(standInTransport().transport);
    expect(() => api.onMessage('alert(1)' as unknown as () => void)).toThrow(TypeError);
  });
});
