/**
 * What the account's server offers, for the Server features view: service discovery (XEP-0030) of the
 * server, of the account's own bare JID (where PEP, MAM and push are advertised) and of the server's
 * services (disco#items: upload, rooms, directory, proxy), plus what the stream's negotiation showed
 * (TLS, SASL, SASL2, stream management). An administrator sees there why a feature is unavailable.
 */
import { xml, type Element } from '@xmpp/xml';
import type { ServerFeature, ServerFeatures, ServerLink } from '../../../shared/contract.ts';
import { ok } from '../../../shared/result.ts';
import type { LinkInfo } from '../../stream/connection.ts';
import type { IqRouter } from '../../session/iq.ts';
import type { FeatureParts } from '../../session/feature.ts';
import { parseDataForm } from '../../xml/data-form.ts';
import { parseDiscoFeatures } from '../../xml/disco-features.ts';
import { NS } from '../../xml/namespaces.ts';

/** Where a capability is advertised, and by which namespace (or identity). */
interface Check {
  readonly id: string;
  readonly name: string;
  readonly spec: string;
  readonly affects: string;
  /** True when the server has it, given what discovery found. */
  readonly found: (found: Discovered) => boolean;
  readonly detail?: (found: Discovered) => string | undefined;
}

/** Everything discovery and the negotiation found. */
export interface Discovered {
  /** disco#info of the server's domain. */
  readonly server: ReadonlySet<string>;
  /** disco#info of the account's bare JID (PEP, MAM, push live there). */
  readonly account: ReadonlySet<string>;
  readonly accountIdentities: readonly { readonly category: string; readonly type: string }[];
  /** The server's services (disco#items), each with its features and identities. */
  readonly services: readonly DiscoveredService[];
  readonly link: LinkInfo | null;
}

