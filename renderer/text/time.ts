/** Message times as people read them: the time today, the date and time otherwise, in the interface's language. */
import { currentLanguage } from '../i18n/i18n.ts';
import { dateTimeFormat } from './intl.ts';

const sameDay = (a: Date, b: Date): boolean =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

export function formatMessageTime(timestamp: number, now: number = Date.now()): string {
  const date = new Date(timestamp);
  const language = currentLanguage();
  return sameDay(date, new Date(now))
    ? dateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(date)
    : dateTimeFormat(language, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
}

export const formatFullTime = (timestamp: number): string => dateTimeFormat(currentLanguage(), { dateStyle: 'full', timeStyle: 'medium' }).format(new Date(timestamp));
