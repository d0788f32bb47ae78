/**
 * An open group chat room: its name and subject, "Invite" and "Room actions" (nickname, subject,
 * leave, destroy), the room's log (each message with its sender's nickname; messages naming our
 * nickname are marked as mentions), the occupants with their roles (and, for a moderator, kick and
 * voice), and the composer.
 */
import { memo, useId, useMemo, useState, type FormEvent } from 'react';
import type { AppError, ChatMessage, Occupant, ReactionRestrictions, Result, Room, RoomModeration, RoomRole, RoomTyping } from '../../app/shared/contract.ts';
import type { RoomNotifyLevel } from '../../app/shared/settings.ts';
import type { SpellCheckAttributes } from '../state/language.ts';
import type { ConversationRef } from '../state/model.ts';
import { mentionsMe } from '../text/mentions.ts';
import { errorText } from '../text/error-text.ts';
import { formatMessageTime } from '../text/time.ts';
import { Composer, type ComposerCommands } from './Composer.tsx';
import { ErrorAlert } from './ErrorDetails.tsx';
import { MessageBody } from './MessageBody.tsx';
import { Modal } from './Modal.tsx';
import { MessageActions, ReactionBar } from './MessageActions.tsx';
import type { FileSlots } from './file-slots.ts';
import { useT, type Translate } from '../i18n/use-t.ts';
import { quotesRetracted, retractedIds } from '../history/rows.ts';
import { ReplyQuote } from './ReplyQuote.tsx';

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
  /** Our message retracted (XEP-0424), anyone's removed by a moderator (XEP-0425), reactions (XEP-0444): absent, not offered. */
  retractRoomMessage?(conversation: ConversationRef, id: string): Promise<Result<unknown>>;
  moderateRoomMessage?(conversation: ConversationRef, id: string, reason: string): Promise<Result<null>>;
  toggleRoomReaction?(conversation: ConversationRef, ownOccupant: string, message: ChatMessage, emoji: string): Promise<Result<unknown>>;
  loadReactionRestrictions?(conversation: ConversationRef): Promise<void>;
}

/** What a room's log shows besides its messages, handed in by the container. */
export interface RoomMessageExtras {
  /** Who is typing in the room now. */
  readonly typing?: readonly RoomTyping[];
  /** The messages a moderator removed, by id. */
  readonly moderated?: Readonly<Record<string, RoomModeration>>;
  /** Our message being corrected; the message being replied to. */
  readonly editing?: string | undefined;
  readonly replying?: ChatMessage | undefined;
  readonly restrictions?: ReactionRestrictions | undefined;
  readonly commonReactions?: readonly string[];
  readonly files?: FileSlots | undefined;
  /** The composer's spell checking: the language chosen in Settings, or off. */
  readonly spelling?: SpellCheckAttributes | undefined;
}

/** The role as a word, as the occupant list says it. */
export function roleWord(role: RoomRole, t: Translate = (text) => text): string {
  switch (role) {
    case 'moderator':
      return t('Moderator');
    case 'participant':
      return t('Participant');
    case 'visitor':
      return t('Visitor');
    default:
      return t('No role');
  }
}

/** "Bob is typing…", "Bob and Carol are typing…", "4 people are typing…" (only those composing). */
export function typingText(typing: readonly RoomTyping[], t: Translate): string {
  const nicks = typing.filter((entry) => entry.state === 'composing').map((entry) => entry.nick);
  if (nicks.length === 0) return '';
  if (nicks.length === 1) return t('{{name}} is typing…', { name: nicks[0] });
  if (nicks.length === 2) return t('{{first}} and {{second}} are typing…', { first: nicks[0], second: nicks[1] });
  return t('{{count}} people are typing…', { count: nicks.length });
}

/** The nickname a room message came from (its sender's room JID's resource). */
export const senderNick = (message: ChatMessage): string => {
  const slash = message.from.indexOf('/');
  return slash === -1 ? message.from : message.from.slice(slash + 1);
};

export { mentions } from '../text/mentions.ts';

type Dialog = 'invite' | 'nick' | 'subject' | null;

function notifyLabel(level: RoomNotifyLevel, t: Translate): string {
  switch (level) {
    case 'all':
      return t('Notify for every message');
    case 'mentions':
      return t('Notify for mentions only');
    default:
      return t('Never notify');
  }
}
const NOTIFY_LEVELS: readonly RoomNotifyLevel[] = ['all', 'mentions', 'none'];

