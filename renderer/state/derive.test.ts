import { describe, expect, it } from 'vitest';
import { selectContactJids, selectCurrentAccount, selectHasContacts, sortContacts } from './derive.ts';
import { initialState } from './model.ts';
import { applyAccounts, applyMessage, applyRoster, selectAccount } from './reducers.ts';
import { contact, message, summary } from './test-data.ts';

describe('sortContacts', () => {
  it('puts available contacts first (online, away, dnd, xa, offline), then sorts by name ignoring case', () => {
    const sorted = sortContacts([
      contact('z@x.org', 'zed', 'offline'),
      contact('a@x.org', 'Anna', 'offline'),
      contact('x@x.org', 'Xavier', 'xa'),
      contact('d@x.org', 'Dora', 'dnd'),
      contact('w@x.org', 'walter', 'away'),
      contact('b@x.org', 'bob', 'online'),
      contact('c@x.org', 'Alice', 'online'),
    ]);
    expect(sorted.map((c) => c.name)).toEqual(['Alice', 'bob', 'walter', 'Dora', 'Xavier', 'Anna', 'zed']);
  });
});

describe('accounts in the contact list', () => {
  const ME = 'me@example.com';
  const WORK = 'me@work.example';

  it('lists an account’s roster, then people who wrote without being in it (newest first)', () => {
    let state = applyAccounts(initialState, [summary(ME), summary(WORK)]);
    state = applyRoster(state, { account: ME, contacts: [contact('bob@x.org', 'Bob', 'offline'), contact('ann@x.org', 'Ann', 'online')] });
    state = applyMessage(state, { account: ME, message: message({ conversation: 'bob@x.org' }) });
    state = applyMessage(state, { account: ME, message: message({ conversation: 'old@x.org', timestamp: 1 }) });
    state = applyMessage(state, { account: ME, message: message({ conversation: 'new@x.org', timestamp: 2 }) });
    expect(selectContactJids(state, ME)).toEqual(['ann@x.org', 'bob@x.org', 'new@x.org', 'old@x.org']);
    expect(selectContactJids(state, WORK)).toEqual([]);
    expect(selectHasContacts(state, WORK)).toBe(false);
    state = applyMessage(state, { account: WORK, message: message({ conversation: 'bob@x.org' }) });
    expect(selectContactJids(state, WORK)).toEqual(['bob@x.org']);
    expect(selectHasContacts(state, WORK)).toBe(true);
  });

  it('shows nothing of a signed-out account', () => {
    let state = applyAccounts(initialState, [summary(ME, { status: 'disconnected' })]);
    state = applyMessage(state, { account: ME, message: message({ conversation: 'bob@x.org' }) });
    expect(selectContactJids(state, ME)).toEqual([]);
    expect(selectHasContacts(state, ME)).toBe(false);
  });

  it('acts on the chosen account while it exists, else on the first', () => {
    let state = applyAccounts(initialState, [summary(ME), summary(WORK)]);
    expect(selectCurrentAccount(state)?.account).toBe(ME);
    state = selectAccount(state, WORK);
    expect(selectCurrentAccount(state)?.account).toBe(WORK);
    state = applyAccounts(state, [summary(ME)]);
    expect(selectCurrentAccount(state)?.account).toBe(ME);
    expect(selectCurrentAccount(initialState)).toBeUndefined();
  });
});
