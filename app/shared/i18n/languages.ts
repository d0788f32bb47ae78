/**
 * The languages the app speaks (issue 11 item 6), shared by the renderer (i18next) and the main process
 * (tray, menus, dialogs): which ones we have, their names in their own language, and which one a choice
 * in Settings means given the system's preferred languages.
 */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
/** What the user chose in Settings: a language, or whatever the system prefers. */
export type LanguageChoice = Language | 'system';
export const LANGUAGE_CHOICES = ['system', ...LANGUAGES] as const satisfies readonly LanguageChoice[];

/** Each language's name in that language (shown so in the Language select whatever the UI's language). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', de: 'Deutsch' };

export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

/** The first of the system's preferred languages that we have (`de-AT` → `de`); English otherwise. */
export function languageFor(choice: LanguageChoice, preferred: readonly string[]): Language {
  if (choice !== 'system') return choice;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** The spell checker's language: the interface's, one of ours, or none. */
export type SpellCheckChoice = 'interface' | Language | 'off';
export const SPELL_CHECK_CHOICES = ['interface', ...LANGUAGES, 'off'] as const satisfies readonly SpellCheckChoice[];

/** The language to spell-check in (null: off), given the interface's language in use. */
export function spellCheckLanguage(choice: SpellCheckChoice, interfaceLanguage: Language): Language | null {
  if (choice === 'off') return null;
  return choice === 'interface' ? interfaceLanguage : choice;
}
