/** Checks what was typed into the sign-in form (and the server settings) and turns it into a request. */
import type { AccountProxy, AccountProxyInput, AddAccountRequest } from '../../app/shared/contract.ts';
import { formatBare, parseAccountJid } from '../../app/shared/jid.ts';
import { t } from '../i18n/i18n.ts';
import { lookUp } from '../text/error-text.ts';

export interface SignInFields {
  readonly jid: string;
  readonly password: string;
  readonly server: string;
  readonly port: string;
}

export type SignInField = keyof SignInFields;

export type SignInValidation =
  | { readonly ok: true; readonly request: AddAccountRequest }
  | { readonly ok: false; readonly field: SignInField; readonly message: string };

/** A port as typed: empty means "the default", otherwise a whole number from 1 to 65535. */
export function parsePort(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,5}$/u.test(trimmed)) return 'invalid';
  const port = Number(trimmed);
  return port >= 1 && port <= 65535 ? port : 'invalid';
}

export type ServerValidation =
  | { readonly ok: true; readonly host: string | null; readonly port: number | null }
  | { readonly ok: false; readonly field: 'server' | 'port'; readonly message: string };

/** Server and port as typed: empty means "found automatically" and "the default". */
export function validateServer(fields: Pick<SignInFields, 'server' | 'port'>): ServerValidation {
  const port = parsePort(fields.port);
  if (port === 'invalid') return { ok: false, field: 'port', message: t('The port must be a number from 1 to 65535.') };
  const host = fields.server.trim();
  if (/\s|\//u.test(host)) return { ok: false, field: 'server', message: t('The server must be a host name or an IP address, without spaces or slashes.') };
  return { ok: true, host: host === '' ? null : host, port };
}

/** `oauthToken`: an access token typed in Advanced (X-OAUTH2), which stands in for the password. */
export function validateSignIn(fields: SignInFields, oauthToken = ''): SignInValidation {
  const jid = parseAccountJid(fields.jid);
  if (!jid.ok) return { ok: false, field: 'jid', message: t('This Jabber ID does not work: {{reason}}.', { reason: lookUp(jid.reason) }) };
  const token = oauthToken.trim();
  if (fields.password === '' && token === '') return { ok: false, field: 'password', message: t('Enter your password.') };
  const server = validateServer(fields);
  if (!server.ok) return server;
  return {
    ok: true,
    request: {
      jid: formatBare(jid.jid),
      password: fields.password,
      ...(token !== '' ? { oauthToken: token } : {}),
      ...(server.host !== null ? { host: server.host } : {}),
      ...(server.port !== null ? { port: server.port } : {}),
    },
  };
}

/** The proxy part of the Advanced section, as typed. */
export interface ProxyFields {
  readonly type: 'none' | 'socks5' | 'http';
  readonly host: string;
  readonly port: string;
  readonly username: string;
  readonly password: string;
}

export const NO_PROXY: ProxyFields = { type: 'none', host: '', port: '', username: '', password: '' };

/** The fields showing an account's saved proxy (its password is never sent to the UI). */
export function proxyFieldsOf(proxy: AccountProxy | undefined): ProxyFields {
  if (proxy === undefined) return NO_PROXY;
  return { type: proxy.type, host: proxy.host, port: String(proxy.port), username: proxy.username ?? '', password: '' };
}

export type ProxyValidation =
  | { readonly ok: true; readonly proxy: AccountProxyInput | null }
  | { readonly ok: false; readonly message: string };

/** None, or a proxy with a server name and a port; user name and password are optional. */
export function validateProxy(fields: ProxyFields): ProxyValidation {
  if (fields.type === 'none') return { ok: true, proxy: null };
  const host = fields.host.trim();
  if (host.length === 0 || /\s|\//u.test(host)) return { ok: false, message: t('Enter the proxy server name (no spaces).') };
  const port = parsePort(fields.port);
  if (port === null || port === 'invalid') return { ok: false, message: t('Enter the proxy port, a number from 1 to 65535.') };
  const username = fields.username.trim();
  return {
    ok: true,
    proxy: {
      type: fields.type,
      host,
      port,
      ...(username.length > 0 ? { username } : {}),
      ...(fields.password.length > 0 ? { password: fields.password } : {}),
    },
  };
}
