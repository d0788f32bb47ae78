/**
 * The app:// scheme (Electron security checklist #18: the renderer is not loaded from file://).
 * `registerAppScheme` runs before `ready`; `serveRenderer` installs the handler that serves only
 * files inside the built renderer folder, each with the Content-Security-Policy header (#7).
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import { contentTypeFor, resolveRendererPath } from './renderer-protocol.ts';
import { APP_SCHEME } from './url-policy.ts';

/** Must run before the app is ready. `standard` gives real origins and relative URLs; `secure` a secure context. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

function headers(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
}

/** Serves `app://renderer/<file>` from `rendererRoot` (dist/renderer), refusing everything else. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveRendererPath(request.url, rendererRoot);
    if (file === null) return plain(404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return plain(404, 'Not found'); // missing, a directory, or unreadable
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers(contentTypeFor(file)) });
  });
}
