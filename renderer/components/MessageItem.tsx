/**
 * One message: sender, time, body (text only; links made clickable), and for our own messages where
 * it is (Pending, Sent, Delivered, Read) and whether it was corrected, with Edit and Retract.
 */
import { memo } from 'react';
import type { ChatMessage, DeliveryState } from '../../app/shared/contract.ts';
import { retractMessage, startEditing } from '../state/actions.ts';
import { useActiveConversation } from '../state/hooks.ts';
import { formatFullTime, formatMessageTime } from '../text/time.ts';
import { MessageBody } from './MessageBody.tsx';

const STATE_WORDS: Readonly<Record<DeliveryState, string>> = { pending: 'Pending', sent: 'Sent', delivered: 'Delivered', read: 'Read' };

export const MessageItem = memo(function MessageItem({ message, partnerName }: { message: ChatMessage; partnerName: string }) {
  const own = message.direction === 'out';
  const sender = own ? 'You' : partnerName;
  return (
    <article className={`message message-${message.direction}${message.retracted === true ? ' message-retracted' : ''}`}>
      <header className="message-header">
        <span className="message-sender">{sender}</span>
        <time className="message-time" dateTime={new Date(message.timestamp).toISOString()} title={formatFullTime(message.timestamp)}>
          {formatMessageTime(message.timestamp)}
        </time>
        {message.edited === true && message.retracted !== true && <span className="message-edited">Edited</span>}
        {own && message.state !== undefined && <span className={`message-state message-state-${message.state}`}>{STATE_WORDS[message.state]}</span>}
      </header>
      {message.retracted === true ? <p className="message-body message-tombstone">{own ? 'You retracted this message.' : 'This message was retracted.'}</p> : <MessageBody text={message.body} senderName={sender} />}
      {own && message.retracted !== true && <OwnMessageActions message={message} />}
    </article>
  );
});

function OwnMessageActions({ message }: { message: ChatMessage }) {
  const conversation = useActiveConversation();
  if (conversation === null) return null;
  return (
    <div className="message-actions">
      <button type="button" className="link-button" onClick={() => startEditing(conversation, message)}>
        Edit
      </button>
      <button type="button" className="link-button" onClick={() => void retractMessage(conversation, message.id)}>
        Retract
      </button>
    </div>
  );
}
