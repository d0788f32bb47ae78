/**
 * Keeping every device's conversation the same: carbons (XEP-0280) of what our other devices send
 * and receive, and catch-up from our archive (XEP-0313) after each new stream. Both become plain
 * messages for the conversation feature (messages.ts); the history deduplicates them against what arrived live.
 */
import { xml, type Element } from '@xmpp/xml';
import type { Jid } from '../../../shared/contract.ts';
import { ArchiveCollector, queryArchive } from './archive.ts';
import type { IqRouter } from '../../session/iq.ts';
import { isCarbonWrapper, parseCarbon, parseStanzaId, type ForwardedMessage } from '../../xml/forwarded.ts';
import type { ParsedMessage } from '../../xml/message.ts';
import { NS } from '../../xml/namespaces.ts';
import type { StanzaClaim, StanzaObserver, StanzaRoutes } from '../../session/router.ts';

/** How much history a new stream fetches when nothing newer is known. */
export const CATCH_UP_PAGE = 50;
/** Catching up stops after this many pages; the next stream resumes from there. */
export const MAX_CATCH_UP_PAGES = 20;

/** The newest archive id seen, kept where it outlives the session (the account's history). */
export interface ArchivePosition {
  load(): string | null;
  save(id: string): void;
}

export interface HistorySync extends StanzaRoutes {
  /** Archive results (only from our own server) and carbons (only from our own bare JID). */
  readonly claims: readonly StanzaClaim[];
  /**
   * Every message, after its claim. A live one (not wrapped) is a position seen: its archive id (our archive's
   * stanza-id). Once this stream's catch-up has finished, everything our archive held before it reached us;
   * until then a dead stream's queue may have lost older ones, which the catch-up (resumed on the next stream if
   * cut short) still fetches.
   */
  readonly observers: readonly StanzaObserver[];
  /**
   * Older history of one conversation from the archive, before `beforeMs` (scrolling back past what
   * is stored here); resolves with how many messages came and whether the archive has no more.
   */
  fetchOlder(conversation: Jid, before: { readonly ms: number; readonly archiveId: string | null }, timeoutMs: number): Promise<{ fetched: number; complete: boolean }>;
  /** A new stream begins (before anything arrives on it): the next catch-up starts from what was seen so far. */
  newStream(): void;
  /** On a new stream: carbons on, then what the archive holds since the last known message. */
  start(timeoutMs: number): Promise<void>;
  /** On a resumed stream: the catch-up again if the link dropped before it finished (the server queues only live stanzas). */
  resumed(timeoutMs: number): Promise<void>;
}

