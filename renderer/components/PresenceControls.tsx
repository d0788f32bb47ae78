/**
 * One account's own presence: a show menu and a status message applied on Enter or when leaving the
 * field, with the status messages set lately offered again. Its labels stay "My status" and "Status
 * message": it always acts on the current account. While automatic away stands in for "online", the
 * menu shows it and says so; editing the message keeps the choice "online".
 */
import { useEffect, useId, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import type { AccountId, AccountSummary, AppError, InvisibilityState, OwnPresenceShow, Presence, Result } from '../../app/shared/contract.ts';
import { OWN_PRESENCE_CHOICES, presenceWord } from '../text/words.ts';
import { RecentStatuses } from './RecentStatuses.tsx';
import { useT } from '../i18n/use-t.ts';
import { errorText } from '../text/error-text.ts';

const isOwnShow = (value: string): value is OwnPresenceShow => (OWN_PRESENCE_CHOICES as readonly string[]).includes(value);

const OFFLINE: Presence = { show: 'offline', status: '' };
const INVISIBLE = 'invisible';
/** The menu's value while automatic away stands in for "online". */
const AUTOMATIC = 'automatic';

/** What "My status" asks of the core. */
export interface PresenceCommands {
  setOwnPresence(account: AccountId, show: OwnPresenceShow, status: string): Promise<Result<unknown>>;
  setInvisible(account: AccountId, invisible: boolean): Promise<Result<unknown>>;
  forgetRecentStatus(status: string): void;
}

export function PresenceControls({ account, summary, invisibility, recentStatuses, commands }: {
  account: AccountId;
  summary: AccountSummary | undefined;
  /** Whether the server offers invisibility and whether the account is invisible; undefined until known. */
  invisibility: InvisibilityState | undefined;
  recentStatuses: readonly string[];
  commands: PresenceCommands;
}) {
  const t = useT();
  const { setOwnPresence, setInvisible } = commands;
  const presence = summary?.ownPresence ?? OFFLINE;
  // Nothing to set while the account has no session (signed out, or on its way out).
  const offline = summary === undefined || summary.connection.status === 'disconnected' || summary.connection.status === 'disconnecting';
  const show: OwnPresenceShow = presence.show === 'offline' ? 'online' : presence.show;
  // Automatic away only ever stands in for "online": that is the user's choice underneath.
  const automatic = presence.idleSince !== undefined;
  const chosenShow: OwnPresenceShow = automatic ? 'online' : show;
  // XEP-0186: offered only where the account's server advertises it.
  const invisible = invisibility?.invisible === true;
  const [text, setText] = useState(presence.status);
  const [error, setError] = useState<AppError | null>(null);
  const editing = useRef(false);
  const lastApplied = useRef<string | null>(null);
  const id = useId();

  // Follow changes made elsewhere, unless the user is typing.
  useEffect(() => {
    if (!editing.current) setText(presence.status);
  }, [presence.status]);

  const apply = async (nextShow: OwnPresenceShow, status: string) => {
    const result = await setOwnPresence(account, nextShow, status);
    if (!result.ok) lastApplied.current = null;
    setError(result.ok ? null : result.error);
  };

  const onShow = async (event: ChangeEvent<HTMLSelectElement>) => {
    const value = event.target.value;
    if (value === INVISIBLE) {
      const result = await setInvisible(account, true);
      setError(result.ok ? null : result.error);
      return;
    }
    if (!isOwnShow(value)) return;
    if (invisible) {
      const result = await setInvisible(account, false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
    }
    void apply(value, text.trim());
  };

  const commitText = () => {
    editing.current = false;
    const status = text.trim();
    if (status === presence.status || status === lastApplied.current) return;
    lastApplied.current = status;
    void apply(chosenShow, status);
  };

  const chooseRecent = (status: string) => {
    editing.current = false;
    setText(status);
    lastApplied.current = status;
    void apply(chosenShow, status);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commitText();
    } else if (event.key === 'Escape') {
      editing.current = false;
      setText(presence.status);
    }
  };

  return (
    <div className="presence-controls">
      <div className="field">
        <label htmlFor={`${id}-show`}>{t('My status')}</label>
        <select id={`${id}-show`} value={invisible ? INVISIBLE : automatic ? AUTOMATIC : show} onChange={(event) => void onShow(event)} disabled={offline} className={`show-select show-${show}`}>
          {OWN_PRESENCE_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {presenceWord(choice)}
            </option>
          ))}
          {(invisibility?.supported === true || invisible) && <option value={INVISIBLE}>{t('Invisible')}</option>}
          {/* Shown, not offered: choosing Away itself must still be a change. */}
          {automatic && (
            <option value={AUTOMATIC} disabled hidden>
              {t('{{status}} (idle)', { status: presenceWord(show) })}
            </option>
          )}
        </select>
        {automatic && <span className="presence-automatic">{t('automatically, while you are idle')}</span>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('Status message')}</label>
        <input
          disabled={offline}
          id={`${id}-text`}
          type="text"
          value={text}
          placeholder={t('What are you working on?')}
          onChange={(event) => {
            editing.current = true;
            setText(event.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={commitText}
        />
        <RecentStatuses recent={recentStatuses} disabled={offline} onChoose={chooseRecent} onForget={commands.forgetRecentStatus} />
      </div>
      {error && (
        <div className="alert" role="alert">
          <p className="alert-message">{errorText(error)}</p>
        </div>
      )}
    </div>
  );
}
