/**
 * Avatars and profiles into plain data: XEP-0084 PEP notifications (avatar metadata, XEP-0172
 * nickname), the XEP-0153 photo hash in presence, and vCards (vcard-temp XEP-0054, vCard4 XEP-0292).
 * Nothing here trusts a declared type or hash: avatars.ts checks the bytes themselves.
 */
import type { Element } from '@xmpp/xml';
import type { Profile } from '../../shared/contract.ts';
import { NS } from './namespaces.ts';

const MAX_FIELD_LENGTH = 256;
const SHA1_HEX = /^[0-9a-f]{40}$/u;

/** An avatar a contact announces: the SHA-1 (item id) and declared type of the image to fetch; null: no avatar. */
export interface AnnouncedAvatar {
  readonly hash: string;
  readonly type: string;
  readonly bytes: number;
}

/** One PEP notification we use (XEP-0163), from the contact's bare JID. */
export type PepEvent =
  | { readonly kind: 'avatar'; readonly from: string; readonly avatar: AnnouncedAvatar | null }
  | { readonly kind: 'nickname'; readonly from: string; readonly nickname: string };

const normalizeHash = (value: string | undefined): string | null => {
  const hash = (value ?? '').trim().toLowerCase();
  return SHA1_HEX.test(hash) ? hash : null;
};

/** The `<info/>` to fetch among those of a metadata item: one stored in the PEP data node (no url), PNG first. */
export function pickAvatarInfo(metadata: Element): AnnouncedAvatar | null {
  const infos = metadata.getChildren('info').filter((info) => info.attrs.url === undefined);
  const chosen = infos.find((info) => info.attrs.type === 'image/png') ?? infos[0];
  if (chosen === undefined) return null;
  const hash = normalizeHash(chosen.attrs.id);
  if (hash === null) return null;
  const bytes = Number.parseInt(chosen.attrs.bytes ?? '', 10);
  return { hash, type: chosen.attrs.type ?? '', bytes: Number.isFinite(bytes) ? bytes : 0 };
}

/** A `<message/>` carrying a PEP event for avatar metadata or nickname; null for anything else. */
export function parsePepEvent(message: Element): PepEvent | null {
  const event = message.getChild('event', NS.pubsubEvent);
  if (event === undefined) return null;
  const from = message.attrs.from ?? '';
  const items = event.getChild('items');
  const purge = event.getChild('purge');
  const node = items?.attrs.node ?? purge?.attrs.node;
  if (node === NS.avatarMetadata) {
    if (items === undefined) return { kind: 'avatar', from, avatar: null };
    const item = items.getChild('item');
    // A retraction (or purge) of the metadata withdraws the avatar.
    if (item === undefined) return items.getChild('retract') !== undefined ? { kind: 'avatar', from, avatar: null } : null;
    const metadata = item.getChild('metadata', NS.avatarMetadata);
    if (metadata === undefined) return null;
    return { kind: 'avatar', from, avatar: pickAvatarInfo(metadata) };
  }
  if (node === NS.nick) {
    const nick = items?.getChild('item')?.getChild('nick', NS.nick);
    return { kind: 'nickname', from, nickname: (nick?.text() ?? '').trim().slice(0, MAX_FIELD_LENGTH) };
  }
  return null;
}

/** XEP-0153 photo hash in a presence: a hash, '' (no avatar), or null (not said: the client does not know yet). */
export function parsePhotoUpdate(presence: Element): string | null {
  const update = presence.getChild('x', NS.vcardUpdate);
  const photo = update?.getChild('photo');
  if (photo === undefined) return null;
  const text = photo.text().trim();
  if (text === '') return '';
  return normalizeHash(text);
}

/** The base64 text of `<data/>` in a pubsub items reply for the avatar data node; null when absent. */
export function parseAvatarData(iqResult: Element): string | null {
  const data = iqResult.getChild('pubsub', NS.pubsub)?.getChild('items')?.getChild('item')?.getChild('data', NS.avatarData);
  return data === undefined ? null : data.text();
}

export interface ParsedVCard {
  readonly profile: Profile;
  /** The PHOTO's base64 and declared type, when it carries the bytes (BINVAL). */
  readonly photo: { readonly base64: string; readonly type: string } | null;
}

const field = (text: string | undefined | null): string => (text ?? '').trim().slice(0, MAX_FIELD_LENGTH);

/** A vcard-temp `<vCard/>` (XEP-0054). */
export function parseVCardTemp(vcard: Element): ParsedVCard {
  const email = vcard.getChildren('EMAIL').map((entry) => entry.getChildText('USERID') ?? entry.text()).find((text) => text.trim() !== '');
  const phone = vcard.getChildren('TEL').map((entry) => entry.getChildText('NUMBER') ?? '').find((text) => text.trim() !== '');
  const photo = vcard.getChild('PHOTO');
  const binval = photo?.getChildText('BINVAL')?.replace(/\s+/gu, '') ?? '';
  return {
    profile: {
      fullName: field(vcard.getChildText('FN')),
      nickname: field(vcard.getChildText('NICKNAME')),
      organisation: field(vcard.getChild('ORG')?.getChildText('ORGNAME')),
      title: field(vcard.getChildText('TITLE')),
      email: field(email),
      phone: field(phone),
    },
    photo: binval === '' ? null : { base64: binval, type: field(photo?.getChildText('TYPE')) },
  };
}

/** A vCard4 `<vcard/>` (XEP-0292, RFC 6351). */
export function parseVCard4(vcard: Element): Profile {
  const text = (name: string, child = 'text'): string => field(vcard.getChild(name)?.getChildText(child));
  const tel = vcard.getChild('tel')?.getChildText('uri') ?? vcard.getChild('tel')?.getChildText('text') ?? '';
  return {
    fullName: text('fn'),
    nickname: text('nickname'),
    organisation: text('org'),
    title: text('title'),
    email: text('email'),
    phone: field(tel.replace(/^tel:/u, '')),
  };
}

/** The vCard4 in a pubsub items reply for `urn:xmpp:vcard4`; null when there is none. */
export function parseVCard4Reply(iqResult: Element): Profile | null {
  const vcard = iqResult.getChild('pubsub', NS.pubsub)?.getChild('items')?.getChild('item')?.getChild('vcard', NS.vcard4Content);
  return vcard === undefined ? null : parseVCard4(vcard);
}
