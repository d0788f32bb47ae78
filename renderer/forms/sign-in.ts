/** Checks what was typed into the sign-in form and turns it into a sign-in request. */
import type { SignInRequest } from '../../app/shared/contract.ts';
import { formatBare, parseAccountJid } from '../../app/shared/jid.ts';

export interface SignInFields {
  readonly jid: string;
  readonly password: string;
  readonly server: string;
  readonly port: string;
}

export type SignInField = keyof SignInFields;

export type SignInValidation =
  | { readonly ok: true; readonly request: SignInRequest }
  | { readonly ok: false; readonly field: SignInField; readonly message: string };

/** A port as typed: empty means "the default", otherwise a whole number from 1 to 65535. */
export function parsePort(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,5}$/u.test(trimmed)) return 'invalid';
  const port = Number(trimmed);
  return port >= 1 && port <= 65535 ? port : 'invalid';
}

export function validateSignIn(fields: SignInFields): SignInValidation {
  const jid = parseAccountJid(fields.jid);
  if (!jid.ok) return { ok: false, field: 'jid', message: `This Jabber ID does not work: ${jid.reason}.` };
  if (fields.password === '') return { ok: false, field: 'password', message: 'Enter your password.' };
  const port = parsePort(fields.port);
  if (port === 'invalid') return { ok: false, field: 'port', message: 'The port must be a number from 1 to 65535.' };
  const host = fields.server.trim();
  if (/\s|\//u.test(host)) return { ok: false, field: 'server', message: 'The server must be a host name or an IP address, without spaces or slashes.' };
  return {
    ok: true,
    request: {
      jid: formatBare(jid.jid),
      password: fields.password,
      ...(host !== '' ? { host } : {}),
      ...(port !== null ? { port } : {}),
    },
  };
}
