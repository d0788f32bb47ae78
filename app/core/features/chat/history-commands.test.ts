/** Paging and search commands, against the memory history and the SQLite store, and through the service. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage, MessagePage } from '../../../shared/contract.ts';
import type { Result } from '../../../shared/result.ts';
import { createMemoryAccountStore } from '../../../store/account-store.ts';
import { asMessageHistory, createMemoryHistory } from '../../../store/history-adapter.ts';
import type { MessageHistory } from '../../../store/message-history.ts';
import { openSqliteStore } from '../../../store/sqlite-store.ts';
import { tempDir } from '../../../store/message-test-support.ts';
import { createHistoryCommands } from './history-commands.ts';
import { createJabberService } from '../../service.ts';

const ALICE = 'alice@example.test';
const CAROL_ACCOUNT = 'carol@example.test';
const BOB = 'bob@example.test';
const DAVE = 'dave@example.test';

const message = (index: number, body: string, conversation = BOB, direction: ChatMessage['direction'] = 'in'): ChatMessage => ({
  id: `m${index}`,
  conversation,
  direction,
  from: direction === 'in' ? `${conversation}/phone` : `${ALICE}/desktop`,
  to: direction === 'in' ? ALICE : conversation,
  body,
  timestamp: 1_700_000_000_000 + index * 1000,
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const histories: Record<string, () => MessageHistory> = {
  memory: () => createMemoryHistory(),
  sqlite: () => {
    const dir = tempDir();
    const history = asMessageHistory(openSqliteStore(dir.file()));
    cleanups.push(() => dir.remove(), () => history.close());
    return history;
  },
};

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
};
const ids = (page: MessagePage): string[] => page.messages.map((m) => m.id);

describe.each(Object.keys(histories))('history commands over the %s history', (kind) => {
  function setUp(count = 120): { commands: ReturnType<typeof createHistoryCommands>; alice: MessageHistory; carol: MessageHistory } {
    const alice = histories[kind]!();
    const carol = histories[kind]!();
    for (let i = 0; i < count; i += 1) alice.add(message(i, i === 7 ? 'The quarterly report is ready' : `message number ${i}`));
    alice.add(message(1000, 'Café tomorrow? report first', DAVE, 'out'));
    carol.add(message(2000, 'Carol’s own report', BOB));
    const byAccount = new Map([[ALICE, alice], [CAROL_ACCOUNT, carol]]);
    return { commands: createHistoryCommands({ accounts: () => [...byAccount.keys()], history: (account) => byAccount.get(account) }), alice, carol };
  }

  it('loads the newest page, then older pages back to the first message, each with cursors', async () => {
    const { commands } = setUp();
    const newest = value(await commands.loadMessages({ account: ALICE, conversation: BOB, limit: 50 }));
    expect(ids(newest)).toEqual(Array.from({ length: 50 }, (_, i) => `m${70 + i}`));
    expect(newest.newer).toBeNull();
    expect(newest.messages.every((m) => typeof m.cursor === 'string')).toBe(true);
    const older = value(await commands.loadMessages({ account: ALICE, conversation: BOB, before: newest.older!, limit: 50 }));
    expect(ids(older)).toEqual(Array.from({ length: 50 }, (_, i) => `m${20 + i}`));
    const oldest = value(await commands.loadMessages({ account: ALICE, conversation: BOB, before: older.older!, limit: 50 }));
    expect(ids(oldest)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
    expect(oldest.older).toBeNull();
  });

  it('opens a search hit in context, and pages newer from there to the end', async () => {
    const { commands } = setUp();
    const [hit] = value(await commands.searchMessages({ query: 'quarterly', account: ALICE }));
    expect(hit).toMatchObject({ account: ALICE, conversation: BOB, id: 'm7', direction: 'in', from: `${BOB}/phone`, timestamp: message(7, '').timestamp });
    expect(hit!.snippet.filter((part) => part.match).map((part) => part.text)).toEqual(['quarterly']);
    expect(hit!.snippet.map((part) => part.text).join('')).toContain('report is ready');
    const around = value(await commands.loadMessages({ account: ALICE, conversation: BOB, around: hit!.cursor, limit: 20 }));
    expect(ids(around)).toContain('m7');
    expect(ids(around)[0]).toBe('m0');
    expect(around.older).toBeNull();
    expect(around.newer).not.toBeNull();
    const newer = value(await commands.loadMessages({ account: ALICE, conversation: BOB, after: around.newer!, limit: 500 }));
    expect(ids(newer)[0]).toBe(`m${around.messages.length}`);
    expect(ids(newer).at(-1)).toBe('m119');
    expect(newer.newer).toBeNull();
  });

  it('searches every account (newest first), one account, or one conversation; accents and case ignored', async () => {
    const { commands } = setUp();
    const all = value(await commands.searchMessages({ query: 'REPORT' }));
    expect(all.map((hit) => [hit.account, hit.id])).toEqual([[CAROL_ACCOUNT, 'm2000'], [ALICE, 'm1000'], [ALICE, 'm7']]);
    expect(value(await commands.searchMessages({ query: 'report', account: ALICE, conversation: DAVE })).map((hit) => hit.id)).toEqual(['m1000']);
    expect(value(await commands.searchMessages({ query: 'cafe', account: ALICE })).map((hit) => hit.id)).toEqual(['m1000']);
    expect(value(await commands.searchMessages({ query: 'report', limit: 1 }))).toHaveLength(1);
    expect(value(await commands.searchMessages({ query: '  ' }))).toEqual([]);
    expect(value(await commands.searchMessages({ query: 'nothing-like-this' }))).toEqual([]);
  });

  it('refuses bad input with a clear error', async () => {
    const { commands } = setUp();
    const bad = [
      await commands.loadMessages({ account: ALICE }),
      await commands.loadMessages({ account: ALICE, conversation: BOB, limit: 0 }),
      await commands.loadMessages({ account: ALICE, conversation: BOB, limit: 501 }),
      await commands.loadMessages({ account: ALICE, conversation: BOB, before: 'x:1', after: 'y:2' }),
      await commands.loadMessages({ account: ALICE, conversation: BOB, before: 42 }),
      await commands.loadMessages({ account: ALICE, conversation: BOB, around: 'not a cursor' }),
      await commands.searchMessages({}),
      await commands.searchMessages({ query: 'x'.repeat(501) }),
      await commands.searchMessages({ query: 'x', limit: 1.5 }),
    ];
    for (const result of bad) expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await commands.loadMessages({ account: ALICE, conversation: 'not a jid@' })).toMatchObject({ ok: false, error: { code: 'invalid-jid' } });
    expect(await commands.loadMessages({ account: 'nobody@example.test', conversation: BOB })).toMatchObject({ ok: false, error: { message: /not one of your accounts/u } });
    expect(await commands.searchMessages({ query: 'x', account: 'nobody@example.test' })).toMatchObject({ ok: false, error: { message: /not one of your accounts/u } });
  });

  it('answers an empty page for a conversation with no history', async () => {
    const { commands } = setUp();
    expect(value(await commands.loadMessages({ account: ALICE, conversation: 'nobody@example.test' }))).toEqual({ messages: [], older: null, newer: null });
  });
});

describe('history commands through the service', () => {
  it('reads the history of a configured account, and only of one', async () => {
    const history = createMemoryHistory();
    history.add(message(1, 'hello there'));
    const service = createJabberService({ autoConnect: false }, { accountStore: createMemoryAccountStore([{ jid: ALICE, enabled: false }]), openHistory: () => history, log: () => {} });
    cleanups.push(() => void service.dispose());
    expect(ids(value(await service.loadMessages({ account: ALICE, conversation: BOB })))).toEqual(['m1']);
    expect(value(await service.searchMessages({ query: 'hello' })).map((hit) => [hit.account, hit.id])).toEqual([[ALICE, 'm1']]);
    expect(await service.loadMessages({ account: CAROL_ACCOUNT, conversation: BOB })).toMatchObject({ ok: false });
    // The snapshot's messages carry their cursors, so the UI can page on from them.
    const snapshot = value(await service.getSnapshot());
    expect(snapshot.accounts[0]?.messages[0]?.cursor).toEqual(expect.any(String));
  });
});
