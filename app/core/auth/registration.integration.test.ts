/** XEP-0077 against the real Prosody: create an account, sign in with it, change its password. */
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { parseAccountJid } from '../../shared/jid.ts';
import { openStream } from '../stream/connection.ts';
import { registerAccount } from './registration.ts';
import { startSession } from '../session/session.ts';
import { quietSessionEvents } from '../service-test-support.ts';

const server = inject('testServer');

function options(jid: string, password: string) {
  const account = parseAccountJid(jid);
  if (!account.ok) throw new Error(account.reason);
  return { account: account.jid, password, host: server.host, port: server.c2sPort, trustedCertificates: [server.caCertPem], stepTimeoutMs: 5_000 };
}

const quietEvents = quietSessionEvents();

describe('in-band registration', () => {
  it('creates an account that can then sign in, and changes its password', async () => {
    const jid = `dave-${randomUUID().slice(0, 8)}@example.test`;
    await registerAccount(options(jid, 'first-password-1'));

    const session = await startSession(options(jid, 'first-password-1'), quietEvents);
    await session.changePassword('second-password-2');
    await session.stop();

    await expect(openStream(options(jid, 'first-password-1'))).rejects.toMatchObject({ appError: { code: 'auth-failed' } });
    const opened = await openStream(options(jid, 'second-password-2'));
    expect(opened.jid.startsWith(`${jid}/`)).toBe(true);
    await opened.entity.stop();
  });

  it('says the user name is taken when it is', async () => {
    await expect(registerAccount(options(server.accounts.bob.jid, 'whatever-123'))).rejects.toMatchObject({
      appError: { code: 'registration-failed', condition: 'conflict', message: expect.stringMatching(/already taken/u) },
    });
  });
});
