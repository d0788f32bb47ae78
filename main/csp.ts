/**
 * The Content-Security-Policy of the renderer, sent as a response header with every app:// response
 * (Electron security checklist #7). The renderer is one bundled script and one stylesheet from
 * app://renderer/; it needs nothing else: no inline script or style, no eval, no remote content,
 * no frames, no forms. Everything the XMPP client does on the network happens in the main process.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
