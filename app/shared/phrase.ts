/**
 * Words for people built from parts: an English template with `{{name}}` placeholders and the values that
 * fill them. The core says its messages in English (logs, tests, every window); the renderer finds the
 * template's German in app/shared/i18n and fills in the same values, so a message that names a room, a
 * host or a number is shown in the interface's language too.
 */
export interface Phrase {
  readonly template: string;
  /** A plain string (a name, a number, a server's own text) is shown as it is; a Phrase is translated too. */
  readonly values: Readonly<Record<string, string | Phrase>>;
}

type PhraseValue = string | number | Phrase;

/** A phrase; numbers become text here, so every value crosses windows and processes as plain data. */
export function phrase(template: string, values: Readonly<Record<string, PhraseValue>> = {}): Phrase {
  return { template, values: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typeof value === 'number' ? String(value) : value])) };
}

/** Fills a template in one pass: a value is never read as a template itself (a server's text may hold `{{…}}`). */
export function fillTemplate(template: string, values: Readonly<Record<string, string | Phrase>>, say: (phrase: Phrase) => string): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/gu, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'string' ? value : say(value);
  });
}

/** The phrase in English, as the core's messages are. */
export function inEnglish(words: Phrase): string {
  return fillTemplate(words.template, words.values, inEnglish);
}

/** Text or a phrase, as messages are given to fail() and coreError(). */
export type Words = string | Phrase;

/** Our own words as a phrase, to put inside another phrase and be translated there too. */
export function asPhrase(words: Words): Phrase {
  return typeof words === 'string' ? phrase(words) : words;
}

/** The English message and, for a phrase, the phrase itself: what an AppError carries. */
export function messageOf(words: Words): { readonly message: string; readonly phrase?: Phrase } {
  return typeof words === 'string' ? { message: words } : { message: inEnglish(words), phrase: words };
}
