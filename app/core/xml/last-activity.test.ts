import { describe, expect, it } from 'vitest';
import { parseIdleSince, parseLastActivityResult } from './last-activity.ts';
import { parseStanzaXml } from './parse-xml.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('parseIdleSince', () => {
  it('reads XEP-0319 idle with a zone, in UTC or with an offset', () => {
    const utc = parseStanzaXml(`<presence from='bob@example.test/pc'><show>away</show><idle xmlns='urn:xmpp:idle:1' since='2026-12-01T11:48:00Z'/></presence>`);
    expect(parseIdleSince(utc, NOW)).toBe(NOW - 12 * 60_000);
    const offset = parseStanzaXml(`<presence><idle xmlns='urn:xmpp:idle:1' since='2026-12-01T12:48:00.500+01:00'/></presence>`);
    expect(parseIdleSince(offset, NOW)).toBe(NOW - 12 * 60_000 + 500);
  });

  it('never puts idleness in the future, and ignores what it cannot read', () => {
    expect(parseIdleSince(parseStanzaXml(`<presence><idle xmlns='urn:xmpp:idle:1' since='2030-01-01T00:00:00Z'/></presence>`), NOW)).toBe(NOW);
    expect(parseIdleSince(parseStanzaXml(`<presence><idle xmlns='urn:xmpp:idle:1' since='yesterday'/></presence>`), NOW)).toBeUndefined();
    expect(parseIdleSince(parseStanzaXml(`<presence><idle xmlns='urn:xmpp:idle:1' since='2026-12-01T11:48:00'/></presence>`), NOW)).toBeUndefined();
    expect(parseIdleSince(parseStanzaXml(`<presence><idle xmlns='urn:other' since='2026-12-01T11:48:00Z'/></presence>`), NOW)).toBeUndefined();
    expect(parseIdleSince(parseStanzaXml(`<presence/>`), NOW)).toBeUndefined();
  });

  it('reads XEP-0256 seconds from older clients', () => {
    expect(parseIdleSince(parseStanzaXml(`<presence><query xmlns='jabber:iq:last' seconds='600'/></presence>`), NOW)).toBe(NOW - 600_000);
    expect(parseIdleSince(parseStanzaXml(`<presence><query xmlns='jabber:iq:last' seconds='-5'/></presence>`), NOW)).toBeUndefined();
  });
});

describe('parseLastActivityResult', () => {
  it('reads the seconds and the status an offline account left with', () => {
    const iq = parseStanzaXml(`<iq type='result' id='l1' from='bob@example.test'><query xmlns='jabber:iq:last' seconds='903'>Gone home</query></iq>`);
    expect(parseLastActivityResult(iq)).toEqual({ seconds: 903, status: 'Gone home' });
  });

  it('returns null without a query or with unreadable seconds', () => {
    expect(parseLastActivityResult(parseStanzaXml(`<iq type='result' id='l1'/>`))).toBeNull();
    expect(parseLastActivityResult(parseStanzaXml(`<iq type='result' id='l1'><query xmlns='jabber:iq:last' seconds='soon'/></iq>`))).toBeNull();
    expect(parseLastActivityResult(parseStanzaXml(`<iq type='result' id='l1'><query xmlns='jabber:iq:last' seconds='99999999999'/></iq>`))).toBeNull();
  });
});
