/**
 * Hostile inputs for the scripted server (hostile-server.ts), generated from a seed so that a failure can be
 * replayed: malformed and unclosed XML, huge and deep stanzas, entity declarations, invalid UTF-8, invalid
 * JIDs, script payloads in every field the UI shows, spoofed pushes, carbons and archive results, results
 * from the wrong sender, stream errors (redirects included), and injections at every stream restart.
 * Each spoof carries a unique marker: if the marker ever shows up in what the app reports, the spoof was accepted.
 */
import { HOSTILE_DOMAIN, HOSTILE_JID, HOSTILE_RESOURCE, HOSTILE_STEPS, type HostileScript } from './hostile-server.ts';
import { seededRandom } from './seeded-random.ts';

export type HostileKind =
  | 'malformed'
  | 'truncated'
  | 'huge'
  | 'deep'
  | 'entities'
  | 'invalid-utf8'
  | 'invalid-jid'
  | 'script-payload'
  | 'stream-error'
  | 'redirect'
  | 'out-of-order'
  | 'injection'
  | 'spoofed-roster-push'
  | 'spoofed-blocklist-push'
  | 'spoofed-carbon'
  | 'spoofed-archive'
  | 'wrong-sender-result';

export interface HostileInput extends HostileScript {
  readonly id: number;
  readonly kind: HostileKind;
  /** Set for spoofs: a string that must never reach the app's events or history. */
  readonly marker?: string;
}

/** Script payloads aimed at the renderer: each would call `__pwned` (or alert) if it ever ran. */
export const SCRIPT_PAYLOADS: readonly string[] = [
  '<script>__pwned()</script>',
  '<img src=x onerror=__pwned()>',
  '<svg onload=__pwned()>',
  '"><script>__pwned()</script>',
  "'><img src=x onerror=alert(1)>",
  'javascript:__pwned()',
  '<a href="javascript:__pwned()">click</a>',
  '<iframe srcdoc="<script>parent.__pwned()</script>">',
  '</textarea><script>__pwned()</script>',
  '{{constructor.constructor("__pwned()")()}}',
  '<style>@import "http://127.0.0.9/x.css";</style>',
  '\u202e<b>gpj.exe</b>',
  '&lt;script&gt;__pwned()&lt;/script&gt;',
  '*<img src=x onerror=__pwned()>*',
  '`<script>__pwned()</script>`',
  '> <details open ontoggle=__pwned()>',
];

const STREAM_CONDITIONS = [
  'bad-format', 'conflict', 'connection-timeout', 'host-gone', 'host-unknown', 'internal-server-error', 'not-authorized', 'policy-violation',
  'remote-connection-failed', 'reset', 'resource-constraint', 'system-shutdown', 'undefined-condition', 'unsupported-version', 'made-up-condition',
];

const INVALID_JIDS = [
  '', '@', '@@', 'a@', '@b', 'a@b@c', 'a b@c', 'a@b/c/d@e', 'x@[::1', 'x@-bad-.test', `${'l'.repeat(1100)}@${HOSTILE_DOMAIN}`, `a@${'d'.repeat(300)}`,
  'a@b\u0000c', 'a@b\u0007', '\u202ea@b', 'a@b/\u0000', 'a\u00a0b@c', 'ä@ß.test/ü', 'a@.test', 'a@b..c', 'a@b/'.padEnd(2000, 'r'),
];

/** Characters that XML may carry escaped, for attribute values and text. */
function escape(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;').replace(/'/gu, '&apos;');
}

