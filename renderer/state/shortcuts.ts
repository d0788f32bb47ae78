/**
 * Keyboard shortcuts (Settings lists them; "Keyboard shortcuts" shows them over the app): Ctrl/Cmd+K
 * the quick switcher, Ctrl/Cmd+F message search, Alt+Up/Down the previous or next conversation,
 * Ctrl/Cmd+, Settings, Ctrl/Cmd+/ (or F1) the help. Which key does what is a pure function (tested).
 */
import { create } from 'zustand';
import type { Unsubscribe } from '../../app/shared/contract.ts';
import { t } from '../i18n/i18n.ts';
import { nameOrder, selectDisplayName } from './derive.ts';
import type { ConversationRef, JabberState } from './model.ts';
import { openSettings } from './settings.ts';
import { update, useJabberStore } from './store.ts';
import { selectConversation } from './reducers.ts';

export type ShortcutAction = 'quick-switcher' | 'search' | 'previous-conversation' | 'next-conversation' | 'settings' | 'help';

const isMac = (): boolean => /Mac|iPhone|iPad/u.test(globalThis.navigator?.platform ?? '');
const MOD = isMac() ? 'Cmd' : 'Ctrl';

/** What each does is read when shown (getters), so it is in the language of the moment. */
export const SHORTCUTS: readonly { readonly keys: string; readonly action: string }[] = [
  { keys: `${MOD}+K`, get action() { return t('Go to a contact or conversation'); } },
  { keys: `${MOD}+F`, get action() { return t('Search messages'); } },
  { keys: 'Alt+Up', get action() { return t('Previous conversation'); } },
  { keys: 'Alt+Down', get action() { return t('Next conversation'); } },
  { keys: `${MOD}+,`, get action() { return t('Settings'); } },
  { keys: `${MOD}+/`, get action() { return t('Keyboard shortcuts'); } },
  { keys: 'Escape', get action() { return t('Close a dialog'); } },
];

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

/** The action a key press asks for, or null. `mac`: Cmd is the modifier (else Ctrl). */
export function shortcutFor(event: KeyInput, mac: boolean): ShortcutAction | null {
  const mod = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (mod && !event.altKey && !event.shiftKey) {
    if (key === 'k') return 'quick-switcher';
    if (key === 'f') return 'search';
    if (key === ',') return 'settings';
    if (key === '/') return 'help';
  }
  if (key === 'F1' && !event.ctrlKey && !event.metaKey && !event.altKey) return 'help';
  if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
    if (key === 'ArrowUp') return 'previous-conversation';
    if (key === 'ArrowDown') return 'next-conversation';
  }
  return null;
}

const lastTimestamp = (state: Pick<JabberState, 'messages'>, ref: ConversationRef): number => state.messages[ref.account]?.[ref.peer]?.at(-1)?.timestamp ?? 0;

/** Conversations with messages, the most recent first (the open one included even when empty). */
export function conversationOrder(state: Pick<JabberState, 'messages' | 'active'>): ConversationRef[] {
  const refs: ConversationRef[] = [];
  for (const [account, peers] of Object.entries(state.messages)) {
    for (const [peer, list] of Object.entries(peers)) if (list.length > 0) refs.push({ account, peer });
  }
  const active = state.active;
  if (active !== null && !refs.some((ref) => ref.account === active.account && ref.peer === active.peer)) refs.push(active);
  const names = nameOrder();
  return refs.sort((a, b) => lastTimestamp(state, b) - lastTimestamp(state, a) || names.compare(a.peer, b.peer));
}

/** The conversation before or after the open one in that order (wrapping round), or null when there is none. */
export function neighbourConversation(state: Pick<JabberState, 'messages' | 'active'>, step: 1 | -1): ConversationRef | null {
  const order = conversationOrder(state);
  if (order.length === 0) return null;
  const active = state.active;
  const index = active === null ? -1 : order.findIndex((ref) => ref.account === active.account && ref.peer === active.peer);
  if (index < 0) return order[step === 1 ? 0 : order.length - 1] ?? null;
  return order[(index + step + order.length) % order.length] ?? null;
}

export interface SwitcherEntry extends ConversationRef {
  readonly name: string;
}

/** Everyone the quick switcher can go to: every contact and conversation of every account, recent conversations first. */
export function switcherEntries(state: Pick<JabberState, 'messages' | 'active' | 'contacts' | 'cards'>, query: string): SwitcherEntry[] {
  const seen = new Set<string>();
  const entries: SwitcherEntry[] = [];
  const add = (ref: ConversationRef): void => {
    const key = `${ref.account}\n${ref.peer}`;
    if (seen.has(key)) return;
    seen.add(key);
    entries.push({ ...ref, name: selectDisplayName(state, ref) });
  };
  for (const ref of conversationOrder(state)) add(ref);
  const rest: ConversationRef[] = [];
  for (const [account, contacts] of Object.entries(state.contacts)) for (const peer of Object.keys(contacts)) rest.push({ account, peer });
  const names = nameOrder();
  rest.sort((a, b) => names.compare(selectDisplayName(state, a), selectDisplayName(state, b)));
  for (const ref of rest) add(ref);
  const fold = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const wanted = fold(query.trim());
  return wanted === '' ? entries : entries.filter((entry) => fold(entry.name).includes(wanted) || fold(entry.peer).includes(wanted));
}

// ---- the overlays the shortcuts open --------------------------------------------------------------

export interface OverlayState {
  readonly overlay: 'quick-switcher' | 'help' | null;
}

export const useOverlayStore = create<OverlayState>()(() => ({ overlay: null }));
export const useOverlay = (): OverlayState['overlay'] => useOverlayStore((state) => state.overlay);
export const openOverlay = (overlay: OverlayState['overlay']): void => useOverlayStore.setState({ overlay });
export const closeOverlay = (): void => useOverlayStore.setState({ overlay: null });

export function goToConversation(ref: ConversationRef): void {
  closeOverlay();
  update((state) => selectConversation(state, ref));
}

function run(action: ShortcutAction): boolean {
  switch (action) {
    case 'quick-switcher':
      openOverlay('quick-switcher');
      return true;
    case 'help':
      openOverlay('help');
      return true;
    case 'settings':
      closeOverlay();
      openSettings();
      return true;
    case 'search': {
      // The search field is named in the interface's language (the English name too, in case it is not translated).
      const names = [...new Set(['Search messages', t('Search messages')])].map((name) => `input[aria-label="${name.replace(/"/gu, '\\"')}"]`);
      const input = globalThis.document?.querySelector<HTMLInputElement>(names.join(', '));
      if (input === null || input === undefined) return false;
      input.focus();
      input.select();
      return true;
    }
    case 'previous-conversation':
    case 'next-conversation': {
      const next = neighbourConversation(useJabberStore.getState(), action === 'next-conversation' ? 1 : -1);
      if (next === null) return false;
      update((state) => selectConversation(state, next));
      return true;
    }
  }
}

export function bindShortcuts(): Unsubscribe {
  const mac = isMac();
  const onKeyDown = (event: KeyboardEvent): void => {
    const action = shortcutFor(event, mac);
    if (action === null) return;
    // A dialog (other than the overlays themselves) keeps its keys, except the help.
    if (globalThis.document?.querySelector('[role="dialog"]') !== null && action !== 'help' && useOverlayStore.getState().overlay === null) return;
    if (run(action)) event.preventDefault();
  };
  globalThis.document?.addEventListener('keydown', onKeyDown);
  return () => globalThis.document?.removeEventListener('keydown', onKeyDown);
}
