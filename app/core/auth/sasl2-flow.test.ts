/**
 * The SASL2 sign-in flow of connection.ts on scripted streams: what Prosody 0.12 cannot show (inline stream
 * management and inline resumption, XEP-0198 inside SASL2 and Bind 2) and token rotation, following the XEPs'
 * examples. The real-server side is in sasl2.integration.test.ts.
 */
import type { TLSSocket } from 'node:tls';
import type { Client } from '@xmpp/client-core';
import { xml, type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { TlsChannel } from './channel-binding.ts';
import { authenticateAndBind, type ConnectOptions, type FastToken, type SecureStream } from '../stream/connection.ts';
import type { ElementQueue } from '../stream/element-queue.ts';
import { fastExpectedResponder } from './fast.ts';
import { parseStanzaXml } from '../xml/parse-xml.ts';

const tls13: TlsChannel & Pick<TLSSocket, 'getCipher'> = {
  getProtocol: () => 'TLSv1.3',
  getCipher: () => ({ name: 'TLS_AES_256_GCM_SHA384', standardName: 'TLS_AES_256_GCM_SHA384', version: 'TLSv1.3' }),
  exportKeyingMaterial: () => Buffer.alloc(32, 1),
  getFinished: () => undefined,
  getPeerFinished: () => undefined,
  isSessionReused: () => false,
  getPeerCertificate: (() => ({})) as unknown as TlsChannel['getPeerCertificate'],
};

/** Features of a modern SASL2 server: PLAIN only (to keep the script short), Bind 2 with inline SM, inline resumption, FAST. */
const FEATURES = parseStanzaXml(`
  <stream:features>
    <authentication xmlns='urn:xmpp:sasl:2'>
      <mechanism>PLAIN</mechanism>
      <inline>
        <sm xmlns='urn:xmpp:sm:3'/>
        <bind xmlns='urn:xmpp:bind:0'><inline><feature var='urn:xmpp:sm:3'/><feature var='urn:xmpp:csi:0'/></inline></bind>
        <fast xmlns='urn:xmpp:fast:0'><mechanism>HT-SHA-256-NONE</mechanism></fast>
      </inline>
    </authentication>
  </stream:features>`);

/** Post-authentication features: no stream management offered outside SASL2, so nothing is negotiated twice. */
const AFTER = parseStanzaXml(`<stream:features><csi xmlns='urn:xmpp:csi:0'/></stream:features>`);

/** A stream whose server answers `<authenticate/>` with `answer(authenticate)`: elements the client then reads in order. */
function scripted(answer: (authenticate: Element) => Element[]): { stream: SecureStream; sent: Element[]; jid: () => string | null } {
  const sent: Element[] = [];
  const incoming: Element[] = [];
  let jid: string | null = null;
  const entity = {
    isSecure: () => true,
    send: async (element: Element): Promise<void> => {
      sent.push(element);
      if (element.name === 'authenticate') incoming.push(...answer(element));
    },
    _jid: (value: string) => {
      jid = value;
    },
    _ready: () => {},
  } as unknown as Client;
  const queue = {
    next: async (): Promise<Element> => {
      const element = incoming.shift();
      if (element === undefined) throw new Error('the client waited for an answer the script does not give');
      return element;
    },
    takeBuffered: () => incoming.splice(0),
  } as unknown as ElementQueue;
  return { stream: { entity, queue, tlsSocket: tls13 as TLSSocket, features: FEATURES, directTls: false }, sent, jid: () => jid };
}

const options = (overrides: Partial<ConnectOptions> = {}): ConnectOptions => ({
  account: { local: 'user', domain: 'example.org', resource: '' },
  password: 'pencil',
  trustedCertificates: [],
  stepTimeoutMs: 1000,
  userAgentId: 'd4565fa7-4d72-4749-b3d3-740edbf87770',
  ...overrides,
});

const success = (...children: Element[]): Element => xml('success', { xmlns: 'urn:xmpp:sasl:2' }, ...children);
const identifier = (jid: string): Element => xml('authorization-identifier', {}, jid);

describe('SASL2 with Bind 2 and inline stream management', () => {
  it('binds and enables resumable stream management in the one <authenticate/>', async () => {
    const { stream, sent, jid } = scripted(() => [
      success(
        identifier('user@example.org/Jabber Desk~abc'),
        xml('bound', { xmlns: 'urn:xmpp:bind:0' }, xml('enabled', { xmlns: 'urn:xmpp:sm:3', id: 'sm-1', resume: 'true', max: '300' })),
      ),
      AFTER,
    ]);
    const opened = await authenticateAndBind(stream, options());
    expect(opened).toMatchObject({ jid: 'user@example.org/Jabber Desk~abc', sm: { resumeId: 'sm-1', maxSeconds: 300 }, resumedServerH: null, csi: true, authenticatedWith: 'sasl2' });
    expect(jid()).toBe('user@example.org/Jabber Desk~abc');
    // One element, no <iq/> bind, no separate <enable/>.
    expect(sent.map((e) => e.name)).toEqual(['authenticate']);
    const bind = sent[0]?.getChild('bind', 'urn:xmpp:bind:0');
    expect(bind?.getChildText('tag')).toBe('Jabber Desk');
    expect(bind?.getChild('enable', 'urn:xmpp:sm:3')?.attrs.resume).toBe('true');
    expect(sent[0]?.getChild('user-agent')?.attrs.id).toBe('d4565fa7-4d72-4749-b3d3-740edbf87770');
  });

  it('refuses a bind the server failed', async () => {
    const { stream } = scripted(() => [
      success(identifier('user@example.org'), xml('failed', { xmlns: 'urn:xmpp:bind:0' }, xml('error', { type: 'cancel' }, xml('not-allowed', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' })))),
      AFTER,
    ]);
    await expect(authenticateAndBind(stream, options())).rejects.toMatchObject({ appError: { code: 'stream-error', condition: 'not-allowed' } });
  });
});

describe('SASL2 with inline resumption', () => {
  const resume = { resumeId: 'sm-1', jid: 'user@example.org/Jabber Desk~abc', inboundH: 7 };

  it('resumes in the one <authenticate/>; stanzas the server resends before the features are kept', async () => {
    const resent = xml('message', { from: 'juliet@example.org/balcony', type: 'chat' }, xml('body', {}, 'missed you'));
    const { stream, sent } = scripted(() => [
      success(identifier('user@example.org/Jabber Desk~abc'), xml('resumed', { xmlns: 'urn:xmpp:sm:3', h: '12', previd: 'sm-1' })),
      resent,
      AFTER,
    ]);
    const opened = await authenticateAndBind(stream, options({ resume }));
    expect(opened).toMatchObject({ jid: resume.jid, resumedServerH: 12, sm: { resumeId: 'sm-1' } });
    expect(opened.pending).toEqual([resent]);
    const authenticate = sent[0];
    expect(authenticate?.getChild('resume', 'urn:xmpp:sm:3')?.attrs).toMatchObject({ previd: 'sm-1', h: '7' });
    // Bind 2 goes along, for the case the session is gone (the server ignores it when resuming succeeds).
    expect(authenticate?.getChild('bind', 'urn:xmpp:bind:0')).toBeDefined();
    expect(sent).toHaveLength(1);
  });

  it('a session the server no longer has: the Bind 2 request in the same round trip makes a new one', async () => {
    const { stream, sent } = scripted(() => [
      success(
        identifier('user@example.org/Jabber Desk~abc'),
        xml('failed', { xmlns: 'urn:xmpp:sm:3', h: '3' }, xml('item-not-found', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' })),
        xml('bound', { xmlns: 'urn:xmpp:bind:0' }, xml('enabled', { xmlns: 'urn:xmpp:sm:3', id: 'sm-2', resume: '1' })),
      ),
      AFTER,
    ]);
    const opened = await authenticateAndBind(stream, options({ resume }));
    expect(opened).toMatchObject({ resumedServerH: null, sm: { resumeId: 'sm-2' }, jid: 'user@example.org/Jabber Desk~abc' });
    expect(sent).toHaveLength(1);
  });
});

describe('FAST on the SASL2 flow', () => {
  const token: FastToken = { mechanism: 'HT-SHA-256-NONE', token: 'secret-token:fast-old', expiry: '2099-01-01T00:00:00Z' };

  it('reports a token the server rotates when we sign in with the old one, for the mechanism in use', async () => {
    const issued: FastToken[] = [];
    const { stream, sent } = scripted(() => [
      success(
        xml('additional-data', {}, fastExpectedResponder(token.token, Buffer.alloc(0)).toString('base64')),
        identifier('user@example.org/Jabber Desk~abc'),
        xml('token', { xmlns: 'urn:xmpp:fast:0', expiry: '2099-02-01T00:00:00Z', token: 'secret-token:fast-new' }),
        xml('bound', { xmlns: 'urn:xmpp:bind:0' }),
      ),
      AFTER,
    ]);
    const opened = await authenticateAndBind(stream, options({ password: '', fast: { token, onToken: (t) => issued.push(t) } }));
    expect(opened.authenticatedWith).toBe('fast');
    expect(issued).toEqual([{ mechanism: 'HT-SHA-256-NONE', token: 'secret-token:fast-new', expiry: '2099-02-01T00:00:00Z' }]);
    // Signing in with a token: <fast/>, and no token request (the server rotates on its own).
    expect(sent[0]?.attrs.mechanism).toBe('HT-SHA-256-NONE');
    expect(sent[0]?.getChild('fast', 'urn:xmpp:fast:0')).toBeDefined();
    expect(sent[0]?.getChild('request-token', 'urn:xmpp:fast:0')).toBeUndefined();
  });

  it('asks for a token when signing in with the password, only with a user-agent id and hooks to store it', async () => {
    const answer = (): Element[] => [success(identifier('user@example.org/Jabber Desk~abc'), xml('bound', { xmlns: 'urn:xmpp:bind:0' })), AFTER];
    const withHooks = scripted(answer);
    await authenticateAndBind(withHooks.stream, options({ fast: { token: null, onToken: () => {} } }));
    expect(withHooks.sent[0]?.getChild('request-token', 'urn:xmpp:fast:0')?.attrs.mechanism).toBe('HT-SHA-256-NONE');

    const noHooks = scripted(answer);
    await authenticateAndBind(noHooks.stream, options());
    expect(noHooks.sent[0]?.getChild('request-token', 'urn:xmpp:fast:0')).toBeUndefined();

    const noId = scripted(answer);
    const { userAgentId: _, ...withoutId } = options({ fast: { token: null, onToken: () => {} } });
    await authenticateAndBind(noId.stream, withoutId);
    expect(noId.sent[0]?.getChild('request-token', 'urn:xmpp:fast:0')).toBeUndefined();
    expect(noId.sent[0]?.getChild('user-agent')?.attrs.id).toBeUndefined();
  });
});
