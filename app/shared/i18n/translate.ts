/**
 * A tiny translate function over the shared dictionaries, for code without i18next (the main process):
 * the same English keys, `{{name}}` placeholders and `_one`/`_other` plural forms as the renderer's.
 */
import { de } from './de/index.ts';
import { en } from './en/index.ts';
import type { Language } from './languages.ts';

export type Translate = (key: string, values?: Readonly<Record<string, string | number>>) => string;

const DICTIONARIES: Readonly<Record<Language, Readonly<Record<string, string>>>> = { en, de };

export function translator(language: Language): Translate {
  const dictionary = DICTIONARIES[language];
  const plurals = new Intl.PluralRules(language);
  return (key, values) => {
    let text: string | undefined;
    if (typeof values?.count === 'number') {
      const form = `${key}_${plurals.select(values.count)}`;
      text = dictionary[form] ?? dictionary[`${key}_other`] ?? en[`${key}_${new Intl.PluralRules('en').select(values.count)}`];
    }
    text ??= dictionary[key] ?? key;
    return values === undefined ? text : text.replace(/\{\{\s*(\w+)\s*\}\}/gu, (whole, name: string) => (name in values ? String(values[name]) : whole));
  };
}
