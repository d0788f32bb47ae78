/**
 * Hostile input never runs in the renderer: XSS payloads (e2e/hostile-payloads.ts, generated from a
 * seed) sent by scripted peers through the real Prosody reach Chromium through the web host in every
 * field the UI shows that another party controls, and each shows as literal text while nothing runs.
 *
 * Before the app loads, an init script replaces alert/confirm/prompt, defines the trap `__pwned(n)`
 * every payload calls, and records every `securitypolicyviolation` (an injected inline handler or
 * script would be blocked by the CSP, and so reported). After each view: no trap call, no alert, no
 * CSP violation, and no element or attribute a payload could have made (`on*` attributes, scripts
 * not from the app, frames, objects, SVG, images that are not checked raster `data:` URLs, links that
 * are not http(s), the payload marker in any attribute but the accessible-text ones).
 *
 * Fields that reach the core but are shown nowhere (an IQ error's text, a chat state's content, an
 * XHTML-IM body, the last-activity status) are delivered too, and only the "nothing ran" half applies.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { capsVer } from '../app/core/features/profile/caps.ts';
import { freshUser as createUser, type TestUser } from '../app/core/service-test-support.ts';
import { contentSecurityPolicy } from '../app/shared/csp.ts';
import { usableContactName } from '../renderer/text/contact-name.ts';
import { expect, signIn, startWebHost, test } from './fixtures.ts';
import { asXmlAttribute, asXmlText, generatePayloads, onTheWire, PAYLOAD_SEED, shownField, xmlEscape, type Payload } from './hostile-payloads.ts';
import { createPeerPool } from './peer-pool.ts';
import type { Peer } from './peer.ts';
import { startProsody } from './server/prosody.ts';
import type { TestServerInfo } from './server/test-server-info.ts';

const PAYLOADS = generatePayloads(PAYLOAD_SEED);
/** The spec's promise: this many payloads, or the seed or the templates changed. */
const PAYLOAD_COUNT = 44;

/** The client's limits (app/core/xml): fields are trimmed and cut to these lengths. */
const LIMIT = { vcard: 256, nickname: 256, status: 1024, clientName: 128, directory: 500, body: 100_000 } as const;

const tally = { deliveries: 0, fields: new Set<string>(), views: new Set<string>(), executions: 0, alerts: 0, cspViolations: 0, domProblems: 0 };

test.afterAll(() => {
  console.log(`hostile-content: ${PAYLOADS.length} payloads (seed 0x${PAYLOAD_SEED.toString(16)}), ${tally.deliveries} deliveries checked `
    + `as literal text in ${tally.fields.size} fields (${[...tally.fields].join(', ')}), ${tally.views.size} views audited; `
    + `script executions ${tally.executions}, alert/confirm/prompt calls ${tally.alerts}, CSP violations ${tally.cspViolations}, `
    + `DOM elements/attributes from payloads ${tally.domProblems}`);
});

type User = TestUser;
const freshUser = (server: TestServerInfo, prefix: string): Promise<User> => createUser(server, prefix, 'hostile-secret-1');
const { peerFor, friends, stopAll } = createPeerPool(freshUser);
test.afterEach(() => stopAll());

// ---- The traps, installed before any of the app's code runs ----

interface TrapRecord {
  readonly calls: string[];
  readonly alerts: number;
  readonly violations: { directive: string; blocked: string; sample: string }[];
}

function installTraps(): void {
  const record: TrapRecord & { alerts: number } = { calls: [], alerts: 0, violations: [] };
  Object.defineProperty(window, '__xssRecord', { value: record });
  const trap = (id: unknown): void => { record.calls.push(String(id)); };
  Object.defineProperty(window, '__pwned', { value: trap });
  for (const name of ['alert', 'confirm', 'prompt'] as const) {
    Object.defineProperty(window, name, {
      value: (message?: unknown) => {
        record.alerts += 1;
        record.calls.push(`${name}(${String(message)})`);
        return null;
      },
    });
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    record.violations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
  });
}

