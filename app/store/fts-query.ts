/**
 * Turns what a user typed into a safe FTS5 MATCH expression. User text never reaches FTS5 as
 * syntax: every word becomes a double-quoted string, so `AND`, `NEAR`, `*`, `:`, `(`, `-` are just
 * text. Plain words match as prefixes ("meet" finds "meeting"); text in double quotes is an exact
 * phrase; all terms must match. Returns null when the input holds no word at all.
 */

/** Letters, numbers (with combining marks) and private-use characters: what unicode61 keeps as tokens. */
const TOKEN = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{M}\p{Co}]*/gu;
/** Straight and typographic double quotes (text editors and macOS substitute the latter). */
const QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb']);
/** Bounds the work (and the expression FTS5 parses) whatever was pasted into the box. */
const MAX_TERMS = 16;

const tokensOf = (text: string): string[] => text.match(TOKEN) ?? [];

/** A run of tokens as an FTS5 string; the tokens hold no quote, so nothing needs escaping. */
const ftsString = (tokens: readonly string[]): string => `"${tokens.join(' ')}"`;

export function toFtsQuery(input: string): string | null {
  const terms: string[] = [];
  let plain = '';
  let phrase: string | null = null;
  const flushPlain = (): void => {
    for (const word of plain.split(/\s+/u)) {
      const tokens = tokensOf(word);
      // A word with inner punctuation ("e-mail", "don't") is a phrase of its tokens, the last one a prefix.
      if (tokens.length > 0) terms.push(`${ftsString(tokens)}*`);
    }
    plain = '';
  };
  for (const char of input) {
    if (QUOTES.has(char)) {
      if (phrase === null) {
        flushPlain();
        phrase = '';
      } else {
        const tokens = tokensOf(phrase);
        if (tokens.length > 0) terms.push(ftsString(tokens));
        phrase = null;
      }
    } else if (phrase === null) {
      plain += char;
    } else {
      phrase += char;
    }
  }
  // An unclosed quote: its text counts as plain words.
  if (phrase !== null) plain += ` ${phrase}`;
  flushPlain();
  if (terms.length === 0) return null;
  return terms.slice(0, MAX_TERMS).join(' AND ');
}
