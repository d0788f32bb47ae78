/**
 * Pure state transitions: (state, input) → state. No side effects, no api calls; unit-tested.
 * A transition that changes nothing returns its input, so subscribers are not woken.
 * Account-scoped events change only their account's part of the state.
 */
import { laterDeliveryState, type AccountId, type AccountSummary, type AppError, type ChatMessage, type Contact, type JabberEventPayloads, type Jid, type Snapshot, type TrustedAuthority } from '../../app/shared/contract.ts';
import type { AccountsSliceState, ChatsSliceState, ConversationRef, JabberState, RosterSliceState, SignInSliceState } from './model.ts';
import { applyBlocklist, applySubscriptionRequests } from './contacts-reducers.ts';
import { getIn, ofAccount, removeIn, setIn, without } from './per-account.ts';

type Payload<E extends keyof JabberEventPayloads> = JabberEventPayloads[E];

const isListed = (state: JabberState, account: AccountId): boolean => state.accounts.some((summary) => summary.account === account);

const sameRef = (a: ConversationRef | null, b: ConversationRef | null): boolean =>
  a === b || (a !== null && b !== null && a.account === b.account && a.peer === b.peer);

function updateSummary(state: JabberState, account: AccountId, change: (summary: AccountSummary) => AccountSummary): JabberState {
  if (!isListed(state, account)) return state;
  return { ...state, accounts: state.accounts.map((summary) => (summary.account === account ? change(summary) : summary)) };
}

// ---- roster -------------------------------------------------------------------------------

/** An account's whole roster, replacing what was there. */
export function applyRoster<S extends RosterSliceState>(state: S, { account, contacts }: Payload<'onRoster'>): S {
  return { ...state, contacts: { ...state.contacts, [account]: Object.fromEntries(contacts.map((contact) => [contact.jid, contact])) } };
}

/** One contact added or changed. */
export function applyContact<S extends RosterSliceState>(state: S, { account, contact }: Payload<'onContact'>): S {
  return { ...state, contacts: setIn(state.contacts, account, contact.jid, contact) };
}

/**
 * Many contacts changed (a presence flood): the account's record is copied once for all of them, not
 * once per contact. Later entries win, as if applied one by one.
 */
export function applyContacts<S extends RosterSliceState>(state: S, changes: readonly Payload<'onContact'>[]): S {
  if (changes.length === 0) return state;
  const copies = new Map<AccountId, Record<Jid, Contact>>();
  for (const { account, contact } of changes) {
    let record = copies.get(account);
    if (record === undefined) {
      record = { ...ofAccount(state.contacts, account) };
      copies.set(account, record);
    }
    record[contact.jid] = contact;
  }
  return { ...state, contacts: { ...state.contacts, ...Object.fromEntries(copies) } };
}

export function applyContactRemoved<S extends RosterSliceState>(state: S, { account, jid }: Payload<'onContactRemoved'>): S {
  const contacts = removeIn(state.contacts, account, jid);
  return contacts === state.contacts ? state : { ...state, contacts };
}

// ---- chats --------------------------------------------------------------------------------

const sameMessage = (a: ChatMessage, b: ChatMessage): boolean => a.id === b.id && a.direction === b.direction;

/**
 * `list` with `message` inserted in timestamp order (after any message with the same timestamp),
 * or null when the list already holds it.
 */
export function insertMessage(list: readonly ChatMessage[], message: ChatMessage): readonly ChatMessage[] | null {
  if (list.some((m) => sameMessage(m, message))) return null;
  let index = list.length;
  while (index > 0 && list[index - 1]!.timestamp > message.timestamp) index -= 1;
  return [...list.slice(0, index), message, ...list.slice(index)];
}

/** Nothing the UI shows differs: a copy of what is there already. */
const sameContent = (a: ChatMessage, b: ChatMessage): boolean =>
  a.body === b.body && a.timestamp === b.timestamp && laterState(a.state, b.state) === a.state && a.edited === b.edited && a.retracted === b.retracted &&
  sameReactions(a, b);

