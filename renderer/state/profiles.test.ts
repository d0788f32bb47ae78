import { describe, expect, it } from 'vitest';
import type { Contact, ContactCard, Snapshot } from '../../app/shared/contract.ts';
import { shownName } from '../avatar/names.ts';
import { initialState } from './model.ts';
import { applyCardsFromSnapshot, applyContactCard } from './profiles.ts';

const avatar = { hash: 'a'.repeat(40), type: 'image/png' as const, dataUrl: 'data:image/png;base64,AAAA' };
const contact = (name: string): Contact => ({
  jid: 'bob@example.test', name, groups: [], subscription: 'both', pendingOut: false, presence: { show: 'online', status: '' }, resources: [],
});

describe('profiles slice', () => {
  it('keeps cards per account and contact, and forgets empty ones', () => {
    const card: ContactCard = { avatar, nickname: '' };
    const withCard = applyContactCard(initialState, { account: 'alice@example.test', jid: 'bob@example.test', card });
    expect(withCard.cards['alice@example.test']?.['bob@example.test']).toEqual(card);
    const cleared = applyContactCard(withCard, { account: 'alice@example.test', jid: 'bob@example.test', card: { avatar: null, nickname: '' } });
    expect(cleared.cards).toEqual({});
    expect(applyContactCard(cleared, { account: 'alice@example.test', jid: 'bob@example.test', card: { avatar: null, nickname: '' } })).toBe(cleared);
  });

  it('takes the cards of a snapshot', () => {
    const snapshot = { accounts: [{ account: 'alice@example.test', cards: { 'bob@example.test': { avatar, nickname: 'Bobby' } } }], trustedAuthorities: [] } as unknown as Snapshot;
    expect(applyCardsFromSnapshot(initialState, snapshot).cards['alice@example.test']?.['bob@example.test']?.nickname).toBe('Bobby');
  });

  it('shows the nickname only where the roster has no name', () => {
    expect(shownName(contact('bob'), { avatar: null, nickname: 'Bobby' })).toBe('Bobby');
    expect(shownName(contact('Robert'), { avatar: null, nickname: 'Bobby' })).toBe('Robert');
    expect(shownName(contact('bob'), undefined)).toBe('bob');
  });
});
