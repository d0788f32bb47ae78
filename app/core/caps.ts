/**
 * What each contact's devices are (XEP-0115 entity capabilities): the `ver` in a presence names a
 * disco#info result (XEP-0030); we ask a device only for a `ver` we have never seen, check the answer
 * against the `ver` (§5.4: a forged answer would poison every device that shares it) and keep it in a
 * cache shared by every account and kept in the profile. The Profile lists each device's client.
 */
import { createHash } from 'node:crypto';
import { xml, type Element } from '@xmpp/xml';
import type { ContactDevice, Jid } from '../shared/contract.ts';
import { parseJid, formatBare } from '../shared/jid.ts';
import type { CapsCache } from './caps-cache.ts';
import type { IqRouter } from './iq.ts';
import { NS } from './parsers/namespaces.ts';
import { parseCapsAnnouncement, parseDiscoInfo, type DiscoInfo } from './parsers/caps.ts';

/** XEP-0115 §5.1 verification string over identities, features and extended forms, SHA-1, base64; null where §5.4 forbids one. */
export function capsVer(info: DiscoInfo): string | null {
  const identityLines = info.identities.map((identity) => `${identity.category}/${identity.type}/${identity.lang ?? ''}/${identity.name}`);
  // §5.4 3.3–3.6: duplicates and malformed forms make the result unusable for caching.
  if (new Set(identityLines).size !== identityLines.length || new Set(info.features).size !== info.features.length) return null;
  const formTypes = info.forms.map((form) => form.formType);
  if (formTypes.some((type) => type === '') || new Set(formTypes).size !== formTypes.length) return null;
  const lines = [...identityLines.sort(), ...[...info.features].sort()];
  for (const form of [...info.forms].sort((a, b) => (a.formType < b.formType ? -1 : a.formType > b.formType ? 1 : 0))) {
    lines.push(form.formType);
    for (const field of [...form.fields].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      lines.push(field.name, ...[...field.values].sort());
    }
  }
  return createHash('sha1').update(lines.map((line) => `${line}<`).join(''), 'utf8').digest('base64');
}


export interface Capabilities {
  receivePresence(stanza: Element): void;
  /** The devices of a contact now online, with their client names where known. */
  devices(bare: Jid): ContactDevice[];
  /** What a device supports, when its capabilities are known. */
  features(full: Jid): readonly string[] | null;
  /** A new stream: nobody is known to be online any more. */
  reset(): void;
}

/** Client name from a disco#info: the first `client` identity, else the first one. */
function clientName(info: DiscoInfo): string {
  const identity = info.identities.find((candidate) => candidate.category === 'client') ?? info.identities[0];
  return (identity?.name ?? '').slice(0, 128);
}

export function createCapabilities(deps: { iq: IqRouter; cache: CapsCache; timeoutMs: number }): Capabilities {
  const { iq, cache } = deps;
  /** The ver each online device announced, by bare JID then resource. */
  const online = new Map<Jid, Map<string, string>>();
  /** Queries in flight, by ver: a roster of thousands announces a handful of distinct vers. */
  const asking = new Set<string>();

  async function learn(full: Jid, node: string, ver: string): Promise<void> {
    if (asking.has(ver)) return;
    asking.add(ver);
    try {
      const reply = await iq.request('get', xml('query', { xmlns: NS.discoInfo, node: `${node}#${ver}` }), full, deps.timeoutMs);
      const query = reply.getChild('query', NS.discoInfo);
      if (query === undefined) return;
      const info = parseDiscoInfo(query);
      // Only an answer that hashes to the announced ver may stand for every device announcing it.
      if (capsVer(info) !== ver) return;
      cache.put(ver, info);
    } catch {
      // Unanswered: the next device announcing this ver is asked.
    } finally {
      asking.delete(ver);
    }
  }

  return {
    receivePresence(stanza) {
      const parsed = parseJid(stanza.attrs.from ?? '');
      if (!parsed.ok || parsed.jid.resource === '') return;
      const bare = formatBare(parsed.jid);
      const resource = parsed.jid.resource;
      const type = stanza.attrs.type;
      if (type !== undefined && type !== 'unavailable') return;
      let resources = online.get(bare);
      if (type === 'unavailable') {
        if (resources?.delete(resource) === true && resources.size === 0) online.delete(bare);
        return;
      }
      const caps = parseCapsAnnouncement(stanza);
      const ver = caps?.hash === 'sha-1' ? caps.ver : '';
      if (resources === undefined) {
        resources = new Map();
        online.set(bare, resources);
      }
      resources.set(resource, ver);
      if (caps !== null && ver !== '' && cache.get(ver) === undefined) void learn(stanza.attrs.from ?? '', caps.node, ver);
    },
    devices(bare) {
      const resources = online.get(bare);
      if (resources === undefined) return [];
      return [...resources].map(([resource, ver]) => {
        const info = ver === '' ? undefined : cache.get(ver);
        return { resource, client: info === undefined ? '' : clientName(info) };
      });
    },
    reset() {
      online.clear();
    },
    features(full) {
      const parsed = parseJid(full);
      if (!parsed.ok) return null;
      const ver = online.get(formatBare(parsed.jid))?.get(parsed.jid.resource);
      return (ver === undefined || ver === '' ? undefined : cache.get(ver))?.features ?? null;
    },
  };
}
