/**
 * Keeping every device's conversation the same: carbons (XEP-0280) of what our other devices send
 * and receive, and catch-up from our archive (XEP-0313) after each new stream. Both become plain
 * ChatMessages; the history deduplicates them against what arrived live.
 */
import { xml, type Element } from '@xmpp/xml';
import type { ChatMessage, Jid } from '../shared/contract.ts';
import { toBareJid } from '../shared/jid.ts';
import { ArchiveCollector, queryArchive } from './archive.ts';
import type { IqRouter } from './iq.ts';
import { isCarbonWrapper, parseCarbon, type ForwardedMessage } from './parsers/forwarded.ts';
import { NS } from './parsers/namespaces.ts';

/** How much history a new stream fetches when nothing newer is known. */
export const CATCH_UP_PAGE = 50;
/** Catching up stops after this many pages; the rest loads when the user scrolls back (issue 4). */
export const MAX_CATCH_UP_PAGES = 20;

export interface HistorySync {
  /** Takes carbons and archive results; returns false for anything else. */
  receive(stanza: Element): boolean;
  /** On a new stream: carbons on, then what the archive holds since the last known message. */
  start(timeoutMs: number): Promise<void>;
}

/** A forwarded one-to-one message as a ChatMessage, from our point of view; null when it is not one. */
export function toChatMessage(forwarded: ForwardedMessage, ownBareJid: Jid, receivedAt: number): ChatMessage | null {
  const { message, sentAt } = forwarded;
  if (message.body === null || message.body.length === 0) return null;
  if (message.type !== 'chat' && message.type !== 'normal') return null;
  const outgoing = message.bareFrom === ownBareJid;
  const peer = outgoing ? toBareJid(message.to) : message.bareFrom;
  if (peer === null || peer === ownBareJid) return null;
  const id = message.originId ?? message.id;
  if (id === null) return null; // Without an id it could not be recognised again; a live copy carries it.
  return {
    id,
    conversation: peer,
    direction: outgoing ? 'out' : 'in',
    from: message.from,
    to: message.to,
    body: message.body,
    timestamp: sentAt ?? receivedAt,
  };
}

export function createHistorySync(deps: { iq: IqRouter; ownBareJid: Jid; received: (message: ChatMessage) => void; now?: () => number }): HistorySync {
  const { iq, ownBareJid, received } = deps;
  const now = deps.now ?? Date.now;
  const collector = new ArchiveCollector(ownBareJid);
  /** The newest archive id seen: the next catch-up starts after it. */
  let lastArchiveId: string | null = null;

  function deliver(forwarded: ForwardedMessage): void {
    const message = toChatMessage(forwarded, ownBareJid, now());
    if (message !== null) received(message);
  }

  async function catchUp(timeoutMs: number): Promise<void> {
    if (lastArchiveId === null) {
      // First stream of the session: the newest page, so the conversation list is current at once.
      const page = await queryArchive(iq, collector, { before: true, max: CATCH_UP_PAGE }, timeoutMs);
      for (const result of page.results) deliver(result);
      lastArchiveId = page.results.at(-1)?.archiveId ?? page.last ?? lastArchiveId;
      return;
    }
    for (let pages = 0; pages < MAX_CATCH_UP_PAGES; pages += 1) {
      const page = await queryArchive(iq, collector, { after: lastArchiveId, max: CATCH_UP_PAGE }, timeoutMs);
      for (const result of page.results) deliver(result);
      lastArchiveId = page.results.at(-1)?.archiveId ?? page.last ?? lastArchiveId;
      if (page.complete || page.results.length === 0) return;
    }
  }

  return {
    receive(stanza) {
      if (collector.receive(stanza)) return true;
      if (!isCarbonWrapper(stanza)) return false;
      const carbon = parseCarbon(stanza, ownBareJid);
      if (carbon !== null) deliver(carbon); // A forged carbon (not from our own bare JID) is dropped.
      return true;
    },
    async start(timeoutMs) {
      // Servers without carbons or an archive answer with an error: the session works without them.
      await iq.request('set', xml('enable', { xmlns: NS.carbons }), null, timeoutMs).catch(() => {});
      await catchUp(timeoutMs).catch(() => {});
    },
  };
}
