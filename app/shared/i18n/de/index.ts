/** German, one file per area of the UI (each a map from the English text to its German). */
import { account } from './account.ts';
import { common } from './common.ts';
import { desktop } from './desktop.ts';
import { errors } from './errors.ts';
import { links } from './links.ts';
import { settings } from './settings.ts';
import { signin } from './signin.ts';

export const de: Readonly<Record<string, string>> = {
  ...common,
  ...settings,
  ...desktop,
  ...signin,
  ...errors,
  ...account,
  ...links,
};
