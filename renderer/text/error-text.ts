/**
 * An AppError's message for people, in the interface's language: the core words its messages in English
 * (app/core, shared by every window and the logs); those with German in app/shared/i18n/de/errors.ts are
 * shown in German, any other stays as the core said it (a server's own text, a detail with a name in it).
 */
import type { AppError } from '../../app/shared/contract.ts';
import { i18n } from '../i18n/i18n.ts';

export function errorText(error: Pick<AppError, 'message'>): string {
  // A lookup by the message itself, no interpolation: text from a server is never read as a template.
  const translated: unknown = i18n.getResource(i18n.language, 'translation', error.message);
  return typeof translated === 'string' && translated !== '' ? translated : error.message;
}
