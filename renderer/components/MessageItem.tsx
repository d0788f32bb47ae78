/**
 * One message: sender, time, body (text only; links made clickable), and for our own messages where
 * it is (Pending, Sent, Delivered, Read) and whether it was corrected, with Edit and Retract.
 */
import { memo, type ReactNode } from 'react';
import type { ChatMessage, DeliveryState } from '../../app/shared/contract.ts';
import { formatFullTime, formatMessageTime } from '../text/time.ts';
import { MessageBody } from './MessageBody.tsx';

const STATE_WORDS: Readonly<Record<DeliveryState, string>> = { pending: 'Pending', sent: 'Sent', delivered: 'Delivered', read: 'Read' };

/** Edit and Retract for one's own message; stable callbacks, so the memoized rows stay drawn. */
export interface OwnMessageCommands {
  onEdit: (message: ChatMessage) => void;
  onRetract: (message: ChatMessage) => void;
}

export const MessageItem = memo(function MessageItem({ message, partnerName, onEdit, onRetract, renderFile }: { message: ChatMessage; partnerName: string; renderFile?: ((message: ChatMessage) => ReactNode) | undefined } & OwnMessageCommands) {
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
      {message.retracted === true ? <p className="message-body message-tombstone">{own ? 'You retracted this message.' : 'This message was retracted.'}</p> : message.file !== undefined && message.body.trim() === message.file.url ? null : <MessageBody text={message.body} senderName={sender} />}
      {message.file !== undefined && message.retracted !== true && renderFile?.(message)}
      {own && message.retracted !== true && <OwnMessageActions message={message} onEdit={onEdit} onRetract={onRetract} />}
    </article>
  );
});

function OwnMessageActions({ message, onEdit, onRetract }: { message: ChatMessage } & OwnMessageCommands) {
  return (
    <div className="message-actions">
      <button type="button" className="link-button" onClick={() => onEdit(message)}>
        Edit
      </button>
      <button type="button" className="link-button" onClick={() => onRetract(message)}>
        Retract
      </button>
    </div>
  );
}
