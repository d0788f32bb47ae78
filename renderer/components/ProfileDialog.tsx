/** A contact's Profile (from Contact actions): their avatar and vCard fields, read from the server when opened. */
import { useEffect, useState } from 'react';
import type { AccountId, AppError, AvatarImage, ContactDevice, Jid, Profile, Result } from '../../app/shared/contract.ts';
import type { ConversationRef } from '../state/model.ts';
import { Avatar } from './Avatar.tsx';
import { ErrorDetails } from './ErrorDetails.tsx';
import { Modal } from './Modal.tsx';
import { useT } from '../i18n/use-t.ts';
import { t } from '../i18n/i18n.ts';

/** The vCard fields in the order a business card lists them. */
export const profileFields = (): ReadonlyArray<readonly [keyof Profile, string]> => [
  ['fullName', t('Name')],
  ['nickname', t('Nickname')],
  ['organisation', t('Organisation')],
  ['title', t('Title')],
  ['email', t('E-mail')],
  ['phone', t('Phone')],
];

/** What the Profile dialog asks of the core. */
export interface ProfileCommands {
  getProfile(account: AccountId, jid: Jid): Promise<Result<Profile>>;
  getDevices(account: AccountId, jid: Jid): Promise<Result<readonly ContactDevice[]>>;
}

type Loaded = { readonly status: 'loading' } | { readonly status: 'loaded'; readonly profile: Profile } | { readonly status: 'failed'; readonly error: AppError };

export function ProfileDialog({ contact, name, avatar, commands, onClose }: {
  contact: ConversationRef;
  name: string;
  avatar: AvatarImage | null;
  commands: ProfileCommands;
  onClose: () => void;
}) {
  const t = useT();
  const { getDevices, getProfile } = commands;
  const [devices, setDevices] = useState<readonly ContactDevice[]>([]);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    void getProfile(contact.account, contact.peer).then((result) => {
      if (current) setLoaded(result.ok ? { status: 'loaded', profile: result.value } : { status: 'failed', error: result.error });
    });
    void getDevices(contact.account, contact.peer).then((result) => {
      if (current && result.ok) setDevices(result.value);
    });
    return () => {
      current = false;
    };
  }, [contact.account, contact.peer]);

  const given = loaded.status === 'loaded' ? profileFields().filter(([field]) => loaded.profile[field] !== '') : [];
  return (
    <Modal title={t('Profile')} onClose={onClose}>
      <div className="profile-head">
        <Avatar avatar={avatar} jid={contact.peer} name={name} size="huge" />
        <div>
          <h3>{name}</h3>
          <p className="note">{contact.peer}</p>
        </div>
      </div>
      {loaded.status === 'loading' && <p className="note" role="status">{t('Loading the profile…')}</p>}
      {loaded.status === 'failed' && (
        <div className="alert" role="alert">
          <ErrorDetails error={loaded.error} />
        </div>
      )}
      {loaded.status === 'loaded' &&
        (given.length === 0 ? (
          <p className="note">{t('{{name}} has not published a profile.', { name })}</p>
        ) : (
          <dl className="profile-fields" aria-label={t('Profile details')}>
            {given.map(([field, label]) => (
              <div key={field}>
                <dt>{label}</dt>
                <dd>{loaded.profile[field]}</dd>
              </div>
            ))}
          </dl>
        ))}
      {devices.length > 0 && (
        <section aria-label={t('Devices online')}>
          <h4>{t('Devices online')}</h4>
          <ul className="profile-devices">
            {devices.map((device) => (
              <li key={device.resource}>
                {device.client === '' ? device.resource : `${device.client} (${device.resource})`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onClose}>
          {t('Close')}
        </button>
      </div>
    </Modal>
  );
}
