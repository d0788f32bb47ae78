/** `<error/>` children of stanzas (RFC 6120 §8.3) into plain data. */
import type { Element } from '@xmpp/xml';
import { NS } from './namespaces.ts';

export interface StanzaErrorInfo {
  readonly type: string;
  readonly condition: string;
  readonly text: string;
}

export function parseStanzaError(stanza: Element): StanzaErrorInfo | null {
  const error = stanza.getChild('error');
  if (error === undefined) return null;
  const condition = error.getChildElements().find((child) => child.getNS() === NS.stanzas && child.name !== 'text');
  return {
    type: error.attrs.type ?? 'cancel',
    condition: condition?.name ?? 'undefined-condition',
    text: (error.getChildText('text', NS.stanzas) ?? '').trim(),
  };
}

/** Stream-level `<stream:error/>` (RFC 6120 §4.9). */
export function parseStreamError(element: Element): StanzaErrorInfo {
  const condition = element.getChildElements().find((child) => child.getNS() === NS.streamErrors && child.name !== 'text');
  return { type: 'cancel', condition: condition?.name ?? 'undefined-condition', text: (element.getChildText('text', NS.streamErrors) ?? '').trim() };
}
