/**
 * The Content-Security-Policy of the renderer, sent as a response header with every app:// response
 * (Electron security checklist #7). The same policy as the web host's (one definition in app/shared);
 * in Electron the renderer needs no WebSocket, so no extra connect source.
 */
import { contentSecurityPolicy } from '../app/shared/csp.ts';

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();