/** Everything in the page a payload could have turned into markup; empty when there is none. */
function auditDom(): string[] {
  const problems: string[] = [];
  const textAttributes = new Set(['aria-label', 'title', 'value', 'alt', 'placeholder', 'data-key']);
  const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'data', 'srcdoc', 'style', 'xlink:href', 'poster', 'background', 'content']);
  const forbiddenTags = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'math', 'template', 'xmp', 'plaintext', 'noscript', 'marquee', 'svg', 'video', 'audio', 'source', 'details']);
  const describe = (element: Element): string => element.outerHTML.slice(0, 160);
  for (const element of document.querySelectorAll('*')) {
    const tag = element.localName;
    for (const attribute of element.attributes) {
      if (/^on/iu.test(attribute.name)) problems.push(`event handler attribute ${attribute.name}: ${describe(element)}`);
      if (attribute.value.includes('XSS-') && !textAttributes.has(attribute.name)) problems.push(`payload in ${attribute.name}: ${describe(element)}`);
      if (urlAttributes.has(attribute.name) && /javascript:|vbscript:|data:text|image\/svg|expression\(/iu.test(attribute.value)) problems.push(`dangerous ${attribute.name}: ${describe(element)}`);
    }
    if (forbiddenTags.has(tag) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`element ${tag}: ${describe(element)}`);
    if (element instanceof HTMLScriptElement && (element.src === '' || new URL(element.src).origin !== location.origin)) problems.push(`script: ${describe(element)}`);
    if ((tag === 'style' || tag === 'link' || tag === 'meta') && element.closest('body') !== null) problems.push(`${tag} in body: ${describe(element)}`);
    if (element instanceof HTMLImageElement && !/^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]*$/u.test(element.getAttribute('src') ?? '')) problems.push(`image not a checked raster data URL: ${describe(element)}`);
    if (element instanceof HTMLAnchorElement && element.hasAttribute('href') && !/^https?:\/\//u.test(element.getAttribute('href') ?? '')) problems.push(`link not http(s): ${describe(element)}`);
  }
  return problems;
}

async function openApp(page: Page, url: string): Promise<void> {
  await page.addInitScript(installTraps);
  const response = await page.goto(url);
  // The web host sends the Electron renderer's policy, its own WebSocket added to connect-src (the transport).
  const port = new URL(url).port;
  const csp = response?.headers()['content-security-policy'];
  expect(csp).toBe(contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]));
  const withoutConnect = (policy: string): string[] => policy.split('; ').filter((directive) => !directive.startsWith('connect-src'));
  expect(withoutConnect(csp ?? '')).toEqual(withoutConnect(contentSecurityPolicy()));
  await selfTestTraps(page);
}

/** The traps and the audit catch what they are for (so zero means nothing happened, not a blind trap), then reset. */
async function selfTestTraps(page: Page): Promise<void> {
  const caught = await page.evaluate(async () => {
    const record = (window as unknown as { __xssRecord: TrapRecord }).__xssRecord;
    (window as unknown as { __pwned: (id: string) => void }).__pwned('canary');
    window.alert('canary');
    const script = document.createElement('script');
    script.textContent = '__pwned("inline script ran")';
    const image = document.createElement('img');
    image.setAttribute('src', 'x');
    image.setAttribute('onerror', '__pwned("inline handler ran")');
    document.body.append(script, image);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const snapshot = { calls: [...record.calls], alerts: record.alerts, violations: [...new Set(record.violations.map((violation) => violation.directive))].sort() };
    script.remove();
    image.remove();
    record.calls.length = 0;
    record.violations.length = 0;
    (record as { alerts: number }).alerts = 0;
    return snapshot;
  });
  // The CSP (the header's and index.html's alike) blocks both the inline script and the inline handler, and says so.
  expect(caught).toEqual({ calls: ['canary', 'alert(canary)'], alerts: 1, violations: ['script-src-attr', 'script-src-elem'] });
}

