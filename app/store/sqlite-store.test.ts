import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageStore } from './message-store.ts';
import { openSqliteStore, snippetParts } from './sqlite-store.ts';
import { BOB, CAROL, ME, incoming, outgoing, tempDir } from './message-test-support.ts';

let dir: ReturnType<typeof tempDir>;
let store: MessageStore;
const clock = 1_000_000;
beforeEach(() => {
  dir = tempDir();
  store = openSqliteStore(dir.file(), { now: () => clock });
});
afterEach(() => {
  store.close();
  dir.remove();
});

const rowCount = (): number => {
  const db = new DatabaseSync(dir.file());
  try {
    return Number(db.prepare('SELECT count(*) AS n FROM messages').get()?.['n']);
  } finally {
    db.close();
  }
};
const bodies = (conversation = BOB): string[] => store.latest(conversation, 1000).messages.map((m) => m.body);

describe('dedup (XEP-0359)', () => {
  it('stores a message seen live, by carbon and from the archive once, with the stanza-id recorded', () => {
    const live = incoming('m1', 'hello', 1000, { originId: 'o1' });
    const carbon = incoming('m1', 'hello', 1001, { originId: 'o1', from: `${BOB}/laptop` });
    const archived = incoming('m1', 'hello', 1002, { originId: 'o1', stanzaId: 'arch-1' });
    expect(store.add(live)).toBe('added');
    expect(store.add(carbon)).toBe('duplicate');
    expect(store.add(archived)).toBe('duplicate');
    expect(rowCount()).toBe(1);
    expect(store.latest(BOB).messages[0]).toMatchObject({ id: 'm1', originId: 'o1', stanzaId: 'arch-1', body: 'hello' });
    // Once recorded, the stanza-id alone finds it (an archive copy that lost its origin-id).
    expect(store.add(incoming('other-id', 'hello', 5000, { stanzaId: 'arch-1' }))).toBe('duplicate');
    expect(rowCount()).toBe(1);
  });

  it('finds an origin-id that differs from the id', () => {
    expect(store.add(incoming('m1', 'hi', 1000, { originId: 'uuid-1' }))).toBe('added');
    expect(store.add(incoming('m1-resent', 'hi', 1000, { originId: 'uuid-1', stanzaId: 'arch-9' }))).toBe('duplicate');
    expect(store.latest(BOB).messages[0]).toMatchObject({ id: 'm1', originId: 'uuid-1', stanzaId: 'arch-9' });
  });

  it('merges by id attribute when neither copy has an origin-id (a client without XEP-0359)', () => {
    expect(store.add(incoming('42', 'old client', 1000))).toBe('added');
    expect(store.add(incoming('42', 'old client', 1500, { stanzaId: 'arch-42' }))).toBe('duplicate');
    expect(store.latest(BOB).messages).toHaveLength(1);
    expect(store.latest(BOB).messages[0]?.stanzaId).toBe('arch-42');
  });

  it('keeps the same id from two different senders apart', () => {
    expect(store.add(incoming('1', 'from bob', 1000))).toBe('added');
    expect(store.add(outgoing('1', 'from me', 1001))).toBe('added');
    expect(store.add(incoming('1', 'from carol', 1002, { conversation: CAROL, from: `${CAROL}/pc` }))).toBe('added');
    expect(rowCount()).toBe(3);
  });

  it('keeps a reused id apart when anything contradicts it (counter ids of old clients)', () => {
    store.add(incoming('1', 'monday', 1000, { stanzaId: 'arch-a' }));
    // Different stanza-id from the same archive: a different message.
    expect(store.add(incoming('1', 'monday', 2000, { stanzaId: 'arch-b' }))).toBe('added');
    // Different body: a different message.
    expect(store.add(incoming('1', 'tuesday', 3000))).toBe('added');
    // Same body but days later: a different message.
    expect(store.add(incoming('1', 'monday', 1000 + 3 * 24 * 3600 * 1000))).toBe('added');
    // Different origin-ids.
    store.add(incoming('7', 'ok', 10_000, { originId: 'x' }));
    expect(store.add(incoming('7', 'ok', 10_000, { originId: 'y' }))).toBe('added');
    expect(rowCount()).toBe(6);
  });

  it('an archive copy of an outbox message moves it to sent', () => {
    store.enqueueOutgoing(outgoing('o-1', 'typed offline', 1000, { originId: 'o-1' }));
    expect(store.add(outgoing('o-1', 'typed offline', 1200, { originId: 'o-1', stanzaId: 'arch-7' }))).toBe('duplicate');
    expect(store.latest(BOB).messages[0]).toMatchObject({ state: 'sent', stanzaId: 'arch-7' });
    expect(store.pendingOutgoing()).toEqual([]);
  });

  it('addMany is one transaction that also dedups inside the batch', () => {
    expect(store.addMany([incoming('a', 'x', 1, { originId: 'a' }), incoming('a', 'x', 2, { originId: 'a' }), incoming('b', 'y', 3)])).toEqual([
      'added',
      'duplicate',
      'added',
    ]);
    const bad = { ...incoming('c', 'z', 4), timestamp: 'soon' } as unknown as ReturnType<typeof incoming>;
    expect(() => store.addMany([incoming('d', 'w', 5), bad])).toThrow();
    expect(bodies()).toEqual(['x', 'y']); // nothing of the failed batch
    expect(store.add(incoming('e', 'v', 6))).toBe('added'); // the store still works afterwards
  });
});