let hugeCache: string | null = null;
/** A stanza just over the 1 MiB limit (made once: the generator may use it thousands of times). */
function hugeStanza(): string {
  hugeCache ??= `<message from='friend@${HOSTILE_DOMAIN}'><body>${'A'.repeat(1024 * 1024 + 16)}</body></message>`;
  return hugeCache;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (random: () => number, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

const FRIEND = `friend@${HOSTILE_DOMAIN}`;
const STRANGER = `mallory@evil.test`;

function malformed(random: () => number): string {
  const options = [
    '<stream:features><mechanisms>',
    '</stream:features>',
    '<a></b>',
    '<<<<<<',
    "<message from=friend@hostile.test><body>x</body></message>",
    "<message from='friend@hostile.test' from='x'><body>x</body></message>",
    '<message><body>x</message></body>',
    '<>',
    '< message/>',
    '<message/ >',
    "<message a='1\"/>",
    '<![CDATA[outside]]>',
    'plain text between stanzas',
    '<x:y:z/>',
    '<message xmlns:=\'\'/>',
  ];
  if (random() < 0.3) {
    const length = int(random, 1, 200);
    return Array.from({ length }, () => String.fromCharCode(int(random, 0, 0x7e))).join('');
  }
  return pick(random, options);
}

function truncated(random: () => number): string {
  const whole = `<message from='${FRIEND}' type='chat' id='t${int(random, 0, 1e6)}'><body>partial ${pick(random, SCRIPT_PAYLOADS).length}</body><active xmlns='http://jabber.org/protocol/chatstates'/></message>`;
  return whole.slice(0, int(random, 1, whole.length - 1));
}

function deep(random: () => number): string {
  const depth = int(random, 65, 2000);
  return `<message from='${FRIEND}'>${'<x>'.repeat(depth)}${'</x>'.repeat(random() < 0.5 ? depth : 0)}</message>`;
}

function entities(random: () => number): string {
  return pick(random, [
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><message><body>&lol2;</body></message>',
    '<!DOCTYPE x SYSTEM "file:///etc/passwd"><message><body>&xxe;</body></message>',
    `<message from='${FRIEND}'><body>&xxe;</body></message>`,
    `<message from='${FRIEND}'><body>&#0;&#xD800;</body></message>`,
    `<message from='${FRIEND}'><body>&#x110000;</body></message>`,
    `<message from='${FRIEND}'><!-- comment --><body>x</body></message>`,
    `<?xml-stylesheet href='x'?><message from='${FRIEND}'/>`,
    `<message from='${FRIEND}' id='&amp'><body>&amp</body></message>`,
  ]);
}

function invalidUtf8(random: () => number): Buffer {
  const sequences = [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xfe, 0xff], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xf4, 0x90, 0x80, 0x80]];
  const bytes = pick(random, sequences);
  return Buffer.concat([Buffer.from(`<message from='${FRIEND}' type='chat'><body>bad `), Buffer.from(bytes), Buffer.from('</body></message>')]);
}

function invalidJid(random: () => number): string {
  const jid = escape(pick(random, INVALID_JIDS));
  return pick(random, [
    `<message from='${jid}' type='chat' id='j1'><body>from an invalid JID</body></message>`,
    `<presence from='${jid}'><status>invalid</status></presence>`,
    `<presence from='${jid}' type='subscribe'/>`,
    `<iq from='${jid}' type='get' id='j2'><ping xmlns='urn:xmpp:ping'/></iq>`,
    `<iq type='set' id='j3'><query xmlns='jabber:iq:roster'><item jid='${jid}' subscription='both'/></query></iq>`,
    `<message from='${FRIEND}' to='${jid}' type='chat'><body>to an invalid JID</body></message>`,
  ]);
}

/** Script payloads in every field the UI shows, from a contact (all accepted as text; none may run). */
function scriptPayload(random: () => number): string {
  const payload = escape(pick(random, SCRIPT_PAYLOADS));
  return pick(random, [
    `<message from='${FRIEND}/phone' type='chat' id='x${int(random, 0, 1e9)}'><body>${payload}</body></message>`,
    `<message from='${FRIEND}/phone' type='chat'><body>/me ${payload}</body></message>`,
    `<presence from='${FRIEND}/phone'><show>away</show><status>${payload}</status></presence>`,
    `<presence from='${STRANGER}' type='subscribe'><nick xmlns='http://jabber.org/protocol/nick'>${payload}</nick><status>${payload}</status></presence>`,
    `<iq type='set' id='rp${int(random, 0, 1e9)}'><query xmlns='jabber:iq:roster'><item jid='${FRIEND}' name='${payload}' subscription='both'><group>${payload}</group></item></query></iq>`,
    `<message from='${FRIEND}/phone' type='error' id='e1'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>${payload}</text></error></message>`,
    `<message from='${FRIEND}/phone' type='chat'><replace id='x' xmlns='urn:xmpp:message-correct:0'/><body>${payload}</body></message>`,
    `<message from='${FRIEND}'><event xmlns='http://jabber.org/protocol/pubsub#event'><items node='http://jabber.org/protocol/nick'><item><nick xmlns='http://jabber.org/protocol/nick'>${payload}</nick></item></items></event></message>`,
  ]);
}

