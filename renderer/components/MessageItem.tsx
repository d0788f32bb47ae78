/**
 * One message: sender, time, body (text only; links made clickable), and for our own messages where
 * it is (Pending, Sent, Delivered, Read) and whether it was corrected; the message it replies to (a
 * quote that jumps to it), its reactions, and its actions under **Message actions** (Reply, React, and
 * on our own Edit and Retract).
 */
import { memo, type ReactNode } from 'react';
import type { ChatMessage, DeliveryState, ReactionRestrictions } from '../../app/shared/contract.ts';
import { MessageActions, ReactionBar, type MessageActionCommands } from './MessageActions.tsx';
import { formatFullTime, formatMessageTime } from '../text/time.ts';
import { MessageBody } from './MessageBody.tsx';
import { ReplyQuote } from './ReplyQuote.tsx';
import { useT } from '../i18n/use-t.ts';
import { t } from '../i18n/i18n.ts';

function stateWord(state: DeliveryState): string {
  switch (state) {
    case 'pending':
      return t('Pending');
    case 'sent':
      return t('Sent');
    case 'delivered':
      return t('Delivered');
    case 'read':
      return t('Read');
  }
}

/** Edit and Retract for one's own message; stable callbacks, so the memoized rows stay drawn. */
export interface OwnMessageCommands {
  onEdit: (message: ChatMessage) => void;
  onRetract: (message: ChatMessage) => void;
}

/** Replies and reactions (one stable object per conversation). */
export interface RichMessageProps extends MessageActionCommands {
  /** Our bare JID: which reactions are ours. */
  readonly account: string;
  /** The emoji the picker always offers. */
  readonly common: readonly string[];
  readonly restrictions: ReactionRestrictions | undefined;
  /** Replies and reactions are offered in this conversation. */
  readonly canReply: boolean;
  readonly canReact: boolean;
  /** Brings the quoted original into view and focuses it. */
  onJumpTo: (id: string) => void;
}

export const MessageItem = memo(function MessageItem({ message, partnerName, onEdit, onRetract, rich, renderFile, quoteRetracted = false }: { message: ChatMessage; partnerName: string; rich: RichMessageProps; renderFile?: ((message: ChatMessage) => ReactNode) | undefined; quoteRetracted?: boolean } & OwnMessageCommands) {
  const t = useT();
  const own = message.direction === 'out';
  const sender = own ? t('You') : partnerName;
  const replyTo = message.replyTo;
  const quotedAuthor = replyTo?.to === undefined ? null : replyTo.to.split('/')[0] === rich.account ? t('you') : partnerName;
  return (
    <article className={`message message-${message.direction}${message.retracted === true ? ' message-retracted' : ''}`} tabIndex={-1} data-message-id={message.id}>
      <header className="message-header">
        <span className="message-sender">{sender}</span>
        <time className="message-time" dateTime={new Date(message.timestamp).toISOString()} title={formatFullTime(message.timestamp)}>
          {formatMessageTime(message.timestamp)}
        </time>
        {message.edited === true && message.retracted !== true && <span className="message-edited">{t('Edited')}</span>}
        {own && message.state !== undefined && <span className={`message-state message-state-${message.state}`}>{stateWord(message.state)}</span>}
      </header>
      {replyTo !== undefined && message.retracted !== true && (
        <ReplyQuote author={quotedAuthor} quotedBody={replyTo.quotedBody} originalRetracted={quoteRetracted} onJump={() => rich.onJumpTo(replyTo.id)} />
      )}
      {message.retracted === true ? <p className="message-body message-tombstone">{own ? t('You retracted this message.') : t('This message was retracted.')}</p> : message.file !== undefined && message.body.trim() === message.file.url ? null : <MessageBody text={message.body} senderName={sender} />}
      {message.file !== undefined && message.retracted !== true && renderFile?.(message)}
      {message.retracted !== true && rich.canReact && (
        <ReactionBar message={message} account={rich.account} nameOf={() => partnerName} onToggleReaction={rich.onToggleReaction} />
      )}
      {message.retracted !== true && (own || rich.canReply || rich.canReact) && (
        <MessageActions
          message={message}
          own={own}
          account={rich.account}
          common={rich.common}
          restrictions={rich.restrictions}
          onEdit={onEdit}
          onRetract={onRetract}
          onReply={rich.onReply}
          onToggleReaction={rich.onToggleReaction}
          onPickReaction={rich.onPickReaction}
          canReply={rich.canReply}
          canReact={rich.canReact}
        />
      )}
    </article>
  );
});
