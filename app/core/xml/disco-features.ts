/** The features of a XEP-0030 disco#info result, as a set of namespaces. */
import type { Element } from '@xmpp/xml';
import { NS } from './namespaces.ts';

export function parseDiscoFeatures(iq: Element): ReadonlySet<string> {
  const query = iq.getChild('query', NS.discoInfo);
  const features = new Set<string>();
  for (const feature of query?.getChildren('feature') ?? []) {
    const name = feature.attrs.var;
    if (typeof name === 'string' && name.length > 0) features.add(name);
  }
  return features;
}
