/**
 * An AppError's message for people, in the interface's language: the core words its messages in English
 * (app/core, shared by every window and the logs). A fixed message with German in app/shared/i18n is shown
 * in German; a message built from parts carries its phrase (template and values), whose template is
 * translated and filled with the same values; anything else stays as the core said it.
 */
import type { AppError, CertificateInfo, Phrase } from '../../app/shared/contract.ts';
import { fillTemplate } from '../../app/shared/phrase.ts';
import { i18n } from '../i18n/i18n.ts';

/** The German (or other) text for one of the core's English texts, looked up as it is: nothing from a server is read as a template. */
export function lookUp(english: string): string {
  const translated: unknown = i18n.getResource(i18n.language, 'translation', english);
  return typeof translated === 'string' && translated !== '' ? translated : english;
}

/** A phrase in the interface's language: its template translated, the values put in as they are (phrases translated too). */
export function phraseText(words: Phrase): string {
  return fillTemplate(lookUp(words.template), words.values, phraseText);
}

/** Why a certificate was refused, in the interface's language where the core gave its phrase. */
export function certificateReason(certificate: Pick<CertificateInfo, 'reason' | 'reasonPhrase'>): string {
  return certificate.reasonPhrase === undefined ? lookUp(certificate.reason) : phraseText(certificate.reasonPhrase);
}

export function errorText(error: Pick<AppError, 'message' | 'phrase'>): string {
  return error.phrase === undefined ? lookUp(error.message) : phraseText(error.phrase);
}
