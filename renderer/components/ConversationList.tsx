/**
 * The sidebar's Conversations: recent chats and rooms, the most recently active first, each naming
 * its contact or room, its unread count and a one-line preview of its last message; a click (or Enter)
 * opens it. Rows are memoized: a conversation whose entry did not change is not drawn again.
 */
import { memo, useId } from 'react';
import type { ConversationEntry } from '../state/conversations.ts';
import type { ConversationRef } from '../state/model.ts';
import { formatMessageTime } from '../text/time.ts';
import { useT } from '../i18n/use-t.ts';
import { t } from '../i18n/i18n.ts';

/** The accessible name of a conversation's list item, e.g. "Bob, 2 unread, You: see you" (", group chat" for a room). */
export function conversationLabel(entry: Omit<ConversationEntry, 'key'>, showAccount: boolean): string {
  const parts = [entry.name];
  if (entry.kind === 'room') parts.push(t('group chat'));
  else if (entry.kind === 'private') parts.push(t('private message'));
  parts.push(t('{{count}} unread', { count: entry.unread }));
  if (showAccount) parts.push(t('account {{account}}', { account: entry.account }));
  return `${parts.join(', ')}: ${entry.preview}`;
}

export function ConversationList({ entries, active, showAccounts, onOpen }: {
  entries: readonly ConversationEntry[];
  active: ConversationRef | null;
  /** Several accounts: each row names its account. */
  showAccounts: boolean;
  onOpen: (conversation: ConversationRef) => void;
}) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="conversations" aria-labelledby={headingId}>
      <h2 className="sidebar-heading" id={headingId}>
        {t('Conversations')}
      </h2>
      <ul role="list" aria-label={t('Conversations')} className="conversation-list">
        {entries.map(({ key, ...entry }) => (
          <ConversationRow
            key={key}
            {...entry}
            active={active !== null && active.account === entry.account && active.peer === entry.peer}
            showAccount={showAccounts}
            onOpen={onOpen}
          />
        ))}
      </ul>
      {entries.length === 0 && <p className="empty">{t('No conversations yet.')}</p>}
    </section>
  );
}

/** Takes the entry's fields one by one, so an unchanged conversation compares equal. */
const ConversationRow = memo(function ConversationRow({ active, showAccount, onOpen, ...entry }: Omit<ConversationEntry, 'key'> & {
  active: boolean;
  showAccount: boolean;
  onOpen: (conversation: ConversationRef) => void;
}) {
  useT();
  return (
    <li aria-label={conversationLabel(entry, showAccount)} className={`conversation-item${active ? ' conversation-item-active' : ''}${entry.unread > 0 ? ' conversation-item-unread' : ''}`}>
      <button type="button" className="conversation-open" aria-current={active ? 'true' : undefined} onClick={() => onOpen({ account: entry.account, peer: entry.peer })}>
        <span className="conversation-line">
          <span className="conversation-name">
            {entry.kind === 'room' && <span aria-hidden="true"># </span>}
            {entry.name}
          </span>
          <span className="conversation-time">{formatMessageTime(entry.timestamp)}</span>
        </span>
        <span className="conversation-line">
          <span className="conversation-preview">{entry.preview}</span>
          {entry.unread > 0 && (
            <span className="badge" aria-hidden="true">
              {entry.unread}
            </span>
          )}
        </span>
        {showAccount && <span className="conversation-item-account">{entry.account}</span>}
      </button>
    </li>
  );
});