/** The reactions (XEP-0444) shown are the same: who reacted with what, in order. */
const sameReactions = (a: ChatMessage, b: ChatMessage): boolean => JSON.stringify(a.reactions ?? []) === JSON.stringify(b.reactions ?? []);

const laterState = laterDeliveryState;

/**
 * A live message: appended to its conversation. A message already there (same direction and id) is
 * replaced: its state, correction or retraction changed. Unread counts come from the core (onUnread).
 */
export function applyMessage<S extends ChatsSliceState>(state: S, { account, message }: Payload<'onMessage'>): S {
  const peer = message.conversation;
  const list = getIn(state.messages, account, peer) ?? [];
  const existing = list.findIndex((m) => sameMessage(m, message));
  if (existing >= 0) {
    const before = list[existing]!;
    if (sameContent(before, message)) return state;
    // Answers can cross: a late copy never moves a delivery state backwards.
    const newest = laterState(before.state, message.state) === message.state ? message : { ...message, state: before.state! };
    // An update that does not know the message's place in the history keeps the one it had.
    const next = newest.cursor === undefined && before.cursor !== undefined ? { ...newest, cursor: before.cursor } : newest;
    const replaced = [...list.slice(0, existing), next, ...list.slice(existing + 1)];
    return { ...state, messages: setIn(state.messages, account, peer, replaced) };
  }
  // A conversation showing an older stretch of its history (a search hit opened) shows the message once paged to the end.
  if ((getIn(state.windows, account, peer)?.newer ?? null) !== null) return state;
  const nextList = insertMessage(list, message);
  if (nextList === null) return state;
  return { ...state, messages: setIn(state.messages, account, peer, nextList) };
}

/**
 * Live messages in arrival order: the same as applyMessage for each in turn, but a run of new messages
 * that go at the end of their conversation (a burst) copies the list once and checks for duplicates
 * against one index, instead of scanning and copying the whole list for every message.
 */
export function applyMessages<S extends ChatsSliceState>(state: S, payloads: readonly Payload<'onMessage'>[]): S {
  let next = state;
  let run: { account: AccountId; peer: Jid; from: readonly ChatMessage[]; list: ChatMessage[]; keys: Set<string>; appended: boolean } | null = null;
  const close = (): void => {
    if (run?.appended === true) {
      next = { ...next, messages: setIn(next.messages, run.account, run.peer, run.list) };
      keysOfList.set(run.list, run.keys);
    } else if (run !== null) keysOfList.set(run.from, run.keys);
    run = null;
  };
  for (const payload of payloads) {
    const { account, message } = payload;
    const peer = message.conversation;
    if (run !== null && (run.account !== account || run.peer !== peer)) close();
    // A conversation showing an older stretch of its history does not take live messages.
    if (run === null && (getIn(next.windows, account, peer)?.newer ?? null) === null) {
      const list: readonly ChatMessage[] = getIn(next.messages, account, peer) ?? [];
      // The index moves to the new list (the old one is replaced): each is indexed at most once.
      const keys = keysOfList.get(list) ?? new Set(list.map(keyOf));
      keysOfList.delete(list);
      run = { account, peer, from: list, list: [...list], keys, appended: false };
    }
    const last = run?.list.at(-1);
    if (run !== null && !run.keys.has(keyOf(message)) && (last === undefined || last.timestamp <= message.timestamp)) {
      run.list.push(message);
      run.keys.add(keyOf(message));
      run.appended = true;
      continue;
    }
    close();
    next = applyMessage(next, payload);
  }
  close();
  return next;
}

const keyOf = (message: ChatMessage): string => `${message.direction}\u0000${message.id}`;
/** The keys of a list applyMessages built, so the next batch need not index it again. */
const keysOfList = new WeakMap<readonly ChatMessage[], Set<string>>();

