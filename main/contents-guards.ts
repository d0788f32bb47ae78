/**
 * What every WebContents may do (Electron security checklist #11-#14) and what the session grants
 * (#5). The handlers take what they need as arguments, so a unit test drives them with stand-in
 * WebContents and Session objects (contents-guards.test.ts). No Electron value import.
 */
import type { Session, WebContents } from 'electron';
import { isRendererUrl } from './url-policy.ts';

export interface ContentsPolicy {
  /** True only for our window's WebContents. */
  readonly isOurContents: (contents: WebContents) => boolean;
  /** Shows a link in the system browser (after its own URL check: see url-policy.ts safeExternalUrl). */
  readonly openExternally: (url: string) => void;
}

/** Applied to every WebContents ever created (our window, and anything unexpected). */
export function guardContents(contents: WebContents, policy: ContentsPolicy): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => {
    if (policy.isOurContents(contents) && isRendererUrl(event.url)) return;
    event.preventDefault();
    // A clicked link in a message: show it in the system browser, not in our window.
    if (policy.isOurContents(contents)) policy.openExternally(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault(); // no subframes (the CSP forbids them too)
  });
  contents.on('will-redirect', (event) => {
    if (!isRendererUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (policy.isOurContents(contents)) policy.openExternally(url);
    return { action: 'deny' };
  });
}

/** No permission is ever granted (camera, notifications' prompt, HID, serial…), and nothing is downloaded. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}
