/**
 * Scrolling back past what is stored here: a conversation whose older messages exist only in the
 * server's archive (exchanged by another device before this profile existed) pages back into it.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startPeer } from '../../../../e2e/peer.ts';
import type { ChatMessage, MessagePage, Result } from '../../../shared/contract.ts';
import { createJabberService } from '../../service.ts';
import { freshUser } from '../../service-test-support.ts';

const server = inject('testServer');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('paging back into the archive', () => {
  it('reads older pages of a conversation from the server once the stored ones run out, in order, once', async () => {
    // Two fresh accounts: nothing else in their archives.
    const me = await freshUser(server, 'pager');
    const them = await freshUser(server, 'paged');

    // Another device of mine talked with them before: 120 messages, only in the archive.
    const phone = await startPeer(server, me, { resource: 'phone' });
    cleanups.push(() => phone.stop());
    const bodies = Array.from({ length: 120 }, (_, index) => `old ${String(index).padStart(3, '0')}`);
    for (const body of bodies) await phone.sendMessage(them.jid, body);
    await phone.stop();

    const service = createJabberService({ trustedCertificates: [server.caCertPem], connectTimeoutMs: 5_000, autoConnect: false });
    cleanups.push(() => service.dispose());
    value(await service.addAccount({ jid: me.jid, password: me.password, host: server.host, port: server.c2sPort }));

    const seen: ChatMessage[] = [];
    let page: MessagePage = value(await service.loadMessages({ account: me.jid, conversation: them.jid, limit: 40 }));
    seen.unshift(...page.messages);
    for (let guard = 0; page.older !== null && guard < 20; guard += 1) {
      page = value(await service.loadMessages({ account: me.jid, conversation: them.jid, before: page.older, limit: 40 }));
      seen.unshift(...page.messages);
    }
    expect(seen.map((message) => message.body)).toEqual(bodies);
    expect(seen.every((message) => message.direction === 'out')).toBe(true);
  });
});
