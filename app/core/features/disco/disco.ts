/**
 * What we are and what we support: XEP-0030 disco#info, and the XEP-0115 capabilities hash that
 * goes in every presence so contacts' servers can cache it instead of asking each time.
 */
import { createHash } from 'node:crypto';
import { xml, type Element } from '@xmpp/xml';
import type { IqHandler } from '../../session/iq.ts';
import { stanzaError } from '../../session/iq.ts';
import { NS } from '../../xml/namespaces.ts';

export const CAPS_NODE = 'https://jabberdesk.dev/caps';

export interface Identity {
  readonly category: string;
  readonly type: string;
  readonly name: string;
  readonly lang?: string;
}

export const IDENTITY: Identity = { category: 'client', type: 'pc', name: 'Jabber Desk' };

/** Only what is actually implemented: a client must not claim features it does not handle. */
export const FEATURES: readonly string[] = [
  NS.caps, NS.discoInfo, NS.ping, NS.stanzaId,
  // XEP-0163: the PEP notifications we want (avatars XEP-0084, nicknames XEP-0172).
  `${NS.avatarMetadata}+notify`, `${NS.nick}+notify`,
  // presence slice: we answer XEP-0012 queries and send XEP-0319 idle times
  NS.lastActivity, NS.idle,
  // replies (XEP-0461) and reactions (XEP-0444)
  NS.reply, NS.reactions,
  // group chat: direct invitations (XEP-0249), and the pushes of our bookmarks from other devices (XEP-0402)
  'jabber:x:conference', 'urn:xmpp:bookmarks:1+notify',
];

/** XEP-0115 §5.1 verification string, SHA-1, base64. */
export function capsVerification(identities: readonly Identity[], features: readonly string[]): string {
  const identityLines = identities
    .map((identity) => `${identity.category}/${identity.type}/${identity.lang ?? ''}/${identity.name}`)
    .sort();
  const featureLines = [...new Set(features)].sort();
  const input = [...identityLines, ...featureLines].map((line) => `${line}<`).join('');
  return createHash('sha1').update(input, 'utf8').digest('base64');
}

export const CAPS_VER = capsVerification([IDENTITY], FEATURES);

export function capsElement(): Element {
  return xml('c', { xmlns: NS.caps, hash: 'sha-1', node: CAPS_NODE, ver: CAPS_VER });
}

/** Built once: on a cold server every contact's PEP service asks at sign-in, so answering must be cheap. */
function infoChildren(): Element[] {
  return [
    xml('identity', { category: IDENTITY.category, type: IDENTITY.type, name: IDENTITY.name }),
    ...FEATURES.map((feature) => xml('feature', { var: feature })),
  ];
}

export const discoInfoHandler: IqHandler = ({ payload }) => {
  const node = payload.attrs.node;
  if (node !== undefined && node !== `${CAPS_NODE}#${CAPS_VER}`) return stanzaError('cancel', 'item-not-found');
  return xml('query', { xmlns: NS.discoInfo, node }, ...infoChildren());
};

export const pingHandler: IqHandler = () => undefined;
