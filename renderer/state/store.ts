/**
 * The zustand store, assembled from one slice per concern (zustand's slices pattern).
 * The slices hold data only; the actions live at module level (actions.ts, bind-events.ts)
 * and change the state through the pure functions of reducers.ts.
 */
import { create, type StateCreator } from 'zustand';
import {
  initialChats,
  initialConnection,
  initialPresence,
  initialRoster,
  type ChatsSliceState,
  type ConnectionSliceState,
  type JabberState,
  type PresenceSliceState,
  type RosterSliceState,
} from './model.ts';

type Slice<T> = StateCreator<JabberState, [], [], T>;

const createConnectionSlice: Slice<ConnectionSliceState> = () => ({ ...initialConnection });
const createRosterSlice: Slice<RosterSliceState> = () => ({ ...initialRoster });
const createPresenceSlice: Slice<PresenceSliceState> = () => ({ ...initialPresence });
const createChatsSlice: Slice<ChatsSliceState> = () => ({ ...initialChats });

export const useJabberStore = create<JabberState>()((...args) => ({
  ...createConnectionSlice(...args),
  ...createRosterSlice(...args),
  ...createPresenceSlice(...args),
  ...createChatsSlice(...args),
}));

/** Applies a pure transition to the store; a transition that returns its input changes nothing. */
export function update(transition: (state: JabberState) => Partial<JabberState>): void {
  useJabberStore.setState(transition);
}
