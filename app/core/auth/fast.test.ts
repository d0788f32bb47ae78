import { describe, expect, it } from 'vitest';
import type { ChannelBinding } from './channel-binding.ts';
import {
  chooseFastMechanism,
  fastChannelBindingData,
  fastExpectedResponder,
  fastInitialResponse,
  fastMarker,
  fastTokenRequest,
  isFastTokenExpired,
  parseFastOffer,
  parseFastToken,
  verifyFastResponder,
} from './fast.ts';
import { parseStanzaXml } from '../xml/parse-xml.ts';

// The token of XEP-0484's examples, with Prosody's prefix.
const TOKEN = 'secret-token:fast-WXZzciBwYmFmdmZnZiBqdmd1IGp2eXFhcmZm';
const CB_DATA = Buffer.from(Array.from({ length: 32 }, (_, i) => i));

// HMAC-SHA-256 values computed independently with OpenSSL, e.g.
// printf 'Initiator' | openssl dgst -sha256 -mac HMAC -macopt key:secret-token:fast-WXZz… -hex
const VECTORS = {
  initiatorNone: '5f9c36e651c776836c6a23481fce8b76dd8a174de8aa5269042ef9987f00bfe9',
  responderNone: 'dab2bda19d4f62d04bb622390b073c58979c9c4058dbb20c6e6e5c17fefedd63',
  initiatorBound: '0330dc7dc76b352ea6ddf5a11370a1de4d4c8512a250cb4738c4bc014966a2e8',
  responderBound: 'ae2c4ad83f55c68a654ac4cbc1c5501fd5696ae394f286971046594012fcfc05',
};

/** xmpp.js's mechanism (no type definitions): strings of code points 0–255 stand for bytes. */
interface XmppJsMechanism {
  response(credentials: { username: string; password: string }): Promise<string>;
  final(data: string): Promise<void>;
}
const XMPP_JS_HT: string = '@xmpp/sasl-ht-sha-256-none';

describe('HT-SHA-256 (draft-schmaus-kitten-sasl-ht)', () => {
  it('initial response: user name, NUL, HMAC-SHA-256(token, "Initiator") without channel binding', () => {
    const response = fastInitialResponse('user', TOKEN, Buffer.alloc(0));
    expect(response.subarray(0, 5)).toEqual(Buffer.from('user\0'));
    expect(response.subarray(5).toString('hex')).toBe(VECTORS.initiatorNone);
    expect(response.length).toBe(5 + 32);
  });

  it('binds to the channel by appending its data to the label', () => {
    expect(fastInitialResponse('user', TOKEN, CB_DATA).subarray(5).toString('hex')).toBe(VECTORS.initiatorBound);
    expect(fastExpectedResponder(TOKEN, CB_DATA).toString('hex')).toBe(VECTORS.responderBound);
    expect(fastExpectedResponder(TOKEN, Buffer.alloc(0)).toString('hex')).toBe(VECTORS.responderNone);
  });

  it('agrees with xmpp.js’s independent HT-SHA-256-NONE (Web Crypto; installed with @xmpp/client, a dev dependency)', async () => {
    const { Mechanism } = (await import(XMPP_JS_HT)) as { Mechanism: new () => XmppJsMechanism };
    const theirs = new Mechanism();
    const response = await theirs.response({ username: 'user', password: TOKEN });
    expect(Buffer.from(response, 'latin1')).toEqual(fastInitialResponse('user', TOKEN, Buffer.alloc(0)));
    // And it accepts our idea of the server's answer.
    await expect(theirs.final(fastExpectedResponder(TOKEN, Buffer.alloc(0)).toString('latin1'))).resolves.toBeUndefined();
  });

  it('user names are UTF-8', () => {
    expect(fastInitialResponse('jürgen', TOKEN, Buffer.alloc(0)).subarray(0, 8)).toEqual(Buffer.from('jürgen\0', 'utf8'));
  });

  it('verifies the server’s proof; refuses a wrong one, one for another binding, and a truncated one', () => {
    expect(verifyFastResponder(Buffer.from(VECTORS.responderBound, 'hex'), TOKEN, CB_DATA)).toBe(true);
    expect(verifyFastResponder(Buffer.from(VECTORS.responderNone, 'hex'), TOKEN, CB_DATA)).toBe(false);
    expect(verifyFastResponder(Buffer.from(VECTORS.responderBound, 'hex'), `${TOKEN}x`, CB_DATA)).toBe(false);
    expect(verifyFastResponder(Buffer.from(VECTORS.responderBound, 'hex').subarray(0, 31), TOKEN, CB_DATA)).toBe(false);
    expect(verifyFastResponder(Buffer.alloc(0), TOKEN, CB_DATA)).toBe(false);
  });
});

const exporter: ChannelBinding = { type: 'tls-exporter', data: Buffer.alloc(32, 1) };
const unique: ChannelBinding = { type: 'tls-unique', data: Buffer.alloc(12, 2) };
const endPoint: ChannelBinding = { type: 'tls-server-end-point', data: Buffer.alloc(32, 3) };
const ALL = ['HT-SHA-256-NONE', 'HT-SHA-256-ENDP', 'HT-SHA-256-UNIQ', 'HT-SHA-256-EXPR'];

