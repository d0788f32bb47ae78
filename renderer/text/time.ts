/** Message times as people read them: the time today, the date and time otherwise, in the interface's language. */
import { currentLanguage, type Language } from '../i18n/i18n.ts';
import { dateTimeFormat } from './intl.ts';

/** The system's own regional variant of the language in use (`en-GB`, `de-AT`) where it has one. */
export function locale(language: Language): string {
  const preferred = globalThis.navigator?.languages ?? [];
  return preferred.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

const sameDay = (a: Date, b: Date): boolean =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

export function formatMessageTime(timestamp: number, now: number = Date.now()): string {
  const date = new Date(timestamp);
  const language = locale(currentLanguage());
  return sameDay(date, new Date(now))
    ? dateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(date)
    : dateTimeFormat(language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
}

export const formatFullTime = (timestamp: number): string => dateTimeFormat(locale(currentLanguage()), { dateStyle: 'full', timeStyle: 'medium' }).format(new Date(timestamp));
