/**
 * Account settings behind one small interface: the list of configured accounts, in order, without
 * any secret. Passwords never go through here; they belong to the SecretStore (secret-store.ts).
 */
import type { AccountId, AccountProxy, TrustedCertificate } from '../shared/contract.ts';
import { formatBare, parseAccountJid } from '../shared/jid.ts';

export interface AccountSettings {
  /** Bare JID, normalized. */
  readonly jid: AccountId;
  /** Connect here instead of resolving the domain's SRV records. */
  readonly host?: string;
  readonly port?: number;
  /** The user wants it online: it connects at start when its password is saved. */
  readonly enabled: boolean;
  /** Connect through this proxy (its password, if any, is in the secret store). */
  readonly proxy?: AccountProxy;
  /** Certificates the user trusted for this account (pinned by fingerprint). */
  readonly trustedCertificates?: readonly TrustedCertificate[];
}

export interface AccountStore {
  /** The stored list, in order; empty when nothing was stored yet. */
  load(): Promise<readonly AccountSettings[]>;
  /** Replaces the stored list. */
  save(accounts: readonly AccountSettings[]): Promise<void>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only the fields we know, in a fixed shape: nothing else (a password least of all) can be written by accident. */
export function toStoredSettings(settings: AccountSettings): AccountSettings {
  return {
    jid: settings.jid,
    ...(settings.host !== undefined ? { host: settings.host } : {}),
    ...(settings.port !== undefined ? { port: settings.port } : {}),
    enabled: settings.enabled,
    ...(settings.proxy !== undefined ? { proxy: storedProxy(settings.proxy) } : {}),
    ...(settings.trustedCertificates !== undefined && settings.trustedCertificates.length > 0
      ? { trustedCertificates: settings.trustedCertificates.map(storedCertificate) }
      : {}),
  };
}

function storedCertificate(certificate: TrustedCertificate): TrustedCertificate {
  const { fingerprintSha256, subject, issuer, validFrom, validTo } = certificate;
  return { fingerprintSha256, subject, issuer, validFrom, validTo };
}

function parseCertificate(value: unknown): TrustedCertificate | null {
  if (!isRecord(value)) return null;
  const { fingerprintSha256, subject, issuer, validFrom, validTo } = value;
  if (typeof fingerprintSha256 !== 'string' || !/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/u.test(fingerprintSha256)) return null;
  if (typeof subject !== 'string' || typeof issuer !== 'string' || typeof validFrom !== 'string' || typeof validTo !== 'string') return null;
  return { fingerprintSha256, subject, issuer, validFrom, validTo };
}

function storedProxy(proxy: AccountProxy): AccountProxy {
  return { type: proxy.type, host: proxy.host, port: proxy.port, ...(proxy.username !== undefined ? { username: proxy.username } : {}) };
}

/** A proxy as stored or typed: a known type, a host without spaces, a valid port; null when unusable. */
export function parseProxy(value: unknown): AccountProxy | null {
  if (!isRecord(value) || (value.type !== 'socks5' && value.type !== 'http')) return null;
  const { host, port, username } = value;
  if (typeof host !== 'string' || host.length === 0 || /\s|\//u.test(host)) return null;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  if (username !== undefined && (typeof username !== 'string' || username.length > 255)) return null;
  return storedProxy({ type: value.type, host, port, ...(typeof username === 'string' && username.length > 0 ? { username } : {}) });
}

/** Checks one stored entry (the file may have been edited or damaged); null when it is unusable. */
export function parseAccountSettings(value: unknown): AccountSettings | null {
  if (!isRecord(value) || typeof value.jid !== 'string' || typeof value.enabled !== 'boolean') return null;
  const jid = parseAccountJid(value.jid);
  if (!jid.ok || jid.jid.resource !== '') return null;
  const host = value.host;
  if (host !== undefined && (typeof host !== 'string' || host.length === 0 || /\s|\//u.test(host))) return null;
  const port = value.port;
  if (port !== undefined && (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)) return null;
  const proxy = value.proxy === undefined ? undefined : parseProxy(value.proxy);
  if (proxy === null) return null;
  const certificates = Array.isArray(value.trustedCertificates) ? value.trustedCertificates.map(parseCertificate) : [];
  // A damaged pin is dropped (the user is asked again), never turned into trust.
  const trustedCertificates = certificates.filter((certificate): certificate is TrustedCertificate => certificate !== null);
  return toStoredSettings({ jid: formatBare(jid.jid), host, port, enabled: value.enabled, ...(proxy !== undefined ? { proxy } : {}), trustedCertificates });
}

/** For tests, and wherever nothing may be written to disk. */
export function createMemoryAccountStore(initial: readonly AccountSettings[] = []): AccountStore {
  let stored = initial.map(toStoredSettings);
  return {
    async load() {
      return stored.map((settings) => ({ ...settings }));
    },
    async save(accounts) {
      stored = accounts.map(toStoredSettings);
    },
  };
}