export function createHistorySync(deps: {
  iq: IqRouter;
  ownBareJid: Jid;
  /** An authenticated copy (carbon or archive) of a message, with the time it was sent. */
  forwarded: (message: ParsedMessage, source: 'carbon' | 'archive', timestamp: number, archiveId?: string) => void;
  position?: ArchivePosition;
  /** A catch-up of more than one page is under way (`fetched` so far), or over (`done`). */
  progress?: (fetched: number, done: boolean) => void;
  now?: () => number;
}): HistorySync {
  const { iq, ownBareJid } = deps;
  const now = deps.now ?? Date.now;
  const collector = new ArchiveCollector(ownBareJid);
  /** The newest archive id seen (live or caught up): once caught up, the next catch-up starts after it. */
  let lastArchiveId: string | null = deps.position?.load() ?? null;
  /**
   * Where the pending catch-up starts (and how far it got): everything before it reached us. A live message
   * proves nothing about older ones until the catch-up under way has finished (a dead stream's queue).
   */
  let catchUpFrom = lastArchiveId;
  /** The archive was empty at the first catch-up: everything in it since is new, read from its start. */
  let fromStart = false;
  /** The last catch-up ran to its end (a dropped link can cut it short). */
  let caughtUp = false;
  /** Kept for the next run only where no gap lies before it: a live position only once caught up. */
  const advanceTo = (id: string | null): void => {
    if (id === null || id === lastArchiveId) return;
    lastArchiveId = id;
    if (caughtUp) deps.position?.save(id);
  };
  const caughtUpTo = (id: string | null): void => {
    catchUpFrom = id;
    if (id === null) return;
    lastArchiveId = id;
    deps.position?.save(id);
  };

  function deliver(forwarded: ForwardedMessage, source: 'carbon' | 'archive', latest = Infinity): void {
    const timestamp = Math.min(forwarded.sentAt ?? now(), latest);
    deps.forwarded(forwarded.message, source, timestamp, 'archiveId' in forwarded ? (forwarded as { archiveId: string }).archiveId : undefined);
  }

  /** Resolves with whether it reached the archive's end (not when stopped at MAX_CATCH_UP_PAGES). */
  async function catchUp(timeoutMs: number): Promise<boolean> {
    if (catchUpFrom === null && !fromStart) {
      // First stream of the session: the newest page, so the conversation list is current at once.
      const page = await queryArchive(iq, collector, { before: true, max: CATCH_UP_PAGE }, timeoutMs);
      for (const result of page.results) deliver(result, 'archive');
      caughtUpTo(page.results.at(-1)?.archiveId ?? page.last ?? null);
      // Nothing to remember a position by: the next catch-up must not take only the newest page again.
      fromStart = catchUpFrom === null;
      return true;
    }
    let fetched = 0;
    try {
      for (let pages = 0; pages < MAX_CATCH_UP_PAGES; pages += 1) {
        // Its own cursor: live messages meanwhile do not move this page's start.
        const page = await queryArchive(iq, collector, { ...(catchUpFrom !== null ? { after: catchUpFrom } : {}), max: CATCH_UP_PAGE }, timeoutMs);
        for (const result of page.results) deliver(result, 'archive');
        caughtUpTo(page.results.at(-1)?.archiveId ?? page.last ?? catchUpFrom);
        fetched += page.results.length;
        if (page.complete || page.results.length === 0) return true;
        // More to come: a long catch-up, worth showing.
        deps.progress?.(fetched, false);
      }
    } finally {
      if (fetched >= CATCH_UP_PAGE) deps.progress?.(fetched, true);
    }
    // Stopped at the page limit: a gap remains before the live messages, so it is not caught up.
    return false;
  }

  function receiveCarbon(stanza: Element): boolean {
    const carbon = parseCarbon(stanza, ownBareJid);
    if (carbon !== null) deliver(carbon, 'carbon'); // A forged carbon (not from our own bare JID) is dropped.
    return true; // Carbon wrappers are never plain messages.
  }

  function live(stanza: Element): void {
    // The wrappers are ours to take, not live messages.
    if (stanza.getChild('result', NS.mam) !== undefined || isCarbonWrapper(stanza)) return;
    advanceTo(parseStanzaId(stanza, ownBareJid));
  }

  const carbonClaim = (name: 'sent' | 'received'): StanzaClaim => ({ kind: 'message', child: { name, ns: NS.carbons }, from: 'own-bare-jid', handle: receiveCarbon });

  return {
    // Wrapped results (forged or for nobody) are never plain messages: the router drops those from anyone else.
    claims: [{ kind: 'message', child: { name: 'result', ns: NS.mam }, from: 'own-server', handle: (stanza) => collector.receive(stanza) }, carbonClaim('sent'), carbonClaim('received')],
    observers: [{ kind: 'message', from: 'anyone', observe: live }],
    async fetchOlder(conversation, before, timeoutMs) {
      // Before the oldest archive id we hold; by time only when we hold none (archives stamp whole seconds).
      const position = before.archiveId !== null ? { before: before.archiveId } : { end: before.ms - 1, before: true as const };
      const page = await queryArchive(iq, collector, { with: conversation, ...position, max: CATCH_UP_PAGE }, timeoutMs);
      // Archives stamp whole seconds: older messages must still sort before the oldest one held here,
      // in the archive's order, so each is placed at most a few milliseconds before it.
      page.results.forEach((result, index) => deliver(result, 'archive', before.ms - (page.results.length - index)));
      return { fetched: page.results.length, complete: page.complete };
    },
    newStream() {
      // After a catch-up cut short, live messages since are newer than what it still had to fetch: it resumes where it stopped.
      if (caughtUp) catchUpFrom = lastArchiveId;
      caughtUp = false;
    },
    async start(timeoutMs) {
      // Servers without carbons or an archive answer with an error: the session works without them.
      await iq.request('set', xml('enable', { xmlns: NS.carbons }), null, timeoutMs).catch(() => {});
      await catchUp(timeoutMs).then((done) => { caughtUp = done; }, () => {});
    },
    async resumed(timeoutMs) {
      // Carbons are part of the resumed session; only the archive's part can be missing.
      if (caughtUp) return;
      await catchUp(timeoutMs).then((done) => { caughtUp = done; }, () => {});
    },
  };
}
