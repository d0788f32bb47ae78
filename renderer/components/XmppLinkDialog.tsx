/**
 * The confirmation an xmpp: link opens (RFC 5122): what it would do, with which account, and the
 * button that does it. Nothing happens without that click. Text from the link is shown as text only.
 */
import { useId, useState, type FormEvent } from 'react';
import type { AccountId, AppError, Phrase, Result } from '../../app/shared/contract.ts';
import type { XmppUri } from '../../app/shared/xmpp-uri.ts';
import { ErrorDetails } from './ErrorDetails.tsx';
import { Modal } from './Modal.tsx';
import { useT } from '../i18n/use-t.ts';
import { phraseText } from '../text/error-text.ts';

export interface XmppLinkPlan {
  readonly question: string;
  readonly confirmLabel: string | null;
  readonly accounts: readonly AccountId[];
  readonly problem: string | null;
}

export type XmppLinkView =
  | { readonly kind: 'valid'; readonly raw: string; readonly uri: XmppUri; readonly plan: XmppLinkPlan }
  | { readonly kind: 'invalid'; readonly raw: string; readonly reason: string; readonly reasonPhrase?: Phrase };

/** At most this much of a link's text is shown in the dialog. */
const SHOWN_TEXT = 500;
const shorten = (text: string): string => (text.length > SHOWN_TEXT ? `${text.slice(0, SHOWN_TEXT)}…` : text);

function Details({ uri }: { uri: XmppUri }) {
  const t = useT();
  const action = uri.action;
  switch (action.type) {
    case 'message':
      return action.body === '' && action.subject === '' ? (
        <p className="note">{t('The conversation opens; nothing is sent until you send it.')}</p>
      ) : (
        <>
          <p className="note">{t('The conversation opens with this text in the message box; nothing is sent until you send it.')}</p>
          {action.subject !== '' && <p className="link-subject">{t('Subject: {{subject}}', { subject: shorten(action.subject) })}</p>}
          {action.body !== '' && <blockquote className="link-body" aria-label={t('Message text')}>{shorten(action.body)}</blockquote>}
        </>
      );
    case 'open':
      return <p className="note">{t('The conversation opens; nothing is sent until you send it.')}</p>;
    case 'roster':
      return (
        <>
          <p className="note">{t('{{address}} is added to your contacts and asked to share their presence with you.', { address: uri.bare })}</p>
          {action.name !== '' && <p className="link-detail">{t('Name: {{name}}', { name: shorten(action.name) })}</p>}
          {action.groups.length > 0 && <p className="link-detail">{t('Groups: {{groups}}', { groups: shorten(action.groups.join(', ')) })}</p>}
        </>
      );
    case 'subscribe':
      return <p className="note">{t('{{address}} is added to your contacts and asked to share their presence with you.', { address: uri.bare })}</p>;
    case 'unsubscribe':
      return <p className="note">{t("You stop seeing {{address}}'s presence.", { address: uri.bare })}</p>;
    case 'remove':
      return <p className="note">{t("{{address}} leaves your contacts: you stop seeing each other's presence. Your conversation history stays.", { address: uri.bare })}</p>;
    case 'join':
      return <p className="note">{action.password === '' ? t('The group chat {{address}} is opened.', { address: uri.bare }) : t('The group chat {{address}} (with the password the link carries) is opened.', { address: uri.bare })}</p>;
    case 'unsupported':
      return null;
  }
}

export function XmppLinkDialog({ link, onConfirm, onCancel, several }: {
  link: XmppLinkView;
  onConfirm: (account: AccountId) => Promise<Result<unknown>>;
  onCancel: () => void;
  several: boolean;
}) {
  const t = useT();
  const accountId = useId();
  const firstAccount = link.kind === 'valid' ? (link.plan.accounts[0] ?? '') : '';
  const [account, setAccount] = useState<AccountId>(firstAccount);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  if (link.kind === 'invalid') {
    return (
      <Modal title={t('This link cannot be opened')} onClose={onCancel}>
        <p className="alert-message" role="alert">
          {t('{{link}} is not a valid xmpp: link: {{reason}}.', { link: shorten(link.raw), reason: link.reasonPhrase === undefined ? link.reason : phraseText(link.reasonPhrase) })}
        </p>
        <div className="form-actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t('Close')}
          </button>
        </div>
      </Modal>
    );
  }

  const { plan } = link;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (plan.confirmLabel === null || account === '') return;
    setBusy(true);
    setError(null);
    const result = await onConfirm(account);
    setBusy(false);
    if (!result.ok) setError(result.error);
  };

  return (
    <Modal title={plan.question} onClose={onCancel}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {error && (
          <div className="alert" role="alert">
            <ErrorDetails error={error} />
          </div>
        )}
        <Details uri={link.uri} />
        {plan.problem !== null && <p className="alert-message" role="alert">{plan.problem}</p>}
        {plan.confirmLabel !== null && several && plan.accounts.length > 1 && (
          <label htmlFor={accountId}>
            {t('Account')}
            <select id={accountId} value={account} onChange={(event) => setAccount(event.target.value)}>
              {plan.accounts.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="form-actions">
          {plan.confirmLabel !== null && (
            <button type="submit" className={link.uri.action.type === 'remove' ? 'danger' : 'primary'} disabled={busy}>
              {plan.confirmLabel}
            </button>
          )}
          <button type="button" className="secondary" onClick={onCancel}>
            {plan.confirmLabel === null ? t('Close') : t('Cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Where a room the user agreed to join would open: group chats are not part of this build yet. */
export function RoomPlaceholderDialog({ room, onClose }: { room: string; onClose: () => void }) {
  const t = useT();
  return (
    <Modal title={t('Room {{room}}', { room })} onClose={onClose}>
      <p className="note">{t("Group chats are not available in this version of Jabber Desk yet. The room's address is {{room}}.", { room })}</p>
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onClose}>
          {t('Close')}
        </button>
      </div>
    </Modal>
  );
}