function streamError(random: () => number): string {
  const text = random() < 0.5 ? `<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>${escape(pick(random, SCRIPT_PAYLOADS))}</text>` : '';
  return `<stream:error><${pick(random, STREAM_CONDITIONS)} xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>${text}</stream:error>`;
}

/** A redirect to a port only the harness listens on: any connection there means we followed it. */
export function redirect(canaryPort: number): string {
  return `<stream:error><see-other-host xmlns='urn:ietf:params:xml:ns:xmpp-streams'>127.0.0.1:${canaryPort}</see-other-host></stream:error>`;
}

function outOfOrder(random: () => number): string {
  return pick(random, [
    "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>",
    "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>",
    `<iq type='result' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>${STRANGER}/x</jid></bind></iq>`,
    "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>",
    "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>",
    "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>!!!not base64!!!</challenge>",
    "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + 'QUFB'.repeat(2000) + '</challenge>',
    "<enabled xmlns='urn:xmpp:sm:3' id='x' resume='true'/>",
    "<a xmlns='urn:xmpp:sm:3' h='4294967295'/>",
    "<r xmlns='urn:xmpp:sm:3'/>",
    `<iq type='result' id='${int(random, 0, 1e6)}'/>`,
    "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>",
    '</stream:stream>',
  ]);
}

function injection(marker: string): string {
  return (
    "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>" +
    `<message from='${FRIEND}/x' type='chat'><body>${marker}</body></message>` +
    `<iq type='set' id='inj'><query xmlns='jabber:iq:roster'><item jid='${marker}@evil.test' subscription='both'/></query></iq>`
  );
}

const OWN_OTHER_DEVICE = `${HOSTILE_JID}/other`;

function spoofedRosterPush(random: () => number, marker: string): string {
  const from = pick(random, [OWN_OTHER_DEVICE, STRANGER, `${FRIEND}/phone`, HOSTILE_DOMAIN, `${HOSTILE_JID}/${HOSTILE_RESOURCE}`]);
  return `<iq from='${from}' type='set' id='${marker}'><query xmlns='jabber:iq:roster'><item jid='${marker}@evil.test' name='${marker}' subscription='both'/></query></iq>`;
}

function spoofedBlocklistPush(random: () => number, marker: string): string {
  const from = pick(random, [OWN_OTHER_DEVICE, STRANGER, `${FRIEND}/phone`]);
  return `<iq from='${from}' type='set' id='${marker}'><block xmlns='urn:xmpp:blocking'><item jid='${marker}@evil.test'/></block></iq>`;
}

function spoofedCarbon(random: () => number, marker: string): string {
  const from = pick(random, [STRANGER, `${FRIEND}/phone`, OWN_OTHER_DEVICE.replace(HOSTILE_DOMAIN, 'evil.test')]);
  const direction = pick(random, ['sent', 'received']);
  const inner =
    direction === 'sent'
      ? `<message from='${HOSTILE_JID}/other' to='${FRIEND}' type='chat' id='${marker}'><body>${marker}</body></message>`
      : `<message from='${FRIEND}/phone' to='${HOSTILE_JID}' type='chat' id='${marker}'><body>${marker}</body></message>`;
  return `<message from='${from}' to='${HOSTILE_JID}/${HOSTILE_RESOURCE}'><${direction} xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>${inner}</forwarded></${direction}></message>`;
}

function spoofedArchive(random: () => number, marker: string): string {
  const from = pick(random, [STRANGER, `${FRIEND}/phone`, `${FRIEND}`]);
  const queryid = pick(random, ['wrong-query', '', marker]);
  return (
    `<message from='${from}' to='${HOSTILE_JID}/${HOSTILE_RESOURCE}'><result xmlns='urn:xmpp:mam:2' queryid='${queryid}' id='${marker}'>` +
    `<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2020-01-01T00:00:00Z'/>` +
    `<message from='${FRIEND}/phone' to='${HOSTILE_JID}' type='chat'><body>${marker}</body></message></forwarded></result></message>`
  );
}

