/**
 * Every SCRAM variant ejabberd 23.01 offers authenticates. ejabberd storing SCRAM hashes offers just
 * one variant and its -PLUS form, so one server per hash: on TLS 1.3 (no XEP-0440, so no guessed
 * binding: plain SCRAM) and on TLS 1.2 (-PLUS with tls-unique).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEjabberd, type EjabberdServer } from '../../../e2e/server/ejabberd.ts';
import { parseAccountJid } from '../../shared/jid.ts';
import { openStream } from '../stream/connection.ts';

const HASHES = [
  { hash: 'sha', name: 'SCRAM-SHA-1' },
  { hash: 'sha256', name: 'SCRAM-SHA-256' },
  { hash: 'sha512', name: 'SCRAM-SHA-512' },
] as const;

const servers = new Map<string, EjabberdServer>();

beforeAll(async () => {
  // Started one after the other: six Erlang VMs at once are too much for a two-core machine.
  for (const { hash } of HASHES) {
    for (const tls of ['TLSv1.3', 'TLSv1.2'] as const) {
      servers.set(`${hash}/${tls}`, await startEjabberd({ passwordFormat: 'scram', scramHash: hash, tlsMaxVersion: tls }));
    }
  }
}, 180_000);

afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.stop()));
}, 60_000);

const usedMechanism = (server: EjabberdServer): string | undefined =>
  [...readFileSync(server.logFile, 'utf8').matchAll(/Accepted c2s (\S+) authentication/gu)].at(-1)?.[1];

describe('each SCRAM variant ejabberd offers', () => {
  for (const { hash, name } of HASHES) {
    for (const [tls, expected] of [['TLSv1.3', name], ['TLSv1.2', `${name}-PLUS`]] as const) {
      it(`${expected} (${tls})`, async () => {
        const server = servers.get(`${hash}/${tls}`);
        if (server === undefined) throw new Error('server not started');
        const account = parseAccountJid(server.accounts.alice.jid);
        if (!account.ok) throw new Error(account.reason);
        const opened = await openStream({
          account: account.jid, password: server.accounts.alice.password, host: server.host, port: server.c2sPort,
          trustedCertificates: [server.caCertPem], stepTimeoutMs: 10_000,
        });
        await opened.entity.stop();
        await expect.poll(() => usedMechanism(server)).toBe(expected);
      });
    }
  }
});
