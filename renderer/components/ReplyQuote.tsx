/**
 * The quote above a reply (XEP-0461): who is answered and the text quoted, a button that brings the original
 * into view. Once the original is retracted, its words are not shown here either: a retraction hides them
 * everywhere the app shows them.
 */
import { useT } from '../i18n/use-t.ts';

export function ReplyQuote({ author, quotedBody, originalRetracted, onJump }: {
  /** Who wrote the original, as the reader calls them ("you", a name, a nickname); null: not said. */
  author: string | null;
  quotedBody: string | undefined;
  originalRetracted: boolean;
  onJump: () => void;
}) {
  const t = useT();
  return (
    <button type="button" className="reply-quote" onClick={onJump}>
      <span className="reply-quote-author">{author === null ? t('In reply to: ') : t('In reply to {{name}}: ', { name: author })}</span>
      {originalRetracted ? (
        <span className="reply-quote-text reply-quote-retracted">{t('This message was retracted.')}</span>
      ) : (
        quotedBody !== undefined && <span className="reply-quote-text">{quotedBody}</span>
      )}
    </button>
  );
}
