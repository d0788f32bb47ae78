import { describe, expect, it } from 'vitest';
import { parseStanzaXml as parseXml } from './parse-xml.ts';
import { fileElements, parseMessageFile, parseSlot, parseUploadService } from './file.ts';
import { parseMessage } from './message.ts';

const message = (inner: string) => parseXml(`<message xmlns='jabber:client' from='bob@example.test/phone' to='alice@example.test' type='chat' id='m1'><body>x</body>${inner}</message>`);

describe('files in messages (XEP-0066, XEP-0446, XEP-0300)', () => {
  it('reads the OOB URL and the file metadata into plain fields', () => {
    const file = parseMessageFile(message(`<x xmlns='jabber:x:oob'><url>https://upload.example.test/a/photo%20one.png</url></x>
      <file xmlns='urn:xmpp:file:metadata:0'><media-type>image/png</media-type><name>photo one.png</name><size>1234</size>
      <hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>2XarmwTlNxDAMkvymloX3S5+VbylNrJt/l5QyPa+YoU=</hash></file>`));
    expect(file).toEqual({
      url: 'https://upload.example.test/a/photo%20one.png', name: 'photo one.png', size: 1234, mediaType: 'image/png',
      hashes: [{ algo: 'sha-256', value: '2XarmwTlNxDAMkvymloX3S5+VbylNrJt/l5QyPa+YoU=' }],
    });
    expect(parseMessage(message(`<x xmlns='jabber:x:oob'><url>https://h.example/f.txt</url></x>`))?.file).toEqual({ url: 'https://h.example/f.txt', name: 'f.txt', hashes: [] });
  });

  it('takes only web addresses, and keeps names and types harmless', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<b>', '', 'not a url']) {
      expect(parseMessageFile(message(`<x xmlns='jabber:x:oob'><url>${url.replace(/</gu, '&lt;')}</url></x>`))).toBeNull();
    }
    const file = parseMessageFile(message(`<x xmlns='jabber:x:oob'><url>https://h.example/x</url></x>
      <file xmlns='urn:xmpp:file:metadata:0'><name>../../evil\u202Egnp.exe</name><size>-5</size><media-type>text/html; x</media-type>
      <hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>not base64!</hash></file>`));
    expect(file).toEqual({ url: 'https://h.example/x', name: 'evilgnp.exe', hashes: [] });
    expect(parseMessage(message(''))?.file).toBeUndefined();
  });

  it('writes what it reads', () => {
    const file = { url: 'https://h.example/f.bin', name: 'f.bin', size: 3, mediaType: 'application/octet-stream', hashes: [{ algo: 'sha-256', value: 'AAAA' }] };
    const stanza = parseXml(`<message xmlns='jabber:client' from='a@h.example/r'>${fileElements(file).map(String).join('')}</message>`);
    expect(parseMessageFile(stanza)).toEqual(file);
  });
});

describe('the upload service (XEP-0363)', () => {
  it('reads max-file-size from the service form', () => {
    const reply = parseXml(`<iq xmlns='jabber:client' type='result'><query xmlns='http://jabber.org/protocol/disco#info'>
      <identity category='store' type='file'/><feature var='urn:xmpp:http:upload:0'/>
      <x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:http:upload:0</value></field>
      <field var='max-file-size'><value>5242880</value></field></x></query></iq>`);
    expect(parseUploadService(reply)).toEqual({ upload: true, maxFileSize: 5242880 });
    expect(parseUploadService(parseXml(`<iq xmlns='jabber:client'><query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:xmpp:http:upload:0'/></query></iq>`)))
      .toEqual({ upload: true, maxFileSize: null });
    expect(parseUploadService(parseXml(`<iq xmlns='jabber:client'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`))).toEqual({ upload: false, maxFileSize: null });
  });

  it('accepts only https slots and the three allowed headers, without line breaks', () => {
    const slot = parseSlot(parseXml(`<iq xmlns='jabber:client' type='result'><slot xmlns='urn:xmpp:http:upload:0'>
      <put url='https://up.example/p/1'><header name='Authorization'>Basic x&#13;&#10;Injected: 1</header><header name='X-Other'>no</header></put>
      <get url='https://up.example/g/1'/></slot></iq>`));
    expect(slot?.put.href).toBe('https://up.example/p/1');
    expect(slot?.headers).toEqual({ authorization: 'Basic xInjected: 1' });
    expect(parseSlot(parseXml(`<iq xmlns='jabber:client'><slot xmlns='urn:xmpp:http:upload:0'><put url='http://up.example/p'/><get url='https://up.example/g'/></slot></iq>`))).toBeNull();
  });
});