describe('paging', () => {
  beforeEach(() => {
    // 25 messages, inserted out of order (a delayed one and an archive page arriving late).
    const messages = Array.from({ length: 25 }, (_, i) => incoming(`m${i}`, `body ${i}`, 1000 + i * 10));
    store.addMany([...messages.slice(10), ...messages.slice(0, 10)]);
    store.add(incoming('other', 'elsewhere', 1005, { conversation: CAROL, from: CAROL }));
  });

  it('the latest page is oldest first, with a cursor to older pages', () => {
    const latest = store.latest(BOB, 10);
    expect(latest.messages.map((m) => m.id)).toEqual(['m15', 'm16', 'm17', 'm18', 'm19', 'm20', 'm21', 'm22', 'm23', 'm24']);
    expect(latest.newer).toBeNull();
    expect(latest.older).toBe(latest.messages[0]?.cursor);
  });

  it('walks back to the first message, then forward again', () => {
    let page = store.latest(BOB, 10);
    const seen = [...page.messages.map((m) => m.id)];
    while (page.older !== null) {
      page = store.page(BOB, { before: page.older, limit: 10 });
      seen.unshift(...page.messages.map((m) => m.id));
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `m${i}`));
    expect(page.messages.map((m) => m.id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(page.newer).not.toBeNull();
    const forward = store.page(BOB, { after: page.newer ?? '', limit: 3 });
    expect(forward.messages.map((m) => m.id)).toEqual(['m5', 'm6', 'm7']);
  });

  it('orders messages with the same timestamp by arrival', () => {
    store.add(incoming('tie-a', 'a', 5000));
    store.add(incoming('tie-b', 'b', 5000));
    expect(store.latest(BOB, 2).messages.map((m) => m.id)).toEqual(['tie-a', 'tie-b']);
    const older = store.page(BOB, { before: store.latest(BOB, 1).older ?? '', limit: 1 });
    expect(older.messages.map((m) => m.id)).toEqual(['tie-a']);
  });

  it('opens a conversation around a message', () => {
    const target = store.latest(BOB, 25).messages[12];
    const around = store.around(BOB, target?.cursor ?? '', 6);
    expect(around.messages.map((m) => m.id)).toEqual(['m9', 'm10', 'm11', 'm12', 'm13', 'm14']);
    expect(around.older).not.toBeNull();
    expect(around.newer).not.toBeNull();
  });

  it('an unknown conversation is empty; a malformed cursor is an error', () => {
    expect(store.latest('nobody@example.test')).toEqual({ messages: [], older: null, newer: null });
    expect(() => store.page(BOB, { before: 'garbage' })).toThrow(RangeError);
  });

  it('lists conversations, the most recently active first', () => {
    expect(store.conversations().map((c) => [c.jid, c.last?.id])).toEqual([
      [BOB, 'm24'],
      [CAROL, 'other'],
    ]);
  });
});

describe('corrections (XEP-0308) and retractions (XEP-0424)', () => {
  it('a correction replaces the body, marks it edited and keeps the original', () => {
    store.add(incoming('m1', 'See you at 5', 1000, { originId: 'm1' }));
    expect(store.applyCorrection(BOB, BOB, 'm1', 'See you at 6', 'c1')).toBe('applied');
    expect(store.applyCorrection(BOB, BOB, 'm1', 'See you at 6', 'c1')).toBe('duplicate');
    // A second correction may name the original or the previous correction.
    expect(store.applyCorrection(BOB, BOB, 'c1', 'See you at 7', 'c2')).toBe('applied');
    const [message] = store.latest(BOB).messages;
    expect(message).toMatchObject({ body: 'See you at 7', edited: true });
    expect(store.versions(message?.cursor ?? '')).toEqual(['See you at 5', 'See you at 6']);
    // Search follows the correction.
    expect(store.search('7').map((hit) => hit.id)).toEqual(['m1']);
    expect(store.search('5')).toEqual([]);
    // A later archive copy of the original is still the same message.
    expect(store.add(incoming('m1', 'See you at 5', 1000, { stanzaId: 'arch-1' }))).toBe('duplicate');
  });

  it('an archive copy of a corrected message without origin-id is recognized by its original body', () => {
    store.add(incoming('m2', 'typo', 1000));
    store.applyCorrection(BOB, BOB, 'm2', 'fixed', 'c1');
    expect(store.add(incoming('m2', 'typo', 1000, { stanzaId: 'arch-2' }))).toBe('duplicate');
    expect(rowCount()).toBe(1);
  });

  it('only the sender can correct or retract', () => {
    store.add(incoming('m1', 'original', 1000));
    store.add(outgoing('mine', 'known sender', 900)); // both other JIDs are known to the store
    store.add(incoming('c1', 'from carol', 950, { conversation: CAROL, from: CAROL }));
    expect(store.applyCorrection(BOB, CAROL, 'm1', 'forged', 'c1')).toBe('not-found');
    expect(store.applyCorrection(BOB, ME, 'm1', 'forged', 'c1')).toBe('not-found');
    expect(store.applyRetraction(BOB, ME, 'm1')).toBe('not-found');
    expect(store.applyRetraction(BOB, CAROL, 'm1')).toBe('not-found');
    expect(bodies()).toEqual(['known sender', 'original']);
  });

  it('a retraction erases the text and its versions, keeps a tombstone, and stays retracted', () => {
    store.add(outgoing('m1', 'secret draft', 1000, { originId: 'o1' }));
    store.applyCorrection(BOB, ME, 'o1', 'secret final', 'c1');
    expect(store.applyRetraction(BOB, `${ME}/phone`, 'o1')).toBe('applied');
    expect(store.applyRetraction(BOB, ME, 'o1')).toBe('duplicate');
    const [message] = store.latest(BOB).messages;
    expect(message).toMatchObject({ id: 'm1', body: '', retracted: true });
    expect(store.versions(message?.cursor ?? '')).toEqual([]);
    expect(store.search('secret')).toEqual([]);
    expect(store.applyCorrection(BOB, ME, 'o1', 'back again', 'c2')).toBe('retracted');
    // The archive copy does not bring it back.
    expect(store.add(outgoing('m1', 'secret draft', 1000, { originId: 'o1', stanzaId: 'arch-1' }))).toBe('duplicate');
    expect(bodies()).toEqual(['']);
  });

  it('an unknown target is not-found', () => {
    expect(store.applyCorrection(BOB, BOB, 'nope', 'x', 'c')).toBe('not-found');
    expect(store.applyRetraction('nobody@example.test', BOB, 'nope')).toBe('not-found');
  });
});

describe('delivery state and outbox', () => {
  it('moves forward only', () => {
    store.add(outgoing('m1', 'hi', 1000, { originId: 'o1' }));
    expect(store.latest(BOB).messages[0]?.state).toBe('sent');
    expect(store.markState(BOB, 'm1', 'read')).toBe(true);
    expect(store.markState(BOB, 'm1', 'delivered')).toBe(false);
    expect(store.markSent('m1')).toBe(false);
    expect(store.latest(BOB).messages[0]?.state).toBe('read');
  });

  it('finds the message by origin-id or stanza-id, only in its conversation, only our own', () => {
    store.add(outgoing('m1', 'a', 1000, { originId: 'uuid-1', stanzaId: 'arch-1' }));
    store.add(incoming('m2', 'b', 1001));
    store.add(incoming('c1', 'c', 1002, { conversation: CAROL, from: CAROL }));
    expect(store.markState(CAROL, 'm1', 'read')).toBe(false); // a receipt from someone else
    expect(store.markState(BOB, 'm2', 'read')).toBe(false); // not ours
    expect(store.markState(BOB, 'uuid-1', 'delivered')).toBe(true);
    expect(store.markState(BOB, 'arch-1', 'read')).toBe(true);
    expect(store.latest(BOB).messages.map((m) => m.state)).toEqual(['read', undefined]);
  });

  it('the outbox survives closing and reopening the database, in order', () => {
    expect(store.enqueueOutgoing(outgoing('p1', 'first', 3000, { originId: 'p1' }))).toBe('added');
    expect(store.enqueueOutgoing(outgoing('p2', 'second', 2000, { originId: 'p2' }))).toBe('added');
    expect(store.enqueueOutgoing(outgoing('p3', 'third', 1000, { originId: 'p3', conversation: CAROL, to: CAROL }))).toBe('added');
    expect(store.enqueueOutgoing(outgoing('p1', 'first', 3000, { originId: 'p1' }))).toBe('duplicate');
    expect(() => store.enqueueOutgoing(incoming('x', 'x', 1))).toThrow(TypeError);
    store.close();

    store = openSqliteStore(dir.file());
    const pending = store.pendingOutgoing();
    expect(pending.map((m) => [m.id, m.conversation, m.state])).toEqual([
      ['p1', BOB, 'pending'],
      ['p2', BOB, 'pending'],
      ['p3', CAROL, 'pending'],
    ]);
    expect(store.markSent('p2')).toBe(true);
    expect(store.markSent('p2')).toBe(false);
    store.close();

    store = openSqliteStore(dir.file());
    expect(store.pendingOutgoing().map((m) => m.id)).toEqual(['p1', 'p3']);
    expect(store.latest(BOB).messages.map((m) => [m.id, m.state])).toEqual([
      ['p2', 'sent'],
      ['p1', 'pending'],
    ]);
  });

  it('a displayed marker reads every earlier own message that left us, not pending ones or later ones', () => {
    store.add(outgoing('m1', 'one', 1000));
    store.add(outgoing('m2', 'two', 2000));
    store.enqueueOutgoing(outgoing('p3', 'still pending', 2500));
    store.add(outgoing('m4', 'four', 3000));
    store.add(outgoing('m5', 'five', 4000));
    store.add(incoming('i1', 'theirs', 3500));
    expect(store.advanceState(BOB, 'm1', 'read', false).map((m) => m.id)).toEqual(['m1']);
    expect(store.advanceState(BOB, 'm4', 'read', true).map((m) => [m.id, m.state])).toEqual([['m2', 'read'], ['m4', 'read']]);
    expect(store.advanceState(BOB, 'm4', 'delivered', true)).toEqual([]); // never backwards
    expect(store.advanceState(CAROL, 'm5', 'read', true)).toEqual([]); // a marker from someone else
    expect(store.advanceState(BOB, 'i1', 'read', true)).toEqual([]); // not ours
    expect(store.latest(BOB).messages.map((m) => [m.id, m.state])).toEqual([
      ['m1', 'read'], ['m2', 'read'], ['p3', 'pending'], ['m4', 'read'], ['i1', undefined], ['m5', 'sent'],
    ]);
  });

  it('finds a message by any of its ids, of its own sender only', () => {
    store.add(outgoing('m1', 'mine', 1000, { originId: 'o1' }));
    store.add(incoming('b1', 'his', 1001));
    expect(store.findMessage(BOB, ME, 'o1')?.body).toBe('mine');
    expect(store.findMessage(BOB, ME, 'm1')?.body).toBe('mine');
    expect(store.findMessage(BOB, BOB, 'b1')?.body).toBe('his');
    expect(store.findMessage(BOB, BOB, 'm1')).toBeUndefined();
    expect(store.findMessage(CAROL, ME, 'm1')).toBeUndefined();
    expect(store.applyCorrection(BOB, ME, 'm1', 'mine, fixed', 'c1')).toBe('applied');
    expect(store.findMessage(BOB, ME, 'c1')).toMatchObject({ id: 'm1', body: 'mine, fixed', edited: true });
  });

  it('a receipt before the server ack also takes the message out of the outbox', () => {
    store.enqueueOutgoing(outgoing('p1', 'x', 1000));
    expect(store.markState(BOB, 'p1', 'delivered')).toBe(true);
    expect(store.pendingOutgoing()).toEqual([]);
  });
});

describe('full-text search', () => {
  beforeEach(() => {
    store.addMany([
      incoming('r1', 'Please send me your résumé before Friday', 1000),
      incoming('r2', 'The meeting moved to the café downstairs', 2000),
      outgoing('r3', 'I will meet you at the meeting point', 3000),
      incoming('r4', 'Exact phrase matters here, not phrase exact', 4000),
      incoming('r5', 'Meeting notes from Carol', 5000, { conversation: CAROL, from: CAROL }),
      incoming('r6', "Naïve question: what's the e-mail?", 6000),
    ]);
  });
  const ids = (query: string, conversation?: string): string[] => store.search(query, { conversation }).map((hit) => hit.id).sort();

  it('ignores diacritics both ways', () => {
    expect(ids('resume')).toEqual(['r1']);
    expect(ids('RÉSUMÉ')).toEqual(['r1']);
    expect(ids('cafe')).toEqual(['r2']);
    expect(ids('naive')).toEqual(['r6']);
  });

  it('matches plain words as prefixes', () => {
    expect(ids('meet')).toEqual(['r2', 'r3', 'r5']);
    expect(ids('meeting')).toEqual(['r2', 'r3', 'r5']);
    expect(ids('fri')).toEqual(['r1']);
    expect(ids('e-mail')).toEqual(['r6']);
  });

  it('matches quoted phrases exactly', () => {
    expect(ids('"exact phrase"')).toEqual(['r4']);
    expect(ids('"phrase exact"')).toEqual(['r4']);
    expect(ids('"meeting point"')).toEqual(['r3']);
    expect(ids('"point meeting"')).toEqual([]);
    expect(ids('"meet"')).toEqual(['r3']);
  });

  it('requires every term', () => {
    expect(ids('meeting cafe')).toEqual(['r2']);
    expect(ids('meeting "notes from"')).toEqual(['r5']);
  });

  it('filters by conversation', () => {
    expect(ids('meeting', BOB)).toEqual(['r2', 'r3']);
    expect(ids('meeting', CAROL)).toEqual(['r5']);
    expect(ids('meeting', 'nobody@example.test')).toEqual([]);
  });

  it('never throws on odd input', () => {
    for (const query of ['', '"', '"meeting', 'meeting"', '""""', '?!', '***', 'AND', 'OR NOT', 'NEAR(', 'body:x', '(meeting', '^', '-', '\u0000', 'a'.repeat(10_000)]) {
      expect(() => store.search(query)).not.toThrow();
    }
    expect(store.search('?!.,')).toEqual([]);
    expect(store.search('"')).toEqual([]);
    expect(ids('"meeting')).toEqual(['r2', 'r3', 'r5']);
    expect(ids('(meeting)')).toEqual(['r2', 'r3', 'r5']);
  });

  it('returns the newest matches first with a snippet and a cursor to open them', () => {
    const hits = store.search('meeting', { limit: 2 });
    expect(hits.map((hit) => hit.id)).toEqual(['r5', 'r3']);
    expect(hits[0]).toMatchObject({ conversation: CAROL, direction: 'in', from: CAROL, timestamp: 5000 });
    expect(hits[1]?.snippet).toEqual([
      { text: 'I will meet you at the ', match: false },
      { text: 'meeting', match: true },
      { text: ' point', match: false },
    ]);
    const page = store.around(BOB, hits[1]?.cursor ?? '', 3);
    expect(page.messages.map((m) => m.id)).toContain('r3');
  });

  it('can order by relevance', () => {
    expect(store.search('meeting', { order: 'relevance' }).map((hit) => hit.id).sort()).toEqual(['r2', 'r3', 'r5']);
  });
});

describe('snippetParts', () => {
  it('splits marked matches', () => {
    expect(snippetParts('a \u0002b\u0003 c \u0002d\u0003')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c ', match: false },
      { text: 'd', match: true },
    ]);
    expect(snippetParts('')).toEqual([]);
  });
});

