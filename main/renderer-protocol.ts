/**
 * Serving the built renderer over app://renderer/ (Electron security checklist #18: no file://).
 * Pure: maps a request URL to a file inside the renderer folder (or refuses), and names its
 * content type. No Electron import, so it is unit-tested in plain Node; main.ts does the I/O.
 */
import path from 'node:path';
import { APP_SCHEME, RENDERER_HOST } from './url-policy.ts';

const INDEX = 'index.html';

/**
 * The absolute path of the file `requestUrl` names inside `rootDir`, or null when the URL is not
 * ours (other scheme, host, port, credentials), is malformed, or points outside `rootDir` by any
 * spelling (`..`, `%2e%2e`, `%2f`, backslashes, NUL). Query and fragment are ignored.
 */
export function resolveRendererPath(requestUrl: string, rootDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== RENDERER_HOST) return null;
  if (url.port !== '' || url.username !== '' || url.password !== '') return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  // After decoding, no segment may climb or be empty-trick: refuse rather than normalize.
  const segments = pathname.split('/').slice(1);
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;

  const relative = pathname === '/' || pathname === '' ? INDEX : pathname.slice(1);
  if (relative === '' || relative.endsWith('/')) return null;

  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, relative);
  if (!resolved.startsWith(root + path.sep)) return null;
  return resolved;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/** The Content-Type for a file, by extension; unknown types are served as opaque bytes (with nosniff). */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
