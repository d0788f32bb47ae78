/**
 * People who asked to see our presence, per account: who (nickname and JID), what they wrote, and
 * Accept (optionally adding them back) or Deny. Their words are shown as text, never as markup.
 */
import { useState } from 'react';
import type { AccountId, AppError, Jid, Result, SubscriptionRequest } from '../../app/shared/contract.ts';
import { useT } from '../i18n/use-t.ts';
import { errorText } from '../text/error-text.ts';

export type RequestEntry = { readonly account: AccountId; readonly request: SubscriptionRequest };

/** How a request is answered. */
export interface RequestCommands {
  acceptSubscription(account: AccountId, jid: Jid, subscribeBack?: boolean): Promise<Result<unknown>>;
  denySubscription(account: AccountId, jid: Jid): Promise<Result<unknown>>;
  blockContact(account: AccountId, jid: Jid): Promise<Result<unknown>>;
}

/** `entries`: the requests to show (already narrowed by the filter); `canBlock`: accounts whose server supports blocking. */
export function SubscriptionRequests({ entries, several, canBlock, commands }: {
  entries: readonly RequestEntry[];
  several: boolean;
  canBlock: Readonly<Record<AccountId, true>>;
  commands: RequestCommands;
}) {
  const t = useT();
  if (entries.length === 0) return null;
  return (
    <section className="requests" aria-labelledby="requests-heading">
      <h2 id="requests-heading" className="sidebar-heading">
        {t('Contact requests')}
      </h2>
      <ul role="list" aria-label={t('Contact requests')} className="request-list">
        {entries.map(({ account, request }) => (
          <RequestItem key={`${account}\n${request.jid}`} account={account} request={request} showAccount={several} canBlock={Object.hasOwn(canBlock, account)} commands={commands} />
        ))}
      </ul>
    </section>
  );
}

function RequestItem({ account, request, showAccount, canBlock, commands }: { account: AccountId; request: SubscriptionRequest; showAccount: boolean; canBlock: boolean; commands: RequestCommands }) {
  const t = useT();
  const { acceptSubscription, blockContact, denySubscription } = commands;
  const [addBack, setAddBack] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const who = request.nickname !== '' ? `${request.nickname} (${request.jid})` : request.jid;
  const label = showAccount ? t('{{who}} wants to see your presence, account {{account}}', { who, account }) : t('{{who}} wants to see your presence', { who });

  const answer = async (how: 'accept' | 'deny' | 'block') => {
    setBusy(true);
    setError(null);
    const result =
      how === 'accept' ? await acceptSubscription(account, request.jid, addBack)
      : how === 'deny' ? await denySubscription(account, request.jid)
      : await blockContact(account, request.jid);
    // On success the request leaves the list (and this item with it).
    setBusy(false);
    if (!result.ok) setError(result.error);
  };

  return (
    <li className="request" aria-label={label}>
      <p className="request-who">
        <strong>{request.nickname !== '' ? request.nickname : request.jid}</strong>
        {request.nickname !== '' && <span className="request-jid"> {request.jid}</span>}
      </p>
      <p className="request-what">{showAccount ? t('wants to see when you are online (account {{account}})', { account }) : t('wants to see when you are online')}</p>
      {request.status !== '' && <p className="request-text">“{request.status}”</p>}
      <label className="check">
        <input type="checkbox" checked={addBack} onChange={(event) => setAddBack(event.target.checked)} />
        {t('Add to my contacts too')}
      </label>
      {error && (
        <p className="alert" role="alert">
          {errorText(error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void answer('accept')}>
          {t('Accept')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void answer('deny')}>
          {t('Deny')}
        </button>
        {canBlock && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void answer('block')}>
            {t('Block')}
          </button>
        )}
      </div>
    </li>
  );
}