/** An unsolicited result (no request has that id) from the wrong sender, carrying a roster. */
function wrongSenderResult(random: () => number, marker: string): string {
  const from = pick(random, [STRANGER, OWN_OTHER_DEVICE, `${FRIEND}/phone`]);
  return `<iq from='${from}' type='result' id='${pick(random, ['roster-1', '1', 'bind-1', marker])}'><query xmlns='jabber:iq:roster'><item jid='${marker}@evil.test' subscription='both'/></query></iq>`;
}

const NEGOTIATION_STEPS = HOSTILE_STEPS.filter((step) => step !== 'session');
const NEGOTIATION_KINDS: readonly HostileKind[] = ['malformed', 'truncated', 'huge', 'deep', 'entities', 'invalid-utf8', 'stream-error', 'redirect', 'out-of-order', 'script-payload', 'invalid-jid'];
const SESSION_KINDS: readonly HostileKind[] = [
  'script-payload', 'invalid-jid', 'spoofed-roster-push', 'spoofed-blocklist-push', 'spoofed-carbon', 'spoofed-archive', 'wrong-sender-result',
  'malformed', 'truncated', 'huge', 'deep', 'entities', 'invalid-utf8', 'stream-error', 'redirect',
];
/** Kinds after which the client must close the stream (so the session reconnects). */
const STREAM_ENDING: ReadonlySet<HostileKind> = new Set(['malformed', 'huge', 'deep', 'entities', 'invalid-utf8', 'stream-error', 'redirect', 'truncated']);

export function isStreamEnding(kind: HostileKind): boolean {
  return STREAM_ENDING.has(kind);
}

/**
 * `count` inputs from `seed`: about a third during sign-in (at a random step, instead of or behind the normal
 * answer, then the server hangs up), the rest to a signed-in session (which must survive, or reconnect where
 * the input ends the stream). Every restart point also gets its injection.
 */
export function generateHostileInputs(seed: number, count: number, canaryPort: number): HostileInput[] {
  const random = seededRandom(seed);
  const inputs: HostileInput[] = [];
  for (let id = 0; id < count; id++) {
    const marker = `spoof${seed}x${id}z`;
    if (id % 3 === 0) {
      const step = pick(random, NEGOTIATION_STEPS);
      const injectionPoint = step === 'proceed' || step === 'sasl';
      const kind: HostileKind = injectionPoint && random() < 0.5 ? 'injection' : pick(random, NEGOTIATION_KINDS);
      const payload = negotiationPayload(kind, random, marker, canaryPort);
      inputs.push({ id, kind, step, payload, replace: kind !== 'injection' && random() < 0.5, then: 'close', marker: kind === 'injection' ? marker : undefined });
    } else {
      const kind = pick(random, SESSION_KINDS);
      const spoof = kind.startsWith('spoofed') || kind === 'wrong-sender-result';
      inputs.push({ id, kind, step: 'session', payload: sessionPayload(kind, random, marker, canaryPort), then: 'continue', marker: spoof ? marker : undefined });
    }
  }
  return inputs;
}

function negotiationPayload(kind: HostileKind, random: () => number, marker: string, canaryPort: number): string | Buffer {
  switch (kind) {
    case 'injection':
      return injection(marker);
    case 'redirect':
      return redirect(canaryPort);
    default:
      return sessionPayload(kind, random, marker, canaryPort);
  }
}

function sessionPayload(kind: HostileKind, random: () => number, marker: string, canaryPort: number): string | Buffer {
  switch (kind) {
    case 'malformed':
      return malformed(random);
    case 'truncated':
      return truncated(random);
    case 'huge':
      return hugeStanza();
    case 'deep':
      return deep(random);
    case 'entities':
      return entities(random);
    case 'invalid-utf8':
      return invalidUtf8(random);
    case 'invalid-jid':
      return invalidJid(random);
    case 'script-payload':
      return scriptPayload(random);
    case 'stream-error':
      return streamError(random);
    case 'redirect':
      return redirect(canaryPort);
    case 'out-of-order':
      return outOfOrder(random);
    case 'injection':
      return injection(marker);
    case 'spoofed-roster-push':
      return spoofedRosterPush(random, marker);
    case 'spoofed-blocklist-push':
      return spoofedBlocklistPush(random, marker);
    case 'spoofed-carbon':
      return spoofedCarbon(random, marker);
    case 'spoofed-archive':
      return spoofedArchive(random, marker);
    case 'wrong-sender-result':
      return wrongSenderResult(random, marker);
  }
}