async function expectNothingRan(page: Page, view: string): Promise<void> {
  const record = await page.evaluate(() => (window as unknown as { __xssRecord: TrapRecord }).__xssRecord);
  const problems = await page.evaluate(auditDom);
  tally.views.add(view);
  tally.executions += record.calls.length;
  tally.alerts += record.alerts;
  tally.cspViolations += record.violations.length;
  tally.domProblems += problems.length;
  expect(record.calls, `script ran in ${view}`).toEqual([]);
  expect(record.alerts, `alert/confirm/prompt in ${view}`).toBe(0);
  expect(record.violations, `CSP violations in ${view}`).toEqual([]);
  expect(problems, `markup from payloads in ${view}`).toEqual([]);
}

/** Waits until `probe` is part of the literal text of `scope`, and counts the delivery. */
async function expectLiteral(scope: Locator, probe: string, field: string): Promise<void> {
  expect(probe.length).toBeGreaterThan(0);
  try {
    await expect.poll(() => scope.evaluate((element, text) => (element.textContent ?? '').includes(text), probe)).toBe(true);
  } catch (error) {
    const shown = await scope.evaluate((element) => element.textContent ?? '').catch(() => '(gone)');
    // Where the text shown parts from the probe, if its start is there at all.
    const start = shown.indexOf(probe.slice(0, 20));
    let same = 0;
    while (start >= 0 && same < probe.length && shown[start + same] === probe[same]) same += 1;
    const where = start < 0 ? 'its start is not shown' : `shown up to character ${same}, then ${JSON.stringify(shown.slice(start + same, start + same + 40))}`;
    throw new Error(`${field}: ${JSON.stringify(probe.slice(0, 160))} not shown as text (${where}); the end of what is shown: ${JSON.stringify(shown.slice(-300))}`, { cause: error });
  }
  tally.deliveries += 1;
  tally.fields.add(field);
}

/** A contact's row in the list, found by the JID its button names (its name and status are payloads). */
const contactItem = (page: Page, jid: string): Locator =>
  page.getByRole('list', { name: 'Contacts' }).locator('li.contact').filter({ has: page.locator(`button.contact-button[title="${jid}"]`) });
const firstLine = (text: string): string => text.split('\n')[0]!;
const nickIq = (nick: string): string => `<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='http://jabber.org/protocol/nick'><item id='current'><nick xmlns='http://jabber.org/protocol/nick'>${xmlEscape(onTheWire(nick))}</nick></item></publish></pubsub></iq>`;
const payload = (index: number): Payload => PAYLOADS[((index % PAYLOADS.length) + PAYLOADS.length) % PAYLOADS.length]!;

async function signedIn(page: Page, url: string, server: TestServerInfo, user: User): Promise<void> {
  await openApp(page, url);
  await signIn(page, server, user);
  await expect(page.getByRole('button', { name: 'Add contact' })).toBeVisible();
}

test.beforeAll(() => {
  expect(PAYLOADS).toHaveLength(PAYLOAD_COUNT);
  expect(new Set(PAYLOADS.map((item) => item.text)).size).toBe(PAYLOAD_COUNT);
});

