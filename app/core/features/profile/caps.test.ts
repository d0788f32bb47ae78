import { describe, expect, it } from 'vitest';
import { parseCapsCache } from './caps-cache.ts';
import { capsVer } from './caps.ts';
import { parseDiscoInfo } from '../../xml/caps.ts';
import { parseStanzaXml } from '../../xml/parse-xml.ts';

// XEP-0115 §5.3, the complex example (two identities in two languages, an extended form).
const COMPLEX = parseDiscoInfo(parseStanzaXml(`<query xmlns='http://jabber.org/protocol/disco#info' node='http://psi-im.org#q07IKJEyjvHSyhy//CH0CxmKi8w='>
  <identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>
  <identity xml:lang='el' category='client' name='Ψ 0.11' type='pc'/>
  <feature var='http://jabber.org/protocol/caps'/>
  <feature var='http://jabber.org/protocol/disco#info'/>
  <feature var='http://jabber.org/protocol/disco#items'/>
  <feature var='http://jabber.org/protocol/muc'/>
  <x xmlns='jabber:x:data' type='result'>
    <field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>
    <field var='ip_version'><value>ipv4</value><value>ipv6</value></field>
    <field var='os'><value>Mac</value></field>
    <field var='os_version'><value>10.5.1</value></field>
    <field var='software'><value>Psi</value></field>
    <field var='software_version'><value>0.11</value></field>
  </x>
</query>`));

describe('XEP-0115 verification', () => {
  it('reproduces the complex example of §5.3', () => {
    expect(capsVer(COMPLEX)).toBe('q07IKJEyjvHSyhy//CH0CxmKi8w=');
  });

  it('refuses what §5.4 forbids: duplicate identities, features or form types', () => {
    expect(capsVer({ ...COMPLEX, features: [...COMPLEX.features, 'http://jabber.org/protocol/muc'] })).toBeNull();
    expect(capsVer({ ...COMPLEX, identities: [...COMPLEX.identities, COMPLEX.identities[0]!] })).toBeNull();
    expect(capsVer({ ...COMPLEX, forms: [...COMPLEX.forms, COMPLEX.forms[0]!] })).toBeNull();
  });

  it('reads back from the saved cache only entries whose ver still matches', () => {
    const text = JSON.stringify({ format: 1, entries: { 'q07IKJEyjvHSyhy//CH0CxmKi8w=': COMPLEX, 'forged=': COMPLEX, 'bad=': 'x' } });
    expect([...parseCapsCache(text).keys()]).toEqual(['q07IKJEyjvHSyhy//CH0CxmKi8w=']);
    expect(parseCapsCache('{').size).toBe(0);
  });
});
