/** Parses one stanza from text, as the stream parser would deliver it (for tests and tools). */
import { Parser, type Element } from '@xmpp/xml';

export function parseStanzaXml(text: string): Element {
  const parser = new Parser();
  let parsed: Element | undefined;
  let failure: Error | undefined;
  parser.on('element', (element) => {
    parsed ??= element;
  });
  parser.on('error', (error) => {
    failure = error;
  });
  parser.write(`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>${text}`);
  if (failure !== undefined) throw failure;
  if (parsed === undefined) throw new Error('no complete element in input');
  return parsed;
}