test('message bodies (plain, styled, /me, links), corrections, chat states and XHTML-IM show as text in the conversation and search', async ({ page, server, webHost }) => {
  test.setTimeout(300_000);
  const { me, bob, bobPeer } = await friends(server);
  const nick = payload(1);
  expect((await bobPeer.iq(nickIq(nick.text))).type).toBe('result');
  await signedIn(page, webHost.url, server, me);
  const shownNick = shownField(nick.text, LIMIT.nickname);
  const item = contactItem(page, bob.jid);
  await expectLiteral(item, shownNick, 'nickname (contact list)');
  await item.locator('.contact-button').click();
  const conversation = page.locator('section.conversation');
  const log = page.getByRole('log');
  await expectLiteral(conversation.locator('h2'), shownNick, 'nickname (conversation header)');
  await expectNothingRan(page, 'contact list');

  const variants: readonly (readonly [field: string, wrap: (text: string) => string, probe: (shown: string) => string])[] = [
    ['message body', (text) => text, (shown) => shown],
    ['message body with *strong*', (text) => `*${text}*`, (shown) => shown],
    ['message body with _emphasis_ and ~strike~', (text) => `_${text}_ ~${text}~`, (shown) => shown],
    ['message body with `code`', (text) => `\`${text}\``, (shown) => shown],
    ['message body in ```block```', (text) => `\`\`\`\n${text}\n\`\`\``, (shown) => shown],
    ['message body in > quote', (text) => `> ${text}`, (shown) => firstLine(shown)],
    ['/me action', (text) => `/me ${text}`, (shown) => shown],
  ];
  for (const item of PAYLOADS) {
    const shown = asXmlText(item.text);
    for (const [field, wrap, probe] of variants) {
      await bobPeer.sendMessage(me.jid, onTheWire(wrap(item.text)));
      await expectLiteral(log, probe(shown), field);
    }
    // XEP-0308: the first text is replaced by the payload.
    const original = await bobPeer.sendMessage(me.jid, `${item.marker} first version`);
    await expectLiteral(log, `${item.marker} first version`, 'message body');
    await bobPeer.sendRaw(`<message type='chat' to='${me.jid}' id='${randomUUID()}'><body>${xmlEscape(onTheWire(item.text))}</body>`
      + `<replace xmlns='urn:xmpp:message-correct:0' id='${original}'/></message>`);
    await expect.poll(() => log.evaluate((element, marker) => (element.textContent ?? '').includes(`${marker} first version`), item.marker)).toBe(false);
    await expectLiteral(log, shown, 'correction text');
  }
  await expect(log.locator('.message-edited').first()).toBeVisible();
  await expectNothingRan(page, 'conversation');

  // A message id that breaks out of an attribute, XHTML-IM markup (never rendered), chat states with payloads inside.
  const hostileId = `"><img src=x onerror=__pwned(1001)>'`;
  await bobPeer.sendRaw(`<message type='chat' to='${me.jid}' id='${xmlEscape(hostileId)}'><body>${xmlEscape(payload(2).text)} (odd id)</body>`
    + `<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'><p>XSS-html<img src='x' onerror='__pwned(1002)'/>`
    + `<script>__pwned(1003)</script><a href='javascript:__pwned(1004)'>link</a></p></body></html></message>`);
  await expectLiteral(log, `${asXmlText(payload(2).text)} (odd id)`, 'message body');
  await expect.poll(() => log.evaluate((element) => (element.textContent ?? '').includes('XSS-html'))).toBe(false);
  tally.fields.add('message id (attribute breakout, not shown)').add('XHTML-IM body (never rendered)');
  for (const item of PAYLOADS) {
    await bobPeer.sendRaw(`<message type='chat' to='${me.jid}'><composing xmlns='http://jabber.org/protocol/chatstates'>${xmlEscape(onTheWire(item.text))}</composing></message>`);
  }
  await expectLiteral(conversation.locator('.typing'), `${shownNick} is typing…`, 'chat state (with the nickname)');
  await bobPeer.sendRaw(`<message type='chat' to='${me.jid}'><paused xmlns='http://jabber.org/protocol/chatstates'><img xmlns='http://www.w3.org/1999/xhtml' src='x' onerror='__pwned(1005)'/></paused></message>`);
  await expectLiteral(conversation.locator('.typing'), `${shownNick} stopped typing.`, 'chat state (with the nickname)');
  await expectNothingRan(page, 'conversation');

  // Search messages: the hits show the bodies' words as text, the matches marked.
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('onerror');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('button').first()).toBeVisible();
  await expect(results.locator('mark').first()).toHaveText(/onerror/iu);
  await expectLiteral(results, 'onerror', 'search hit snippet');
  await expectNothingRan(page, 'message search');
});

