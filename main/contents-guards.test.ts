import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { guardContents, lockDownSession } from './contents-guards.ts';

type Listener = (event: StandInEvent, ...rest: unknown[]) => unknown;

/** An Electron event as the handlers see it: what it carries, and whether it was cancelled. */
class StandInEvent {
  prevented = false;
  constructor(readonly details: Record<string, unknown> = {}) {
    Object.assign(this, details);
  }
  preventDefault(): void {
    this.prevented = true;
  }
}

/** Stands in for a WebContents or Session (no Electron binary here): records the handlers installed. */
class StandInEmitter {
  readonly listeners = new Map<string, Listener[]>();
  readonly handlers = new Map<string, (...args: never[]) => unknown>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  /** Emits `name` and answers whether some listener cancelled it. */
  emit(name: string, details: Record<string, unknown> = {}): boolean {
    const event = new StandInEvent(details);
    const listeners = this.listeners.get(name) ?? [];
    expect(listeners.length, `a listener for ${name}`).toBeGreaterThan(0);
    for (const listener of listeners) listener(event, details['url']);
    return event.prevented;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.handlers.set('window-open', handler);
  }
  setPermissionRequestHandler(handler: (...args: never[]) => unknown): void {
    this.handlers.set('permission-request', handler);
  }
  setPermissionCheckHandler(handler: (...args: never[]) => unknown): void {
    this.handlers.set('permission-check', handler);
  }
  setDevicePermissionHandler(handler: (...args: never[]) => unknown): void {
    this.handlers.set('device-permission', handler);
  }
  handler(name: string): (...args: unknown[]) => unknown {
    const handler = this.handlers.get(name);
    if (handler === undefined) throw new Error(`no ${name} handler installed`);
    return handler as (...args: unknown[]) => unknown;
  }
}

const OUR_PAGE = 'app://renderer/index.html';
const EXTERNAL_URLS = ['https://evil.example/', 'http://example.com/x', 'file:///etc/passwd', 'app://other/index.html', 'app://renderer:8080/', 'javascript:alert(1)', 'data:text/html,<script>1</script>'];

function guarded(options: { ours: boolean }) {
  const contents = new StandInEmitter();
  const opened: string[] = [];
  guardContents(contents as unknown as WebContents, {
    isOurContents: (candidate) => options.ours && candidate === (contents as unknown as WebContents),
    openExternally: (url) => opened.push(url),
  });
  return { contents, opened };
}

describe('every WebContents is guarded', () => {
  it('our window navigates only within app://renderer/; an external link goes to the system browser instead', () => {
    const { contents, opened } = guarded({ ours: true });
    expect(contents.emit('will-navigate', { url: OUR_PAGE })).toBe(false);
    expect(contents.emit('will-navigate', { url: 'app://renderer/index.html#/chat' })).toBe(false);
    for (const url of EXTERNAL_URLS) expect(contents.emit('will-navigate', { url }), url).toBe(true);
    // Handed over for the URL check in openExternally (safeExternalUrl), never loaded here.
    expect(opened).toEqual(EXTERNAL_URLS);
  });

  it('any other WebContents navigates nowhere, not even to our renderer, and opens nothing', () => {
    const { contents, opened } = guarded({ ours: false });
    for (const url of [OUR_PAGE, ...EXTERNAL_URLS]) expect(contents.emit('will-navigate', { url }), url).toBe(true);
    expect(contents.handler('window-open')({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual([]);
  });

  it('window.open is always denied; from our window an http(s) link is offered to the system browser', () => {
    const { contents, opened } = guarded({ ours: true });
    for (const url of [OUR_PAGE, ...EXTERNAL_URLS]) expect(contents.handler('window-open')({ url }), url).toEqual({ action: 'deny' });
    expect(opened).toEqual([OUR_PAGE, ...EXTERNAL_URLS]);
  });

  it('redirects leave app://renderer/ never, subframes never navigate, webviews never attach', () => {
    const { contents } = guarded({ ours: true });
    expect(contents.emit('will-redirect', { url: OUR_PAGE })).toBe(false);
    for (const url of EXTERNAL_URLS) expect(contents.emit('will-redirect', { url }), url).toBe(true);
    expect(contents.emit('will-frame-navigate', { url: OUR_PAGE, isMainFrame: true })).toBe(false);
    expect(contents.emit('will-frame-navigate', { url: OUR_PAGE, isMainFrame: false })).toBe(true);
    expect(contents.emit('will-attach-webview', {})).toBe(true);
  });
});

describe('the session grants nothing', () => {
  it('refuses every permission request, check and device, and cancels downloads', () => {
    const session = new StandInEmitter();
    lockDownSession(session as unknown as Session);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'hid', 'serial', 'openExternal', 'fullscreen']) {
      const answers: boolean[] = [];
      session.handler('permission-request')({}, permission, (granted: boolean) => answers.push(granted), { requestingUrl: OUR_PAGE });
      expect(answers, permission).toEqual([false]);
      expect(session.handler('permission-check')({}, permission, 'app://renderer', { requestingUrl: OUR_PAGE }), permission).toBe(false);
    }
    expect(session.handler('device-permission')({ deviceType: 'usb', origin: 'app://renderer' })).toBe(false);
    expect(session.emit('will-download', { url: 'https://evil.example/payload.exe' })).toBe(true);
  });
});
