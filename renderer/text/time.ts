/** Message times as people read them: the time today, the date and time otherwise. */

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateAndTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

const sameDay = (a: Date, b: Date): boolean =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

export function formatMessageTime(timestamp: number, now: number = Date.now()): string {
  const date = new Date(timestamp);
  return sameDay(date, new Date(now)) ? timeOnly.format(date) : dateAndTime.format(date);
}

export const formatFullTime = (timestamp: number): string => full.format(new Date(timestamp));
