/**
 * Multi-user chat (XEP-0045) stanzas into plain data: occupant presence (roles, affiliations, status
 * codes), room disco#info (features and name), public room lists (disco#items), invitations (XEP-0249
 * direct and XEP-0045 §7.8 mediated), and bookmarks (XEP-0402 items).
 */
import type { Element } from '@xmpp/xml';
import type { Jid, PresenceShow } from '../../shared/contract.ts';
import type { PublicRoom, RoomAffiliation, RoomFeatures, RoomRole } from '../../shared/rooms.ts';
import { formatBare, parseJid, toBareJid } from '../../shared/jid.ts';
import { parseDiscoInfo } from './caps.ts';
import { NS } from './namespaces.ts';
import { parseStanzaError, type StanzaErrorInfo } from './stanza-error.ts';

export const NS_MUC = 'http://jabber.org/protocol/muc';
export const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
export const NS_MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';
export const NS_MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
export const NS_CONFERENCE = 'jabber:x:conference';
export const NS_BOOKMARKS = 'urn:xmpp:bookmarks:1';

const MAX_TEXT = 1024;
const ROLES = new Set<string>(['moderator', 'participant', 'visitor', 'none']);
const AFFILIATIONS = new Set<string>(['owner', 'admin', 'member', 'outcast', 'none']);
const SHOWS: Record<string, PresenceShow> = { away: 'away', chat: 'online', dnd: 'dnd', xa: 'xa' };

export interface OccupantPresence {
  /** The room's bare JID. */
  readonly room: Jid;
  readonly nick: string;
  readonly type: 'available' | 'unavailable' | 'error';
  readonly role: RoomRole;
  readonly affiliation: RoomAffiliation;
  readonly jid?: Jid;
  readonly show: PresenceShow;
  readonly status: string;
  /** XEP-0045 status codes (110 self, 201 created, 303 nick change, 307 kicked, 301 banned...). */
  readonly codes: ReadonlySet<number>;
  /** With 303: the occupant's new nickname. */
  readonly newNick?: string;
  /** An actor's reason (kick, ban), or the destroy reason; empty when none. */
  readonly reason: string;
  /** The room was destroyed (XEP-0045 §10.9); `alternate` is where to go instead, if said. */
  readonly destroyed?: { readonly reason: string; readonly alternate?: Jid };
  readonly error?: StanzaErrorInfo;
}

const text = (value: string | null | undefined): string => (value ?? '').trim().slice(0, MAX_TEXT);

/** A presence from a room occupant (or an error from a room), or null when it is none. */
export function parseOccupantPresence(presence: Element): OccupantPresence | null {
  const from = parseJid(presence.attrs.from ?? '');
  if (!from.ok || from.jid.local === '') return null;
  const rawType = presence.attrs.type ?? 'available';
  if (rawType !== 'available' && rawType !== 'unavailable' && rawType !== 'error') return null;
  const x = presence.getChild('x', NS_MUC_USER);
  if (rawType !== 'error' && x === undefined) return null;
  const item = x?.getChild('item');
  const role = item?.attrs.role ?? 'none';
  const affiliation = item?.attrs.affiliation ?? 'none';
  const realJid = item?.attrs.jid === undefined ? null : toBareJid(item.attrs.jid);
  const codes = new Set((x?.getChildren('status') ?? []).map((status) => Number.parseInt(status.attrs.code ?? '', 10)).filter(Number.isFinite));
  const destroy = x?.getChild('destroy');
  const error = rawType === 'error' ? parseStanzaError(presence) : null;
  const alternate = destroy?.attrs.jid === undefined ? null : toBareJid(destroy.attrs.jid);
  return {
    room: formatBare(from.jid),
    nick: from.jid.resource,
    type: rawType,
    role: ROLES.has(role) ? (role as RoomRole) : 'none',
    affiliation: AFFILIATIONS.has(affiliation) ? (affiliation as RoomAffiliation) : 'none',
    ...(realJid !== null ? { jid: realJid } : {}),
    show: rawType === 'available' ? (SHOWS[presence.getChildText('show')?.trim() ?? ''] ?? 'online') : 'offline',
    status: text(presence.getChildText('status')),
    codes,
    ...(item?.attrs.nick !== undefined ? { newNick: item.attrs.nick } : {}),
    reason: text(item?.getChildText('reason')),
    ...(destroy !== undefined ? { destroyed: { reason: text(destroy.getChildText('reason')), ...(alternate !== null ? { alternate } : {}) } } : {}),
    ...(error !== null ? { error } : {}),
  };
}

export interface RoomInfo {
  readonly name: string;
  readonly features: RoomFeatures;
  /** The entity is a multi-user chat room (identity conference/text). */
  readonly isRoom: boolean;
}

