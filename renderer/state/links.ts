/**
 * xmpp: links (RFC 5122) in the renderer: from the system (the host's takeOpenUris and onOpenUri), from
 * messages (a click on an xmpp: link) and, in the browser mode, from the page's `?uri=`. A link never acts
 * by itself: it opens a confirmation (XmppLinkDialogContainer) and only the user's click carries it out.
 */
import { create } from 'zustand';
import type { AccountId, AccountSummary, JabberApi, Jid, Phrase, Result, Unsubscribe } from '../../app/shared/contract.ts';
import { fail, ok } from '../../app/shared/result.ts';
import { parseXmppUri, type XmppUri } from '../../app/shared/xmpp-uri.ts';
import { t } from '../i18n/i18n.ts';
import { openConversation, readDraft, saveDraft } from './actions.ts';
import { addContact, cancelSubscription, removeContact } from './contact-actions.ts';
import type { ConversationRef } from './model.ts';
import { useJabberStore } from './store.ts';

export type PendingLink =
  | { readonly kind: 'valid'; readonly raw: string; readonly uri: XmppUri }
  | { readonly kind: 'invalid'; readonly raw: string; readonly reason: string; readonly reasonPhrase?: Phrase };

/** A room the user agreed to join: for the group-chat screen to pick up (none in this build: a placeholder names it). */
export interface RoomRequest {
  readonly account: AccountId;
  readonly room: Jid;
  readonly password: string;
}

export interface LinkState {
  /** Links waiting for an answer, the first shown; a flood of links is cut at a few. */
  readonly queue: readonly PendingLink[];
  readonly roomRequest: RoomRequest | null;
}

const MAX_QUEUED = 5;

export const useLinkStore = create<LinkState>()(() => ({ queue: [], roomRequest: null }));

export const usePendingLink = (): PendingLink | undefined => useLinkStore((state) => state.queue[0]);
export const useRoomRequest = (): RoomRequest | null => useLinkStore((state) => state.roomRequest);

export function toPendingLink(raw: string): PendingLink {
  const parsed = parseXmppUri(raw);
  return parsed.ok ? { kind: 'valid', raw, uri: parsed.uri } : { kind: 'invalid', raw, reason: parsed.reason, reasonPhrase: parsed.reasonPhrase };
}

/** Opens the confirmation for a link (from anywhere: the system, a message, the address bar). */
export function openXmppLink(raw: string): void {
  useLinkStore.setState((state) => (state.queue.length >= MAX_QUEUED ? state : { queue: [...state.queue, toPendingLink(raw)] }));
}

/** Answers the first link: it goes, the next (if any) is shown. */
export function dismissXmppLink(): void {
  useLinkStore.setState((state) => ({ queue: state.queue.slice(1) }));
}

export function closeRoomRequest(): void {
  useLinkStore.setState({ roomRequest: null });
}

/** What the confirmation offers for a link: its question, the button that carries it out, and with which accounts. */
export interface LinkPlan {
  readonly question: string;
  /** Null: nothing can be done with this link (the dialog only informs). */
  readonly confirmLabel: string | null;
  /** The accounts that may carry it out, the preferred one first. */
  readonly accounts: readonly AccountId[];
  /** Why the link cannot be carried out (no account, an account the link names that is not configured…). */
  readonly problem: string | null;
}

function confirmLabelFor(type: XmppUri['action']['type']): string | null {
  switch (type) {
    case 'open':
    case 'message':
      return t('Open chat');
    case 'roster':
    case 'subscribe':
      return t('Add contact');
    case 'unsubscribe':
      return t('Stop sharing');
    case 'remove':
      return t('Remove contact');
    case 'join':
      return t('Join room');
    case 'unsupported':
      return null;
  }
}

/** The dialog's question, in the interface's language (describeXmppUri says it in English). */
function questionFor(uri: XmppUri): string {
  const address = uri.bare;
  switch (uri.action.type) {
    case 'open':
    case 'message':
      return t('Send message to {{address}}?', { address });
    case 'roster':
    case 'subscribe':
      return t('Add contact {{address}}?', { address });
    case 'unsubscribe':
      return t('Stop sharing your presence with {{address}}?', { address });
    case 'remove':
      return t('Remove contact {{address}}?', { address });
    case 'join':
      return t('Join room {{address}}?', { address });
    case 'unsupported':
      return t('Open {{address}}?', { address });
  }
}

