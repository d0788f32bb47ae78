import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import type { Client } from '@xmpp/client-core';
import { xml, type Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { bind2Request } from './bind2.ts';
import type { TlsChannel } from './channel-binding.ts';
import type { ElementQueue } from '../stream/element-queue.ts';
import { CoreError } from '../errors.ts';
import { fastExpectedResponder, fastMarker, fastTokenRequest } from './fast.ts';
import { parseStanzaXml } from '../xml/parse-xml.ts';
import { createSaslFactory } from './sasl.ts';
import {
  buildAuthenticate,
  fastMechanism,
  NS_SASL2,
  parseSasl2Failure,
  parseSasl2Offer,
  parseSasl2Success,
  passwordMechanism,
  runSasl2,
  type Sasl2Mechanism,
  type Sasl2Offer,
} from './sasl2.ts';

describe('the SASL2 offer', () => {
  it('reads XEP-0388’s example: mechanisms, inline resumption and Bind 2, XEP-0440 types', () => {
    const features = parseStanzaXml(`
      <stream:features>
        <authentication xmlns='urn:xmpp:sasl:2'>
          <mechanism>SCRAM-SHA-1</mechanism>
          <mechanism>SCRAM-SHA-1-PLUS</mechanism>
          <inline>
            <sm xmlns='urn:xmpp:sm:3'/>
            <bind xmlns='urn:xmpp:bind:0'/>
          </inline>
        </authentication>
        <sasl-channel-binding xmlns='urn:xmpp:sasl-cb:0'>
          <channel-binding type='tls-server-end-point'/>
          <channel-binding type='tls-exporter'/>
        </sasl-channel-binding>
      </stream:features>`);
    expect(parseSasl2Offer(features)).toEqual({
      mechanisms: ['SCRAM-SHA-1', 'SCRAM-SHA-1-PLUS'],
      channelBindings: ['tls-server-end-point', 'tls-exporter'],
      bind2: { inlineFeatures: [] },
      inlineResumption: true,
      fast: null,
    });
  });

  it('reads what Prosody 0.12 with prosody-modules’ SASL2, Bind 2 and FAST sends (TLS 1.3)', () => {
    const features = parseStanzaXml(`
      <stream:features>
        <authentication xmlns='urn:xmpp:sasl:2'>
          <mechanism>PLAIN</mechanism><mechanism>SCRAM-SHA-1</mechanism>
          <inline>
            <bind xmlns='urn:xmpp:bind:0'><inline><feature var='urn:xmpp:carbons:2'/><feature var='urn:xmpp:csi:0'/></inline></bind>
            <fast xmlns='urn:xmpp:fast:0'><mechanism>HT-SHA-256-NONE</mechanism><mechanism>HT-SHA-256-EXPR</mechanism></fast>
          </inline>
        </authentication>
        <mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism><mechanism>SCRAM-SHA-1</mechanism></mechanisms>
      </stream:features>`);
    expect(parseSasl2Offer(features)).toEqual({
      mechanisms: ['PLAIN', 'SCRAM-SHA-1'],
      channelBindings: null,
      bind2: { inlineFeatures: ['urn:xmpp:carbons:2', 'urn:xmpp:csi:0'] },
      inlineResumption: false,
      fast: ['HT-SHA-256-NONE', 'HT-SHA-256-EXPR'],
    });
  });

  it('is absent without <authentication/> or without mechanisms (then RFC 6120 SASL is used)', () => {
    expect(parseSasl2Offer(parseStanzaXml(`<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>`))).toBeNull();
    expect(parseSasl2Offer(parseStanzaXml(`<stream:features><authentication xmlns='urn:xmpp:sasl:2'/></stream:features>`))).toBeNull();
  });
});

describe('<authenticate/>', () => {
  it('carries the mechanism, the initial response, the user agent and the inline requests', () => {
    const element = buildAuthenticate({
      mechanism: 'SCRAM-SHA-1',
      initialResponse: Buffer.from('n,,n=user,r=12C4CD5C-E38E-4A98-8F6D-15C38F51CCC6'),
      userAgent: { id: 'd4565fa7-4d72-4749-b3d3-740edbf87770', software: 'Jabber Desk', device: 'Kiva’s laptop' },
      extensions: [bind2Request(), fastTokenRequest('HT-SHA-256-EXPR')],
    });
    expect(element.toString()).toBe(
      '<authenticate xmlns="urn:xmpp:sasl:2" mechanism="SCRAM-SHA-1">' +
        '<initial-response>biwsbj11c2VyLHI9MTJDNENENUMtRTM4RS00QTk4LThGNkQtMTVDMzhGNTFDQ0M2</initial-response>' +
        '<user-agent id="d4565fa7-4d72-4749-b3d3-740edbf87770"><software>Jabber Desk</software><device>Kiva’s laptop</device></user-agent>' +
        '<bind xmlns="urn:xmpp:bind:0"><tag>Jabber Desk</tag></bind>' +
        '<request-token xmlns="urn:xmpp:fast:0" mechanism="HT-SHA-256-EXPR"/>' +
        '</authenticate>',
    );
  });

  it('leaves out an absent initial response and id; an empty one is an empty element', () => {
    expect(buildAuthenticate({ mechanism: 'X', initialResponse: null, userAgent: { software: 'Jabber Desk' } }).toString()).toBe(
      '<authenticate xmlns="urn:xmpp:sasl:2" mechanism="X"><user-agent><software>Jabber Desk</software></user-agent></authenticate>',
    );
    expect(buildAuthenticate({ mechanism: 'X', initialResponse: Buffer.alloc(0), userAgent: { software: 'J' } }).getChild('initial-response')?.toString()).toBe(
      '<initial-response/>',
    );
  });
});

describe('<success/> and <failure/>', () => {
  it('reads the additional data (base64, whitespace allowed) and the authorization identifier', () => {
    const success = parseSasl2Success(
      parseStanzaXml(`
        <success xmlns='urn:xmpp:sasl:2'>
          <additional-data>
            dj1tc1ZIcy9CeklPSERxWGVWSDdFbW1EdTlpZDg9
          </additional-data>
          <authorization-identifier>user@example.org</authorization-identifier>
        </success>`),
    );
    expect(success.additionalData?.toString()).toBe('v=msVHs/BzIOHDqXeVH7EmmDu9id8=');
    expect(success.authorizationIdentifier).toBe('user@example.org');
    expect(parseSasl2Success(parseStanzaXml(`<success xmlns='urn:xmpp:sasl:2'/>`))).toMatchObject({ additionalData: null, authorizationIdentifier: null });
  });

  it('finds the SASL condition among application-specific elements (XEP-0388 example)', () => {
    const failure = parseStanzaXml(`
      <failure xmlns='urn:xmpp:sasl:2'>
        <optional-application-specific xmlns='urn:something:else'/>
        <aborted xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>
        <text>This is a terrible example.</text>
      </failure>`);
    expect(parseSasl2Failure(failure)).toEqual({ condition: 'aborted', text: 'This is a terrible example.' });
    // Prosody's error path puts the condition in the SASL2 namespace.
    expect(parseSasl2Failure(parseStanzaXml(`<failure xmlns='urn:xmpp:sasl:2'><malformed-request/></failure>`)).condition).toBe('malformed-request');
  });
});

// ---------------------------------------------------------------------------------------------------------
// runSasl2() against a scripted SASL2 server: SCRAM-SHA-256 (RFC 5802/7677 server side, written out here
// independently) and HT-SHA-256-NONE.

const PASSWORD = 'pencil';
const TOKEN = 'secret-token:fast-R3VyIHpiZmcgbnl2aXIgdmYgZ3VyIGp2eXFyZmcu';
const SALT = Buffer.from('QSXCR+Q6sek8bf92', 'base64');

interface Script {
  /** What the server does once the client has proven itself. */
  readonly outcome?: 'success' | 'continue';
  /** How the server proves itself in `<success/>`. */
  readonly proof?: 'right' | 'wrong' | 'none';
}

function scriptedServer(script: Script = {}): { entity: Client; queue: ElementQueue; sent: Element[] } {
  const sent: Element[] = [];
  const replies: Element[] = [];
  let scram: { bare: string; serverFirst: string; nonce: string } | null = null;
  const b64 = (data: Buffer | string): string => Buffer.from(data).toString('base64');
  const failure = (condition: string): Element => xml('failure', { xmlns: NS_SASL2 }, xml(condition, { xmlns: 'urn:ietf:params:xml:ns:xmpp-sasl' }));
  const finish = (serverProof: Buffer): Element => {
    const proof = script.proof === 'wrong' ? Buffer.alloc(serverProof.length, 7) : serverProof;
    if (script.outcome === 'continue') {
      return xml('continue', { xmlns: NS_SASL2 }, xml('additional-data', {}, b64(proof)), xml('tasks', {}, xml('task', {}, 'TOTP-EXAMPLE')), xml('text', {}, 'This account requires 2FA'));
    }
    return xml(
      'success',
      { xmlns: NS_SASL2 },
      script.proof === 'none' ? undefined : xml('additional-data', {}, b64(proof)),
      xml('authorization-identifier', {}, 'user@example.org/Jabber Desk~x'),
    );
  };
  const answer = (element: Element): Element => {
    if (element.is('authenticate', NS_SASL2) && element.attrs.mechanism === 'HT-SHA-256-NONE') {
      const initial = Buffer.from(element.getChildText('initial-response') ?? '', 'base64');
      const nul = initial.indexOf(0);
      const expected = createHmac('sha256', TOKEN).update('Initiator').digest();
      if (nul < 1 || element.getChild('fast', 'urn:xmpp:fast:0') === undefined || !initial.subarray(nul + 1).equals(expected)) return failure('not-authorized');
      return finish(createHmac('sha256', TOKEN).update('Responder').digest());
    }
    if (element.is('authenticate', NS_SASL2) && element.attrs.mechanism === 'SCRAM-SHA-256') {
      const payload = Buffer.from(element.getChildText('initial-response') ?? '', 'base64').toString();
      const match = /^[ny],,(n=[^,]*,r=([^,]*))$/u.exec(payload);
      if (match === null) return failure('malformed-request');
      const [, bare = '', clientNonce = ''] = match;
      const nonce = `${clientNonce}SERVER`;
      scram = { bare, nonce, serverFirst: `r=${nonce},s=${SALT.toString('base64')},i=4096` };
      return xml('challenge', { xmlns: NS_SASL2 }, b64(scram.serverFirst));
    }
    if (element.is('response', NS_SASL2) && scram !== null) {
      const payload = Buffer.from(element.text(), 'base64').toString();
      const match = /^(c=[^,]*,r=[^,]*),p=(.*)$/u.exec(payload);
      if (match === null) return failure('malformed-request');
      const [, withoutProof = '', proof = ''] = match;
      const salted = pbkdf2Sync(PASSWORD, SALT, 4096, 32, 'sha256');
      const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest();
      const authMessage = `${scram.bare},${scram.serverFirst},${withoutProof}`;
      const signature = createHmac('sha256', storedKey).update(authMessage).digest();
      const clientKey = Buffer.from(proof, 'base64').map((byte, i) => byte ^ (signature[i] ?? 0));
      if (!createHash('sha256').update(clientKey).digest().equals(storedKey)) return failure('not-authorized');
      const serverSignature = createHmac('sha256', createHmac('sha256', salted).update('Server Key').digest()).update(authMessage).digest();
      return finish(Buffer.from(`v=${serverSignature.toString('base64')}`));
    }
    return failure('malformed-request');
  };
  const entity = {
    isSecure: () => true,
    send: async (element: Element): Promise<void> => {
      sent.push(element);
      replies.push(answer(element));
    },
  } as unknown as Client;
  const queue = {
    next: async (): Promise<Element> => {
      const reply = replies.shift();
      if (reply === undefined) throw new Error('the client waited for an answer the script does not give');
      return reply;
    },
  } as unknown as ElementQueue;
  return { entity, queue, sent };
}

const tls13: TlsChannel = {
  getProtocol: () => 'TLSv1.3',
  exportKeyingMaterial: () => Buffer.alloc(32, 1),
  getFinished: () => undefined,
  getPeerFinished: () => undefined,
  isSessionReused: () => false,
  getPeerCertificate: (() => ({})) as unknown as TlsChannel['getPeerCertificate'],
};
const offer: Sasl2Offer = { mechanisms: ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256'], channelBindings: null, bind2: null, inlineResumption: false, fast: ['HT-SHA-256-NONE'] };
const userAgent = { id: 'd4565fa7-4d72-4749-b3d3-740edbf87770', software: 'Jabber Desk' };
const password = (secret = PASSWORD): Sasl2Mechanism =>
  passwordMechanism(createSaslFactory(), offer, { username: 'user', password: secret }, { tlsSocket: tls13, timeoutMs: 1000 }, true);
const withToken = (token = TOKEN): Sasl2Mechanism => fastMechanism('HT-SHA-256-NONE', 'user', token, Buffer.alloc(0));

async function failureOf(run: Promise<unknown>): Promise<CoreError['appError']> {
  const error: unknown = await run.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CoreError)) throw new Error(`expected a CoreError, got ${String(error)}`);
  return error.appError;
}