describe('archive positions, settings, clear', () => {
  it('remembers the last archive id per archive, across a restart', () => {
    expect(store.lastArchiveId('account')).toBeUndefined();
    store.setLastArchiveId('account', 'arch-10');
    store.setLastArchiveId('room@conference.example.test', 'r-5');
    store.setLastArchiveId('account', 'arch-11');
    store.close();
    store = openSqliteStore(dir.file());
    expect(store.lastArchiveId('account')).toBe('arch-11');
    expect(store.lastArchiveId('room@conference.example.test')).toBe('r-5');
  });

  it('stores settings as JSON', () => {
    expect(store.getSetting('notifications')).toBeUndefined();
    store.setSetting('notifications', { sound: true, volume: 0.5, muted: ['x@y'] });
    store.setSetting('theme', 'dark');
    expect(store.getSetting('notifications')).toEqual({ sound: true, volume: 0.5, muted: ['x@y'] });
    store.setSetting('theme', undefined);
    expect(store.getSetting('theme')).toBeUndefined();
  });

  it('clear forgets history and archive positions but keeps the outbox and settings', () => {
    store.add(incoming('m1', 'old', 1000));
    store.enqueueOutgoing(outgoing('p1', 'unsent', 2000));
    store.setLastArchiveId('account', 'a');
    store.setSetting('k', 1);
    store.clear();
    expect(bodies()).toEqual(['unsent']);
    expect(store.search('old')).toEqual([]);
    expect(store.lastArchiveId('account')).toBeUndefined();
    expect(store.getSetting('k')).toBe(1);
  });

  it('refuses use after close', () => {
    store.close();
    expect(() => store.latest(BOB)).toThrow(/closed/);
    store = openSqliteStore(dir.file()); // for afterEach
  });
});