export interface DiscoveredService {
  readonly jid: string;
  readonly features: ReadonlySet<string>;
  readonly identities: readonly { readonly category: string; readonly type: string }[];
  /** The XEP-0128 extended info forms, as field values by FORM_TYPE and field name. */
  readonly forms: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

const UPLOAD = 'urn:xmpp:http:upload:0';
const MUC = 'http://jabber.org/protocol/muc';
const serviceWith = (found: Discovered, feature: string): DiscoveredService | undefined => found.services.find((service) => service.features.has(feature));
const onServerOrAccount = (feature: string) => (found: Discovered) => found.server.has(feature) || found.account.has(feature);
const megabytes = (bytes: string | undefined): string | undefined => {
  const value = Number(bytes);
  return bytes !== undefined && Number.isFinite(value) && value > 0 ? `up to ${(value / 1_048_576).toFixed(value < 10_485_760 ? 1 : 0)} MB per file` : undefined;
};

/** The capabilities shown, in the order shown: those a business messenger relies on first. */
export const CHECKS: readonly Check[] = [
  { id: 'carbons', name: 'Message carbons', spec: 'XEP-0280', affects: 'Messages sent and received on your other devices appear here too.', found: (f) => f.server.has(NS.carbons) },
  { id: 'mam', name: 'Message archive', spec: 'XEP-0313', affects: 'History from before this device, and messages missed while offline, come from the server.', found: (f) => f.account.has(NS.mam) || f.server.has(NS.mam) },
  { id: 'stream-management', name: 'Stream management', spec: 'XEP-0198', affects: 'A dropped connection resumes without losing messages, and the server confirms each one (Sent).', found: (f) => f.link?.streamManagement === true },
  { id: 'csi', name: 'Client state indication', spec: 'XEP-0352', affects: 'While the window is hidden the server holds back unimportant traffic.', found: (f) => f.link?.csi === true },
  { id: 'roster-versioning', name: 'Roster versioning', spec: 'XEP-0237', affects: 'Signing in downloads the contact list only when it changed.', found: (f) => f.link?.rosterVersioning === true },
  { id: 'blocking', name: 'Blocking', spec: 'XEP-0191', affects: 'Block contacts and whole servers.', found: (f) => f.server.has(NS.blocking) },
  { id: 'pep', name: 'Personal eventing (PEP)', spec: 'XEP-0163', affects: 'Avatars and nicknames published and followed; bookmarks of rooms.', found: (f) => f.accountIdentities.some((identity) => identity.category === 'pubsub' && identity.type === 'pep') },
  // vCard4 lives in PEP; a server that converts between it and vcard-temp says so (XEP-0398).
  { id: 'vcard4', name: 'vCard4 profiles', spec: 'XEP-0292, XEP-0398', affects: 'Profiles kept in the modern format, and the same for clients that know only vcard-temp.', found: (f) => onServerOrAccount(NS.vcard4)(f) || f.account.has('urn:xmpp:pep-vcard-conversion:0') },
  { id: 'vcard-temp', name: 'vcard-temp profiles', spec: 'XEP-0054', affects: 'Profiles and avatars for older clients.', found: onServerOrAccount(NS.vcardTemp) },
  { id: 'upload', name: 'File upload', spec: 'XEP-0363', affects: 'Send files and images.', found: (f) => serviceWith(f, UPLOAD) !== undefined, detail: (f) => {
    const service = serviceWith(f, UPLOAD);
    return service === undefined ? undefined : [service.jid, megabytes(service.forms[UPLOAD]?.['max-file-size']?.[0])].filter(Boolean).join(', ');
  } },
  { id: 'muc', name: 'Group chat rooms', spec: 'XEP-0045', affects: 'Join and create rooms.', found: (f) => serviceWith(f, MUC) !== undefined, detail: (f) => serviceWith(f, MUC)?.jid },
  { id: 'push', name: 'Push notifications', spec: 'XEP-0357', affects: 'Mobile devices of the account can be woken for new messages.', found: onServerOrAccount('urn:xmpp:push:0') },
  { id: 'directory', name: 'User directory', spec: 'XEP-0055', affects: 'Search directory finds colleagues.', found: (f) => f.server.has('jabber:iq:search') || serviceWith(f, 'jabber:iq:search') !== undefined },
  { id: 'commands', name: 'Ad-hoc commands', spec: 'XEP-0050', affects: 'Server administration for administrators.', found: (f) => f.server.has('http://jabber.org/protocol/commands') },
  { id: 'invisibility', name: 'Invisibility', spec: 'XEP-0186', affects: 'The Invisible status.', found: (f) => f.server.has(NS.invisible) },
  { id: 'last-activity', name: 'Last activity', spec: 'XEP-0012', affects: '"Last seen" of offline contacts.', found: onServerOrAccount(NS.lastActivity) },
  { id: 'registration', name: 'In-band registration', spec: 'XEP-0077', affects: 'Change your password from the app.', found: (f) => f.server.has('jabber:iq:register') },
  { id: 'ping', name: 'Ping', spec: 'XEP-0199', affects: 'A dead connection is noticed quickly.', found: (f) => f.server.has(NS.ping) },
  { id: 'external-services', name: 'External services (STUN/TURN)', spec: 'XEP-0215', affects: 'Calls through firewalls.', found: (f) => f.server.has('urn:xmpp:extdisco:2') },
  { id: 'proxy65', name: 'File transfer proxy', spec: 'XEP-0065', affects: 'Direct file transfers between clients behind firewalls.', found: (f) => serviceWith(f, 'http://jabber.org/protocol/bytestreams') !== undefined },
  { id: 'sasl2', name: 'SASL2 and Bind 2', spec: 'XEP-0388, XEP-0386', affects: 'Sign-in in fewer round trips.', found: (f) => f.link?.sasl2 === true, detail: (f) => (f.link?.sasl2 === true ? (f.link.bind2 ? 'with Bind 2' : 'without Bind 2') : undefined) },
  { id: 'fast', name: 'Fast reconnection tokens', spec: 'XEP-0484', affects: 'Reconnecting needs no password exchange.', found: (f) => f.link?.fast === true },
  { id: 'channel-binding', name: 'Channel binding', spec: 'RFC 5929, XEP-0440', affects: 'The sign-in is tied to this TLS connection: a man in the middle with a trusted certificate is caught.', found: (f) => f.link?.mechanisms.some((mechanism) => mechanism.endsWith('-PLUS')) === true, detail: (f) => f.link?.channelBindings?.join(', ') },
];

/** The capabilities, as the contract shows them. */
export function describeServer(found: Discovered): readonly ServerFeature[] {
  return CHECKS.map((check) => {
    const supported = check.found(found);
    const detail = supported ? check.detail?.(found) : undefined;
    return { id: check.id, name: check.name, spec: check.spec, supported, affects: check.affects, ...(detail !== undefined && detail !== '' ? { detail } : {}) };
  });
}

export function toServerLink(link: LinkInfo): ServerLink {
  const { tlsVersion, cipher, directTls, authentication, mechanism, mechanisms, channelBindings } = link;
  return { tlsVersion, cipher, directTls, authentication, mechanism, mechanisms: [...mechanisms], channelBindings: channelBindings === null ? null : [...channelBindings] };
}

const identitiesOf = (reply: Element): { category: string; type: string }[] =>
  (reply.getChild('query', NS.discoInfo)?.getChildren('identity') ?? []).map((identity) => ({ category: String(identity.attrs.category ?? ''), type: String(identity.attrs.type ?? '') }));

function formsOf(reply: Element): Record<string, Record<string, readonly string[]>> {
  const forms: Record<string, Record<string, readonly string[]>> = {};
  for (const x of reply.getChild('query', NS.discoInfo)?.getChildren('x', NS.dataForms) ?? []) {
    const form = parseDataForm(x);
    const formType = form?.fields.find((field) => field.var === 'FORM_TYPE')?.values[0];
    if (form === null || formType === undefined) continue;
    forms[formType] = Object.fromEntries(form.fields.filter((field) => field.var !== undefined).map((field) => [field.var!, field.values]));
  }
  return forms;
}

/** Services asked about at most: a server lists a handful; a hostile one must not make us ask thousands. */
const MAX_SERVICES = 20;

export interface ServerFeaturesDeps {
  readonly iq: IqRouter;
  readonly domain: string;
  readonly ownBareJid: string;
  /** What the current stream's negotiation showed (null before the first). */
  readonly link: () => LinkInfo | null;
  readonly timeoutMs: number;
}

export function createServerFeatures(deps: ServerFeaturesDeps): FeatureParts {
  const { iq, domain, ownBareJid, timeoutMs } = deps;
  const info = (to: string) => iq.request('get', xml('query', { xmlns: NS.discoInfo }), to, timeoutMs);
  // A failed query means "nothing found there", not a failed view: the rest still tells the administrator a lot.
  const optional = <T>(work: Promise<T>, fallback: T): Promise<T> => work.catch(() => fallback);

  async function discover(): Promise<Discovered> {
    const [serverInfo, accountInfo, items] = await Promise.all([
      optional(info(domain), null),
      optional(iq.request('get', xml('query', { xmlns: NS.discoInfo }), ownBareJid, timeoutMs), null),
      optional(iq.request('get', xml('query', { xmlns: NS.discoItems }), domain, timeoutMs), null),
    ]);
    const serviceJids = (items?.getChild('query', NS.discoItems)?.getChildren('item') ?? [])
      .map((item) => item.attrs.jid)
      .filter((jid): jid is string => typeof jid === 'string' && jid.length > 0 && !jid.includes('@') && !jid.includes('/'))
      .slice(0, MAX_SERVICES);
    const services = await Promise.all(
      serviceJids.map(async (jid): Promise<DiscoveredService | null> => {
        const reply = await optional(info(jid), null);
        return reply === null ? null : { jid, features: parseDiscoFeatures(reply), identities: identitiesOf(reply), forms: formsOf(reply) };
      }),
    );
    return {
      server: serverInfo === null ? new Set() : parseDiscoFeatures(serverInfo),
      account: accountInfo === null ? new Set() : parseDiscoFeatures(accountInfo),
      accountIdentities: accountInfo === null ? [] : identitiesOf(accountInfo),
      services: services.filter((service): service is DiscoveredService => service !== null),
      link: deps.link(),
    };
  }

  async function software(): Promise<ServerFeatures['software']> {
    const reply = await optional(iq.request('get', xml('query', { xmlns: 'jabber:iq:version' }), domain, timeoutMs), null);
    const query = reply?.getChild('query', 'jabber:iq:version');
    const name = query?.getChildText('name')?.trim() ?? '';
    return name === '' ? null : { name: name.slice(0, 100), version: (query?.getChildText('version')?.trim() ?? '').slice(0, 100) };
  }

  return {
    commands: {
      async getServerFeatures({ account }) {
        const [found, version] = await Promise.all([discover(), software()]);
        return ok({ account, software: version, link: found.link === null ? null : toServerLink(found.link), features: describeServer(found) });
      },
    },
  };
}
