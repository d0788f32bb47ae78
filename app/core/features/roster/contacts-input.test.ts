import { describe, expect, it } from 'vitest';
import { MAX_CONTACT_NAME_LENGTH, MAX_GROUPS, parseAcceptSubscription, parseAddContact, parseContactRequest, parseUpdateContact } from './contacts-input.ts';

const account = 'alice@example.test';

describe('contact command input', () => {
  it('normalizes the JID, trims the name and cleans the groups', () => {
    expect(parseAddContact({ account, jid: ' Bob@Example.TEST/phone ', name: '  Bob  ', groups: [' Sales ', 'Sales', '', 'Ops'] })).toEqual({
      ok: true,
      value: { account, jid: 'bob@example.test', name: 'Bob', groups: ['Sales', 'Ops'] },
    });
    expect(parseAddContact({ account, jid: 'bob@example.test' })).toEqual({ ok: true, value: { account, jid: 'bob@example.test', name: '', groups: [] } });
  });

  it('refuses a missing or invalid JID, and the account itself', () => {
    expect(parseAddContact({ account, jid: '' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(parseAddContact({ account, jid: 'bob@@example' })).toMatchObject({ ok: false, error: { code: 'invalid-jid' } });
    expect(parseAddContact({ account, jid: 'Alice@example.test' })).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: /yourself/u } });
    expect(parseContactRequest({ account: 'not an account', jid: 'bob@example.test' })).toMatchObject({ ok: false, error: { code: 'invalid-jid' } });
    expect(parseContactRequest('bob')).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('refuses names and groups that are too long, not text, or hold control characters', () => {
    expect(parseAddContact({ account, jid: 'bob@example.test', name: 'x'.repeat(MAX_CONTACT_NAME_LENGTH + 1) })).toMatchObject({ ok: false });
    expect(parseAddContact({ account, jid: 'bob@example.test', name: 'Bob\u0007' })).toMatchObject({ ok: false });
    expect(parseAddContact({ account, jid: 'bob@example.test', name: 42 })).toMatchObject({ ok: false });
    expect(parseAddContact({ account, jid: 'bob@example.test', groups: 'Sales' })).toMatchObject({ ok: false });
    expect(parseAddContact({ account, jid: 'bob@example.test', groups: [1] })).toMatchObject({ ok: false });
    expect(parseAddContact({ account, jid: 'bob@example.test', groups: Array.from({ length: MAX_GROUPS + 1 }, (_, i) => `g${i}`) })).toMatchObject({ ok: false });
  });

  it('updates only what is given, and needs something to update', () => {
    expect(parseUpdateContact({ account, jid: 'bob@example.test', name: 'Robert' })).toEqual({ ok: true, value: { account, jid: 'bob@example.test', name: 'Robert' } });
    expect(parseUpdateContact({ account, jid: 'bob@example.test', groups: [] })).toEqual({ ok: true, value: { account, jid: 'bob@example.test', groups: [] } });
    expect(parseUpdateContact({ account, jid: 'bob@example.test' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('subscribes back by default when accepting', () => {
    expect(parseAcceptSubscription({ account, jid: 'bob@example.test' })).toMatchObject({ ok: true, value: { subscribeBack: true } });
    expect(parseAcceptSubscription({ account, jid: 'bob@example.test', subscribeBack: false })).toMatchObject({ ok: true, value: { subscribeBack: false } });
    expect(parseAcceptSubscription({ account, jid: 'bob@example.test', subscribeBack: 'yes' })).toMatchObject({ ok: false });
  });
});