describe('unread counts', () => {
  // The baseline is the moment the history was created: messages stamped before it are not news.
  const later = Date.now() + 60_000;

  it('counts incoming messages after the read position, once each, and not our own', () => {
    store.add(incoming('a', 'one', later));
    store.add(incoming('a', 'one', later)); // a copy (carbon, archive): not counted again
    store.add(incoming('b', 'two', later + 1));
    store.add(outgoing('c', 'mine', later + 2));
    store.add(incoming('d', 'carol', later, { conversation: CAROL, from: `${CAROL}/pc` }));
    expect(store.unreadCount(BOB)).toBe(2);
    expect(store.unreadCounts()).toEqual(expect.arrayContaining([{ jid: BOB, unread: 2 }, { jid: CAROL, unread: 1 }]));
  });

  it('does not count what was stamped before the history existed (a first archive catch-up)', () => {
    store.add(incoming('old', 'from the archive', 1000, { stanzaId: 'arch-old' }));
    expect(store.unreadCount(BOB)).toBe(0);
    expect(store.unreadCounts()).toEqual([]);
  });

  it('reads up to the newest message, and a message stamped earlier that arrives later stays read', () => {
    store.add(incoming('a', 'one', later));
    store.add(incoming('b', 'two', later + 10));
    expect(store.markRead(BOB)).toBe(0);
    expect(store.unreadCount(BOB)).toBe(0);
    // Offline delivery: stamped before what was read, fetched after (the archive of another device's time).
    store.add(incoming('c', 'delayed', later + 5));
    expect(store.unreadCount(BOB)).toBe(0);
    store.add(incoming('d', 'new', later + 20));
    expect(store.unreadCount(BOB)).toBe(1);
  });

  it('reads up to a given time and never moves back', () => {
    store.add(incoming('a', 'one', later));
    store.add(incoming('b', 'two', later + 10));
    store.add(incoming('c', 'three', later + 20));
    expect(store.markRead(BOB, later + 10)).toBe(1);
    expect(store.markRead(BOB, later)).toBe(1);
    expect(store.unreadCounts()).toEqual([{ jid: BOB, unread: 1 }]);
  });

  it('a retracted unread message is no longer unread; clear forgets the counts', () => {
    store.add(incoming('a', 'one', later));
    store.add(incoming('b', 'two', later + 1));
    expect(store.applyRetraction(BOB, BOB, 'a')).toBe('applied');
    expect(store.unreadCount(BOB)).toBe(1);
    store.clear();
    expect(store.unreadCount(BOB)).toBe(0);
    store.add(incoming('e', 'again', later + 2));
    expect(store.unreadCount(BOB)).toBe(1);
  });

  it('an unknown conversation has nothing unread', () => {
    expect(store.unreadCount('nobody@example.test')).toBe(0);
    expect(store.markRead('nobody@example.test')).toBe(0);
  });
});
