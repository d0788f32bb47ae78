/**
 * English needs entries only where the key alone is not the text: plural forms
 * (`'{{count}} unread_one'` → `'1 unread'`), one file per area of the UI like `de/`.
 */
import { desktop } from './desktop.ts';
import { rooms } from './rooms.ts';
import { strings } from './strings.ts';

export const en: Readonly<Record<string, string>> = {
  ...strings,
  ...rooms,
  ...desktop,
};
