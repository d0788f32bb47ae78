/**
 * Catch-up positions against a scripted archive: a catch-up cut short by a dropped link must resume where it
 * stopped on the next stream, even though newer messages arrived live meanwhile (the faults benchmark lost
 * messages a killed server's queue held this way), and the kept position must never skip what was not fetched.
 */
import { xml, type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { IqRouter } from '../../session/iq.ts';
import { NS } from '../../xml/namespaces.ts';
import { CATCH_UP_PAGE, MAX_CATCH_UP_PAGES, createHistorySync, type HistorySync } from './history-sync.ts';

/** A live message as the stanza router hands it to the feature's message observers. */
function observeLive(sync: HistorySync, stanza: Element): void {
  for (const observer of sync.observers) if (observer.kind === 'message') observer.observe(stanza);
}

const ME = 'alice@example.test';
const BOB = 'bob@example.test';

/** Our archive on a scripted server: answers MAM queries by position; `answering` false drops the requests (a dead link). */
function scriptedServer() {
  const archive: { id: string; body: string }[] = [];
  const queriesAfter: (string | null)[] = [];
  let answering = true;
  let deliverTo: ((stanza: Element) => void) | null = null;
  const iq = new IqRouter(async (request) => {
    if (!answering) return;
    const query = request.getChild('query', NS.mam);
    queueMicrotask(() => {
      const reply = (payload?: Element): void => void iq.receive(xml('iq', { type: 'result', id: request.attrs.id }, payload));
      if (query === undefined) return reply();
      const set = query.getChild('set', NS.rsm);
      const after = set?.getChildText('after') ?? null;
      const max = Number(set?.getChildText('max') ?? 50);
      queriesAfter.push(after);
      const start = after === null ? 0 : archive.findIndex((item) => item.id === after) + 1;
      const page = archive.slice(start, start + max);
      for (const item of page) {
        deliverTo?.(xml('message', { to: ME }, xml('result', { xmlns: NS.mam, queryid: query.attrs.queryid, id: item.id },
          xml('forwarded', { xmlns: NS.forward }, xml('delay', { xmlns: 'urn:xmpp:delay', stamp: new Date(0).toISOString() }),
            xml('message', { from: `${BOB}/phone`, to: ME, type: 'chat', id: item.id }, xml('body', {}, item.body))))));
      }
      const complete = start + max >= archive.length;
      reply(xml('fin', { xmlns: NS.mam, complete: String(complete) }, xml('set', { xmlns: NS.rsm }, ...(page.length > 0 ? [xml('first', {}, page[0]?.id), xml('last', {}, page.at(-1)?.id)] : []))));
    });
  }, ME);
  return {
    iq, archive, queriesAfter,
    setAnswering(value: boolean) { answering = value; },
    setReceiver(receive: (stanza: Element) => void) { deliverTo = receive; },
    /** A message archived as `id`, as it arrives live (with our archive's stanza-id). */
    live(id: string, body: string): Element {
      archive.push({ id, body });
      return xml('message', { from: `${BOB}/phone`, to: ME, type: 'chat' }, xml('body', {}, body), xml('stanza-id', { xmlns: NS.stanzaId, by: ME, id }));
    },
  };
}

function setup(saved: string | null) {
  const server = scriptedServer();
  const received: string[] = [];
  const kept: string[] = [];
  const sync = createHistorySync({
    iq: server.iq,
    ownBareJid: ME,
    position: { load: () => saved, save: (id) => void kept.push(id) },
    forwarded: (message) => received.push(message.body ?? ''),
  });
  // Archive results reach the feature through its claim, as the stanza router hands them over.
  server.setReceiver((stanza) => {
    for (const claim of sync.claims) if (claim.child?.ns === NS.mam) claim.handle(stanza);
  });
  return { server, sync, received, kept };
}

describe('history sync positions', () => {
  it('resumes a catch-up cut short from where it stopped, not from newer live messages', async () => {
    const { server, sync, received, kept } = setup('m0');
    server.archive.push({ id: 'm0', body: 'seen last run' }, { id: 'm1', body: 'queued on the dead stream 1' }, { id: 'm2', body: 'queued on the dead stream 2' });

    // A new stream whose catch-up the link cuts (no answer), while a newer message arrives live on it.
    sync.newStream();
    server.setAnswering(false);
    const cut = sync.start(50);
    observeLive(sync, server.live('m3', 'live on the second stream'));
    await cut;
    expect(received).toEqual([]);
    // Nothing after m0 is known to be fetched: the kept position must not jump past m1 and m2.
    expect(kept).toEqual([]);

    // The next stream catches up from m0 again: the queued ones arrive, then m3 (deduplicated later by id).
    server.setAnswering(true);
    sync.newStream();
    await sync.start(1_000);
    expect(server.queriesAfter).toEqual(['m0']);
    expect(received).toEqual(['queued on the dead stream 1', 'queued on the dead stream 2', 'live on the second stream']);
    expect(kept.at(-1)).toBe('m3');

    // Caught up: now a live message is a safe start (and is kept), so the next catch-up starts after it.
    observeLive(sync, server.live('m4', 'live after catching up'));
    expect(kept.at(-1)).toBe('m4');
    sync.newStream();
    await sync.start(1_000);
    expect(server.queriesAfter).toEqual(['m0', 'm4']);
  });

  it('resumes a catch-up stopped at the page limit on the next stream, without skipping to live messages', async () => {
    const { server, sync, received } = setup('m0');
    const backlog = CATCH_UP_PAGE * MAX_CATCH_UP_PAGES + 5;
    server.archive.push({ id: 'm0', body: 'seen last run' }, ...Array.from({ length: backlog }, (_, i) => ({ id: `b${i}`, body: `backlog ${i}` })));
    sync.newStream();
    await sync.start(1_000);
    expect(received).toHaveLength(CATCH_UP_PAGE * MAX_CATCH_UP_PAGES);
    observeLive(sync, server.live('m1', 'live after the limit'));

    sync.newStream();
    await sync.start(1_000);
    expect(server.queriesAfter.at(-1)).toBe(`b${CATCH_UP_PAGE * MAX_CATCH_UP_PAGES - 1}`);
    expect(received.slice(-6)).toEqual([...Array.from({ length: 5 }, (_, i) => `backlog ${CATCH_UP_PAGE * MAX_CATCH_UP_PAGES + i}`), 'live after the limit']);
  });
});
