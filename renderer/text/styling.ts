/**
 * XEP-0393 Message Styling: turns a plain-text body into a tree of typed blocks and spans. The
 * tree is data (no HTML): the view maps it to React elements.
 *
 * Blocks (one pass over lines): a line starting with "```" opens a preformatted block that ends at
 * a line holding only "```" or at the end of its parent; a line starting with ">" opens a quotation
 * of all following lines that start with ">" (each stripped of ">" and one whitespace character,
 * then parsed again as blocks, so quotations nest); any other line is a plain line of spans.
 *
 * Spans (per line, so never across lines): *strong*, _emphasis_, ~strike~, `preformatted`. An
 * opening directive stands at the start of the line, after whitespace, right after another span's
 * opening directive or right after a span ends; it is not followed by whitespace or by the same
 * directive ("**" styles nothing). The span closes at the first later same directive that does not
 * follow whitespace (lazy), leaving at least one character inside. A preformatted span holds text
 * only. Finding the closer is a binary search in a per-line list, so a line full of openers
 * without closers stays O(n log n), with no regular expression to backtrack.
 */

export type SpanStyle = 'strong' | 'emphasis' | 'strike';

export type StyledSpan =
  | { readonly kind: 'plain'; readonly text: string }
  | { readonly kind: SpanStyle; readonly children: readonly StyledSpan[] }
  /** Inline monospace: its text is never styled further. */
  | { readonly kind: 'preformatted'; readonly text: string };

export type StyledBlock =
  /** One line of text outside a preformatted block (possibly empty). */
  | { readonly kind: 'line'; readonly spans: readonly StyledSpan[] }
  /**
   * A preformatted block: `fence` is its whole opening line ("```" and whatever follows it),
   * `lines` the lines in between (maybe none), `closed` whether a closing "```" line ended it.
   */
  | { readonly kind: 'preformatted'; readonly fence: string; readonly lines: readonly string[]; readonly closed: boolean }
  | { readonly kind: 'quote'; readonly blocks: readonly StyledBlock[] };

/** The character that opens and closes each kind of span. */
export const SPAN_DIRECTIVES: Readonly<Record<SpanStyle | 'preformatted', string>> = {
  strong: '*',
  emphasis: '_',
  strike: '~',
  preformatted: '`',
};

const KIND_OF: Readonly<Record<string, SpanStyle | 'preformatted'>> = {
  '*': 'strong',
  _: 'emphasis',
  '~': 'strike',
  '`': 'preformatted',
};

export const FENCE = '```';
const QUOTE = '>';

/**
 * Quotations nest this deep at most; deeper ">" stay text. Bounds recursion (a line of 100,000 ">"
 * must not overflow the stack) and the work of re-parsing nested lines.
 */
export const MAX_QUOTE_DEPTH = 16;

const WHITESPACE = /[\s\p{Z}]/u;

/** Unicode White_Space or category Z, as the XEP defines whitespace. */
function isWhitespace(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return true;
  return code >= 0x80 && WHITESPACE.test(char);
}

export function parseStyling(body: string): StyledBlock[] {
  return parseBlocks(body.split('\n'), 0);
}

function parseBlocks(lines: readonly string[], depth: number): StyledBlock[] {
  const blocks: StyledBlock[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    // A fence as the parent's last line opens nothing: "```code```" alone reads as text, not as an
    // empty code block (a deliberate leniency: the XEP would make the whole line a block opener).
    if (line.startsWith(FENCE) && index + 1 < lines.length) {
      let end = index + 1;
      while (end < lines.length && lines[end] !== FENCE) end += 1;
      const closed = end < lines.length;
      blocks.push({ kind: 'preformatted', fence: line, lines: lines.slice(index + 1, end), closed });
      index = closed ? end + 1 : end;
    } else if (line.startsWith(QUOTE) && depth < MAX_QUOTE_DEPTH) {
      const quoted: string[] = [];
      while (index < lines.length && lines[index]!.startsWith(QUOTE)) {
        quoted.push(unquote(lines[index]!));
        index += 1;
      }
      blocks.push({ kind: 'quote', blocks: parseBlocks(quoted, depth + 1) });
    } else {
      blocks.push({ kind: 'line', spans: parseSpans(line) });
      index += 1;
    }
  }
  return blocks;
}

/** Drops the ">" and the first whitespace character after it. */
function unquote(line: string): string {
  const rest = line.slice(QUOTE.length);
  const first = rest.codePointAt(0);
  return first !== undefined && isWhitespace(String.fromCodePoint(first)) ? rest.slice(first > 0xffff ? 2 : 1) : rest;
}

/** Positions where each directive could close a span (not after whitespace), ascending. */
type Closers = Readonly<Record<string, readonly number[]>>;

export function parseSpans(line: string): StyledSpan[] {
  const closers: Record<string, number[]> = { '*': [], _: [], '~': [], '`': [] };
  for (let position = 1; position < line.length; position += 1) {
    const list = closers[line[position]!];
    if (list !== undefined && !isWhitespace(line[position - 1])) list.push(position);
  }
  return spansIn(line, 0, line.length, closers);
}

/** The first position in `list` that is ≥ `from`, or undefined. */
function firstAtOrAfter(list: readonly number[], from: number): number | undefined {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]! < from) low = middle + 1;
    else high = middle;
  }
  return list[low];
}

/** The spans of line[start, end). Recursion depth is bounded: a span cannot contain its own kind. */
function spansIn(line: string, start: number, end: number, closers: Closers): StyledSpan[] {
  const spans: StyledSpan[] = [];
  let plainStart = start;
  let spanEnd = start; // an opener may follow right after a closed span (e.g. "_a_~b~")
  let position = start;
  while (position < end) {
    const directive = line[position]!;
    const kind = KIND_OF[directive];
    const next = line[position + 1];
    const canOpen = kind !== undefined
      && (position === start || position === spanEnd || isWhitespace(line[position - 1]))
      && position + 1 < end && next !== directive && !isWhitespace(next);
    const closer = canOpen ? firstAtOrAfter(closers[directive]!, position + 2) : undefined;
    if (kind === undefined || closer === undefined || closer >= end) {
      position += 1;
      continue;
    }
    if (position > plainStart) spans.push({ kind: 'plain', text: line.slice(plainStart, position) });
    spans.push(kind === 'preformatted'
      ? { kind, text: line.slice(position + 1, closer) }
      : { kind, children: spansIn(line, position + 1, closer, closers) });
    position = closer + 1;
    plainStart = position;
    spanEnd = position;
  }
  if (end > plainStart) spans.push({ kind: 'plain', text: line.slice(plainStart, end) });
  return spans;
}
