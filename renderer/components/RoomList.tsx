/**
 * The Rooms section of the sidebar: "Join room" and "Create room" (one dialog asking the room's address
 * and a nickname, and its password when the room asks for one), the account's rooms with their unread
 * counts, and the invitations waiting for an answer.
 */
import { useId, useState, type FormEvent } from 'react';
import type { AccountId, AppError, Jid, Result, Room, RoomInvitation } from '../../app/shared/contract.ts';
import type { ConversationRef } from '../state/model.ts';
import { ErrorAlert } from './ErrorDetails.tsx';
import { Modal } from './Modal.tsx';
import { t as translate } from '../i18n/i18n.ts';
import { useT } from '../i18n/use-t.ts';

export interface RoomListCommands {
  openConversation(conversation: ConversationRef): void;
  joinRoom(account: AccountId, room: Jid, nick: string, password?: string): Promise<Result<Room>>;
  dismissInvitation(account: AccountId, room: Jid): Promise<Result<null>>;
}

/** The accessible name of a room's list item, e.g. "Team, 2 unread" (", not joined" while out of it). */
export function roomLabel(room: Room, unread: number, mentions = 0): string {
  const t = translate;
  const parts = [room.name, t('{{count}} unread', { count: unread })];
  if (mentions > 0) parts.push(t('{{count}} mentions', { count: mentions }));
  if (room.status === 'joining') parts.push(t('joining'));
  else if (room.status === 'left') parts.push(t('not joined'));
  return parts.join(', ');
}

type Dialog = { readonly mode: 'join' | 'create'; readonly room: string; readonly password?: string } | null;

export function RoomList({ account, rooms, unread, mentions = [], active, invitations, defaultNick, service, connected, commands }: {
  account: AccountId;
  rooms: readonly Room[];
  /** Unread counts, in the order of `rooms`. */
  unread: readonly number[];
  /** Unread messages naming us, in the order of `rooms`. */
  mentions?: readonly number[];
  active: ConversationRef | null;
  invitations: readonly RoomInvitation[];
  /** What the nickname box starts with (the account's name). */
  defaultNick: string;
  /** The server's group chat service, e.g. conference.example.com, for new room addresses; '' when unknown. */
  service: string;
  connected: boolean;
  commands: RoomListCommands;
}) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const open = (room: Room): void => {
    if (room.status === 'left') setDialog({ mode: 'join', room: room.jid, ...(room.error?.code === 'room-password-required' ? { password: '' } : {}) });
    else commands.openConversation({ account, peer: room.jid });
  };
  const t = useT();
  return (
    <section className="rooms" aria-label={t('Group chats')}>
      <div className="sidebar-heading-row">
        <h2 className="sidebar-heading">{t('Rooms')}</h2>
        {connected && (
          <>
            <button type="button" className="secondary" onClick={() => setDialog({ mode: 'join', room: '' })}>
              {t('Join room')}
            </button>
            <button type="button" className="secondary" onClick={() => setDialog({ mode: 'create', room: service === '' ? '' : `@${service}` })}>
              {t('Create room')}
            </button>
          </>
        )}
      </div>
      {invitations.length > 0 && (
        <ul className="room-invitations" aria-label={t('Room invitations')}>
          {invitations.map((invitation) => (
            <li key={invitation.room} aria-label={t('{{from}} invites you to {{room}}', { from: invitation.from, room: invitation.room })}>
              <p>
                {t('{{from}} invites you to {{room}}', { from: invitation.from, room: invitation.room })}
                {invitation.reason !== '' ? `: ${invitation.reason}` : ''}
              </p>
              <button type="button" className="primary" onClick={() => setDialog({ mode: 'join', room: invitation.room, ...(invitation.password !== undefined ? { password: invitation.password } : {}) })}>
                {t('Accept')}
              </button>
              <button type="button" className="secondary" onClick={() => void commands.dismissInvitation(account, invitation.room)}>
                {t('Decline')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ul role="list" aria-label={t('Rooms')} className="room-list">
        {rooms.map((room, index) => {
          const count = unread[index] ?? 0;
          const isActive = active !== null && active.account === account && active.peer === room.jid;
          return (
            <li key={room.jid} aria-label={roomLabel(room, count, mentions[index] ?? 0)} className={`room${isActive ? ' room-active' : ''}`}>
              <button type="button" className="room-open" aria-current={isActive ? 'true' : undefined} onClick={() => open(room)}>
                <span className="room-name">{room.name}</span>
                {room.status !== 'joined' && <span className="room-status">{room.status === 'joining' ? t('joining…') : t('not joined')}</span>}
                {(mentions[index] ?? 0) > 0 && (
                  <span className="badge badge-mention" aria-hidden="true">
                    @{mentions[index]}
                  </span>
                )}
                {count > 0 && (
                  <span className="badge" aria-hidden="true">
                    {count}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      {dialog !== null && <JoinRoomDialog key={`${dialog.mode} ${dialog.room}`} account={account} dialog={dialog} defaultNick={defaultNick} commands={commands} onClose={() => setDialog(null)} />}
    </section>
  );
}

function JoinRoomDialog({ account, dialog, defaultNick, commands, onClose }: {
  account: AccountId;
  dialog: NonNullable<Dialog>;
  defaultNick: string;
  commands: RoomListCommands;
  onClose: () => void;
}) {
  const [room, setRoom] = useState(dialog.room);
  const [nick, setNick] = useState(defaultNick);
  const [password, setPassword] = useState(dialog.password ?? '');
  const [askPassword, setAskPassword] = useState(dialog.password !== undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const roomId = useId();
  const nickId = useId();
  const passwordId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await commands.joinRoom(account, room.trim(), nick.trim(), askPassword ? password : undefined);
    setBusy(false);
    if (result.ok) {
      onClose();
      return;
    }
    if (result.error.code === 'room-password-required') setAskPassword(true);
    setError(result.error);
  };
  const create = dialog.mode === 'create';
  const t = useT();
  return (
    <Modal title={create ? t('Create room') : t('Join room')} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={roomId}>{t('Room address')}</label>
          <input id={roomId} type="text" value={room} placeholder="team@conference.example.com" autoComplete="off" onChange={(event) => setRoom(event.target.value)} required />
          {create && <p className="note">{t("A room that does not exist yet is created with the server's default settings; you become its owner.")}</p>}
        </div>
        <div className="field">
          <label htmlFor={nickId}>{t('Nickname')}</label>
          <input id={nickId} type="text" value={nick} autoComplete="off" onChange={(event) => setNick(event.target.value)} required />
        </div>
        {askPassword && (
          <div className="field">
            <label htmlFor={passwordId}>{t('Room password')}</label>
            <input id={passwordId} type="password" value={password} autoComplete="off" onChange={(event) => setPassword(event.target.value)} />
          </div>
        )}
        <ErrorAlert error={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? (create ? t('Creating…') : t('Joining…')) : create ? t('Create') : t('Join')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('Cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
