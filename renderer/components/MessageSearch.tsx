/**
 * Searching the stored history: a searchbox (every conversation of every account, or only the open
 * conversation), the hits newest first with the matched words marked, each a button that opens its
 * conversation at that message.
 */
import { Fragment, memo, useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { AppError, MessageSearchHit, Result, SearchMessagesRequest } from '../../app/shared/contract.ts';
import type { ConversationRef } from '../state/model.ts';
import { formatFullTime, formatMessageTime } from '../text/time.ts';
import { ErrorDetails } from './ErrorDetails.tsx';
import { useT } from '../i18n/use-t.ts';

/** Wait this long after the last keystroke before searching. */
const TYPING_PAUSE_MS = 200;
const HITS = 50;

/** What the search asks of the core. */
export interface SearchCommands {
  searchMessages(request: SearchMessagesRequest): Promise<Result<readonly MessageSearchHit[]>>;
  openSearchHit(hit: MessageSearchHit): Promise<Result<unknown>>;
}

/**
 * `active`: the open conversation (for "Only this conversation"); `nameOf`: how a conversation's
 * partner is called (it changes when names do, so the hits are named again).
 */
export function MessageSearch({ active, several, nameOf, commands }: {
  active: ConversationRef | null;
  several: boolean;
  nameOf: (conversation: ConversationRef) => string;
  commands: SearchCommands;
}) {
  const t = useT();
  const { searchMessages, openSearchHit } = commands;
  const [query, setQuery] = useState('');
  const [onlyCurrent, setOnlyCurrent] = useState(false);
  const [result, setResult] = useState<Result<readonly MessageSearchHit[]> | null>(null);
  const [searching, setSearching] = useState(false);
  const [openError, setOpenError] = useState<AppError | null>(null);
  const latestSearch = useRef(0);
  const checkboxId = useId();

  const scope = onlyCurrent && active !== null ? active : null;
  const scopeAccount = scope?.account;
  const scopePeer = scope?.peer;
  const text = query.trim();

  useEffect(() => {
    const id = ++latestSearch.current;
    if (text === '') {
      setResult(null);
      setSearching(false);
      return;
    }
    setSearching(true);
    const timer = setTimeout(() => {
      const request = { query: text, limit: HITS, ...(scopeAccount !== undefined && scopePeer !== undefined ? { account: scopeAccount, conversation: scopePeer } : {}) };
      void searchMessages(request).then((answer) => {
        // Only the answer to the latest question counts.
        if (id !== latestSearch.current) return;
        setResult(answer);
        setSearching(false);
      });
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, scopeAccount, scopePeer]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
    }
  };

  // Stable, so that the memoized hits are drawn again only when they change.
  const open = useCallback(
    async (hit: MessageSearchHit) => {
      setOpenError(null);
      const opened = await openSearchHit(hit);
      if (!opened.ok) setOpenError(opened.error);
    },
    [openSearchHit],
  );

  const hits = result?.ok === true ? result.value : [];
  return (
    <section className="message-search" role="search" aria-label={t('Message search')}>
      <input type="search" aria-label={t('Search messages')} placeholder={t('Search messages')} value={query} onChange={(event) => setQuery(event.target.value)} onKeyDown={onKeyDown} />
      <label className="check" htmlFor={checkboxId}>
        <input id={checkboxId} type="checkbox" checked={onlyCurrent} disabled={active === null} onChange={(event) => setOnlyCurrent(event.target.checked)} />
        {t('Only this conversation')}
      </label>
      {text !== '' && (
        <p className="search-status" role="status">
          {searching ? t('Searching…') : result?.ok === true ? (hits.length === 0 ? t('No messages found.') : hits.length === HITS ? t('The latest {{count}} messages found.', { count: HITS }) : t('{{count}} messages found.', { count: hits.length })) : ''}
        </p>
      )}
      {result?.ok === false && (
        <div className="alert" role="alert">
          <ErrorDetails error={result.error} />
        </div>
      )}
      {openError !== null && (
        <div className="alert" role="alert">
          <ErrorDetails error={openError} />
        </div>
      )}
      {text !== '' && hits.length > 0 && (
        <ul role="list" aria-label={t('Search results')} className="search-results">
          {hits.map((hit) => (
            <SearchHitItem key={`${hit.account}\n${hit.cursor}`} hit={hit} name={nameOf({ account: hit.account, peer: hit.conversation })} showAccount={several} onOpen={open} />
          ))}
        </ul>
      )}
    </section>
  );
}

const SearchHitItem = memo(function SearchHitItem({ hit, name, showAccount, onOpen }: { hit: MessageSearchHit; name: string; showAccount: boolean; onOpen: (hit: MessageSearchHit) => void }) {
  const t = useT();
  const who = hit.direction === 'out' ? t('You to {{name}}', { name }) : name;
  return (
    <li>
      <button type="button" className="search-hit-button" onClick={() => onOpen(hit)}>
        <span className="search-hit-meta">
          <span className="search-hit-name">{who}</span>
          <time dateTime={new Date(hit.timestamp).toISOString()} title={formatFullTime(hit.timestamp)}>
            {formatMessageTime(hit.timestamp)}
          </time>
        </span>
        <span className="search-hit-snippet">
          {hit.snippet.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <Fragment key={index}>{part.text}</Fragment>))}
        </span>
        {showAccount && <span className="search-hit-meta">{t('Account {{account}}', { account: hit.account })}</span>}
      </button>
    </li>
  );
});
