/**
 * People who asked to see our presence, per account: who (nickname and JID), what they wrote, and
 * Accept (optionally adding them back) or Deny. Their words are shown as text, never as markup.
 */
import { useState } from 'react';
import type { AccountId, AppError, SubscriptionRequest } from '../../app/shared/contract.ts';
import { acceptSubscription, blockContact, denySubscription } from '../state/contact-actions.ts';
import { filterRequests } from '../state/contacts-derive.ts';
import { useJabberStore } from '../state/store.ts';

type Entry = { readonly account: AccountId; readonly request: SubscriptionRequest };

export function SubscriptionRequests() {
  const byAccount = useJabberStore((state) => state.subscriptionRequests);
  const filter = useJabberStore((state) => state.contactFilter);
  const several = useJabberStore((state) => state.accounts.length > 1);
  const entries: Entry[] = Object.entries(byAccount).flatMap(([account, requests]) =>
    filterRequests(requests, filter).map((request) => ({ account, request })),
  );
  if (entries.length === 0) return null;
  return (
    <section className="requests" aria-labelledby="requests-heading">
      <h2 id="requests-heading" className="sidebar-heading">
        Contact requests
      </h2>
      <ul role="list" aria-label="Contact requests" className="request-list">
        {entries.map(({ account, request }) => (
          <RequestItem key={`${account}\n${request.jid}`} account={account} request={request} showAccount={several} />
        ))}
      </ul>
    </section>
  );
}

function RequestItem({ account, request, showAccount }: { account: AccountId; request: SubscriptionRequest; showAccount: boolean }) {
  const [addBack, setAddBack] = useState(true);
  const canBlock = useJabberStore((state) => Object.hasOwn(state.blockingSupported, account));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const who = request.nickname !== '' ? `${request.nickname} (${request.jid})` : request.jid;
  const label = `${who} wants to see your presence${showAccount ? `, account ${account}` : ''}`;

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
      <p className="request-what">wants to see when you are online{showAccount ? ` (account ${account})` : ''}</p>
      {request.status !== '' && <p className="request-text">“{request.status}”</p>}
      <label className="check">
        <input type="checkbox" checked={addBack} onChange={(event) => setAddBack(event.target.checked)} />
        Add to my contacts too
      </label>
      {error && (
        <p className="alert" role="alert">
          {error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void answer('accept')}>
          Accept
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void answer('deny')}>
          Deny
        </button>
        {canBlock && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void answer('block')}>
            Block
          </button>
        )}
      </div>
    </li>
  );
}
