import { describe, expect, it } from 'vitest';
import { formatFull, parseAccountJid, parseJid, toBareJid } from './jid.ts';

describe('parseJid', () => {
  it('splits local, domain and resource and folds case', () => {
    const parsed = parseJid('Alice@Example.COM/Laptop');
    expect(parsed).toEqual({ ok: true, jid: { local: 'alice', domain: 'example.com', resource: 'Laptop' } });
  });

  it('keeps "/" and "@" inside the resource', () => {
    const parsed = parseJid('room@muc.example.com/nick/with@at');
    expect(parsed.ok && parsed.jid.resource).toBe('nick/with@at');
  });

  it('accepts a domain-only JID', () => {
    expect(toBareJid('example.com')).toBe('example.com');
  });

  it.each([
    ['', 'empty'],
    ['@example.com', 'before "@" is empty'],
    ['alice@', 'missing'],
    ['al ice@example.com', 'may not contain'],
    ['alice@exa mple.com', 'not a valid server name'],
    ['alice@example..com', 'empty label'],
    ['alice@example.com/', 'resource after "/" is empty'],
    ['a<b@example.com', 'may not contain'],
  ])('rejects %j', (input, reason) => {
    const parsed = parseJid(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it('rejects parts longer than 1023 bytes', () => {
    expect(parseJid(`${'a'.repeat(1024)}@example.com`).ok).toBe(false);
  });

  it('round-trips a full JID', () => {
    const parsed = parseJid('bob@example.test/phone');
    expect(parsed.ok && formatFull(parsed.jid)).toBe('bob@example.test/phone');
  });
});

describe('parseAccountJid', () => {
  it('requires a user name', () => {
    const parsed = parseAccountJid('example.com');
    expect(parsed.ok).toBe(false);
  });
  it('accepts user@domain', () => {
    expect(parseAccountJid('alice@example.test').ok).toBe(true);
  });
});