describe('runSasl2 with the password', () => {
  it('chooses SCRAM as RFC 6120 SASL would (the strongest, never PLAIN), and verifies the server’s signature', async () => {
    const { entity, queue, sent } = scriptedServer();
    const success = await runSasl2(entity, queue, password(), { userAgent, extensions: [bind2Request()] }, 1000);
    expect(success.authorizationIdentifier).toBe('user@example.org/Jabber Desk~x');
    expect(sent.map((e) => e.name)).toEqual(['authenticate', 'response']);
    expect(sent[0]?.attrs.mechanism).toBe('SCRAM-SHA-256');
    // We can bind (TLS 1.3) but the server offers no -PLUS: the y flag lets a binding-capable server notice a stripped list.
    expect(Buffer.from(sent[0]?.getChildText('initial-response') ?? '', 'base64').toString()).toMatch(/^y,,n=user,r=/u);
    expect(sent[0]?.getChild('user-agent')?.attrs.id).toBe(userAgent.id);
    expect(sent[0]?.getChild('bind', 'urn:xmpp:bind:0')).toBeDefined();
  });

  it('refuses a server that cannot prove it knows the password, or that does not try', async () => {
    for (const proof of ['wrong', 'none'] as const) {
      const { entity, queue } = scriptedServer({ proof });
      const error = await failureOf(runSasl2(entity, queue, password(), { userAgent, extensions: [] }, 1000));
      expect(error).toMatchObject({ code: 'auth-failed', condition: 'scram' });
      expect(error.message).toMatch(/could not prove it knows the password/u);
    }
  });

  it('maps a wrong password to the same error as RFC 6120 SASL', async () => {
    const { entity, queue } = scriptedServer();
    const error = await failureOf(runSasl2(entity, queue, password('wrong'), { userAgent, extensions: [] }, 1000));
    expect(error).toMatchObject({ code: 'auth-failed', condition: 'not-authorized' });
    expect(error.message).toMatch(/wrong jabber id or password/iu);
  });

  it('stops clearly at a task it cannot do (<continue/>: second factor…)', async () => {
    const { entity, queue } = scriptedServer({ outcome: 'continue' });
    const error = await failureOf(runSasl2(entity, queue, password(), { userAgent, extensions: [] }, 1000));
    expect(error).toMatchObject({ code: 'auth-failed', condition: 'continue' });
    expect(error.message).toMatch(/extra sign-in step \(TOTP-EXAMPLE\).*This account requires 2FA/su);
  });
});

