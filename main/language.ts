/**
 * The app's language in the main process (tray, menus, the spell checker's context menu) and the spell
 * checker's languages (issue 11 items 5 and 6): both from the app settings, "system" resolved through
 * `app.getPreferredSystemLanguages()`. Main has no i18next: it translates with the shared dictionaries
 * (app/shared/i18n/translate.ts). What to set is pure (tested in language.test.ts); Electron comes in typed.
 */
import type { ContextMenuParams, MenuItemConstructorOptions, Session } from 'electron';
import type { JabberService } from '../app/core/service-types.ts';
import type { AppSettings, EventEnvelope } from '../app/shared/contract.ts';
import { languageFor, spellCheckLanguage, type Language } from '../app/shared/i18n/languages.ts';
import { translator, type Translate } from '../app/shared/i18n/translate.ts';
import { DEFAULT_APP_SETTINGS, languageChoice, spellCheckChoice } from '../app/shared/settings.ts';

/** The interface's language for these settings, given the system's preferred languages. */
export const mainLanguage = (settings: Pick<AppSettings, 'language'>, preferred: readonly string[]): Language => languageFor(languageChoice(settings), preferred);

/**
 * The spell checker's languages: the available dictionary for the chosen language (its country variant
 * the system prefers, else the usual one, else any), nothing when off or when no dictionary is there.
 */
export function spellCheckerLanguages(settings: Pick<AppSettings, 'spellCheck'>, interfaceLanguage: Language, available: readonly string[], preferred: readonly string[] = []): string[] {
  const language = spellCheckLanguage(spellCheckChoice(settings), interfaceLanguage);
  if (language === null) return [];
  const usual: Readonly<Record<Language, readonly string[]>> = { en: ['en-US', 'en-GB'], de: ['de-DE', 'de'] };
  const candidates = [...preferred.filter((tag) => tag.toLowerCase().split('-')[0] === language), ...usual[language]];
  const found = candidates.map((tag) => available.find((code) => code.toLowerCase() === tag.toLowerCase())).find((code) => code !== undefined)
    ?? available.find((code) => code.toLowerCase().split('-')[0] === language);
  return found === undefined ? [] : [found];
}

/** The parts of a right click's parameters the context menu reads. */
export type MenuParams = Pick<ContextMenuParams, 'misspelledWord' | 'dictionarySuggestions' | 'isEditable' | 'selectionText' | 'editFlags'>;

export interface ContextMenuActions {
  readonly replaceMisspelling: (word: string) => void;
  readonly addToDictionary: (word: string) => void;
}

/** At most this many suggestions for a misspelled word. */
const MAX_SUGGESTIONS = 6;

/** The right-click menu: spelling suggestions and "Add to dictionary" on a misspelled word, then Cut/Copy/Paste. Empty: no menu. */
export function contextMenuTemplate(params: MenuParams, t: Translate, actions: ContextMenuActions): MenuItemConstructorOptions[] {
  const spelling: MenuItemConstructorOptions[] = [];
  if (params.misspelledWord !== '') {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0) spelling.push({ label: t('No spelling suggestions'), enabled: false });
    for (const word of suggestions) spelling.push({ label: word, click: () => actions.replaceMisspelling(word) });
    spelling.push({ label: t('Add to dictionary'), click: () => actions.addToDictionary(params.misspelledWord) });
  }
  const editing: MenuItemConstructorOptions[] = [];
  if (params.isEditable) editing.push({ role: 'cut', label: t('Cut'), enabled: params.editFlags.canCut });
  if (params.isEditable || params.selectionText !== '') editing.push({ role: 'copy', label: t('Copy'), enabled: params.editFlags.canCopy });
  if (params.isEditable) editing.push({ role: 'paste', label: t('Paste'), enabled: params.editFlags.canPaste });
  return spelling.length > 0 && editing.length > 0 ? [...spelling, { type: 'separator' }, ...editing] : [...spelling, ...editing];
}

export interface LanguageDependencies {
  readonly session: Pick<Session, 'setSpellCheckerLanguages' | 'setSpellCheckerEnabled' | 'availableSpellCheckerLanguages'>;
  readonly preferredSystemLanguages: () => readonly string[];
  /** macOS spell-checks with the system's own checker: its languages cannot be set. */
  readonly platform: NodeJS.Platform;
  /** Called when the interface's language changed (rebuild menus, the tray). */
  readonly onLanguage: (language: Language) => void;
  readonly log?: (message: string) => void;
}

/** Follows the settings: the language main translates in (`t`) and the spell checker's languages. */
export function followLanguage(service: Pick<JabberService, 'subscribe' | 'getAppSettings'>, dependencies: LanguageDependencies) {
  let language = mainLanguage(DEFAULT_APP_SETTINGS, dependencies.preferredSystemLanguages());
  let translate = translator(language);
  const apply = (settings: AppSettings): void => {
    const preferred = dependencies.preferredSystemLanguages();
    const next = mainLanguage(settings, preferred);
    const wanted = spellCheckerLanguages(settings, next, dependencies.session.availableSpellCheckerLanguages, preferred);
    try {
      dependencies.session.setSpellCheckerEnabled(spellCheckChoice(settings) !== 'off');
      if (dependencies.platform !== 'darwin' && wanted.length > 0) dependencies.session.setSpellCheckerLanguages(wanted);
    } catch (error) {
      dependencies.log?.(`Could not set the spell checker's language: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (next !== language) {
      language = next;
      translate = translator(next);
      dependencies.onLanguage(next);
    }
  };
  const unsubscribe = service.subscribe((envelope: EventEnvelope) => {
    if (envelope.event === 'onAppSettings') apply(envelope.payload as AppSettings);
  });
  const loaded = service.getAppSettings().then((result) => {
    if (result.ok) apply(result.value);
  });
  return {
    get language(): Language {
      return language;
    },
    /** Translates in the language of the moment. */
    t: ((key, values) => translate(key, values)) as Translate,
    loaded,
    dispose: unsubscribe,
  };
}
