import { afterEach, describe, expect, it } from 'vitest';
import { interpretMessage } from '../chat/conversation-events.ts';
import { asMessageHistory, createMemoryHistory } from '../../../store/history-adapter.ts';
import { openSqliteStore } from '../../../store/sqlite-store.ts';
import { tempDir } from '../../../store/message-test-support.ts';
import { parseMessage } from '../../xml/message.ts';
import { parseStanzaXml } from '../../xml/parse-xml.ts';
import { messageReference, replyReference } from './references.ts';
import { parseReactionRestrictions, restrictionBroken } from './restrictions.ts';

const ME = 'alice@example.test';
const BOB = 'bob@example.test';
const parsed = (xml: string) => {
  const message = parseMessage(parseStanzaXml(xml));
  if (message === null) throw new Error('not a message');
  return message;
};
const fromBob = (inner: string, id = 'b1') => parsed(`<message from='${BOB}/phone' to='${ME}/desk' type='chat' id='${id}'>${inner}</message>`);
const reaction = (target: string, emojis: string[], id: string) =>
  fromBob(`<reactions xmlns='urn:xmpp:reactions:0' id='${target}'>${emojis.map((emoji) => `<reaction>${emoji}</reaction>`).join('')}</reactions><store xmlns='urn:xmpp:hints'/>`, id);
const original = { id: 'm1', conversation: BOB, direction: 'out' as const, from: `${ME}/desk`, to: BOB, body: 'Lunch?', timestamp: 1_000, state: 'sent' as const };

const dirs: (() => void)[] = [];
afterEach(() => {
  for (const remove of dirs.splice(0)) remove();
});

describe('incoming reactions', () => {
  it('a reaction is an update of the message it names, not a message (no unread count)', () => {
    const result = interpretMessage(reaction('m1', ['👍'], 'r1'), ME, 'live', 2_000);
    expect(result.message).toBeNull();
    expect(result.updates).toEqual([{ kind: 'reactions', conversation: BOB, sender: BOB, target: 'm1', emojis: ['👍'], timestamp: 2_000, id: 'r1' }]);
    expect(result.markable).toBeNull();
  });

  it('each set replaces the sender’s previous one; counts per emoji with who reacted; an empty set removes theirs', () => {
    const history = createMemoryHistory();
    history.add(original);
    expect(history.react(BOB, BOB, 'm1', ['👍', '😂'], 2_000, 'r1')?.reactions).toEqual([{ emoji: '👍', from: [BOB] }, { emoji: '😂', from: [BOB] }]);
    expect(history.react(BOB, ME, 'm1', ['👍'], 2_100, 'r2')?.reactions).toEqual([{ emoji: '👍', from: [BOB, ME] }, { emoji: '😂', from: [BOB] }]);
    // Bob's new set replaces his old one.
    expect(history.react(BOB, BOB, 'm1', ['❤️'], 3_000, 'r3')?.reactions).toEqual([{ emoji: '👍', from: [ME] }, { emoji: '❤️', from: [BOB] }]);
    expect(history.react(BOB, BOB, 'm1', [], 4_000, 'r4')?.reactions).toEqual([{ emoji: '👍', from: [ME] }]);
    expect(history.react(BOB, ME, 'm1', [], 4_100, 'r5')?.reactions).toBeUndefined();
    expect(history.unread(BOB)).toBe(0);
  });

  it('an archive replay changes nothing: the same reaction again is a duplicate, an older set never replaces a newer one', () => {
    const history = createMemoryHistory();
    history.add(original);
    expect(history.react(BOB, BOB, 'm1', ['👍'], 2_000, 'r1')).not.toBeNull();
    expect(history.react(BOB, BOB, 'm1', ['😂'], 3_000, 'r2')).not.toBeNull();
    expect(history.react(BOB, BOB, 'm1', ['👍'], 2_000, 'r1')).toBeNull();
    expect(history.react(BOB, BOB, 'm1', ['😂'], 3_000, 'r2')).toBeNull();
    expect(history.find(BOB, ME, 'm1')?.reactions).toEqual([{ emoji: '😂', from: [BOB] }]);
    // A reaction to a message we do not have is dropped.
    expect(history.react(BOB, BOB, 'nope', ['👍'], 5_000, 'r3')).toBeNull();
  });

  it('reactions and replies survive a restart', () => {
    const dir = tempDir();
    dirs.push(dir.remove);
    const first = asMessageHistory(openSqliteStore(dir.file(), { backgroundCheckpoints: false }));
    first.add(original);
    first.add({ id: 'm2', conversation: BOB, direction: 'in', from: `${BOB}/phone`, to: ME, body: 'Yes!', timestamp: 1_500, replyTo: { id: 'm1', to: `${ME}/desk`, quotedBody: 'Lunch?' } });
    first.react(BOB, BOB, 'm1', ['🙏'], 2_000, 'r1');
    first.close();
    const again = asMessageHistory(openSqliteStore(dir.file(), { backgroundCheckpoints: false }));
    const messages = again.conversation(BOB);
    expect(messages.find((message) => message.id === 'm1')?.reactions).toEqual([{ emoji: '🙏', from: [BOB] }]);
    expect(messages.find((message) => message.id === 'm2')?.replyTo).toEqual({ id: 'm1', to: `${ME}/desk`, quotedBody: 'Lunch?' });
    again.close();
  });
});

describe('references', () => {
  it('one-to-one: the origin-id or the id; group chat: only the room’s stanza-id', () => {
    expect(messageReference({ ...original, originId: 'o1' }, 'chat')).toBe('o1');
    expect(messageReference(original, 'chat')).toBe('m1');
    const room = { ...original, conversation: 'room@muc.example.test', from: 'room@muc.example.test/bob' };
    expect(messageReference(room, 'groupchat')).toBeNull();
    expect(messageReference({ ...room, stanzaId: 's9', stanzaIdBy: 'room@muc.example.test' }, 'groupchat')).toBe('s9');
    expect(replyReference({ ...room, stanzaId: 's9', stanzaIdBy: 'room@muc.example.test' }, 'groupchat')).toEqual({ id: 's9', to: 'room@muc.example.test/bob', quotedBody: 'Lunch?' });
  });
});

describe('restricted reactions (XEP-0444 §3.2)', () => {
  const info = parseStanzaXml(
    `<query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:xmpp:reactions:0'/><x xmlns='jabber:x:data' type='result'>` +
      `<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:reactions:0:restrictions</value></field>` +
      `<field var='max_reactions_per_user'><value>1</value></field><field var='allowlist'><value>💘</value><value>❤️</value></field></x></query>`,
  );
  it('reads the allowlist and the limit, and says what breaks them', () => {
    const restrictions = parseReactionRestrictions(info);
    expect(restrictions).toEqual({ allowlist: ['💘', '❤️'], maxReactionsPerUser: 1 });
    expect(restrictionBroken(['❤️'], restrictions)).toBeNull();
    expect(restrictionBroken(['👍'], restrictions)).toMatch(/only these reactions/u);
    expect(restrictionBroken(['💘', '❤️'], restrictions)).toMatch(/at most 1 reaction per/u);
    expect(parseReactionRestrictions(parseStanzaXml(`<query xmlns='http://jabber.org/protocol/disco#info'/>`))).toEqual({});
  });
});