describe('runSasl2 with a FAST token', () => {
  it('signs in in one round trip, without the password, and checks the server’s proof', async () => {
    const { entity, queue, sent } = scriptedServer();
    const success = await runSasl2(entity, queue, withToken(), { userAgent, extensions: [fastMarker()] }, 1000);
    expect(success.additionalData).toEqual(fastExpectedResponder(TOKEN, Buffer.alloc(0)));
    expect(sent.map((e) => e.name)).toEqual(['authenticate']);
    expect(sent[0]?.toString()).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(sent[0]?.toString()).not.toContain(TOKEN);
  });

  it('refuses a server that does not know the token', async () => {
    for (const proof of ['wrong', 'none'] as const) {
      const { entity, queue } = scriptedServer({ proof });
      const error = await failureOf(runSasl2(entity, queue, withToken(), { userAgent, extensions: [fastMarker()] }, 1000));
      expect(error).toMatchObject({ code: 'auth-failed', condition: 'fast-responder' });
    }
  });

  it('reports a refused token as auth-failed with the server’s condition', async () => {
    const { entity, queue } = scriptedServer();
    const error = await failureOf(runSasl2(entity, queue, withToken('stale'), { userAgent, extensions: [fastMarker()] }, 1000));
    expect(error).toMatchObject({ code: 'auth-failed', condition: 'not-authorized' });
  });
});
