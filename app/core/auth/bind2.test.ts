import { describe, expect, it } from 'vitest';
import { bind2Request, BIND2_TAG, parseBind2Offer, parseBind2Result, parseInlineResumption } from './bind2.ts';
import { parseStanzaXml } from '../xml/parse-xml.ts';

describe('Bind 2 offer (XEP-0386 §3.1 example)', () => {
  it('reads the features that can be enabled inline', () => {
    const authentication = parseStanzaXml(`
      <authentication xmlns='urn:xmpp:sasl:2'>
        <mechanism>SCRAM-SHA-1</mechanism>
        <inline>
          <bind xmlns='urn:xmpp:bind:0'>
            <inline>
              <feature var="urn:xmpp:carbons:2" />
              <feature var="urn:xmpp:csi:0" />
              <feature var="urn:xmpp:sm:3" />
            </inline>
          </bind>
          <sm xmlns='urn:xmpp:sm:3'/>
        </inline>
      </authentication>`);
    expect(parseBind2Offer(authentication.getChild('inline'))).toEqual({ inlineFeatures: ['urn:xmpp:carbons:2', 'urn:xmpp:csi:0', 'urn:xmpp:sm:3'] });
  });

  it('a bare <bind/> offers binding only; none at all is null', () => {
    expect(parseBind2Offer(parseStanzaXml(`<inline xmlns='urn:xmpp:sasl:2'><bind xmlns='urn:xmpp:bind:0'/></inline>`))).toEqual({ inlineFeatures: [] });
    expect(parseBind2Offer(parseStanzaXml(`<inline xmlns='urn:xmpp:sasl:2'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></inline>`))).toBeNull();
    expect(parseBind2Offer(undefined)).toBeNull();
  });
});

describe('Bind 2 request', () => {
  it('tags the resource with the software and asks for resumable stream management when offered', () => {
    expect(bind2Request().toString()).toBe(`<bind xmlns="urn:xmpp:bind:0"><tag>${BIND2_TAG}</tag></bind>`);
    expect(bind2Request({ enableSm: true }).toString()).toBe(
      `<bind xmlns="urn:xmpp:bind:0"><tag>${BIND2_TAG}</tag><enable xmlns="urn:xmpp:sm:3" resume="true"/></bind>`,
    );
  });
});

describe('Bind 2 result', () => {
  it('reads <bound/> (XEP-0386 example, with MAM metadata we do not use)', () => {
    const success = parseStanzaXml(`
      <success xmlns='urn:xmpp:sasl:2'>
        <authorization-identifier>user@example.com/AwesomeXMPP.4232f4d4</authorization-identifier>
        <bound xmlns='urn:xmpp:bind:0'>
          <metadata xmlns='urn:xmpp:mam:2'>
            <start id='YWxwaGEg' timestamp='2008-08-22T21:09:04Z' />
            <end id='b21lZ2Eg' timestamp='2020-04-20T14:34:21Z' />
          </metadata>
        </bound>
      </success>`);
    expect(parseBind2Result(success)).toEqual({ bound: true, failureCondition: null, sm: null });
  });

  it('reads inline stream management: <enabled/> with resumption, or <failed/>', () => {
    const enabled = parseStanzaXml(`
      <success xmlns='urn:xmpp:sasl:2'>
        <authorization-identifier>user@example.com/Jabber Desk~abc</authorization-identifier>
        <bound xmlns='urn:xmpp:bind:0'><enabled xmlns='urn:xmpp:sm:3' id='some-long-sm-id' resume='1' max='600'/></bound>
      </success>`);
    expect(parseBind2Result(enabled)?.sm).toEqual({ enabled: { resumeId: 'some-long-sm-id', maxSeconds: 600 } });
    const notResumable = parseStanzaXml(`<success xmlns='urn:xmpp:sasl:2'><bound xmlns='urn:xmpp:bind:0'><enabled xmlns='urn:xmpp:sm:3' id='x'/></bound></success>`);
    expect(parseBind2Result(notResumable)?.sm).toEqual({ enabled: { resumeId: null, maxSeconds: null } });
    const failed = parseStanzaXml(`<success xmlns='urn:xmpp:sasl:2'><bound xmlns='urn:xmpp:bind:0'><failed xmlns='urn:xmpp:sm:3'/></bound></success>`);
    expect(parseBind2Result(failed)?.sm).toEqual({ failed: true });
  });

  it('reads a refused bind (<failed/> with an error) and the absence of any result', () => {
    const failed = parseStanzaXml(`
      <success xmlns='urn:xmpp:sasl:2'>
        <failed xmlns='urn:xmpp:bind:0'><error type='cancel'><not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></failed>
      </success>`);
    expect(parseBind2Result(failed)).toEqual({ bound: false, failureCondition: 'not-allowed', sm: null });
    expect(parseBind2Result(parseStanzaXml(`<success xmlns='urn:xmpp:sasl:2'/>`))).toBeNull();
  });
});

describe('inline resumption (XEP-0388 example)', () => {
  it('reads <resumed/> with the server’s count, <failed/>, or nothing', () => {
    const resumed = parseStanzaXml(`
      <success xmlns='urn:xmpp:sasl:2'>
        <additional-data>SGFkIHlvdSBnb2luZywgdGhlcmUsIGRpZG4ndCBJPw==</additional-data>
        <authorization-identifier>juliet@montague.example</authorization-identifier>
        <resumed xmlns='urn:xmpp:sm:3' h='345' previd='124'/>
      </success>`);
    expect(parseInlineResumption(resumed)).toEqual({ resumedH: 345 });
    expect(parseInlineResumption(parseStanzaXml(`<success xmlns='urn:xmpp:sasl:2'><resumed xmlns='urn:xmpp:sm:3' h='-1' previd='1'/></success>`))).toEqual({ resumedH: null });
    expect(parseInlineResumption(parseStanzaXml(`<success xmlns='urn:xmpp:sasl:2'><failed xmlns='urn:xmpp:sm:3' h='3'/></success>`))).toEqual({ failed: true });
    expect(parseInlineResumption(parseStanzaXml(`<success xmlns='urn:xmpp:sasl:2'/>`))).toBeNull();
  });
});
