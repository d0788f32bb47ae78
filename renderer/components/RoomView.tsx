/**
 * An open group chat room: its name and subject, "Invite" and "Room actions" (nickname, subject,
 * leave, destroy), the room's log (each message with its sender's nickname; messages naming our
 * nickname are marked as mentions), the occupants with their roles (and, for a moderator, kick and
 * voice), and the composer.
 */
import { memo, useId, useState, type FormEvent } from 'react';
import type { AppError, ChatMessage, Occupant, Result, Room, RoomRole } from '../../app/shared/contract.ts';
import type { RoomNotifyLevel } from '../../app/shared/settings.ts';
import type { ConversationRef } from '../state/model.ts';
import { mentions } from '../text/mentions.ts';
import { formatMessageTime } from '../text/time.ts';
import { Composer, type ComposerCommands } from './Composer.tsx';
import { ErrorAlert } from './ErrorDetails.tsx';
import { MessageBody } from './MessageBody.tsx';
import { Modal } from './Modal.tsx';

export interface RoomCommands {
  composer: ComposerCommands;
  leaveRoom(conversation: ConversationRef, forget: boolean): Promise<Result<null>>;
  setRoomSubject(conversation: ConversationRef, subject: string): Promise<Result<null>>;
  changeNick(conversation: ConversationRef, nick: string): Promise<Result<null>>;
  inviteToRoom(conversation: ConversationRef, jid: string, reason: string): Promise<Result<null>>;
  kickOccupant(conversation: ConversationRef, nick: string): Promise<Result<null>>;
  banOccupant(conversation: ConversationRef, nick: string): Promise<Result<null>>;
  setRole(conversation: ConversationRef, nick: string, role: RoomRole): Promise<Result<null>>;
  destroyRoom(conversation: ConversationRef): Promise<Result<null>>;
  /** How much the room notifies: every message, messages naming us, or nothing (kept in the app settings). */
  setNotifyLevel?(conversation: ConversationRef, level: RoomNotifyLevel): Promise<Result<unknown>>;
  /** A visitor asks the moderators for voice (XEP-0045 §8.6). */
  requestVoice?(conversation: ConversationRef): Promise<Result<null>>;
  /** Opens a conversation: here, the private messages with an occupant (`room@service/nick`). */
  openConversation(conversation: ConversationRef): void;
}

/** The role as a word, as the occupant list says it. */
export function roleWord(role: RoomRole): string {
  switch (role) {
    case 'moderator':
      return 'Moderator';
    case 'participant':
      return 'Participant';
    case 'visitor':
      return 'Visitor';
    default:
      return 'No role';
  }
}

/** The nickname a room message came from (its sender's room JID's resource). */
export const senderNick = (message: ChatMessage): string => {
  const slash = message.from.indexOf('/');
  return slash === -1 ? message.from : message.from.slice(slash + 1);
};

export { mentions } from '../text/mentions.ts';

type Dialog = 'invite' | 'nick' | 'subject' | null;

const NOTIFY_CHOICES: ReadonlyArray<readonly [RoomNotifyLevel, string]> = [['all', 'Notify for every message'], ['mentions', 'Notify for mentions only'], ['none', 'Never notify']];