describe('choosing a FAST mechanism', () => {
  it('prefers the strongest binding this connection can compute', () => {
    expect(chooseFastMechanism(ALL, [exporter, endPoint])).toBe('HT-SHA-256-EXPR');
    expect(chooseFastMechanism(ALL, [unique, endPoint])).toBe('HT-SHA-256-UNIQ');
    expect(chooseFastMechanism(ALL, [endPoint])).toBe('HT-SHA-256-ENDP');
    expect(chooseFastMechanism(ALL, [])).toBe('HT-SHA-256-NONE');
  });

  it('only from what the server offers (Prosody on TLS 1.3: -EXPR and -NONE)', () => {
    expect(chooseFastMechanism(['HT-SHA-256-NONE', 'HT-SHA-256-EXPR'], [unique, endPoint])).toBe('HT-SHA-256-NONE');
    expect(chooseFastMechanism(['HT-SHA-256-EXPR'], [unique])).toBeNull();
    expect(chooseFastMechanism(['HT-SHA-512-NONE'], [])).toBeNull();
  });

  it('gives each mechanism its binding’s data; none when the connection lacks it', () => {
    expect(fastChannelBindingData('HT-SHA-256-EXPR', [exporter, endPoint])).toEqual(exporter.data);
    expect(fastChannelBindingData('HT-SHA-256-UNIQ', [unique, endPoint])).toEqual(unique.data);
    expect(fastChannelBindingData('HT-SHA-256-ENDP', [unique, endPoint])).toEqual(endPoint.data);
    expect(fastChannelBindingData('HT-SHA-256-NONE', [exporter])).toEqual(Buffer.alloc(0));
    expect(fastChannelBindingData('HT-SHA-256-EXPR', [unique, endPoint])).toBeNull();
    expect(fastChannelBindingData('SCRAM-SHA-1', [exporter])).toBeNull();
  });
});

describe('FAST elements (XEP-0484 examples)', () => {
  it('reads the mechanisms of the inline <fast/> feature', () => {
    const authentication = parseStanzaXml(`
      <authentication xmlns='urn:xmpp:sasl:2'>
        <mechanism>SCRAM-SHA-1</mechanism>
        <mechanism>SCRAM-SHA-1-PLUS</mechanism>
        <inline>
          <fast xmlns='urn:xmpp:fast:0'>
            <mechanism>HT-SHA-256-ENDP</mechanism>
            <mechanism>HT-SHA-256-EXPR</mechanism>
            <mechanism>HT-SHA-256-NONE</mechanism>
          </fast>
        </inline>
      </authentication>`);
    expect(parseFastOffer(authentication.getChild('inline'))).toEqual(['HT-SHA-256-ENDP', 'HT-SHA-256-EXPR', 'HT-SHA-256-NONE']);
    expect(parseFastOffer(parseStanzaXml(`<inline xmlns='urn:xmpp:sasl:2'/>`))).toBeNull();
    expect(parseFastOffer(undefined)).toBeNull();
  });

  it('reads a token from <success/>, bound to the mechanism it was asked for', () => {
    const success = parseStanzaXml(`
      <success xmlns='urn:xmpp:sasl:2'>
        <authorization-identifier>user@example.com/AwesomeXMPP.4232f4d4</authorization-identifier>
        <token xmlns='urn:xmpp:fast:0' expiry='2020-03-12T14:36:15Z' token='WXZzciBwYmFmdmZnZiBqdmd1IGp2eXFhcmZm' />
      </success>`);
    expect(parseFastToken(success, 'HT-SHA-256-ENDP')).toEqual({ mechanism: 'HT-SHA-256-ENDP', token: 'WXZzciBwYmFmdmZnZiBqdmd1IGp2eXFhcmZm', expiry: '2020-03-12T14:36:15Z' });
    expect(parseFastToken(parseStanzaXml(`<success xmlns='urn:xmpp:sasl:2'><token xmlns='urn:xmpp:fast:0' token='x'/></success>`), 'HT-SHA-256-NONE')).toBeNull();
    expect(parseFastToken(parseStanzaXml(`<success xmlns='urn:xmpp:sasl:2'/>`), 'HT-SHA-256-NONE')).toBeNull();
  });

  it('builds <request-token/> and <fast/>', () => {
    expect(fastTokenRequest('HT-SHA-256-EXPR').toString()).toBe(`<request-token xmlns="urn:xmpp:fast:0" mechanism="HT-SHA-256-EXPR"/>`);
    expect(fastMarker().toString()).toBe(`<fast xmlns="urn:xmpp:fast:0"/>`);
    expect(fastMarker({ invalidate: true, count: 3 }).toString()).toBe(`<fast xmlns="urn:xmpp:fast:0" invalidate="true" count="3"/>`);
  });

  it('knows when a token has expired', () => {
    const token = { mechanism: 'HT-SHA-256-NONE', token: TOKEN, expiry: '2020-03-12T14:36:15Z' };
    expect(isFastTokenExpired(token, new Date('2020-03-12T14:36:14Z'))).toBe(false);
    expect(isFastTokenExpired(token, new Date('2020-03-12T14:36:15Z'))).toBe(true);
    expect(isFastTokenExpired({ ...token, expiry: 'whenever' })).toBe(false);
  });
});