/** What a room message's actions do (stable per room, so the memoized rows stay drawn). */
interface RoomMessageCommands {
  readonly ownOccupant: string;
  readonly common: readonly string[];
  readonly restrictions: ReactionRestrictions | undefined;
  readonly moderator: boolean;
  onEdit(message: ChatMessage): void;
  onRetract(message: ChatMessage): void;
  onRemove(message: ChatMessage): void;
  onReply(message: ChatMessage): void;
  onToggleReaction(message: ChatMessage, emoji: string): void;
  onPickReaction(message: ChatMessage): void;
  onJumpTo(id: string): void;
}

export function RoomView({ conversation, room, occupants, messages, draft, commands, notifyLevel = 'all', extras = {} }: {
  extras?: RoomMessageExtras;
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
  const [removing, setRemoving] = useState<ChatMessage | null>(null);
  const t = useT();
  const moderator = room.role === 'moderator';
  const owner = room.affiliation === 'owner';
  const act = async (command: () => Promise<Result<unknown>>) => {
    setMenuOpen(false);
    const result = await command();
    setError(result.ok ? null : result.error);
  };
  const ownOccupant = `${room.jid}/${room.nick}`;
  const canModerate = moderator && room.features?.moderation === true && commands.moderateRoomMessage !== undefined;
  const restrictions = extras.restrictions;
  // Retracted or removed by a moderator: a reply to one of them no longer quotes its words.
  const retracted = useMemo(() => new Set([...retractedIds(messages), ...Object.keys(extras.moderated ?? {})]), [messages, extras.moderated]);
  const messageCommands = useMemo<RoomMessageCommands>(() => ({
    ownOccupant,
    common: extras.commonReactions ?? [],
    restrictions,
    moderator: canModerate,
    onEdit: (message) => commands.composer.startEditing(conversation, message),
    onRetract: (message) => void act(() => commands.retractRoomMessage?.(conversation, message.id) ?? Promise.resolve({ ok: true, value: null })),
    onRemove: (message) => setRemoving(message),
    onReply: (message) => commands.composer.startReply?.(conversation, message),
    onToggleReaction: (message, emoji) => void act(() => commands.toggleRoomReaction?.(conversation, ownOccupant, message, emoji) ?? Promise.resolve({ ok: true, value: null })),
    onPickReaction: () => void commands.loadReactionRestrictions?.(conversation),
    onJumpTo: (id) => document.querySelector<HTMLElement>(`.room-log [data-stanza-ref="${CSS.escape(id)}"], .room-log [data-message-id="${CSS.escape(id)}"]`)?.focus(),
  }), [conversation.account, conversation.peer, ownOccupant, restrictions, canModerate]);
  const typing = typingText(extras.typing ?? [], t);
  return (
    <section className="room-view conversation" aria-label={t('Group chat {{name}}', { name: room.name })} {...extras.files?.dropHandlers}>
      <header className="conversation-header room-header">
        <div className="room-title">
          <h2>{room.name}</h2>
          {room.subject !== '' && <p className="room-subject">{room.subject}</p>}
          {room.status !== 'joined' && <p className="room-status">{room.error !== undefined ? errorText(room.error) : room.status === 'joining' ? t('Joining…') : t('You are not in this room.')}</p>}
        </div>
        <div className="room-buttons">
          <button type="button" className="secondary" onClick={() => setDialog('invite')} disabled={room.status !== 'joined'}>
            {t('Invite')}
          </button>
          <div className="menu-anchor">
            <button type="button" className="secondary" aria-haspopup="menu" aria-expanded={menuOpen} onClick={() => setMenuOpen((open) => !open)}>
              {t('Room actions')}
            </button>
            {menuOpen && (
              <ul role="menu" aria-label={t('Room actions')} className="menu">
                <li role="none">
                  <button type="button" role="menuitem" onClick={() => (setMenuOpen(false), setDialog('nick'))}>{t('Change nickname')}</button>
                </li>
                <li role="none">
                  <button type="button" role="menuitem" onClick={() => (setMenuOpen(false), setDialog('subject'))}>{t('Change subject')}</button>
                </li>
                <li role="none">
                  <button type="button" role="menuitem" onClick={() => void act(() => commands.leaveRoom(conversation, false))}>{t('Leave room')}</button>
                </li>
                <li role="none">
                  <button type="button" role="menuitem" onClick={() => void act(() => commands.leaveRoom(conversation, true))}>{t('Leave and forget room')}</button>
                </li>
                {room.role === 'visitor' && commands.requestVoice !== undefined && (
                  <li role="none">
                    <button type="button" role="menuitem" onClick={() => void act(() => commands.requestVoice?.(conversation) ?? Promise.resolve({ ok: true, value: null }))}>{t('Request voice')}</button>
                  </li>
                )}
                {commands.setNotifyLevel !== undefined && NOTIFY_LEVELS.map((level) => (
                  <li role="none" key={level}>
                    <button type="button" role="menuitemradio" aria-checked={notifyLevel === level} onClick={() => void act(() => commands.setNotifyLevel?.(conversation, level) ?? Promise.resolve({ ok: true, value: null }))}>{notifyLabel(level, t)}</button>
                  </li>
                ))}
                {owner && (
                  <li role="none">
                    <button type="button" role="menuitem" className="danger" onClick={() => void act(() => commands.destroyRoom(conversation))}>{t('Destroy room')}</button>
                  </li>
                )}
              </ul>
            )}
          </div>
        </div>
      </header>
      <ErrorAlert error={error} />
      <div className="room-body">
        <div role="log" aria-label={t('Room {{name}}', { name: room.name })} className="message-log room-log" tabIndex={0}>
          {messages.map((message) => (
            <RoomMessage
              key={`${message.direction}:${message.id}`}
              message={message}
              ownNick={room.nick}
              moderation={extras.moderated?.[message.id]}
              commands={room.status === 'joined' ? messageCommands : null}
              renderFile={extras.files?.renderFile}
              quoteRetracted={quotesRetracted(message, retracted)}
            />
          ))}
        </div>
        <aside className="occupants" aria-label={t('People in the room')}>
          <h3>{t('{{count}} people', { count: occupants.length })}</h3>
          <ul role="list" aria-label={t('Occupants')}>
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
      <p className="typing room-typing" aria-live="polite">{typing}</p>
      {room.status === 'joined' && (
        <Composer
          conversation={conversation}
          partnerName={room.name}
          draft={draft}
          editing={extras.editing}
          messages={messages.filter((message) => message.from === ownOccupant)}
          commands={commands.composer}
          replying={extras.replying}
          attach={extras.files?.attach}
          transfers={extras.files?.transfers}
          spelling={extras.spelling}
        />
      )}
      {dialog === 'invite' && (
        <TextDialog title={t('Invite to {{name}}', { name: room.name })} label={t('Address')} submit={t('Send invitation')} initial="" onClose={() => setDialog(null)} run={(jid) => commands.inviteToRoom(conversation, jid, '')} />
      )}
      {dialog === 'nick' && <TextDialog title={t('Change nickname')} label={t('Nickname')} submit={t('Change')} initial={room.nick} onClose={() => setDialog(null)} run={(nick) => commands.changeNick(conversation, nick)} />}
      {dialog === 'subject' && <TextDialog title={t('Change subject')} label={t('Subject')} submit={t('Change')} initial={room.subject} onClose={() => setDialog(null)} run={(subject) => commands.setRoomSubject(conversation, subject)} />}
      {removing !== null && (
        <TextDialog
          title={t('Remove this message for everyone')}
          label={t('Reason (optional)')}
          submit={t('Remove')}
          initial=""
          onClose={() => setRemoving(null)}
          run={(reason) => commands.moderateRoomMessage?.(conversation, removing.id, reason) ?? Promise.resolve({ ok: true, value: null })}
        />
      )}
    </section>
  );
}

const RoomMessage = memo(function RoomMessage({ message, ownNick, moderation, commands, renderFile, quoteRetracted }: {
  message: ChatMessage;
  /** It replies to a message that has since been retracted or removed: the quote shows none of its words. */
  quoteRetracted: boolean;
  ownNick: string;
  moderation: RoomModeration | undefined;
  /** Null: the message's actions are not offered (we are not in the room). */
  commands: RoomMessageCommands | null;
  renderFile: FileSlots['renderFile'] | undefined;
}) {
  const t = useT();
  const nick = senderNick(message);
  const mention = mentionsMe(message, ownNick);
  const own = commands !== null && message.direction === 'out' && message.from === commands.ownOccupant;
  const retracted = message.retracted === true;
  const replyTo = message.replyTo;
  const quotedNick = replyTo?.to === undefined ? null : replyTo.to.slice(replyTo.to.indexOf('/') + 1);
  const nameOf = (jid: string): string => jid.slice(jid.indexOf('/') + 1);
  const removal = message.moderated ?? moderation;
  const tombstone = removal !== undefined
    ? (removal.reason !== undefined ? t('This message was removed by a moderator. Reason: {{reason}}', { reason: removal.reason }) : t('This message was removed by a moderator.'))
    : own ? t('You retracted this message.') : t('This message was retracted.');
  const onlyFile = message.file !== undefined && message.body.trim() === message.file.url;
  return (
    <article
      className={`message message-${message.direction}${mention ? ' message-mention' : ''}${retracted ? ' message-retracted' : ''}`}
      aria-label={mention ? t('{{nick}}, mentions you', { nick }) : nick}
      tabIndex={-1}
      data-message-id={message.id}
    >
      <header className="message-meta">
        <span className="message-sender">{nick}</span> <time dateTime={new Date(message.timestamp).toISOString()}>{formatMessageTime(message.timestamp)}</time>
        {message.edited === true && !retracted && <span className="message-edited"> {t('Edited')}</span>}
      </header>
      {replyTo !== undefined && !retracted && commands !== null && (
        <ReplyQuote
          author={quotedNick === null ? null : quotedNick === ownNick ? t('you') : quotedNick}
          quotedBody={replyTo.quotedBody}
          originalRetracted={quoteRetracted}
          onJump={() => commands.onJumpTo(replyTo.messageId ?? replyTo.id)}
        />
      )}
      {retracted ? <p className="message-retracted message-tombstone">{tombstone}</p> : onlyFile ? null : <MessageBody text={message.body} senderName={nick} />}
      {message.file !== undefined && !retracted && renderFile?.(message)}
      {!retracted && commands !== null && (
        <ReactionBar message={message} account={commands.ownOccupant} nameOf={nameOf} onToggleReaction={commands.onToggleReaction} />
      )}
      {!retracted && commands !== null && (
        <MessageActions
          message={message}
          own={own}
          account={commands.ownOccupant}
          common={commands.common}
          restrictions={commands.restrictions}
          onEdit={commands.onEdit}
          onRetract={commands.onRetract}
          onReply={commands.onReply}
          onToggleReaction={commands.onToggleReaction}
          onPickReaction={commands.onPickReaction}
          more={commands.moderator ? [{ label: t('Remove'), run: commands.onRemove }] : []}
        />
      )}
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
  const t = useT();
  const role = roleWord(occupant.role, t);
  return (
    <li aria-label={occupant.self ? t('{{nick}}, {{role}}, you', { nick: occupant.nick, role }) : t('{{nick}}, {{role}}', { nick: occupant.nick, role })} className={`occupant occupant-${occupant.role}`}>
      <span className="occupant-nick">{occupant.nick}</span> <span className="occupant-role">{role}</span>
      {!occupant.self && (
        <button type="button" className="link-button" onClick={onMessage}>
          {t('Message {{nick}} privately', { nick: occupant.nick })}
        </button>
      )}
      {moderator && (
        <span className="occupant-actions">
          {occupant.role === 'visitor' ? (
            <button type="button" className="link-button" onClick={() => onAct((ref, nick) => commands.setRole(ref, nick, 'participant'))}>{t('Give voice to {{nick}}', { nick: occupant.nick })}</button>
          ) : occupant.role === 'participant' ? (
            <button type="button" className="link-button" onClick={() => onAct((ref, nick) => commands.setRole(ref, nick, 'visitor'))}>{t('Take voice from {{nick}}', { nick: occupant.nick })}</button>
          ) : null}
          <button type="button" className="link-button" onClick={() => onAct(commands.kickOccupant)}>{t('Kick {{nick}}', { nick: occupant.nick })}</button>
          {occupant.jid !== undefined && <button type="button" className="link-button" onClick={() => onAct(commands.banOccupant)}>{t('Ban {{nick}}', { nick: occupant.nick })}</button>}
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
  const t = useT();
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
          <button type="button" className="secondary" onClick={onClose}>{t('Cancel')}</button>
        </div>
      </form>
    </Modal>
  );
}
