/**
 * Word search for the in-memory history (tests, and a core without a database): every word typed
 * must start a word of the body, ignoring case and accents, as the SQLite store's FTS5 index does
 * for plain words. Quotes are ignored here (a phrase counts as its words).
 */
import type { SnippetPart } from '../shared/contract.ts';

const WORD = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{M}\p{Co}]*/gu;
const MAX_TERMS = 16;

/** Lower case without accents ("Café" → "cafe"). */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The folded words of a query; empty when it holds none. */
export function searchTerms(query: string): string[] {
  return (fold(query).match(WORD) ?? []).slice(0, MAX_TERMS);
}

export function matchesTerms(body: string, terms: readonly string[]): boolean {
  if (terms.length === 0) return false;
  const words = fold(body).match(WORD) ?? [];
  return terms.every((term) => words.some((word) => word.startsWith(term)));
}

/** The whole body, its words that start with a term marked as matches. */
export function snippetOf(body: string, terms: readonly string[]): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const found of body.matchAll(WORD)) {
    const start = found.index;
    if (!terms.some((term) => fold(found[0]).startsWith(term))) continue;
    if (start > last) parts.push({ text: body.slice(last, start), match: false });
    parts.push({ text: found[0], match: true });
    last = start + found[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last), match: false });
  return parts;
}
