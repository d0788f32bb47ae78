/** One message: sender, time and body (text only; http(s) links made clickable). */
import { memo } from 'react';
import type { ChatMessage } from '../../app/shared/contract.ts';
import { formatFullTime, formatMessageTime } from '../text/time.ts';
import { MessageBody } from './MessageBody.tsx';

export const MessageItem = memo(function MessageItem({ message, partnerName }: { message: ChatMessage; partnerName: string }) {
  const sender = message.direction === 'out' ? 'You' : partnerName;
  return (
    <article className={`message message-${message.direction}`}>
      <header className="message-header">
        <span className="message-sender">{sender}</span>
        <time className="message-time" dateTime={new Date(message.timestamp).toISOString()} title={formatFullTime(message.timestamp)}>
          {formatMessageTime(message.timestamp)}
        </time>
      </header>
      <MessageBody text={message.body} senderName={sender} />
    </article>
  );
});
