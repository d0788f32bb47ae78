/**
 * xmpp: links handed to the app by the system (RFC 5122): the registration as the scheme's handler,
 * the link on a command line (Windows and Linux start a second instance with it; its argv reaches the
 * first one in `second-instance`), and a queue that keeps links until the window can listen. Thin and
 * typed: the parsing and the confirmation are the renderer's (app/shared/xmpp-uri.ts); main never acts.
 */
import path from 'node:path';
import type { App } from 'electron';
import { MAX_XMPP_URI_LENGTH } from '../app/shared/xmpp-uri.ts';

export const XMPP_SCHEME = 'xmpp';

/** The last argument that is an xmpp: link (Chromium puts its own switches before it), or null. */
export function xmppUriFromArgv(argv: readonly string[]): string | null {
  for (let index = argv.length - 1; index >= 0; index -= 1) {
    const argument = argv[index]?.trim() ?? '';
    if (/^xmpp:/iu.test(argument) && argument.length <= MAX_XMPP_URI_LENGTH) return argument;
  }
  return null;
}

/** Only what a link of ours can be: refuses another scheme and anything too long, keeps the rest for the renderer to parse. */
export function acceptableXmppUri(value: string): string | null {
  const trimmed = value.trim();
  return /^xmpp:/iu.test(trimmed) && trimmed.length <= MAX_XMPP_URI_LENGTH ? trimmed : null;
}

export interface ProcessInfo {
  /** Electron sets it when run as `electron path/to/app` (development). */
  readonly defaultApp?: boolean;
  readonly execPath: string;
  readonly argv: readonly string[];
}

/**
 * Registers the app as the system's handler for xmpp: links. A development run (`electron .`) must name
 * its app folder, or the system would start a bare Electron. Packaged builds are also registered by their
 * installers (electron-builder `protocols`: the .desktop file's MimeType, the Info.plist, the NSIS registry keys).
 */
export function registerXmppProtocol(app: Pick<App, 'setAsDefaultProtocolClient'>, processInfo: ProcessInfo): boolean {
  const appPath = processInfo.argv[1];
  if (processInfo.defaultApp === true && appPath !== undefined) {
    return app.setAsDefaultProtocolClient(XMPP_SCHEME, processInfo.execPath, [path.resolve(appPath)]);
  }
  return app.setAsDefaultProtocolClient(XMPP_SCHEME);
}

/**
 * Keeps links until the renderer takes them (takeOpenUris, once it listens); after that, each new link
 * goes out at once as onOpenUri. A reloaded window takes whatever came in while it was loading.
 */
export function createOpenUriQueue(emit: (uri: string) => void, limit = 16) {
  let pending: string[] = [];
  let listening = false;
  return {
    receive(value: string): void {
      const uri = acceptableXmppUri(value);
      if (uri === null) return;
      if (listening) emit(uri);
      else if (pending.length < limit) pending.push(uri);
    },
    take(): readonly string[] {
      listening = true;
      const taken = pending;
      pending = [];
      return taken;
    },
    /** The window is gone or reloading: keep links again until it takes them. */
    pause(): void {
      listening = false;
    },
  };
}
