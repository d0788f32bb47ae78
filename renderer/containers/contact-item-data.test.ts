import { describe, expect, it } from 'vitest';
import type { ContactItemData } from '../components/ContactItem.tsx';
import { initialState, type JabberState } from '../state/model.ts';
import { applyContact, applyMessage, applyRoster, applyUnread, selectConversation } from '../state/reducers.ts';
import { contact, message } from '../state/test-data.ts';
import { contactItemData } from './contact-item-data.ts';

const ME = 'me@x.org';
const of = (state: JabberState, jid: string): ContactItemData => contactItemData({ ...state, lastActivity: {} }, ME, jid);

/** What React.memo does with a row's props: equal when every one is the same value (Object.is). */
function sameProps(a: ContactItemData, b: ContactItemData): boolean {
  const keys = Object.keys(a) as (keyof ContactItemData)[];
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}

describe('contactItemData', () => {
  const start = applyRoster(initialState, { account: ME, contacts: [contact('alice@x.org', 'Alice', 'online'), contact('bob@x.org', 'Bob', 'away')] });

  it("gives a contact's row the same props when only other contacts changed", () => {
    const alice = of(start, 'alice@x.org');
    let state = applyContact(start, { account: ME, contact: contact('bob@x.org', 'Bob', 'dnd', 'busy') });
    state = applyMessage(state, { account: ME, message: message({ conversation: 'bob@x.org' }) });
    state = selectConversation(state, { account: ME, peer: 'carol@x.org' });
    expect(sameProps(of(state, 'alice@x.org'), alice)).toBe(true);
    expect(sameProps(of(state, 'bob@x.org'), of(start, 'bob@x.org'))).toBe(false);
  });

  it('says what changed for the contact itself: presence, unread, open conversation', () => {
    let state = applyMessage(start, { account: ME, message: message({ conversation: 'alice@x.org' }) });
    state = applyUnread(state, { account: ME, conversation: 'alice@x.org', count: 1 });
    expect(of(state, 'alice@x.org')).toMatchObject({ unread: 1, active: false, awaitingAnswer: false, blocked: false, canBlock: false });
    state = selectConversation(state, { account: ME, peer: 'alice@x.org' });
    expect(of(state, 'alice@x.org')).toMatchObject({ unread: 0, active: true });
    state = applyContact(state, { account: ME, contact: contact('alice@x.org', 'Alice', 'xa') });
    expect(of(state, 'alice@x.org').contact?.presence.show).toBe('xa');
  });

  it('knows someone who wrote without being a contact', () => {
    const state = applyUnread(applyMessage(start, { account: ME, message: message({ conversation: 'stranger@y.org' }) }), { account: ME, conversation: 'stranger@y.org', count: 1 });
    expect(of(state, 'stranger@y.org')).toMatchObject({ contact: undefined, card: undefined, unread: 1 });
  });
});
