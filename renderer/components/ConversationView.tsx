/**
 * One conversation of one account: who it is with (and, with several accounts, which account), the
 * messages in order, the composer. The log is virtualized: only the rows in and near the viewport
 * are in the DOM, so a conversation of any length opens at once. It opens at the newest messages
 * (kept scrolled there while the reader is at the bottom), loads older pages when scrolled near the
 * top (the row being read stays in place), and opens a search hit in context, highlighted.
 */
import { memo, startTransition, useCallback, useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AvatarImage, ChatMessage, ChatState, Contact, LastActivity, ReactionRestrictions, Result } from '../../app/shared/contract.ts';
import { revealedStart, tailStart, trimmedStart } from '../history/live-tail.ts';
import { buildRows, messageKey, type LogRow } from '../history/rows.ts';
import { anchorAt, computeLayout, scrollTopFor, totalHeight, visibleRange, type Anchor, type Layout } from '../history/virtual-layout.ts';
import type { SpellCheckAttributes } from '../state/language.ts';
import type { ConversationRef, HistoryWindow, MessageFocus } from '../state/model.ts';
import { errorText } from '../text/error-text.ts';
import { presenceWord } from '../text/words.ts';
import { ContactActivity } from './ContactActivity.tsx';
import { Composer, type ComposerCommands } from './Composer.tsx';
import { ConversationActivity } from './ConversationActivity.tsx';
import { Avatar } from './Avatar.tsx';
import { notAContact } from './ContactItem.tsx';
import { MessageItem, type OwnMessageCommands, type RichMessageProps } from './MessageItem.tsx';
import type { FileSlots } from './file-slots.ts';
import { useT } from '../i18n/use-t.ts';
import { currentLanguage } from '../i18n/i18n.ts';

/** What the conversation does besides writing: paging its history, read markers, retracting. */
export interface ConversationCommands extends ComposerCommands {
  /** Shows the newest stored messages (also what "Show newest messages" does). */
  openLatest(conversation: ConversationRef): Promise<unknown>;
  loadOlder(conversation: ConversationRef): Promise<unknown>;
  loadNewer(conversation: ConversationRef): Promise<unknown>;
  /** The opened search hit was brought into view. */
  clearFocus(): void;
  markRead(conversation: ConversationRef): void;
  retractMessage(conversation: ConversationRef, id: string): Promise<Result<unknown>>;
  // -- replies and reactions (absent: not offered here) --
  startReply?(conversation: ConversationRef, message: ChatMessage | null): void;
  toggleReaction?(conversation: ConversationRef, message: ChatMessage, emoji: string): Promise<Result<unknown>>;
  loadReactionRestrictions?(conversation: ConversationRef): Promise<void>;
  /** Brings a loaded message into view; false when it is not loaded. */
  jumpToMessage?(conversation: ConversationRef, id: string): boolean;
}

/** How close to the bottom (px) still counts as "reading the newest messages". */
const STICKY_DISTANCE = 48;
/** Rows this far (px) above and below the viewport are rendered too, so scrolling shows no gap. */
const OVERSCAN = 800;
/** The next page is asked for when the viewport comes this close (px) to the loaded edge. */
const LOAD_DISTANCE = 600;
/** How long an opened search hit stays highlighted. */
const HIGHLIGHT_MS = 2500;

/** A first guess at a row's height (px) before it is measured: close guesses keep the scrollbar steady. */
function estimateHeight(row: LogRow): number {
  const body = row.message.body;
  const lines = Math.max(1, Math.ceil(body.length / 70)) + (body.match(/\n/gu)?.length ?? 0);
  return 8 + 16 + (row.grouped ? 0 : 18) + lines * 21 + (row.day !== null ? 40 : 0);
}

const sameConversation = (focus: MessageFocus | null, ref: ConversationRef): focus is MessageFocus =>
  focus !== null && focus.account === ref.account && focus.peer === ref.peer;

/**
 * `messages`: what the store holds of the conversation; `historyWindow`: where they sit in the stored
 * history (undefined: only the snapshot and live messages); `focus`: a search hit to bring into view.
 */
