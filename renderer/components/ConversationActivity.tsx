/**
 * What goes on in the open conversation besides its messages: the peer typing (XEP-0085), and
 * telling the peer and our other devices what we have seen (XEP-0333) while the window is visible.
 */
import { useEffect } from 'react';
import type { ChatMessage, ChatState } from '../../app/shared/contract.ts';
import type { ConversationRef } from '../state/model.ts';
import { useT } from '../i18n/use-t.ts';

export function ConversationActivity({ conversation, partnerName, typing, messages, onRead }: {
  conversation: ConversationRef;
  partnerName: string;
  /** The peer is typing or stopped for a moment; undefined: neither. */
  typing: Extract<ChatState, 'composing' | 'paused'> | undefined;
  messages: readonly ChatMessage[];
  /** Tells the peer and our other devices the conversation was read. */
  onRead: (conversation: ConversationRef) => void;
}) {
  const t = useT();
  const newestIncoming = messages.findLast((message) => message.direction === 'in')?.id;

  useEffect(() => {
    if (newestIncoming === undefined) return;
    const markIfVisible = (): void => {
      if (globalThis.document?.visibilityState !== 'hidden') onRead(conversation);
    };
    markIfVisible();
    globalThis.document?.addEventListener('visibilitychange', markIfVisible);
    return () => globalThis.document?.removeEventListener('visibilitychange', markIfVisible);
  }, [conversation, newestIncoming]);

  return (
    <p className="typing" aria-live="polite">
      {typing === 'composing' ? t('{{name}} is typing…', { name: partnerName }) : typing === 'paused' ? t('{{name}} stopped typing.', { name: partnerName }) : ''}
    </p>
  );
}
