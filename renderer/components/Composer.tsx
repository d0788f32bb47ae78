/**
 * Writing a message: Enter sends, Shift+Enter starts a new line, Up in an empty box corrects the last
 * message one sent. The text is a per-conversation draft in the store; it is cleared only once the
 * message was accepted, so a failure loses nothing. Typing is announced to the peer sparingly
 * (XEP-0085): composing once, paused after a pause, active when sent or emptied.
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { AppError, ChatMessage, ChatState, Result } from '../../app/shared/contract.ts';
import { messageBodyOf } from '../forms/message.ts';
import type { SpellCheckAttributes } from '../state/language.ts';
import type { ConversationRef } from '../state/model.ts';
import { ErrorDetails } from './ErrorDetails.tsx';
import { useT } from '../i18n/use-t.ts';

/** Without a keystroke for this long, "composing" becomes "paused". */
const PAUSE_AFTER_MS = 5_000;

/** What the composer does: the draft lives in the store, sending and typing go to the core. */
export interface ComposerCommands {
  saveDraft(conversation: ConversationRef, text: string): void;
  /** The draft as it is now (it may have changed while a message was being sent). */
  readDraft(conversation: ConversationRef): string;
  sendChatState(conversation: ConversationRef, state: ChatState): void;
  sendMessage(conversation: ConversationRef, body: string): Promise<Result<unknown>>;
  correctMessage(conversation: ConversationRef, id: string, body: string): Promise<Result<unknown>>;
  /** Starts correcting that message of ours; null stops. */
  startEditing(conversation: ConversationRef, message: ChatMessage | null): void;
  /** XEP-0461: sends the text as a reply to `original` (absent: replies are not offered here). */
  sendReply?(conversation: ConversationRef, body: string, original: ChatMessage): Promise<Result<unknown>>;
  /** Starts replying to that message; null stops. */
  startReply?(conversation: ConversationRef, message: ChatMessage | null): void;
}

/** `editing`: the id of our message being corrected; undefined when writing a new one. */
export function Composer({ conversation, partnerName, draft, editing, messages, commands, replying, attach, transfers, spelling }: {
  conversation: ConversationRef;
  partnerName: string;
  draft: string;
  editing: string | undefined;
  messages: readonly ChatMessage[];
  commands: ComposerCommands;
  /** The message this one replies to (shown as a quote above the box, with a way to cancel). */
  replying?: ChatMessage | undefined;
  /** Files (issue 12): the Attach file button, and the uploads under way. */
  attach?: ReactNode;
  transfers?: ReactNode;
  /** The spell checker's language chosen in Settings (or off); absent: the page's `<html lang>` and `spellcheck`. */
  spelling?: SpellCheckAttributes | undefined;
}) {
  const t = useT();
  const { correctMessage, readDraft, saveDraft, sendChatState, sendMessage, startEditing } = commands;
  const [error, setError] = useState<AppError | null>(null);
  const sending = useRef(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const pauseTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Opening a conversation puts the cursor where one writes; leaving it stops "typing" at the peer.
  useEffect(() => {
    textRef.current?.focus();
    return () => {
      if (pauseTimer.current !== null) clearTimeout(pauseTimer.current);
      sendChatState(conversation, 'active');
    };
  }, [conversation]);

  useEffect(() => {
    if (editing !== undefined) textRef.current?.focus();
  }, [editing]);

  useEffect(() => {
    if (replying !== undefined) textRef.current?.focus();
  }, [replying]);
  const reply = editing === undefined && commands.sendReply !== undefined ? replying : undefined;
  const cancelReply = (): void => {
    commands.startReply?.(conversation, null);
    textRef.current?.focus();
  };

  const typed = (text: string) => {
    saveDraft(conversation, text);
    if (pauseTimer.current !== null) clearTimeout(pauseTimer.current);
    if (text.trim() === '') {
      sendChatState(conversation, 'active');
      return;
    }
    sendChatState(conversation, 'composing');
    pauseTimer.current = setTimeout(() => sendChatState(conversation, 'paused'), PAUSE_AFTER_MS);
  };

  const send = async () => {
    const body = messageBodyOf(draft);
    if (body === '' || sending.current) return;
    sending.current = true;
    if (pauseTimer.current !== null) clearTimeout(pauseTimer.current);
    const result =
      editing !== undefined
        ? await correctMessage(conversation, editing, body)
        : reply !== undefined && commands.sendReply !== undefined
          ? await commands.sendReply(conversation, body, reply)
          : await sendMessage(conversation, body);
    sending.current = false;
    if (result.ok) {
      setError(null);
      if (editing !== undefined) startEditing(conversation, null);
      else if (readDraft(conversation) === draft) saveDraft(conversation, '');
    } else {
      setError(result.error);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const plain = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey && !event.nativeEvent.isComposing;
    if (event.key === 'Enter' && plain) {
      event.preventDefault();
      void send();
    } else if (event.key === 'ArrowUp' && plain && draft === '' && editing === undefined) {
      const last = messages.findLast((message) => message.direction === 'out' && message.retracted !== true);
      if (last !== undefined) {
        event.preventDefault();
        startEditing(conversation, last);
      }
    } else if (event.key === 'Escape' && editing !== undefined) {
      event.preventDefault();
      startEditing(conversation, null);
    } else if (event.key === 'Escape' && reply !== undefined) {
      event.preventDefault();
      cancelReply();
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
          <p className="alert-message">{editing !== undefined ? t('Your correction was not sent; it is still in the box below.') : t('Your message was not sent; it is still in the box below.')}</p>
          <ErrorDetails error={error} />
        </div>
      )}
      {editing !== undefined && (
        <p className="composer-editing">
          {t('Correcting your message.')}{' '}
          <button type="button" className="link-button" onClick={() => startEditing(conversation, null)}>
            {t('Cancel correction')}
          </button>
        </p>
      )}
      {reply !== undefined && (
        <div className="composer-reply" role="group" aria-label={t('Replying to')}>
          <p className="composer-reply-quote">
            <span className="reply-quote-author">{reply.direction === 'out' ? t('Replying to yourself: ') : t('Replying to {{name}}: ', { name: partnerName })}</span>
            <span className="reply-quote-text">{reply.body}</span>
          </p>
          <button type="button" className="link-button" onClick={cancelReply}>
            {t('Cancel reply')}
          </button>
        </div>
      )}
      {transfers}
      <div className="composer-row">
        {attach}
        <textarea
          ref={textRef}
          aria-label={t('Message')}
          placeholder={t('Message {{name}}', { name: partnerName })}
          rows={2}
          {...(spelling !== undefined ? { lang: spelling.lang, spellCheck: spelling.spellCheck } : {})}
          value={draft}
          onChange={(event) => typed(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="primary">
          {editing !== undefined ? t('Correct') : t('Send')}
        </button>
      </div>
    </form>
  );
}
