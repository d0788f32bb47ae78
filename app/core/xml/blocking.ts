/** XEP-0191 block lists and pushes into plain data. */
import type { Element } from '@xmpp/xml';
import type { Jid } from '../../shared/contract.ts';
import { formatFull, parseJid } from '../../shared/jid.ts';

/** The JIDs of a `<blocklist/>`, `<block/>` or `<unblock/>` (normalized; invalid ones skipped). */
export function parseBlockItems(element: Element): Jid[] {
  const jids: Jid[] = [];
  for (const item of element.getChildren('item')) {
    const parsed = parseJid(item.attrs.jid ?? '');
    if (parsed.ok) jids.push(formatFull(parsed.jid));
  }
  return [...new Set(jids)];
}
