/**
 * What group chat messages carry beyond a one-to-one message's fields: the occupant-id the room stamps
 * (XEP-0421), a moderator's retraction (XEP-0425: 0.3 `urn:xmpp:message-moderate:1` inside a XEP-0424 1.x
 * retraction, and 0.2 `urn:xmpp:message-moderate:0` inside a XEP-0422 fastening, which Prosody's
 * mod_muc_moderation sends), the moderation request we send, and mentions (XEP-0372 references).
 */
import { xml, type Element } from '@xmpp/xml';
import type { Jid } from '../../shared/contract.ts';
import { NS } from './namespaces.ts';

export const NS_OCCUPANT_ID = 'urn:xmpp:occupant-id:0';
export const NS_MODERATE = 'urn:xmpp:message-moderate:1';
export const NS_MODERATE_LEGACY = 'urn:xmpp:message-moderate:0';
export const NS_REFERENCE = 'urn:xmpp:reference:0';

const MAX_ID = 256;
const MAX_REASON = 1024;
const MAX_REFERENCES = 50;

const cleanId = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 && value.length <= MAX_ID ? value : null);

/** XEP-0421: the occupant-id in a room's message or presence; trust it only where the room advertises the feature (it then overwrites any the sender put). */
export function parseOccupantId(stanza: Element): string | null {
  return cleanId(stanza.getChild('occupant-id', NS_OCCUPANT_ID)?.attrs.id);
}

export interface ParsedModeration {
  /** The room's stanza-id of the message removed. */
  readonly target: string;
  /** The moderator's occupant JID, where the room says. */
  readonly by: Jid | null;
  readonly reason: string | null;
}

function reasonOf(element: Element | undefined): string | null {
  const text = element?.getChildText('reason')?.trim() ?? '';
  return text === '' ? null : text.slice(0, MAX_REASON);
}

/** A moderator's retraction announced by the room (from the room's bare JID), or null. */
export function parseModeration(message: Element): ParsedModeration | null {
  // XEP-0425 0.3: <retract id><moderated by/><reason/></retract>
  const retract = message.getChild('retract', NS.retract);
  const moderated = retract?.getChild('moderated', NS_MODERATE);
  if (retract !== undefined && moderated !== undefined) {
    const target = cleanId(retract.attrs.id);
    if (target === null) return null;
    return { target, by: cleanId(moderated.attrs.by), reason: reasonOf(retract) ?? reasonOf(moderated) };
  }
  // XEP-0425 0.2: <apply-to id><moderated by><retract/><reason/></moderated></apply-to>
  const applyTo = message.getChild('apply-to', NS.fasten);
  const legacy = applyTo?.getChild('moderated', NS_MODERATE_LEGACY);
  if (applyTo === undefined || legacy === undefined || legacy.getChild('retract', NS.retractLegacy) === undefined) return null;
  const target = cleanId(applyTo.attrs.id);
  if (target === null) return null;
  return { target, by: cleanId(legacy.attrs.by), reason: reasonOf(legacy) };
}

/** The IQ payload asking the room to remove its message `stanzaId`: XEP-0425 0.3 where the room offers it, else 0.2. */
export function moderationRequest(stanzaId: string, reason: string | undefined, current: boolean): Element {
  const why = reason !== undefined && reason.trim() !== '' ? xml('reason', {}, reason.trim().slice(0, MAX_REASON)) : undefined;
  if (current) return xml('moderate', { xmlns: NS_MODERATE, id: stanzaId }, xml('retract', { xmlns: NS.retract }), why);
  return xml('apply-to', { xmlns: NS.fasten, id: stanzaId }, xml('moderate', { xmlns: NS_MODERATE_LEGACY }, xml('retract', { xmlns: NS.retractLegacy }), why));
}

/** XEP-0372 mentions in a message: the JIDs their `xmpp:` URIs name. */
export function parseMentions(message: Element): Jid[] {
  const found: Jid[] = [];
  for (const reference of message.getChildren('reference', NS_REFERENCE).slice(0, MAX_REFERENCES)) {
    if (reference.attrs.type !== 'mention') continue;
    const uri = typeof reference.attrs.uri === 'string' ? reference.attrs.uri : '';
    if (!uri.startsWith('xmpp:')) continue;
    try {
      found.push(decodeURIComponent(uri.slice(5).split('?')[0] ?? ''));
    } catch {
      // A malformed URI names nobody.
    }
  }
  return found;
}

/** Where in `body` each nickname of `nicks` appears as a word (case ignored), in code points, as XEP-0372 counts. */
export function findMentions(body: string, nicks: readonly string[]): { readonly nick: string; readonly begin: number; readonly end: number }[] {
  const chars = Array.from(body);
  const lower = chars.map((char) => char.toLowerCase());
  const isWord = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N}_]/u.test(char);
  const hits: { nick: string; begin: number; end: number }[] = [];
  for (const nick of [...new Set(nicks)].filter((candidate) => candidate.trim() !== '').sort((a, b) => b.length - a.length)) {
    const needle = Array.from(nick.toLowerCase());
    for (let at = 0; at + needle.length <= lower.length; at += 1) {
      if (!needle.every((char, index) => lower[at + index] === char)) continue;
      if (isWord(lower[at - 1]) || isWord(lower[at + needle.length])) continue;
      const end = at + needle.length;
      if (hits.some((hit) => at < hit.end && end > hit.begin)) continue;
      hits.push({ nick, begin: at, end });
      if (hits.length >= MAX_REFERENCES) return hits;
    }
  }
  return hits.sort((a, b) => a.begin - b.begin);
}

/** The references for the occupants `body` names (`room/nick` URIs). */
export function mentionElements(room: Jid, body: string, nicks: readonly string[]): Element[] {
  return findMentions(body, nicks).map((hit) => xml('reference', { xmlns: NS_REFERENCE, type: 'mention', begin: String(hit.begin), end: String(hit.end), uri: `xmpp:${room}/${encodeURIComponent(hit.nick)}` }));
}
