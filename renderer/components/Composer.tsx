/**
 * Writing a message: Enter sends, Shift+Enter starts a new line. The text is a per-conversation
 * draft in the store; it is cleared only once the message was accepted, so a failure loses nothing.
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AppError } from '../../app/shared/contract.ts';
import { messageBodyOf } from '../forms/message.ts';
import { readDraft, saveDraft, sendMessage } from '../state/actions.ts';
import { useDraft } from '../state/hooks.ts';
import type { ConversationRef } from '../state/model.ts';
import { ErrorDetails } from './ErrorDetails.tsx';

export function Composer({ conversation, partnerName }: { conversation: ConversationRef; partnerName: string }) {
  const draft = useDraft(conversation);
  const [error, setError] = useState<AppError | null>(null);
  const sending = useRef(false);
  const textRef = useRef<HTMLTextAreaElement>(null);

  // Opening a conversation puts the cursor where one writes.
  useEffect(() => {
    textRef.current?.focus();
  }, []);

  const send = async () => {
    const body = messageBodyOf(draft);
    if (body === '' || sending.current) return;
    sending.current = true;
    const result = await sendMessage(conversation, body);
    sending.current = false;
    if (result.ok) {
      setError(null);
      if (readDraft(conversation) === draft) saveDraft(conversation, '');
    } else {
      setError(result.error);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      {error && (
        <div className="alert" role="alert">
          <p className="alert-message">Your message was not sent; it is still in the box below.</p>
          <ErrorDetails error={error} />
        </div>
      )}
      <div className="composer-row">
        <textarea
          ref={textRef}
          aria-label="Message"
          placeholder={`Message ${partnerName}`}
          rows={2}
          value={draft}
          onChange={(event) => saveDraft(conversation, event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="primary">
          Send
        </button>
      </div>
    </form>
  );
}
