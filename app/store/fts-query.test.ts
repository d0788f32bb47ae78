import { describe, expect, it } from 'vitest';
import { toFtsQuery } from './fts-query.ts';

describe('toFtsQuery', () => {
  it('makes plain words prefixes, all required', () => {
    expect(toFtsQuery('meet')).toBe('"meet"*');
    expect(toFtsQuery('  budget   report ')).toBe('"budget"* AND "report"*');
  });

  it('keeps quoted text as an exact phrase', () => {
    expect(toFtsQuery('"exact phrase" lunch')).toBe('"exact phrase" AND "lunch"*');
    expect(toFtsQuery('\u201csmart quotes\u201d')).toBe('"smart quotes"');
  });

  it('turns a word with inner punctuation into a phrase of its parts', () => {
    expect(toFtsQuery("don't")).toBe('"don t"*');
    expect(toFtsQuery('e-mail')).toBe('"e mail"*');
  });

  it('neutralizes FTS5 syntax', () => {
    expect(toFtsQuery('a AND b')).toBe('"a"* AND "AND"* AND "b"*');
    expect(toFtsQuery('NEAR(x y)')).toBe('"NEAR x"* AND "y"*');
    expect(toFtsQuery('body:secret -x *^')).toBe('"body secret"* AND "x"*');
  });

  it('treats the text after an unclosed quote as plain words', () => {
    expect(toFtsQuery('"unbalanced phrase')).toBe('"unbalanced"* AND "phrase"*');
    expect(toFtsQuery('a "b c" "d')).toBe('"a"* AND "b c" AND "d"*');
  });

  it('returns null when there is no word', () => {
    for (const input of ['', '   ', '"', '""', '"""', '?!.,;:', '"..."', '***', '()', '- + ^', '😀']) expect(toFtsQuery(input)).toBeNull();
  });

  it('keeps letters of any script and their accents', () => {
    expect(toFtsQuery('résumé')).toBe('"résumé"*');
    expect(toFtsQuery('日本')).toBe('"日本"*');
  });

  it('bounds the number of terms', () => {
    expect(toFtsQuery(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '))?.split(' AND ')).toHaveLength(16);
  });
});
