import { describe, expect, it } from 'vitest';
import { MAX_CONTACT_NAME_LENGTH, usableContactName } from './contact-name.ts';

describe('usableContactName', () => {
  it('keeps an ordinary name, markup included, as it is', () => {
    expect(usableContactName('Carol Danvers')).toBe('Carol Danvers');
    expect(usableContactName('<img src=x onerror=alert(1)> "O\'Brien"')).toBe('<img src=x onerror=alert(1)> "O\'Brien"');
  });

  it('turns control characters and runs of white space into one space', () => {
    expect(usableContactName(' Ann\tLee\r\n\u0000\u001b[31m\u007fX ')).toBe('Ann Lee [31m X');
    expect(usableContactName('\t\n')).toBe('');
  });

  it('cuts a long name to the limit, never through a surrogate pair', () => {
    expect(usableContactName('a'.repeat(1_000))).toBe('a'.repeat(MAX_CONTACT_NAME_LENGTH));
    const astral = `${'a'.repeat(MAX_CONTACT_NAME_LENGTH - 1)}\u{1F600}tail`;
    expect(usableContactName(astral)).toBe('a'.repeat(MAX_CONTACT_NAME_LENGTH - 1));
    expect(usableContactName(`${'a'.repeat(MAX_CONTACT_NAME_LENGTH - 2)}\u{1F600}tail`)).toBe(`${'a'.repeat(MAX_CONTACT_NAME_LENGTH - 2)}\u{1F600}`);
  });
});
