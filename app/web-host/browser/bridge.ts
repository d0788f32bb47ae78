/**
 * Browser mode: defines `window.jabber` over the web host's WebSocket, with exactly the shape the
 * Electron preload exposes. The token comes from the URL fragment once and is then kept for the tab.
 */
import {
  COMMAND_NAMES, EVENT_NAMES, type CommandName, type EventName, type JabberApi, type JabberEventPayloads, type Result,
} from '../../shared/contract.ts';
import { WEBSOCKET_PATH, type CallMessage, type ServerMessage } from '../../shared/wire.ts';

const TOKEN_KEY = 'jabber-web-host-token';

function takeToken(): string {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment !== null) {
    sessionStorage.setItem(TOKEN_KEY, fromFragment);
    history.replaceState(null, '', location.pathname + location.search);
    return fromFragment;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function transportError(message: string): Result<never> {
  return { ok: false, error: { code: 'transport', message } };
}

function createBridge(): JabberApi {
  const token = takeToken();
  const socket = new WebSocket(`ws://${location.host}${WEBSOCKET_PATH}?token=${encodeURIComponent(token)}`);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const queued: string[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let closed = false;

  socket.addEventListener('open', () => {
    for (const message of queued.splice(0)) socket.send(message);
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const resolve of pending.values()) resolve(transportError('The connection to the Jabber Desk host was lost. Is `npm run web` still running? Reload the page to reconnect.'));
    pending.clear();
  });
  socket.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (typeof event.data !== 'string') return;
    const message = JSON.parse(event.data) as ServerMessage;
    if (message.type === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.type === 'event') {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    } else if (message.type === 'events') {
      for (const envelope of message.events) for (const listener of listeners.get(envelope.event) ?? []) listener(envelope.payload);
    }
  });

  function call(method: CommandName, args: readonly unknown[]): Promise<Result<unknown>> {
    if (closed) return Promise.resolve(transportError('Not connected to the Jabber Desk host. Reload the page.'));
    const id = nextId++;
    const message: CallMessage = { type: 'call', id, method, args };
    const text = JSON.stringify(message);
    return new Promise((resolve) => {
      pending.set(id, resolve);
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
      else queued.push(text);
    });
  }

  const api: Record<string, unknown> = {};
  for (const name of COMMAND_NAMES) api[name] = (...args: unknown[]) => call(name, args);
  for (const name of EVENT_NAMES) {
    api[name] = (listener: (payload: JabberEventPayloads[typeof name]) => void) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    };
  }
  return Object.freeze(api) as unknown as JabberApi;
}

Object.defineProperty(window, 'jabber', { value: createBridge(), writable: false, configurable: false });
