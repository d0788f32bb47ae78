/**
 * Which URLs the app trusts (its own renderer) and which it hands to the system browser.
 * Pure: no Electron import, so it is unit-tested in plain Node.
 */

/** The privileged scheme and host the renderer is served from: `app://renderer/…`. */
export const APP_SCHEME = 'app';
export const RENDERER_HOST = 'renderer';
export const RENDERER_ORIGIN = `${APP_SCHEME}://${RENDERER_HOST}`;
export const RENDERER_ENTRY_URL = `${RENDERER_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for any URL of our own renderer (`app://renderer/…`), and for nothing else. */
export function isRendererUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === RENDERER_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * The URL to hand to `shell.openExternal`, or null when it must not leave the app
 * (Electron security checklist #15): only http: and https: (and mailto:; xmpp: links stay in the app), with a host, without embedded
 * credentials (`https://bank.example@evil.example/` is a phishing classic), normalized.
 */
export function safeExternalUrl(url: string): string | null {
  if (typeof url !== 'string' || url.length > 8192) return null;
  const parsed = parse(url);
  if (parsed === null) return null;
  // mailto: (issue 12): an address for the mail program, nothing else in it (no line breaks).
  if (parsed.protocol === 'mailto:') return /^mailto:[^\s@/?#]+@[^\s@/?#]+(?:\?[^\s]*)?$/iu.test(parsed.href) ? parsed.href : null;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}
