/** German, one file per area of the UI (each a map from the English text to its German). */
import { account } from './account.ts';
import { common } from './common.ts';
import { contacts } from './contacts.ts';
import { corePhrases } from './core-phrases.ts';
import { conversations } from './conversations.ts';
import { desktop } from './desktop.ts';
import { errors } from './errors.ts';
import { files } from './files.ts';
import { links } from './links.ts';
import { messages } from './messages.ts';
import { profile } from './profile.ts';
import { rooms } from './rooms.ts';
import { settings } from './settings.ts';
import { signin } from './signin.ts';
import { tools } from './tools.ts';

export const de: Readonly<Record<string, string>> = {
  ...common,
  ...contacts,
  ...conversations,
  ...messages,
  ...tools,
  ...profile,
  ...files,
  ...rooms,
  ...settings,
  ...desktop,
  ...signin,
  ...errors,
  ...account,
  ...links,
  ...corePhrases,
};
