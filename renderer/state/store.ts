/**
 * The zustand store, assembled from one slice per concern (zustand's slices pattern).
 * The slices hold data only; the actions live at module level (actions.ts, bind-events.ts)
 * and change the state through the pure functions of reducers.ts.
 */
import { create, type StateCreator } from 'zustand';
import {
  initialAccounts,
  initialChats,
  initialContacts,
  initialProfiles,
  initialRoster,
  initialRooms,
  initialSignIn,
  type AccountsSliceState,
  type ChatsSliceState,
  type ContactsSliceState,
  type ProfilesSliceState,
  type JabberState,
  type RosterSliceState,
  type RoomsSliceState,
  type SignInSliceState,
} from './model.ts';

type Slice<T> = StateCreator<JabberState, [], [], T>;

const createAccountsSlice: Slice<AccountsSliceState> = () => ({ ...initialAccounts });
const createSignInSlice: Slice<SignInSliceState> = () => ({ ...initialSignIn });
const createRosterSlice: Slice<RosterSliceState> = () => ({ ...initialRoster });
const createChatsSlice: Slice<ChatsSliceState> = () => ({ ...initialChats });
const createContactsSlice: Slice<ContactsSliceState> = () => ({ ...initialContacts });
const createProfilesSlice: Slice<ProfilesSliceState> = () => ({ ...initialProfiles });
const createRoomsSlice: Slice<RoomsSliceState> = () => ({ ...initialRooms });

export const useJabberStore = create<JabberState>()((...args) => ({
  ...createAccountsSlice(...args),
  ...createSignInSlice(...args),
  ...createRosterSlice(...args),
  ...createChatsSlice(...args),
  ...createContactsSlice(...args),
  ...createProfilesSlice(...args),
  ...createRoomsSlice(...args),
}));

/** Applies a pure transition to the store; a transition that returns its input changes nothing. */
export function update(transition: (state: JabberState) => Partial<JabberState>): void {
  useJabberStore.setState(transition);
}
