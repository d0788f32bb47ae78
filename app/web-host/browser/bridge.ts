/**
 * Browser mode: defines `window.jabber` over the web host's WebSocket, built by the same client
 * factory as the Electron preload (app/shared/client.ts), so both behave alike. The token comes from
 * the URL fragment once and is then kept for the tab.
 */
import { createJabberClient } from '../../shared/client.ts';
import { isHostCommandName, type ApiCommandName, type EventEnvelope, type Result } from '../../shared/contract.ts';
import { WEBSOCKET_PATH, type CallMessage, type ServerMessage } from '../../shared/wire.ts';
import { createBrowserHostSide } from './host-side.ts';

const TOKEN_KEY = 'jabber-web-host-token';
const LOST = 'The connection to the Jabber Desk host was lost. Is `npm run web` still running? Reload the page to reconnect.';

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

function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  try {
    return JSON.parse(data) as ServerMessage;
  } catch {
    return null;
  }
}

function createBridge() {
  const token = takeToken();
  const socket = new WebSocket(`ws://${location.host}${WEBSOCKET_PATH}?token=${encodeURIComponent(token)}`);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const queued: string[] = [];
  // Set by the client at the first subscription; events that arrive before nobody listens to.
  let deliver: ((envelope: unknown) => void) | null = null;
  let nextId = 1;
  let closed = false;

  socket.addEventListener('open', () => {
    for (const message of queued.splice(0)) socket.send(message);
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const resolve of pending.values()) resolve(transportError(LOST));
    pending.clear();
  });
  socket.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseServerMessage(event.data);
    if (message === null) return;
    if (message.type === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.type === 'event') {
      deliver?.(message);
    } else if (message.type === 'events') {
      // The client isolates every listener, so one that throws cannot drop the rest of the frame.
      for (const envelope of message.events) deliver?.(envelope);
    }
  });

  // The host's commands are answered here in the page (notifications, the title badge, ?uri=): never sent to the server.
  const host = createBrowserHostSide(
    {
      search: location.search,
      forgetSearch: () => history.replaceState(null, '', location.pathname),
      ...(typeof Notification === 'undefined' ? {} : { Notification }),
      focusWindow: () => window.focus(),
      getTitle: () => document.title,
      setTitle: (title) => void (document.title = title),
      ...(typeof navigator.setAppBadge === 'function' ? { setAppBadge: (count: number) => navigator.setAppBadge(count) } : {}),
      download: (name, mediaType, bytes) => {
        const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }));
        const link = document.createElement('a');
        link.href = url;
        link.download = name;
        link.rel = 'noopener';
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      },
    },
    (envelope: EventEnvelope) => deliver?.(envelope),
  );

  function invoke(method: ApiCommandName, args: readonly unknown[]): Promise<Result<unknown>> {
    if (isHostCommandName(method)) return host.invoke(method, args);
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

  return createJabberClient({
    invoke,
    listen: (next) => {
      deliver = next;
    },
    lostMessage: LOST,
  });
}

Object.defineProperty(window, 'jabber', { value: createBridge(), writable: false, configurable: false });