test('status texts, nicknames and subscription requests show as text in the contact list, the header and the requests', async ({ page, server, webHost }) => {
  test.setTimeout(300_000);
  const { me, bob, bobPeer } = await friends(server);
  await signedIn(page, webHost.url, server, me);
  const contacts = page.getByRole('list', { name: 'Contacts' });
  const bobItem = contactItem(page, bob.jid);
  await bobItem.locator('.contact-button').click();
  const header = page.locator('.conversation-header');

  for (const item of PAYLOADS) {
    await bobPeer.sendPresence({ show: 'away', status: onTheWire(item.text) });
    const shown = shownField(item.text, LIMIT.status);
    await expectLiteral(bobItem, shown, 'status text (contact list)');
    await expectLiteral(header, shown, 'status text (conversation header)');
  }
  await expectNothingRan(page, 'contact list and conversation header (status)');

  for (const item of PAYLOADS) {
    expect((await bobPeer.iq(nickIq(item.text))).type).toBe('result');
    const shown = shownField(item.text, LIMIT.nickname);
    await expectLiteral(bobItem.locator('.contact-name'), shown, 'nickname (contact list)');
    await expectLiteral(header.locator('h2'), shown, 'nickname (conversation header)');
  }
  await expectNothingRan(page, 'contact list and conversation header (nickname)');

  // Subscription requests: a nickname (XEP-0172 in the presence) and a text each; the last one is accepted.
  const requests = page.getByRole('list', { name: 'Contact requests' });
  const pairs = Math.ceil(PAYLOADS.length / 2);
  for (let index = 0; index < pairs; index += 1) {
    const [nickname, text] = [payload(2 * index), payload(2 * index + 1)];
    const asker = await peerFor(server, await freshUser(server, 'asker'));
    await asker.sendRaw(`<presence to='${me.jid}' type='subscribe'><status>${xmlEscape(onTheWire(text.text))}</status>`
      + `<nick xmlns='http://jabber.org/protocol/nick'>${xmlEscape(onTheWire(nickname.text))}</nick></presence>`);
    const request = requests.getByRole('listitem').filter({ hasText: asker.bareJid });
    await expectLiteral(request, shownField(nickname.text, LIMIT.nickname), 'subscription request nickname');
    await expectLiteral(request, shownField(text.text, LIMIT.status), 'subscription request text');
    await expectNothingRan(page, 'subscription requests');
    if (index < pairs - 1) {
      await request.getByRole('button', { name: 'Deny' }).click();
      await expect(request).toHaveCount(0);
      await asker.stop();
      continue;
    }
    await request.getByRole('button', { name: 'Accept' }).click();
    await expect(request).toHaveCount(0);
    // The nickname they chose is what the contact list calls them.
    // (The name travels as a roster item attribute, whose whitespace an XML parser turns into spaces.)
    const added = contacts.locator('li.contact').filter({ hasText: nickname.marker });
    await expectLiteral(added, asXmlAttribute(shownField(nickname.text, LIMIT.nickname)).trim(), 'roster name from the nickname');
  }
  await expectNothingRan(page, 'contact list (accepted request)');

  // Last activity (XEP-0012): Bob leaves with a status; his server keeps it and answers with it when asked.
  const leaving = payload(7);
  await bobPeer.sendPresence({ type: 'unavailable', status: onTheWire(leaving.text) });
  await expect(bobItem).toContainText('Offline');
  // The list shows an offline contact without the status they left with; opening the conversation asks their server.
  await bobItem.locator('.contact-button').click();
  await expect(page.locator('.conversation-header')).toContainText('last seen');
  await expectNothingRan(page, 'conversation header (offline, last activity)');
  tally.fields.add('last-activity status (not shown)');
});