export function RoomView({ conversation, room, occupants, messages, draft, commands, notifyLevel = 'all' }: {
  notifyLevel?: RoomNotifyLevel;
  conversation: ConversationRef;
  room: Room;
  occupants: readonly Occupant[];
  messages: readonly ChatMessage[];
  draft: string;
  commands: RoomCommands;
}) {
  const [menuOpen, setMenuOpen] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<AppError | null>(null);
  const moderator = room.role === 'moderator';
  const owner = room.affiliation === 'owner';
  const act = async (command: () => Promise<Result<unknown>>) => {
    setMenuOpen(false);
    const result = await command();
    setError(result.ok ? null : result.error);
  };
  return (
    <section className="room-view conversation" aria-label={`Group chat ${room.name}`}>
      <header className="conversation-header room-header">
        <div className="room-title">
          <h2>{room.name}</h2>
          {room.subject !== '' && <p className="room-subject">{room.subject}</p>}
          {room.status !== 'joined' && <p className="room-status">{room.error?.message ?? (room.status === 'joining' ? 'Joining…' : 'You are not in this room.')}</p>}
        </div>
        <div className="room-buttons">
          <button type="button" className="secondary" onClick={() => setDialog('invite')} disabled={room.status !== 'joined'}>
            Invite
          </button>
          <div className="menu-anchor">
            <button type="button" className="secondary" aria-haspopup="menu" aria-expanded={menuOpen} onClick={() => setMenuOpen((open) => !open)}>
              Room actions
            </button>
            {menuOpen && (
              <ul role="menu" aria-label="Room actions" className="menu">
                <li role="none">
                  <button type="button" role="menuitem" onClick={() => (setMenuOpen(false), setDialog('nick'))}>Change nickname</button>
                </li>
                <li role="none">
                  <button type="button" role="menuitem" onClick={() => (setMenuOpen(false), setDialog('subject'))}>Change subject</button>
                </li>
                <li role="none">
                  <button type="button" role="menuitem" onClick={() => void act(() => commands.leaveRoom(conversation, false))}>Leave room</button>
                </li>
                <li role="none">
                  <button type="button" role="menuitem" onClick={() => void act(() => commands.leaveRoom(conversation, true))}>Leave and forget room</button>
                </li>
                {room.role === 'visitor' && commands.requestVoice !== undefined && (
                  <li role="none">
                    <button type="button" role="menuitem" onClick={() => void act(() => commands.requestVoice?.(conversation) ?? Promise.resolve({ ok: true, value: null }))}>Request voice</button>
                  </li>
                )}
                {commands.setNotifyLevel !== undefined && NOTIFY_CHOICES.map(([level, label]) => (
                  <li role="none" key={level}>
                    <button type="button" role="menuitemradio" aria-checked={notifyLevel === level} onClick={() => void act(() => commands.setNotifyLevel?.(conversation, level) ?? Promise.resolve({ ok: true, value: null }))}>{label}</button>
                  </li>
                ))}
                {owner && (
                  <li role="none">
                    <button type="button" role="menuitem" className="danger" onClick={() => void act(() => commands.destroyRoom(conversation))}>Destroy room</button>
                  </li>
                )}
              </ul>
            )}
          </div>
        </div>
      </header>
      <ErrorAlert error={error} />
      <div className="room-body">
        <div role="log" aria-label={`Room ${room.name}`} className="message-log room-log" tabIndex={0}>
          {messages.map((message) => (
            <RoomMessage key={`${message.direction}:${message.id}`} message={message} ownNick={room.nick} />
          ))}
        </div>
        <aside className="occupants" aria-label="People in the room">
          <h3>{occupants.length === 1 ? '1 person' : `${occupants.length} people`}</h3>
          <ul role="list" aria-label="Occupants">
            {occupants.map((occupant) => (
              <OccupantItem
                key={occupant.nick}
                occupant={occupant}
                moderator={moderator && !occupant.self}
                onAct={(command) => void act(() => command(conversation, occupant.nick))}
                onMessage={() => commands.openConversation({ account: conversation.account, peer: `${room.jid}/${occupant.nick}` })}
                commands={commands}
              />
            ))}
          </ul>
        </aside>
      </div>
      {room.status === 'joined' && <Composer conversation={conversation} partnerName={room.name} draft={draft} editing={undefined} messages={[]} commands={commands.composer} />}
      {dialog === 'invite' && (
        <TextDialog title={`Invite to ${room.name}`} label="Address" submit="Send invitation" initial="" onClose={() => setDialog(null)} run={(jid) => commands.inviteToRoom(conversation, jid, '')} />
      )}
      {dialog === 'nick' && <TextDialog title="Change nickname" label="Nickname" submit="Change" initial={room.nick} onClose={() => setDialog(null)} run={(nick) => commands.changeNick(conversation, nick)} />}
      {dialog === 'subject' && <TextDialog title="Change subject" label="Subject" submit="Change" initial={room.subject} onClose={() => setDialog(null)} run={(subject) => commands.setRoomSubject(conversation, subject)} />}
    </section>
  );
}

const RoomMessage = memo(function RoomMessage({ message, ownNick }: { message: ChatMessage; ownNick: string }) {
  const nick = senderNick(message);
  const mention = message.direction === 'in' && mentions(message.body, ownNick);
  return (
    <article className={`message message-${message.direction}${mention ? ' message-mention' : ''}`} aria-label={`${nick}${mention ? ', mentions you' : ''}`}>
      <header className="message-meta">
        <span className="message-sender">{nick}</span> <time dateTime={new Date(message.timestamp).toISOString()}>{formatMessageTime(message.timestamp)}</time>
      </header>
      {message.retracted === true ? <p className="message-retracted">This message was retracted.</p> : <MessageBody text={message.body} senderName={nick} />}
    </article>
  );
});

const OccupantItem = memo(function OccupantItem({ occupant, moderator, onAct, onMessage, commands }: {
  occupant: Occupant;
  moderator: boolean;
  onMessage: () => void;
  onAct: (command: (conversation: ConversationRef, nick: string) => Promise<Result<null>>) => void;
  commands: RoomCommands;
}) {
  const role = roleWord(occupant.role);
  return (
    <li aria-label={`${occupant.nick}, ${role}${occupant.self ? ', you' : ''}`} className={`occupant occupant-${occupant.role}`}>
      <span className="occupant-nick">{occupant.nick}</span> <span className="occupant-role">{role}</span>
      {!occupant.self && (
        <button type="button" className="link-button" onClick={onMessage}>
          Message {occupant.nick} privately
        </button>
      )}
      {moderator && (
        <span className="occupant-actions">
          {occupant.role === 'visitor' ? (
            <button type="button" className="link-button" onClick={() => onAct((ref, nick) => commands.setRole(ref, nick, 'participant'))}>Give voice to {occupant.nick}</button>
          ) : occupant.role === 'participant' ? (
            <button type="button" className="link-button" onClick={() => onAct((ref, nick) => commands.setRole(ref, nick, 'visitor'))}>Take voice from {occupant.nick}</button>
          ) : null}
          <button type="button" className="link-button" onClick={() => onAct(commands.kickOccupant)}>Kick {occupant.nick}</button>
          {occupant.jid !== undefined && <button type="button" className="link-button" onClick={() => onAct(commands.banOccupant)}>Ban {occupant.nick}</button>}
        </span>
      )}
    </li>
  );
});

function TextDialog({ title, label, submit, initial, onClose, run }: {
  title: string;
  label: string;
  submit: string;
  initial: string;
  onClose: () => void;
  run: (value: string) => Promise<Result<unknown>>;
}) {
  const [value, setValue] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const id = useId();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await run(value.trim());
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };
  return (
    <Modal title={title} onClose={onClose}>
      <form onSubmit={(event) => void onSubmit(event)}>
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input id={id} type="text" value={value} autoComplete="off" onChange={(event) => setValue(event.target.value)} />
        </div>
        <ErrorAlert error={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>{submit}</button>
          <button type="button" className="secondary" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Modal>
  );
}
