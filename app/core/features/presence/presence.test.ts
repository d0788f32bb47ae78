import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { Presence } from '../../../shared/contract.ts';
import { ContactBook } from '../roster/contact-book.ts';
import { parseStanzaXml } from '../../xml/parse-xml.ts';
import { createPresence } from './presence.ts';

function setup() {
  const sent: Element[] = [];
  const own: Presence[] = [];
  const book = new ContactBook();
  const presence = createPresence({ send: async (element) => void sent.push(element), book, events: { contact: () => {}, own: (next) => own.push(next) } });
  return { sent, own, presence, book };
}

const SINCE = Date.parse('2026-12-01T11:48:00.750Z');

describe('own presence with automatic away', () => {
  it('goes away with a XEP-0319 idle element while the user chose online, and comes back to the choice', async () => {
    const { sent, own, presence } = setup();
    await presence.setOwn('online', 'Working on the budget');
    await presence.setIdle({ level: 'away', since: SINCE });
    const away = sent.at(-1);
    expect(away?.getChildText('show')).toBe('away');
    expect(away?.getChildText('status')).toBe('Working on the budget');
    expect(away?.getChild('idle', 'urn:xmpp:idle:1')?.attrs.since).toBe('2026-12-01T11:48:00Z');
    expect(own.at(-1)).toEqual({ show: 'away', status: 'Working on the budget', idleSince: SINCE });
    await presence.setIdle({ level: 'xa', since: SINCE });
    expect(sent.at(-1)?.getChildText('show')).toBe('xa');
    await presence.setIdle(null);
    expect(sent.at(-1)?.getChild('show')).toBeUndefined();
    expect(sent.at(-1)?.getChild('idle', 'urn:xmpp:idle:1')).toBeUndefined();
    expect(own.at(-1)).toEqual({ show: 'online', status: 'Working on the budget' });
  });

  it('never overrides an explicit do not disturb (nothing is sent while idle, nor on return)', async () => {
    const { sent, own, presence } = setup();
    await presence.setOwn('dnd', 'Focus');
    const count = sent.length;
    await presence.setIdle({ level: 'away', since: SINCE });
    await presence.setIdle({ level: 'xa', since: SINCE });
    await presence.setIdle(null);
    expect(sent).toHaveLength(count);
    expect(own.at(-1)).toEqual({ show: 'dnd', status: 'Focus' });
  });

  it('a choice made while away ends automatic away; a new stream sends the current presence again', async () => {
    const { sent, presence } = setup();
    await presence.setOwn('online', '');
    await presence.setIdle({ level: 'away', since: SINCE });
    await presence.resend();
    expect(sent.at(-1)?.getChildText('show')).toBe('away');
    await presence.setOwn('online', 'Back');
    expect(sent.at(-1)?.getChild('show')).toBeUndefined();
    expect(presence.own()).toEqual({ show: 'online', status: 'Back' });
  });

  it('sends nothing for idleness before the first presence; the first presence then carries it', async () => {
    const { sent, presence } = setup();
    await presence.setIdle({ level: 'away', since: SINCE });
    expect(sent).toHaveLength(0);
    await presence.resend();
    expect(sent.at(-1)?.getChildText('show')).toBe('away');
  });
});

describe("contacts' idle times", () => {
  it('shows the XEP-0319 idle time of the resource that wins', () => {
    const { book, presence } = setup();
    book.replaceRoster([{ jid: 'bob@example.test', name: 'Bob', groups: [], subscription: 'both', pendingOut: false }]);
    presence.receive(parseStanzaXml(`<presence from='bob@example.test/pc'><show>away</show><idle xmlns='urn:xmpp:idle:1' since='2026-12-01T11:48:00Z'/></presence>`));
    expect(book.get('bob@example.test')?.presence).toEqual({ show: 'away', status: '', idleSince: Date.parse('2026-12-01T11:48:00Z') });
    presence.receive(parseStanzaXml(`<presence from='bob@example.test/pc'/>`));
    expect(book.get('bob@example.test')?.presence).toEqual({ show: 'online', status: '' });
  });
});
