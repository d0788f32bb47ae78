/** Which presences make us ask a device what its `ver` means (XEP-0115), how many at once, and how much we keep. */
import type { Element } from '@xmpp/xml';
import { xml } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { createMemoryCapsCache } from './caps-cache.ts';
import { createCapabilities, MAX_CAPS_QUERIES_IN_FLIGHT, MAX_WAITING_CAPS_QUERIES } from './caps.ts';
import { IqRouter } from '../../session/iq.ts';
import { MAX_RESOURCES_PER_JID, MAX_UNLISTED_JIDS } from '../presence/presence-limits.ts';

const OWN = 'alice@example.test';
const NODE = 'https://client.example';

function setup(contacts: ReadonlySet<string>) {
  const sent: Element[] = [];
  const iq = new IqRouter(async (element) => void sent.push(element), OWN);
  const cache = createMemoryCapsCache();
  const caps = createCapabilities({ iq, cache, timeoutMs: 60_000, ownBareJid: OWN, isContact: (bare) => contacts.has(bare) });
  const presence = (from: string, ver: string): void => caps.receivePresence(xml('presence', { from }, xml('c', { xmlns: 'http://jabber.org/protocol/caps', node: NODE, ver, hash: 'sha-1' })));
  /** Answers every query sent so far with an error (as a device that does not know), until no new one follows. */
  const failAll = async (): Promise<void> => {
    for (let answered = 0; answered < sent.length; answered++) {
      const query = sent[answered]!;
      await iq.receive(xml('iq', { type: 'error', id: query.attrs.id as string, from: query.attrs.to as string }, xml('error', { type: 'cancel' }, xml('item-not-found', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }))));
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { sent, iq, cache, caps, presence, failAll };
}

const askedVers = (sent: Element[]): string[] => sent.map((query) => (query.getChild('query')?.attrs.node as string).slice(NODE.length + 1));

describe('capabilities queries', () => {
  it('asks nobody outside the roster, however many vers strangers announce', () => {
    const { sent, caps, presence } = setup(new Set());
    for (let i = 0; i < 100; i++) presence(`s${i}@evil.example/x`, `ver-${i}`);
    expect(sent).toEqual([]);
    // Still listed as online devices (without a client name).
    expect(caps.devices('s0@evil.example')).toEqual([{ resource: 'x', client: '' }]);
  });

  it(`asks contacts and our own devices, at most ${MAX_CAPS_QUERIES_IN_FLIGHT} at once; the rest wait their turn`, async () => {
    const contacts = new Set(Array.from({ length: 9 }, (_, i) => `c${i}@example.test`));
    const { sent, presence, failAll } = setup(contacts);
    presence(`${OWN}/phone`, 'own-ver');
    for (let i = 0; i < 9; i++) presence(`c${i}@example.test/desk`, `ver-${i}`);
    expect(sent).toHaveLength(MAX_CAPS_QUERIES_IN_FLIGHT);
    expect(sent[0]?.attrs.to).toBe(`${OWN}/phone`);
    await failAll();
    expect(askedVers(sent)).toEqual(['own-ver', ...Array.from({ length: 9 }, (_, i) => `ver-${i}`)]);
  });

  it('asks one device per ver at a time, and never a ver the device no longer announces', async () => {
    const contacts = new Set(['bob@example.test', 'carol@example.test']);
    const { sent, presence, failAll } = setup(contacts);
    for (let i = 0; i < MAX_CAPS_QUERIES_IN_FLIGHT; i++) presence(`bob@example.test/r${i}`, `busy-${i}`);
    presence('bob@example.test/a', 'shared');
    presence('carol@example.test/b', 'shared');
    presence('bob@example.test/c', 'old');
    presence('bob@example.test/c', 'new');
    expect(sent).toHaveLength(MAX_CAPS_QUERIES_IN_FLIGHT);
    await failAll();
    expect(askedVers(sent).slice(MAX_CAPS_QUERIES_IN_FLIGHT)).toEqual(['shared', 'new']);
  });

  it(`keeps at most ${MAX_WAITING_CAPS_QUERIES} vers waiting: the ones past that are dropped, not asked`, async () => {
    const total = MAX_CAPS_QUERIES_IN_FLIGHT + MAX_WAITING_CAPS_QUERIES + 5;
    const contacts = new Set(Array.from({ length: total }, (_, i) => `c${i}@example.test`));
    const { sent, presence, failAll } = setup(contacts);
    for (let i = 0; i < total; i++) presence(`c${i}@example.test/desk`, `ver-${i}`);
    await failAll();
    expect(sent).toHaveLength(MAX_CAPS_QUERIES_IN_FLIGHT + MAX_WAITING_CAPS_QUERIES);
    expect(askedVers(sent).at(-1)).toBe(`ver-${MAX_CAPS_QUERIES_IN_FLIGHT + MAX_WAITING_CAPS_QUERIES - 1}`);
  });

  it('keeps a checked answer, so that no device is asked that ver again', async () => {
    // XEP-0115 §5.2, the simple example.
    const ver = 'QgayPKawpkPSDYmwT/WM94uAlu0=';
    const { sent, iq, caps, presence } = setup(new Set(['bob@example.test']));
    presence('bob@example.test/desk', ver);
    const query = sent[0]!;
    await iq.receive(xml('iq', { type: 'result', id: query.attrs.id as string, from: 'bob@example.test/desk' }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info', node: `${NODE}#${ver}` },
      xml('identity', { category: 'client', type: 'pc', name: 'Exodus 0.9.1' }),
      ...['http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/disco#items', 'http://jabber.org/protocol/muc'].map((feature) => xml('feature', { var: feature })))));
    expect(caps.devices('bob@example.test')).toEqual([{ resource: 'desk', client: 'Exodus 0.9.1' }]);
    presence('bob@example.test/phone', ver);
    expect(sent).toHaveLength(1);
  });

  it('drops what waits when the link is gone, instead of asking each in turn into a dead stream', async () => {
    const contacts = new Set(Array.from({ length: 8 }, (_, i) => `c${i}@example.test`));
    const { sent, iq, presence } = setup(contacts);
    for (let i = 0; i < 8; i++) presence(`c${i}@example.test/desk`, `ver-${i}`);
    // The session fails every request in flight when the stream ends (not-connected).
    iq.dispose();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toHaveLength(MAX_CAPS_QUERIES_IN_FLIGHT);
  });
});

describe('online devices kept', () => {
  it(`keeps ${MAX_RESOURCES_PER_JID} devices per JID and ${MAX_UNLISTED_JIDS} JIDs outside the roster, forgetting the least recently updated`, () => {
    const { caps, presence } = setup(new Set(['bob@example.test']));
    for (let i = 0; i <= MAX_RESOURCES_PER_JID; i++) presence(`bob@example.test/r${i}`, '');
    const bobDevices = caps.devices('bob@example.test').map((device) => device.resource);
    expect(bobDevices).toHaveLength(MAX_RESOURCES_PER_JID);
    expect(bobDevices).not.toContain('r0');

    for (let i = 0; i <= MAX_UNLISTED_JIDS; i++) presence(`s${i}@evil.example/x`, '');
    expect(caps.devices('s0@evil.example')).toEqual([]);
    expect(caps.devices('s1@evil.example')).toHaveLength(1);
    // Contacts are not counted against strangers.
    expect(caps.devices('bob@example.test')).toHaveLength(MAX_RESOURCES_PER_JID);
  });
});
