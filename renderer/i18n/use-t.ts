/** The translate function for components: re-renders them when the language changes. */
import { useTranslation } from 'react-i18next';
import { i18n, t as translate } from './i18n.ts';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export function useT(): Translate {
  // Subscribes the component to language changes; the text itself comes from the shared instance.
  useTranslation(undefined, { i18n });
  return translate;
}
