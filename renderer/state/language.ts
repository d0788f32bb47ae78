/**
 * The interface's language and the spell checker's, bound to the app settings (renderer/state/settings.ts),
 * the way color-scheme.ts binds the theme: whenever the settings load or change, i18next switches
 * (`applyLanguage`: every component using `useT` re-renders at once, an open dialog too), `<html lang>`
 * follows, and so do the spell checker's `spellcheck`/`lang` for text typed in the browser mode.
 */
import type { Unsubscribe } from '../../app/shared/contract.ts';
import { spellCheckLanguage, type Language } from '../../app/shared/i18n/languages.ts';
import { languageChoice, spellCheckChoice, type AppSettings } from '../../app/shared/settings.ts';
import { applyLanguage, currentLanguage } from '../i18n/i18n.ts';
import { useT } from '../i18n/use-t.ts';
import { useSettingsStore } from './settings.ts';

/** The attributes for a field the user writes in: spell-checked in its language, or not at all. */
export interface SpellCheckAttributes {
  readonly spellCheck: boolean;
  readonly lang: Language;
}

export function spellCheckAttributes(settings: Pick<AppSettings, 'spellCheck'>, interfaceLanguage: Language): SpellCheckAttributes {
  const language = spellCheckLanguage(spellCheckChoice(settings), interfaceLanguage);
  return language === null ? { spellCheck: false, lang: interfaceLanguage } : { spellCheck: true, lang: language };
}

/** For the composer and other text fields: `<textarea {...useSpellCheckAttributes()} />`. */
export function useSpellCheckAttributes(): SpellCheckAttributes {
  const settings = useSettingsStore((state) => state.settings);
  useT(); // re-renders when the interface's language changes
  return spellCheckAttributes(settings, currentLanguage());
}

/** Applies the settings' language now and on every change; returns the unsubscribe. */
export function bindLanguage(root: HTMLElement | undefined = globalThis.document?.documentElement): Unsubscribe {
  const apply = (settings: AppSettings): void => {
    applyLanguage(languageChoice(settings));
    if (root === undefined) return;
    // Inherited by every field below (HTML's spellcheck is inherited); the composer may set its own lang.
    const { spellCheck } = spellCheckAttributes(settings, currentLanguage());
    root.spellcheck = spellCheck;
  };
  apply(useSettingsStore.getState().settings);
  return useSettingsStore.subscribe((state, previous) => {
    if (state.settings.language !== previous.settings.language || state.settings.spellCheck !== previous.settings.spellCheck) apply(state.settings);
  });
}