/** A room's disco#info result (the `<query/>`). */
export function parseRoomInfo(query: Element): RoomInfo {
  const info = parseDiscoInfo(query);
  const has = (feature: string): boolean => info.features.includes(feature);
  const identity = info.identities.find((candidate) => candidate.category === 'conference');
  const roomInfoForm = info.forms.find((form) => form.formType === 'http://jabber.org/protocol/muc#roominfo');
  const formName = roomInfoForm?.fields.find((field) => field.name === 'muc#roomconfig_roomname')?.values[0];
  return {
    name: text(formName ?? identity?.name ?? ''),
    isRoom: identity !== undefined && has(NS_MUC),
    features: {
      passwordProtected: has('muc_passwordprotected'),
      membersOnly: has('muc_membersonly'),
      moderated: has('muc_moderated'),
      nonAnonymous: has('muc_nonanonymous'),
      persistent: has('muc_persistent'),
      archived: has(NS.mam),
    },
  };
}

/** Whether a disco#info result says the entity is a multi-user chat service. */
export function isMucService(query: Element): boolean {
  const info = parseDiscoInfo(query);
  return info.features.includes(NS_MUC) && info.identities.some((identity) => identity.category === 'conference');
}

/** The `<item/>`s of a disco#items result, as JIDs and names. */
export function parseDiscoItems(query: Element): { readonly jid: Jid; readonly name: string }[] {
  return query
    .getChildren('item')
    .map((item) => ({ jid: toBareJid(item.attrs.jid ?? '') ?? '', name: text(item.attrs.name) }))
    .filter((item) => item.jid !== '');
}

/** A room list item's name often ends in its occupant count, "Team (3)": both, separately. */
export function toPublicRoom(item: { readonly jid: Jid; readonly name: string }): PublicRoom {
  const match = /^(.*?)\s*\((\d+)\)$/u.exec(item.name);
  const name = (match?.[1] ?? item.name) || (item.jid.split('@')[0] ?? item.jid);
  return { jid: item.jid, name, ...(match?.[2] !== undefined ? { occupants: Number(match[2]) } : {}) };
}

export interface ParsedInvitation {
  readonly room: Jid;
  readonly from: Jid;
  readonly reason: string;
  readonly password?: string;
  readonly kind: 'direct' | 'mediated';
}

/** A direct (XEP-0249) or mediated (XEP-0045 §7.8.2) invitation in a message, or null. */
export function parseInvitation(message: Element): ParsedInvitation | null {
  const sender = toBareJid(message.attrs.from ?? '');
  if (sender === null) return null;
  const direct = message.getChild('x', NS_CONFERENCE);
  // A mediated invitation may carry a jabber:x:conference copy too (ejabberd adds one): the room's own <invite/> wins.
  if (direct !== undefined && message.getChild('x', NS_MUC_USER)?.getChild('invite') === undefined) {
    const room = toBareJid(direct.attrs.jid ?? '');
    if (room === null) return null;
    return { room, from: sender, reason: text(direct.attrs.reason), ...(direct.attrs.password !== undefined ? { password: direct.attrs.password } : {}), kind: 'direct' };
  }
  const invite = message.getChild('x', NS_MUC_USER)?.getChild('invite');
  if (invite === undefined) return null;
  // The inviter's bare JID, or their occupant JID (room/nick) where the room hides real JIDs (Prosody).
  const inviterBare = toBareJid(invite.attrs.from ?? '');
  const inviter = inviterBare === sender && invite.attrs.from !== undefined ? invite.attrs.from : inviterBare;
  const password = message.getChild('x', NS_MUC_USER)?.getChildText('password');
  // Mediated: the room sends it, naming who invites.
  return { room: sender, from: inviter ?? sender, reason: text(invite.getChildText('reason')), ...(password !== null && password !== undefined ? { password } : {}), kind: 'mediated' };
}

export interface Bookmark {
  readonly room: Jid;
  readonly name: string;
  readonly nick: string;
  readonly autojoin: boolean;
  readonly password?: string;
}

/** One XEP-0402 item (`<item id=room><conference/></item>`), or null. */
export function parseBookmarkItem(item: Element): Bookmark | null {
  const room = toBareJid(item.attrs.id ?? '');
  const conference = item.getChild('conference', NS_BOOKMARKS);
  if (room === null || conference === undefined) return null;
  const autojoin = conference.attrs.autojoin === 'true' || conference.attrs.autojoin === '1';
  const password = conference.getChildText('password');
  return { room, name: text(conference.attrs.name), nick: text(conference.getChildText('nick')), autojoin, ...(password !== null ? { password } : {}) };
}