test('vCard fields, avatars, devices and IQ error texts in the Profile dialog show as text; an SVG avatar is never shown', async ({ page, server, webHost }) => {
  test.setTimeout(300_000);
  const { me, bob, bobPeer } = await friends(server);
  await signedIn(page, webHost.url, server, me);
  const item = contactItem(page, bob.jid);
  await expect(item).toContainText('Online');

  // Avatars: an SVG with script, by vCard (XEP-0153) and by PEP (XEP-0084, declared image/svg+xml); then a PNG
  // whose declared type is an attribute breakout, and a PNG that carries an SVG after its signature.
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="__pwned(2001)"><script>__pwned(2002)</script></svg>`);
  const sha1 = (bytes: Buffer): string => createHash('sha1').update(bytes).digest('hex');
  await bobPeer.iq(`<iq type='set'><vCard xmlns='vcard-temp'><FN>${xmlEscape(payload(3).text)}</FN><PHOTO><TYPE>image/svg+xml</TYPE><BINVAL>${svg.toString('base64')}</BINVAL></PHOTO></vCard></iq>`);
  await bobPeer.sendRaw(`<presence><x xmlns='vcard-temp:x:update'><photo>${sha1(svg)}</photo></x></presence>`);
  const publishAvatar = async (bytes: Buffer, type: string): Promise<void> => {
    const hash = sha1(bytes);
    for (const [node, content] of [
      ['urn:xmpp:avatar:data', `<data xmlns='urn:xmpp:avatar:data'>${bytes.toString('base64')}</data>`],
      ['urn:xmpp:avatar:metadata', `<metadata xmlns='urn:xmpp:avatar:metadata'><info id='${hash}' bytes='${bytes.length}' type='${xmlEscape(type)}'/></metadata>`],
    ] as const) {
      const published = await bobPeer.iq(`<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='${node}'><item id='${hash}'>${content}</item></publish></pubsub></iq>`);
      expect(published.type).toBe('result');
    }
  };
  await publishAvatar(svg, 'image/svg+xml');
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const polyglot = Buffer.concat([png, svg]);
  await publishAvatar(polyglot, `image/png" onerror="__pwned(2003)`);
  await expect(item.locator('img.avatar')).toHaveAttribute('src', `data:image/png;base64,${polyglot.toString('base64')}`);
  await publishAvatar(svg, `image/svg+xml" onload="__pwned(2004)`);
  await page.waitForTimeout(500);
  await expect(item.locator('img.avatar')).toHaveAttribute('src', /^data:image\/png;base64,/u);
  tally.fields.add('avatar metadata type');
  await expectNothingRan(page, 'contact list (avatars)');

  // Devices: several of Bob's clients, resources chosen to break out, each announcing capabilities (XEP-0115) whose
  // client name is a payload; one answers every disco#info with an error whose text is a payload.
  const resources = [`XSS-r1 "><img src=x onerror=__pwned(3001)>`, `XSS-r2 '><svg onload=__pwned(3002)>`, `XSS-r3 </li><script>__pwned(3003)</script>`];
  const devices = await Promise.all(resources.map((resource) => peerFor(server, bob, resource)));
  const erring = await peerFor(server, bob, 'XSS-err <b>');
  const node = 'https://x.invalid/"><script>__pwned(3004)</script>';
  // Only the client's question: the server's PEP service asks too (for +notify), and is not what this test is about.
  const answerDisco = async (device: Peer, ver: string, reply: (id: string, from: string) => string): Promise<void> => {
    const request = await device.waitForStanza((stanza) => stanza.is('iq') && stanza.attrs['type'] === 'get' && (stanza.attrs['from'] ?? '').startsWith(`${me.jid}/`)
      && stanza.getChild('query', 'http://jabber.org/protocol/disco#info')?.attrs['node'] === `${node}#${ver}`);
    await device.sendRaw(reply(request.attrs['id'] ?? '', request.attrs['from'] ?? ''));
  };
  const announce = (device: Peer, ver: string): Promise<void> =>
    device.sendRaw(`<presence><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='${xmlEscape(node)}' ver='${ver}'/></presence>`);

  for (const [index, item] of PAYLOADS.entries()) {
    const ver = `err-${index}-${randomUUID()}`;
    const answered = answerDisco(erring, ver, (id, from) => `<iq type='error' id='${xmlEscape(id)}' to='${xmlEscape(from)}'><error type='cancel'>`
      + `<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>${xmlEscape(onTheWire(item.text))}</text></error></iq>`);
    await announce(erring, ver);
    await answered;
  }
  tally.fields.add('IQ error text (disco#info, not shown)');

  const openProfile = async (): Promise<Locator> => {
    await item.getByRole('button', { name: 'Contact actions' }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    const dialog = page.getByRole('dialog', { name: 'Profile' });
    await expect(dialog.getByRole('status')).toHaveCount(0); // loaded
    return dialog;
  };
  const closeProfile = async (dialog: Locator): Promise<void> => {
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
  };

  for (let round = 0; round * devices.length < PAYLOADS.length; round += 1) {
    const names: string[] = [];
    for (const [slot, device] of devices.entries()) {
      const name = asXmlAttribute(payload(round * devices.length + slot).text).slice(0, 4_000);
      const info = { identities: [{ category: 'client', type: 'pc', name }], features: ['http://jabber.org/protocol/caps', `urn:x-hostile:${round}`], forms: [] };
      const ver = capsVer(info)!;
      const answered = answerDisco(device, ver, (id, from) => `<iq type='result' id='${xmlEscape(id)}' to='${xmlEscape(from)}'>`
        + `<query xmlns='http://jabber.org/protocol/disco#info' node='${xmlEscape(`${node}#${ver}`)}'><identity category='client' type='pc' name='${xmlEscape(name)}'/>`
        + info.features.map((feature) => `<feature var='${feature}'/>`).join('') + '</query></iq>');
      await announce(device, ver);
      await answered;
      names.push(name.trim() === '' ? '' : name.slice(0, LIMIT.clientName));
    }
    const dialog = await openProfile();
    const list = dialog.getByRole('region', { name: 'Devices online' });
    for (const [slot, resource] of resources.entries()) {
      await expectLiteral(list, `${names[slot]} (${resource})`, 'client software name and resource (Profile devices)');
    }
    await expectLiteral(list, 'XSS-err <b>', 'resource (Profile devices)');
    await expectNothingRan(page, 'Profile dialog (devices)');
    await closeProfile(dialog);
  }

  // vCards: vCard4 published over PEP (XEP-0292) and vcard-temp (XEP-0054, which the server also keeps as vCard4), in turn.
  const fields = ['fullName', 'nickname', 'organisation', 'title', 'email', 'phone'] as const;
  for (let round = 0; round * fields.length < PAYLOADS.length; round += 1) {
    const values = Object.fromEntries(fields.map((field, slot) => [field, onTheWire(payload(round * fields.length + slot).text)])) as Record<(typeof fields)[number], string>;
    const x = (field: (typeof fields)[number]): string => xmlEscape(values[field]);
    const published = round % 2 === 0
      ? await bobPeer.iq(`<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='urn:xmpp:vcard4'><item id='current'>`
        + `<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>${x('fullName')}</text></fn><nickname><text>${x('nickname')}</text></nickname>`
        + `<org><text>${x('organisation')}</text></org><title><text>${x('title')}</text></title><email><text>${x('email')}</text></email>`
        + `<tel><uri>tel:${x('phone')}</uri></tel></vcard></item></publish></pubsub></iq>`)
      : await bobPeer.iq(`<iq type='set'><vCard xmlns='vcard-temp'><FN>${x('fullName')}</FN><NICKNAME>${x('nickname')}</NICKNAME>`
        + `<ORG><ORGNAME>${x('organisation')}</ORGNAME></ORG><TITLE>${x('title')}</TITLE><EMAIL><INTERNET/><USERID>${x('email')}</USERID></EMAIL>`
        + `<TEL><WORK/><NUMBER>${x('phone')}</NUMBER></TEL></vCard></iq>`);
    expect(published.type, published.xml).toBe('result');
    const dialog = await openProfile();
    const details = dialog.getByRole('list', { name: 'Profile details' }).or(dialog.locator('dl.profile-fields'));
    for (const field of fields) {
      await expectLiteral(details, shownField(values[field], LIMIT.vcard), `vCard ${field} (${round % 2 === 0 ? 'XEP-0292' : 'XEP-0054'})`);
    }
    await expectNothingRan(page, 'Profile dialog (vCard)');
    await closeProfile(dialog);
  }
});

test('directory search results (mod_vjud over vcard-temp) show as text; a result added as a contact keeps its name as text', async ({ page }) => {
  test.setTimeout(300_000);
  const business = await startProsody({ business: true });
  const profile = await mkdtemp(path.join(tmpdir(), 'jabber-profile-'));
  const host = await startWebHost({ profile, trust: [business.caCertFile] });
  try {
    const me = await freshUser(business, 'me');
    // Each colleague's vCard: given and family name, nickname and e-mail are payloads.
    const perUser = 4;
    const colleagues: { jid: string; values: string[] }[] = [];
    for (let index = 0; index * perUser < PAYLOADS.length; index += 1) {
      const user = await freshUser(business, 'colleague');
      const values = [0, 1, 2, 3].map((slot) => onTheWire(payload(index * perUser + slot).text));
      const [given, family, nick, email] = values.map((value) => xmlEscape(value));
      const peer = await peerFor(business, user);
      const stored = await peer.iq(`<iq type='set'><vCard xmlns='vcard-temp'><N><GIVEN>${given}</GIVEN><FAMILY>${family}</FAMILY></N>`
        + `<NICKNAME>${nick}</NICKNAME><EMAIL><INTERNET/><USERID>${email}</USERID></EMAIL></vCard></iq>`);
      expect(stored.type, stored.xml).toBe('result');
      await peer.stop();
      colleagues.push({ jid: user.jid, values });
    }

    await openApp(page, host.url);
    await signIn(page, business, me);
    await expect(page.getByText('Connected', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Tools' }).click();
    await page.getByRole('menuitem', { name: 'Search directory' }).click();
    const dialog = page.getByRole('dialog', { name: 'Search directory' });
    // By e-mail: mod_vjud fails on a search without one (it splits the e-mail as a JID unconditionally).
    await dialog.getByRole('textbox', { name: 'E-mail' }).fill('xss-');
    await dialog.getByRole('button', { name: 'Search' }).click();
    const results = dialog.getByRole('list', { name: 'Directory results' });
    await expect(results.getByRole('listitem')).toHaveCount(colleagues.length);
    for (const colleague of colleagues) {
      const entry = results.getByRole('listitem').filter({ hasText: colleague.jid });
      for (const [slot, field] of ['first name', 'last name', 'nickname', 'e-mail'].entries()) {
        await expectLiteral(entry, asXmlText(colleague.values[slot]!).slice(0, LIMIT.directory).trim().slice(0, 200), `directory ${field}`);
      }
    }
    await expectNothingRan(page, 'directory search results');

    // Added from the directory: the payload name becomes the roster name, shown as text, and the Profile reads vcard-temp.
    const chosen = colleagues[0]!;
    const entry = results.getByRole('listitem').filter({ hasText: chosen.jid });
    await entry.getByRole('button', { name: /^Add / }).click();
    await expect(entry).toContainText('Request sent');
    await dialog.getByRole('button', { name: 'Close' }).click();
    const added = page.getByRole('list', { name: 'Contacts' }).locator('li.contact').filter({ hasText: payload(0).marker });
    // The name is made addable first (renderer/text/contact-name.ts: white space and control characters flattened).
    await expectLiteral(added, usableContactName(asXmlText(chosen.values[0]!).slice(0, LIMIT.directory)).slice(0, 100), 'roster name from the directory');
    await added.getByRole('button', { name: 'Contact actions' }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    const profile = page.getByRole('dialog', { name: 'Profile' });
    await expectLiteral(profile.locator('dl.profile-fields'), shownField(chosen.values[2]!, LIMIT.vcard), 'vCard nickname (XEP-0054, mod_vcard)');
    await expectLiteral(profile.locator('dl.profile-fields'), shownField(chosen.values[3]!, LIMIT.vcard), 'vCard email (XEP-0054, mod_vcard)');
    await expectNothingRan(page, 'Profile dialog (vcard-temp)');
  } finally {
    await host.stop();
    await rm(profile, { recursive: true, force: true });
    await business.stop();
  }
});
