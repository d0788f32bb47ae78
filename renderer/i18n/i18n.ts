/**
 * The renderer's languages (issue 11 item 6): i18next with the English text as its own key, so a string
 * not yet translated still reads correctly and the accessible names tests rely on stay the English ones.
 * German lives in `app/shared/i18n/de/` (shared with the main process's tray and menus) (one file per area of the UI); `en/` holds only the English plural forms.
 * Components translate with react-i18next's `useTranslation()`; code outside React with `t` below.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from '../../app/shared/i18n/de/index.ts';
import { en } from '../../app/shared/i18n/en/index.ts';
import { LANGUAGES, languageFor, type Language, type LanguageChoice } from '../../app/shared/i18n/languages.ts';

export { LANGUAGES, languageFor, type Language, type LanguageChoice } from '../../app/shared/i18n/languages.ts';

const systemPreferred = (): readonly string[] => globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en'];

export const i18n: I18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: languageFor('system', systemPreferred()),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  resources: { en: { translation: en }, de: { translation: de } },
  // Keys are English sentences: dots and colons in them are text, not paths.
  keySeparator: false,
  nsSeparator: false,
  // React escapes what it renders; nothing here is ever set as HTML.
  interpolation: { escapeValue: false },
  returnEmptyString: false,
  initAsync: false,
});

/** Translates outside React (state, actions, announcements). */
export const t = (key: string, options?: Record<string, unknown>): string => (options === undefined ? i18n.t(key) : i18n.t(key, options));

/** The language in use now, e.g. for `Intl` formatters. */
export const currentLanguage = (): Language => languageFor(i18n.language as LanguageChoice, []);

/** Follows the Settings choice; also sets `<html lang>` so screen readers and the spell checker agree. */
export function applyLanguage(choice: LanguageChoice): void {
  const language = languageFor(choice, systemPreferred());
  if (globalThis.document !== undefined) globalThis.document.documentElement.lang = language;
  if (i18n.language !== language) void i18n.changeLanguage(language);
}