export function ConversationView({
  conversation, name, contact, avatar, messages: heldMessages, historyWindow, focus: anyFocus, several, typing, draft, editing, lastActivity, commands, headerActions,
  replying, reactionRestrictions, commonReactions, files, spelling,
}: {
  conversation: ConversationRef;
  name: string;
  contact: Contact | undefined;
  avatar: AvatarImage | null;
  messages: readonly ChatMessage[];
  historyWindow: HistoryWindow | undefined;
  focus: MessageFocus | null;
  /** There are several accounts: the header says which one this is. */
  several: boolean;
  typing: Extract<ChatState, 'composing' | 'paused'> | undefined;
  draft: string;
  editing: string | undefined;
  lastActivity: LastActivity | undefined;
  commands: ConversationCommands;
  /** Controls at the end of the header (e.g. muting the conversation's notifications). */
  headerActions?: ReactNode;
  /** The message the composer replies to (XEP-0461). */
  replying?: ChatMessage | undefined;
  /** What the conversation accepts as reactions (XEP-0444), once known. */
  reactionRestrictions?: ReactionRestrictions | undefined;
  /** The emoji the reaction picker always offers. */
  commonReactions?: readonly string[];
  /** Files (issue 12): attach, uploads, file cards, drop and paste. */
  files?: FileSlots;
  /** The composer's spell checking: the language chosen in Settings, or off. */
  spelling?: SpellCheckAttributes | undefined;
}) {
  const t = useT();
  const { openLatest, loadOlder, loadNewer, clearFocus, startEditing, retractMessage } = commands;
  // Deferred: in a burst of incoming messages React draws the latest list instead of every one in between.
  const messages = useDeferredValue(heldMessages);
  const focus = sameConversation(anyFocus, conversation) ? anyFocus : null;
  // Stable for the conversation: the memoized rows are drawn again only when their message changes.
  const editMessage = useCallback((message: ChatMessage) => startEditing(conversation, message), [startEditing, conversation]);
  const retract = useCallback((message: ChatMessage) => void retractMessage(conversation, message.id), [retractMessage, conversation]);
  const titleId = useId();
  const logRef = useRef<HTMLDivElement>(null);
  const { startReply, toggleReaction, loadReactionRestrictions, jumpToMessage } = commands;
  /** Where a jump to a quoted message should put the keyboard focus once that message is drawn. */
  const focusAfterJump = useRef<string | null>(null);
  /** Why the last reaction was not sent (a restriction, offline…); cleared by the next that is. */
  const [reactionError, setReactionError] = useState<string | null>(null);
  const rich = useMemo<RichMessageProps>(
    () => ({
      account: conversation.account,
      common: commonReactions ?? [],
      restrictions: reactionRestrictions,
      canReply: startReply !== undefined,
      canReact: toggleReaction !== undefined,
      onReply: (message) => startReply?.(conversation, message),
      onToggleReaction: (message, emoji) =>
        void toggleReaction?.(conversation, message, emoji).then((result) => setReactionError(result.ok ? null : errorText(result.error))),
      onPickReaction: () => void loadReactionRestrictions?.(conversation),
      onJumpTo: (id) => {
        if (jumpToMessage?.(conversation, id) === true) focusAfterJump.current = id;
      },
    }),
    [conversation, commonReactions, reactionRestrictions, startReply, toggleReaction, loadReactionRestrictions, jumpToMessage],
  );

  /** The reader is at the newest message: new ones are followed. */
  const stick = useRef(true);
  const messagesNow = useRef(messages);
  messagesNow.current = messages;
  /** The first message laid out (the live tail, live-tail.ts): its key (null: the first held) and last index. */
  const tail = useRef<{ key: string | null; index: number }>({ key: null, index: 0 });
  const [, setRevealed] = useState(0);
  let found = tailStart(messages, tail.current.key, tail.current.index);
  // A search hit hidden above the tail is shown with everything after it.
  if (found > 0 && focus !== null && messages.slice(0, found).some((message) => messageKey(message) === focus.key)) found = 0;
  const first = trimmedStart(messages.length, found, stick.current && (historyWindow?.newer ?? null) === null);
  tail.current = { key: first === 0 ? null : messageKey(messages[first]!), index: first };

  const earlierRows = useRef<readonly LogRow[]>([]);
  // Day separators ("Today", the date) are words of the language in use.
  const language = currentLanguage();
  const rows = useMemo(() => {
    // Built from the message before the first shown, so the first row knows its day and group.
    const built = buildRows(first === 0 ? messages : messages.slice(first - 1), Date.now(), earlierRows.current);
    const shown = first === 0 ? built : built.slice(1);
    earlierRows.current = shown;
    return shown;
  }, [messages, first, language]);
  const keys = useMemo(() => rows.map((row) => row.key), [rows]);
  const indexByKey = useMemo(() => new Map(keys.map((key, index) => [key, index])), [keys]);
  /** Measured row heights by key; rows not measured yet use estimateHeight. */
  const heights = useRef(new Map<string, number>());
  /** The row (object) each height was measured for: a row is measured again only when it changed. */
  const measuredRows = useRef(new Map<string, LogRow>());
  const measuredName = useRef(name);
  const [measured, setMeasured] = useState(0);
  const layout = useMemo(
    () => computeLayout(keys, (index, key) => heights.current.get(key) ?? estimateHeight(rows[index]!)),
    // `measured` changes when heights.current does.
    [keys, rows, measured],
  );
  const [viewport, setViewport] = useState({ top: 0, height: 0 });
  const { start, end } = visibleRange(layout, viewport.top, Math.max(viewport.height, 400), OVERSCAN);

  /** The row the reader is looking at, kept in place when rows above it change. */
  const anchor = useRef<Anchor | null>(null);
  /** The scroll position the anchor was taken at (or last applied at). */
  const anchorTop = useRef(0);
  /** The layout and rows the DOM shows: what a scroll position means until the next commit. */
  const committed = useRef<{ layout: Layout; keys: readonly string[] }>({ layout, keys });
  const windowNow = useRef(historyWindow);
  windowNow.current = historyWindow;
  const loading = useRef(false);
  const [highlight, setHighlight] = useState<string | null>(null);
  const handledFocus = useRef(0);

  /** Asks for the next page when the viewport is near a loaded edge that has more beyond it. */
  const loadMore = (): void => {
    const log = logRef.current;
    const window = windowNow.current;
    if (log === null || window === undefined || loading.current) return;
    // Hidden messages of the live tail first: they are at hand.
    if (log.scrollTop < LOAD_DISTANCE && tail.current.index > 0) {
      const index = revealedStart(tail.current.index);
      tail.current = { key: index === 0 ? null : messageKey(messagesNow.current[index]!), index };
      setRevealed((count) => count + 1);
      return;
    }
    const fromBottom = log.scrollHeight - log.scrollTop - log.clientHeight;
    const direction = log.scrollTop < LOAD_DISTANCE && window.older !== null ? 'older' : fromBottom < LOAD_DISTANCE && window.newer !== null ? 'newer' : null;
    if (direction === null) return;
    loading.current = true;
    void (direction === 'older' ? loadOlder(conversation) : loadNewer(conversation)).finally(() => {
      loading.current = false;
    });
  };

  const onScroll = (): void => {
    const log = logRef.current;
    if (log === null) return;
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < STICKY_DISTANCE;
    stick.current = atBottom && (windowNow.current?.newer ?? null) === null;
    anchor.current = anchorAt(committed.current.layout, committed.current.keys, log.scrollTop);
    anchorTop.current = log.scrollTop;
    setViewport({ top: log.scrollTop, height: log.clientHeight });
    loadMore();
  };

  // A wider or taller log re-wraps and re-measures its rows.
  useEffect(() => {
    const log = logRef.current;
    if (log === null) return;
    const observer = new ResizeObserver(() => {
      measuredRows.current.clear();
      setViewport({ top: log.scrollTop, height: log.clientHeight });
      setMeasured((count) => count + 1);
    });
    observer.observe(log);
    return () => observer.disconnect();
  }, []);

  // The newest message is one's own (just sent): follow it even when scrolled up.
  const newestKey = keys.at(-1);
  const newestOwn = rows.at(-1)?.message.direction === 'out';
  const previousNewest = useRef(newestKey);
  useLayoutEffect(() => {
    if (newestKey !== previousNewest.current && newestOwn && (historyWindow?.newer ?? null) === null) stick.current = true;
    previousNewest.current = newestKey;
  }, [newestKey, newestOwn, historyWindow]);

  // After every render: measure the rendered rows, then put the scroll position where it belongs
  // (the focused message, the bottom, or the anchored row), before the browser paints.
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log === null) return;
    // Scrolled since the anchor was taken, its scroll event not handled yet (a page arrived in between):
    // the reader is where the scroll position says, in the layout shown until now.
    if (anchor.current !== null && Math.abs(log.scrollTop - anchorTop.current) > 1) {
      anchor.current = anchorAt(committed.current.layout, committed.current.keys, log.scrollTop);
      anchorTop.current = log.scrollTop;
    }
    committed.current = { layout, keys };
    // Sender lines show the name: another name may wrap differently.
    if (measuredName.current !== name) {
      measuredName.current = name;
      measuredRows.current.clear();
    }
    let changed = false;
    // Only rows not measured yet (or changed since): reading a height forces a layout, once per commit at most.
    for (const element of log.querySelectorAll<HTMLElement>(':scope > .log-row')) {
      const key = element.dataset['key'];
      const row = key === undefined ? undefined : rows[indexByKey.get(key) ?? -1];
      if (key === undefined || row === undefined || measuredRows.current.get(key) === row) continue;
      measuredRows.current.set(key, row);
      const height = element.getBoundingClientRect().height;
      if (Math.abs((heights.current.get(key) ?? -1) - height) > 0.5) {
        heights.current.set(key, height);
        changed = true;
      }
    }
    const focusPending = focus !== null && focus.nonce !== handledFocus.current;
    // Following the newest, the bottom is already where it will be (the rows on screen have their real
    // heights): scroll there now; the new layout and viewport then mostly drop rows scrolled out above,
    // which the reader cannot see, so that render waits for a task of its own (a transition) instead of
    // lengthening this one.
    const following = stick.current && !focusPending;
    if (changed) {
      if (following) startTransition(() => setMeasured((count) => count + 1));
      else {
        setMeasured((count) => count + 1);
        return;
      }
    }
    const indexOf = (key: string): number => indexByKey.get(key) ?? -1;
    // Paged down to the newest (or the window became attached) while at the bottom: follow from now on.
    if (!stick.current && (historyWindow?.newer ?? null) === null && log.scrollHeight - log.scrollTop - log.clientHeight < STICKY_DISTANCE) stick.current = true;
    if (focusPending && indexByKey.has(focus.key)) {
      handledFocus.current = focus.nonce;
      const index = indexOf(focus.key);
      const rowHeight = layout.offsets[index + 1]! - layout.offsets[index]!;
      const offset = Math.max(0, (log.clientHeight - rowHeight) / 2);
      anchor.current = { key: focus.key, offset };
      stick.current = false;
      log.scrollTop = layout.offsets[index]! - offset;
      setHighlight(focus.key);
      clearFocus();
    } else if (stick.current) {
      log.scrollTop = log.scrollHeight;
    } else if (anchor.current !== null) {
      const target = scrollTopFor(layout, indexOf, anchor.current);
      if (target !== null && Math.abs(target - log.scrollTop) > 0.5) log.scrollTop = target;
    }
    anchorTop.current = log.scrollTop;
    if (log.scrollTop !== viewport.top || log.clientHeight !== viewport.height) {
      const next = { top: log.scrollTop, height: log.clientHeight };
      // What is on screen now must be rendered now (e.g. after the tail dropped its oldest rows); the rest can wait.
      const onScreen = visibleRange(layout, next.top, next.height, 0);
      if (following && stick.current && onScreen.start >= start && onScreen.end <= end) startTransition(() => setViewport(next));
      else setViewport(next);
      return;
    }
    loadMore();
  });

  useEffect(() => {
    if (highlight === null) return;
    // A jump to a quoted message: the keyboard follows the eyes.
    const jumped = focusAfterJump.current;
    if (jumped !== null) {
      focusAfterJump.current = null;
      const row = [...(logRef.current?.querySelectorAll<HTMLElement>(':scope > .log-row') ?? [])].find((element) => element.dataset['key'] === highlight);
      row?.querySelector<HTMLElement>('article')?.focus({ preventScroll: true });
    }
    const timer = setTimeout(() => setHighlight(null), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlight]);

  const detached = (historyWindow?.newer ?? null) !== null;
  // The log is not a live region (rows come and go as it scrolls): a new incoming message is announced here instead.
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef(newestKey);
  useEffect(() => {
    if (newestKey === announced.current) return;
    announced.current = newestKey;
    const newest = rows.at(-1)?.message;
    if (newest?.direction === 'in' && !detached) setAnnouncement(`${name}: ${newest.body}`);
  }, [newestKey, rows, detached, name]);
  const showNewest = (): void => {
    stick.current = true;
    void openLatest(conversation);
  };

  return (
    <section className="conversation" aria-labelledby={titleId} {...files?.dropHandlers}>
      <header className="conversation-header">
        <Avatar avatar={avatar} jid={conversation.peer} name={name} size="large" />
        <h2 id={titleId}>{name}</h2>
        <span className="conversation-meta">
          {contact && <span className={`dot dot-${contact.presence.show}`} aria-hidden="true" />}
          {contact ? presenceWord(contact.presence.show) : notAContact()}
          {contact && contact.presence.status !== '' && ` — ${contact.presence.status}`}
          <ContactActivity contact={contact} lastActivity={lastActivity} />
          <span className="conversation-jid">{conversation.peer}</span>
          {several && <span className="conversation-account">{t('Account {{account}}', { account: conversation.account })}</span>}
        </span>
        {headerActions}
      </header>
      <div className="log-frame">
        <div className="log" role="log" aria-live="off" aria-label={t('Conversation with {{name}}', { name })} tabIndex={0} ref={logRef} onScroll={onScroll}>
          {messages.length === 0 && <p className="empty">{t('No messages yet.')}</p>}
          <div className="log-spacer" style={{ height: layout.offsets[start] ?? 0 }} aria-hidden="true" />
          {rows.slice(start, end).map((row) => (
            <LogRowView key={row.key} row={row} partnerName={name} highlighted={row.key === highlight} onEdit={editMessage} onRetract={retract} rich={rich} renderFile={files?.renderFile} />
          ))}
          <div className="log-spacer" style={{ height: totalHeight(layout) - (layout.offsets[end] ?? 0) }} aria-hidden="true" />
        </div>
        <p className="sr-only" aria-live="polite">
          {announcement}
        </p>
        {detached && (
          <button type="button" className="secondary log-newest" onClick={showNewest}>
            {t('Show newest messages')}
          </button>
        )}
      </div>
      {reactionError !== null && (
        <p className="alert" role="alert">
          {t('Your reaction was not sent: {{reason}}', { reason: reactionError })}
        </p>
      )}
      <ConversationActivity conversation={conversation} partnerName={name} typing={typing} messages={heldMessages} onRead={commands.markRead} />
      <Composer conversation={conversation} partnerName={name} draft={draft} editing={editing} messages={heldMessages} commands={commands} replying={replying} attach={files?.attach} transfers={files?.transfers} spelling={spelling} />
    </section>
  );
}

/** One message with the day it starts (if it is the first of its day); wraps MessageItem without changing it. */
const LogRowView = memo(function LogRowView({ row, partnerName, highlighted, onEdit, onRetract, rich, renderFile }: { row: LogRow; partnerName: string; highlighted: boolean; rich: RichMessageProps; renderFile?: ((message: ChatMessage) => ReactNode) | undefined } & OwnMessageCommands) {
  const classes = ['log-row', `log-row-${row.message.direction}`];
  if (row.grouped) classes.push('log-row-grouped');
  if (highlighted) classes.push('log-row-highlight');
  return (
    <div className={classes.join(' ')} data-key={row.key}>
      {row.day !== null && <h3 className="day-separator">{row.day}</h3>}
      <MessageItem message={row.message} partnerName={partnerName} onEdit={onEdit} onRetract={onRetract} rich={rich} renderFile={renderFile} quoteRetracted={row.quoteRetracted} />
    </div>
  );
});