/** Messages from history (a snapshot): merged in order and deduplicated, never counted as unread. */
export function applyHistory<S extends ChatsSliceState>(state: S, account: AccountId, history: readonly ChatMessage[]): S {
  if (history.length === 0) return state;
  const byPeer = new Map<Jid, ChatMessage[]>();
  for (const message of history) {
    const bucket = byPeer.get(message.conversation);
    if (bucket) bucket.push(message);
    else byPeer.set(message.conversation, [message]);
  }
  const conversations: Record<Jid, readonly ChatMessage[]> = { ...ofAccount(state.messages, account) };
  for (const [peer, incoming] of byPeer) {
    const merged: ChatMessage[] = [];
    const seen = new Set<string>();
    for (const message of [...(conversations[peer] ?? []), ...incoming]) {
      const key = `${message.direction}\u0000${message.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(message);
    }
    merged.sort((a, b) => a.timestamp - b.timestamp); // stable: equal timestamps keep arrival order
    conversations[peer] = merged;
  }
  return { ...state, messages: { ...state.messages, [account]: conversations } };
}

/** The peer's typing state; `active` (or anything but composing/paused) clears it. */
export function applyChatState<S extends ChatsSliceState>(state: S, { account, conversation, state: chatState }: Payload<'onChatState'>): S {
  const shown = chatState === 'composing' || chatState === 'paused';
  const current = getIn(state.typing, account, conversation);
  if (shown ? current === chatState : current === undefined) return state;
  return { ...state, typing: shown ? setIn(state.typing, account, conversation, chatState) : removeIn(state.typing, account, conversation) };
}

/** Starts (an id) or ends (null) correcting one of our messages in a conversation. */
export function setEditing<S extends ChatsSliceState>(state: S, { account, peer }: ConversationRef, id: string | null): S {
  if ((getIn(state.editing, account, peer) ?? null) === id) return state;
  return { ...state, editing: id === null ? removeIn(state.editing, account, peer) : setIn(state.editing, account, peer, id) };
}

/** A long archive catch-up started, went on, or ended. */
export function applyArchiveSync<S extends AccountsSliceState>(state: S, { account, syncing, fetched }: Payload<'onArchiveSync'>): S {
  if (syncing) return state.archiveSync[account] === fetched ? state : { ...state, archiveSync: { ...state.archiveSync, [account]: fetched } };
  if (!(account in state.archiveSync)) return state;
  const { [account]: _done, ...others } = state.archiveSync;
  return { ...state, archiveSync: others };
}

/** The core's count of a conversation's unread messages (more came, or it was read here or elsewhere). */
export function applyUnread<S extends ChatsSliceState>(state: S, { account, conversation, count }: Payload<'onUnread'>): S {
  if ((getIn(state.unread, account, conversation) ?? 0) === count) return state;
  const unread = count > 0 ? setIn(state.unread, account, conversation, count) : removeIn(state.unread, account, conversation);
  return { ...state, unread };
}

/** Opens a conversation (or none) and shows its unread count cleared until the core confirms (markRead). */
export function selectConversation<S extends ChatsSliceState>(state: S, conversation: ConversationRef | null): S {
  const unread = conversation === null ? state.unread : removeIn(state.unread, conversation.account, conversation.peer);
  if (sameRef(state.active, conversation) && unread === state.unread) return state;
  return { ...state, active: conversation, unread };
}

export function setDraft<S extends ChatsSliceState>(state: S, { account, peer }: ConversationRef, text: string): S {
  if ((getIn(state.drafts, account, peer) ?? '') === text) return state;
  const drafts = text === '' ? removeIn(state.drafts, account, peer) : setIn(state.drafts, account, peer, text);
  return { ...state, drafts };
}

// ---- accounts and connections -------------------------------------------------------------

/** What an account shows only while it has a session: its roster and the open conversation (unread counts stay: the core keeps them). */
function dropSession(state: JabberState, account: AccountId): JabberState {
  const contacts = without(state.contacts, account);
  const typing = without(state.typing, account);
  const active = state.active?.account === account ? null : state.active;
  const subscriptionRequests = without(state.subscriptionRequests, account);
  const blocked = without(state.blocked, account);
  const blockingSupported = without(state.blockingSupported, account);
  if (
    contacts === state.contacts && active === state.active && typing === state.typing &&
    subscriptionRequests === state.subscriptionRequests && blocked === state.blocked && blockingSupported === state.blockingSupported
  ) return state;
  return { ...state, contacts, active, typing, subscriptionRequests, blocked, blockingSupported };
}

/** Everything of an account, for one that was removed. */
function forgetAccount(state: JabberState, account: AccountId): JabberState {
  const base = dropSession(state, account);
  return { ...base, messages: without(base.messages, account), unread: without(base.unread, account), drafts: without(base.drafts, account), windows: without(base.windows, account) };
}

/**
 * The account list changed. Accounts that were listed and are gone are forgotten; data of an account
 * not listed yet (one being added, whose roster arrives before it is stored) is kept.
 */
export function applyAccounts(state: JabberState, accounts: readonly AccountSummary[]): JabberState {
  const listed = new Set(accounts.map((summary) => summary.account));
  let next: JabberState = { ...state, accounts };
  for (const { account } of state.accounts) {
    if (listed.has(account)) continue;
    next = forgetAccount(next, account);
    if (next.selected === account) next = { ...next, selected: null };
  }
  return next;
}

/** A new connection state. Disconnected drops what only a session shows (the history stays for the next one). */
export function applyConnectionState(state: JabberState, { account, connection }: Payload<'onConnectionState'>): JabberState {
  const next = updateSummary(state, account, (summary) => ({ ...summary, connection }));
  return connection.status === 'disconnected' ? dropSession(next, account) : next;
}

export function applyOwnPresence(state: JabberState, { account, presence }: Payload<'onOwnPresence'>): JabberState {
  return updateSummary(state, account, (summary) => ({ ...summary, ownPresence: presence }));
}

/** Draws everything from a snapshot (startup, or a page reloaded while sessions are up). */
export function applySnapshot(state: JabberState, snapshot: Snapshot): JabberState {
  let next = applyAccounts(state, snapshot.accounts.map(({ contacts: _contacts, messages: _messages, ...summary }) => summary));
  for (const { account, connection, contacts, messages, subscriptionRequests, blocked, blockingSupported, unread } of snapshot.accounts) {
    next = connection.status === 'disconnected' ? dropSession(next, account) : applyRoster(next, { account, contacts });
    if (connection.status !== 'disconnected') {
      next = applySubscriptionRequests(next, { account, requests: subscriptionRequests ?? [] });
      next = applyBlocklist(next, { account, blocked: blocked ?? [], supported: blockingSupported ?? false });
    }
    next = applyHistory(next, account, messages);
    // The core's counts: a reload keeps them.
    next = { ...next, unread: Object.keys(unread ?? {}).length > 0 ? { ...next.unread, [account]: { ...unread } } : without(next.unread, account) };
  }
  return { ...next, trustedAuthorities: snapshot.trustedAuthorities, loaded: true, ...(snapshot.policy !== undefined ? { policy: snapshot.policy } : {}) };
}

export const applyTrustedAuthorities = (state: JabberState, trustedAuthorities: readonly TrustedAuthority[]): JabberState => ({ ...state, trustedAuthorities });

/** No snapshot could be had: draw what is known (nothing) rather than wait forever. */
export const markLoaded = (state: JabberState): JabberState => (state.loaded ? state : { ...state, loaded: true });

/** Chooses the account the top bar and "My status" act on (it may be listed a moment later: just added). */
export function selectAccount<S extends JabberState>(state: S, account: AccountId): S {
  return state.selected === account ? state : { ...state, selected: account };
}

// ---- adding an account ----------------------------------------------------------------------

export function openAddAccount<S extends SignInSliceState>(state: S): S {
  return { ...state, adding: true, signInError: null };
}

export function closeAddAccount<S extends SignInSliceState>(state: S): S {
  return { ...state, adding: false, signingIn: false, signInError: null };
}

export function startSignIn<S extends SignInSliceState>(state: S): S {
  return { ...state, signingIn: true, signInError: null };
}

export function finishSignIn<S extends SignInSliceState>(state: S, error: AppError | null): S {
  return { ...state, signingIn: false, signInError: error };
}
