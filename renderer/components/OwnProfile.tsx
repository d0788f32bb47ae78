/** In Account settings, for a signed-in account: its avatar (choose, remove) and its profile (vCard), as contacts see them. */
import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { AccountId, AppError, AvatarImage, Jid, Profile, Result } from '../../app/shared/contract.ts';
import { prepareAvatar } from '../avatar/resize.ts';
import { Avatar } from './Avatar.tsx';
import { ErrorAlert } from './ErrorDetails.tsx';
import { profileFields } from './ProfileDialog.tsx';
import { useT } from '../i18n/use-t.ts';

const EMPTY: Profile = { fullName: '', nickname: '', organisation: '', title: '', email: '', phone: '' };
const INPUT_TYPES: Partial<Record<keyof Profile, string>> = { email: 'email', phone: 'tel' };

/** What the profile section asks of the core. */
export interface OwnProfileCommands {
  getProfile(account: AccountId, jid: Jid): Promise<Result<Profile>>;
  setProfile(account: AccountId, profile: Profile): Promise<Result<unknown>>;
  setAvatar(account: AccountId, type: 'image/png' | 'image/jpeg', base64: string): Promise<Result<unknown>>;
  removeAvatar(account: AccountId): Promise<Result<unknown>>;
}

/** `avatar`: the account's own published avatar, or null. */
export function OwnProfile({ account, avatar, commands }: { account: AccountId; avatar: AvatarImage | null; commands: OwnProfileCommands }) {
  const t = useT();
  const { getProfile, removeAvatar, setAvatar, setProfile } = commands;
  const id = useId();
  const hasAvatar = avatar !== null;
  const [profile, setFields] = useState<Profile>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void getProfile(account, account).then((result) => {
      if (current && result.ok) setFields(result.value);
    });
    return () => {
      current = false;
    };
  }, [account]);

  const run = async (action: () => Promise<{ ok: true } | { ok: false; error: AppError }>, done: string) => {
    setBusy(true);
    setError(null);
    setNote(null);
    const result = await action();
    setBusy(false);
    if (result.ok) setNote(done);
    else setError(result.error);
  };

  const chooseAvatar = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    void run(async () => {
      try {
        const prepared = await prepareAvatar(file);
        return await setAvatar(account, prepared.type, prepared.base64);
      } catch (failure) {
        return { ok: false, error: { code: 'invalid-argument', message: failure instanceof Error ? failure.message : String(failure) } };
      }
    }, t('Avatar published.'));
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(() => setProfile(account, profile), t('Profile saved.'));
  };

  return (
    <section className="own-profile" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{t('Your profile')}</h4>
      <ErrorAlert error={error} />
      {note && (
        <p className="note" role="status">
          {note}
        </p>
      )}
      <div className="own-avatar">
        <Avatar avatar={avatar} jid={account} name={profile.fullName || account} size="large" />
        <div className="field">
          <label htmlFor={`${id}-avatar`}>{t('Avatar image')}</label>
          <input id={`${id}-avatar`} type="file" accept="image/png,image/jpeg,image/gif,image/webp" disabled={busy} onChange={chooseAvatar} />
        </div>
        {hasAvatar && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void run(() => removeAvatar(account), t('Avatar removed.'))}>
            {t('Remove avatar')}
          </button>
        )}
      </div>
      <form className="server-form" onSubmit={save} noValidate>
        {profileFields().map(([field, label]) => (
          <div className="field" key={field}>
            <label htmlFor={`${id}-field-${field}`}>{label}</label>
            <input
              id={`${id}-field-${field}`}
              type={INPUT_TYPES[field] ?? 'text'}
              maxLength={256}
              value={profile[field]}
              onChange={(event) => setFields((current) => ({ ...current, [field]: event.target.value }))}
            />
          </div>
        ))}
        <button type="submit" className="secondary" disabled={busy}>
          {t('Save profile')}
        </button>
      </form>
    </section>
  );
}
