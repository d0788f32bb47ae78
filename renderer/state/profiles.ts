/** Avatars, nicknames and profiles: pure transitions of the profiles slice, and the actions views call. */
import type { AccountId, AvatarImage, ContactCard, ContactDevice, JabberEventPayloads, Jid, Profile, Result, Snapshot } from '../../app/shared/contract.ts';
import { getApi } from '../api.ts';
import { call } from './actions.ts';
import type { ConversationRef, ProfilesSliceState } from './model.ts';
import { removeIn, setIn } from './per-account.ts';
import { update } from './store.ts';

const isEmpty = (card: ContactCard): boolean => card.avatar === null && card.nickname === '';

export function applyContactCard<S extends ProfilesSliceState>(state: S, { account, jid, card }: JabberEventPayloads['onContactCard']): S {
  const cards = isEmpty(card) ? removeIn(state.cards, account, jid) : setIn(state.cards, account, jid, card);
  return cards === state.cards ? state : { ...state, cards };
}

/** The snapshot's cards replace what was known of each account it names. */
export function applyCardsFromSnapshot<S extends ProfilesSliceState>(state: S, snapshot: Snapshot): S {
  const cards = { ...state.cards };
  for (const { account, cards: known } of snapshot.accounts) cards[account] = { ...(known ?? {}) };
  return { ...state, cards };
}

export function setProfileDialog<S extends ProfilesSliceState>(state: S, profileDialog: ConversationRef | null): S {
  return state.profileDialog === profileDialog ? state : { ...state, profileDialog };
}

export const openProfile = (ref: ConversationRef): void => update((state) => setProfileDialog(state, ref));
export const closeProfile = (): void => update((state) => setProfileDialog(state, null));

export const getProfile = (account: AccountId, jid: Jid): Promise<Result<Profile>> => call(() => getApi().getProfile({ account, jid }));
export const setProfile = (account: AccountId, profile: Profile): Promise<Result<null>> => call(() => getApi().setProfile({ account, profile }));
export const setAvatar = (account: AccountId, type: 'image/png' | 'image/jpeg', base64: string): Promise<Result<AvatarImage>> =>
  call(() => getApi().setAvatar({ account, type, base64 }));
export const getDevices = (account: AccountId, jid: Jid): Promise<Result<readonly ContactDevice[]>> => call(() => getApi().getDevices({ account, jid }));
export const removeAvatar = (account: AccountId): Promise<Result<null>> => call(() => getApi().removeAvatar({ account }));
