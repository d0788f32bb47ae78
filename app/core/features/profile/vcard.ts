/**
 * vCards (XEP-0054 vcard-temp, and vCard4 over PEP, XEP-0292, where the server keeps one): reading a
 * contact's or our own profile, and changing our own without losing the fields we do not edit.
 */
import { xml, type Element } from '@xmpp/xml';
import type { Jid, Profile } from '../../../shared/contract.ts';
import type { IqRouter } from '../../session/iq.ts';
import { NS } from '../../xml/namespaces.ts';
import { parseVCard4Reply, parseVCardTemp, type ParsedVCard } from '../../xml/profile.ts';

const EMPTY_PROFILE: Profile = { fullName: '', nickname: '', organisation: '', title: '', email: '', phone: '' };

const conditionOf = (error: unknown): string | undefined => (error as { appError?: { condition?: string } }).appError?.condition;

/** A vcard-temp of `jid` (null: our own); null when there is none. */
export async function fetchVCardTemp(iq: IqRouter, jid: Jid | null, timeoutMs: number): Promise<Element | null> {
  try {
    const reply = await iq.request('get', xml('vCard', { xmlns: NS.vcardTemp }), jid, timeoutMs);
    return reply.getChild('vCard', NS.vcardTemp) ?? null;
  } catch (error) {
    // No vCard stored is "item-not-found" on some servers, "service-unavailable" for a user who does not exist.
    if (conditionOf(error) === 'item-not-found') return null;
    throw error;
  }
}

export async function fetchParsedVCard(iq: IqRouter, jid: Jid | null, timeoutMs: number): Promise<ParsedVCard | null> {
  const vcard = await fetchVCardTemp(iq, jid, timeoutMs);
  return vcard === null ? null : parseVCardTemp(vcard);
}

/** vCard4 first (XEP-0292, a PEP node), vcard-temp where there is none. */
export async function fetchProfile(iq: IqRouter, jid: Jid, ownBareJid: Jid, timeoutMs: number): Promise<Profile> {
  const own = jid === ownBareJid;
  try {
    const reply = await iq.request('get', xml('pubsub', { xmlns: NS.pubsub }, xml('items', { node: NS.vcard4, max_items: '1' })), own ? null : jid, timeoutMs);
    const profile = parseVCard4Reply(reply);
    if (profile !== null) return profile;
  } catch (error) {
    // Anything but a timeout or a dropped link means "no vCard4 here": ask for vcard-temp.
    if ((error as { appError?: { code?: string } }).appError?.code !== 'stream-error') throw error;
  }
  return (await fetchParsedVCard(iq, own ? null : jid, timeoutMs))?.profile ?? EMPTY_PROFILE;
}

const PROFILE_ELEMENTS = new Set(['FN', 'NICKNAME', 'ORG', 'TITLE', 'EMAIL', 'TEL']);

function profileElements(profile: Profile): Element[] {
  const elements: Element[] = [];
  const text = (name: string, value: string): void => {
    if (value !== '') elements.push(xml(name, {}, value));
  };
  text('FN', profile.fullName);
  text('NICKNAME', profile.nickname);
  if (profile.organisation !== '') elements.push(xml('ORG', {}, xml('ORGNAME', {}, profile.organisation)));
  text('TITLE', profile.title);
  if (profile.email !== '') elements.push(xml('EMAIL', {}, xml('INTERNET'), xml('USERID', {}, profile.email)));
  if (profile.phone !== '') elements.push(xml('TEL', {}, xml('VOICE'), xml('NUMBER', {}, profile.phone)));
  return elements;
}

/** Our vCard with some top-level elements replaced: the others (address, photo…) are sent back unchanged. */
async function replaceInOwnVCard(iq: IqRouter, names: ReadonlySet<string>, replacements: readonly Element[], timeoutMs: number): Promise<void> {
  const current = await fetchVCardTemp(iq, null, timeoutMs);
  const kept = (current?.getChildElements() ?? []).filter((child) => !names.has(child.name));
  await iq.request('set', xml('vCard', { xmlns: NS.vcardTemp }, ...kept, ...replacements), null, timeoutMs);
}

export function storeOwnProfile(iq: IqRouter, profile: Profile, timeoutMs: number): Promise<void> {
  return replaceInOwnVCard(iq, PROFILE_ELEMENTS, profileElements(profile), timeoutMs);
}

/** XEP-0153: the vCard's PHOTO (null removes it). */
export function storeOwnPhoto(iq: IqRouter, photo: { readonly type: string; readonly base64: string } | null, timeoutMs: number): Promise<void> {
  const element = photo === null ? [] : [xml('PHOTO', {}, xml('TYPE', {}, photo.type), xml('BINVAL', {}, photo.base64))];
  return replaceInOwnVCard(iq, new Set(['PHOTO']), element, timeoutMs);
}
