/** Message times as people read them: the time today, the date and time otherwise, in the language in use. */
import { currentLanguage, type Language } from '../i18n/i18n.ts';

interface Formats {
  readonly timeOnly: Intl.DateTimeFormat;
  readonly dateAndTime: Intl.DateTimeFormat;
  readonly full: Intl.DateTimeFormat;
}

const cache = new Map<string, Formats>();

/** The system's own regional variant of the language in use (`en-GB`, `de-AT`) where it has one. */
export function locale(language: Language): string {
  const preferred = globalThis.navigator?.languages ?? [];
  return preferred.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

function formats(): Formats {
  const language = locale(currentLanguage());
  let found = cache.get(language);
  if (found === undefined) {
    found = {
      timeOnly: new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }),
      dateAndTime: new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
      full: new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'medium' }),
    };
    cache.set(language, found);
  }
  return found;
}

const sameDay = (a: Date, b: Date): boolean =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

export function formatMessageTime(timestamp: number, now: number = Date.now()): string {
  const date = new Date(timestamp);
  return sameDay(date, new Date(now)) ? formats().timeOnly.format(date) : formats().dateAndTime.format(date);
}

export const formatFullTime = (timestamp: number): string => formats().full.format(new Date(timestamp));