/** Pure: what the dialog shows for a parsed link, given the configured accounts and the current one. */
export function planLink(uri: XmppUri, accounts: readonly AccountSummary[], current: AccountId | null): LinkPlan {
  const question = questionFor(uri);
  const confirmLabel = confirmLabelFor(uri.action.type);
  const ids = accounts.map((summary) => summary.account);
  if (uri.action.type === 'unsupported') {
    return { question, confirmLabel: null, accounts: ids, problem: t('Jabber Desk cannot carry out “{{name}}” links.', { name: uri.action.name }) };
  }
  if (uri.account !== undefined) {
    // The link names the account to use: only that one, and only if it is ours.
    return ids.includes(uri.account)
      ? { question, confirmLabel, accounts: [uri.account], problem: null }
      : { question, confirmLabel: null, accounts: [], problem: t('The link is for the account {{account}}, which is not set up here.', { account: uri.account }) };
  }
  if (ids.length === 0) return { question, confirmLabel: null, accounts: [], problem: t('Add an account first.') };
  const preferred = current !== null && ids.includes(current) ? current : ids[0];
  return { question, confirmLabel, accounts: [...(preferred === undefined ? [] : [preferred]), ...ids.filter((id) => id !== preferred)], problem: null };
}

/** Opens the conversation, with the link's text in the composer (added to a draft already there). */
function openWithBody(conversation: ConversationRef, body: string): void {
  const state = useJabberStore.getState();
  const alreadyOpen = state.active?.account === conversation.account && state.active.peer === conversation.peer;
  if (body !== '') {
    const draft = readDraft(conversation);
    saveDraft(conversation, draft === '' ? body : `${draft}\n${body}`);
  }
  if (!alreadyOpen) {
    openConversation(conversation);
    return;
  }
  // The composer reads its draft when it mounts: open the conversation afresh so it shows the text.
  openConversation(null);
  setTimeout(() => openConversation(conversation), 0);
}

/** Carries out the first link with the chosen account, after the user confirmed it. */
export async function confirmXmppLink(account: AccountId): Promise<Result<null>> {
  const pending = useLinkStore.getState().queue[0];
  if (pending?.kind !== 'valid') return fail('invalid-argument', t('There is no link to carry out.'));
  const { uri } = pending;
  const action = uri.action;
  let result: Result<null> = ok(null);
  switch (action.type) {
    case 'open':
      openWithBody({ account, peer: uri.bare }, '');
      break;
    case 'message':
      openWithBody({ account, peer: uri.bare }, action.body);
      break;
    case 'roster':
      result = await addContact(account, uri.bare, action.name, action.groups);
      break;
    case 'subscribe':
      result = await addContact(account, uri.bare, '', []);
      break;
    case 'unsubscribe':
      result = await cancelSubscription(account, uri.bare);
      break;
    case 'remove':
      result = await removeContact(account, uri.bare);
      break;
    case 'join':
      useLinkStore.setState({ roomRequest: { account, room: uri.bare, password: action.password } });
      break;
    case 'unsupported':
      return fail('unsupported', t('Jabber Desk cannot carry out “{{name}}” links.', { name: action.name }));
  }
  if (result.ok) dismissXmppLink();
  return result;
}

/** The xmpp: link a click landed on (a link in a message, a profile…), or null. */
export function xmppLinkOf(target: EventTarget | null): string | null {
  const element = target as { closest?: (selector: string) => { getAttribute(name: string): string | null } | null } | null;
  const href = element?.closest?.('a[href]')?.getAttribute('href') ?? null;
  return href !== null && /^xmpp:/iu.test(href) ? href : null;
}

/** Takes the links the app was opened with, listens for the next, and opens xmpp: links clicked in the page. */
export function bindLinks(api: Pick<JabberApi, 'onOpenUri' | 'takeOpenUris'>): Unsubscribe {
  const unsubscribe = api.onOpenUri(({ uri }) => openXmppLink(uri));
  void api.takeOpenUris().then((result) => {
    if (result.ok) for (const uri of result.value) openXmppLink(uri);
  });
  // Captured before anything else sees the click: an xmpp: link never leaves the app (no new window, no system handler).
  const onClick = (event: MouseEvent): void => {
    const href = xmppLinkOf(event.target);
    if (href === null) return;
    event.preventDefault();
    event.stopPropagation();
    openXmppLink(href);
  };
  globalThis.document?.addEventListener('click', onClick, true);
  globalThis.document?.addEventListener('auxclick', onClick, true);
  return () => {
    unsubscribe();
    globalThis.document?.removeEventListener('click', onClick, true);
    globalThis.document?.removeEventListener('auxclick', onClick, true);
  };
}
