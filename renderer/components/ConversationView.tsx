/**
 * One conversation of one account: who it is with (and, with several accounts, which account), the
 * messages in order (kept scrolled to the newest), the composer.
 */
import { useId, useLayoutEffect, useRef } from 'react';
import type { ConversationRef } from '../state/model.ts';
import { useAccountCount, useContact, useDisplayName, useMessages } from '../state/hooks.ts';
import { presenceWord } from '../text/words.ts';
import { Composer } from './Composer.tsx';
import { ConversationActivity } from './ConversationActivity.tsx';
import { NOT_A_CONTACT } from './ContactItem.tsx';
import { MessageItem } from './MessageItem.tsx';

/** How close to the bottom (px) still counts as "reading the newest messages". */
const STICKY_DISTANCE = 48;

export function ConversationView({ conversation }: { conversation: ConversationRef }) {
  const name = useDisplayName(conversation);
  const contact = useContact(conversation);
  const messages = useMessages(conversation);
  const several = useAccountCount() > 1;
  const titleId = useId();
  const logRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  const onScroll = () => {
    const log = logRef.current;
    if (log) stickToBottom.current = log.scrollHeight - log.scrollTop - log.clientHeight < STICKY_DISTANCE;
  };

  // New messages: follow them when the reader is at the bottom, or when the newest is one's own.
  useLayoutEffect(() => {
    const log = logRef.current;
    if (!log) return;
    if (stickToBottom.current || messages.at(-1)?.direction === 'out') {
      log.scrollTop = log.scrollHeight;
      stickToBottom.current = true;
    }
  }, [messages]);

  return (
    <section className="conversation" aria-labelledby={titleId}>
      <header className="conversation-header">
        <h2 id={titleId}>{name}</h2>
        <span className="conversation-meta">
          {contact && <span className={`dot dot-${contact.presence.show}`} aria-hidden="true" />}
          {contact ? presenceWord(contact.presence.show) : NOT_A_CONTACT}
          {contact && contact.presence.status !== '' && ` — ${contact.presence.status}`}
          <span className="conversation-jid">{conversation.peer}</span>
          {several && <span className="conversation-account">Account {conversation.account}</span>}
        </span>
      </header>
      <div className="log" role="log" aria-label={`Conversation with ${name}`} tabIndex={0} ref={logRef} onScroll={onScroll}>
        {messages.length === 0 && <p className="empty">No messages yet.</p>}
        {messages.map((message) => (
          <MessageItem key={`${message.direction}:${message.id}`} message={message} partnerName={name} />
        ))}
      </div>
      <ConversationActivity conversation={conversation} partnerName={name} />
      <Composer conversation={conversation} partnerName={name} />
    </section>
  );
}
