/**
 * What goes on in the open conversation besides its messages: the peer typing (XEP-0085), and
 * telling the peer and our other devices what we have seen (XEP-0333) while the window is visible.
 */
import { useEffect } from 'react';
import { markRead } from '../state/actions.ts';
import { useMessages, useTyping } from '../state/hooks.ts';
import type { ConversationRef } from '../state/model.ts';

export function ConversationActivity({ conversation, partnerName }: { conversation: ConversationRef; partnerName: string }) {
  const typing = useTyping(conversation);
  const messages = useMessages(conversation);
  const newestIncoming = messages.findLast((message) => message.direction === 'in')?.id;

  useEffect(() => {
    if (newestIncoming === undefined) return;
    const markIfVisible = (): void => {
      if (globalThis.document?.visibilityState !== 'hidden') markRead(conversation);
    };
    markIfVisible();
    globalThis.document?.addEventListener('visibilitychange', markIfVisible);
    return () => globalThis.document?.removeEventListener('visibilitychange', markIfVisible);
  }, [conversation, newestIncoming]);

  return (
    <p className="typing" aria-live="polite">
      {typing === 'composing' ? `${partnerName} is typing…` : typing === 'paused' ? `${partnerName} stopped typing.` : ''}
    </p>
  );
}
