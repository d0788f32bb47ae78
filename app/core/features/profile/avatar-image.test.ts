import { describe, expect, it } from 'vitest';
import { checkAvatar, decodeAvatarBase64, MAX_AVATAR_BYTES, sha1Hex, sniffImageType } from './avatar-image.ts';
import { parsePepEvent, parsePhotoUpdate, parseVCardTemp } from '../../xml/profile.ts';
import { parseStanzaXml } from '../../xml/parse-xml.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const HASH = sha1Hex(PNG);

describe('avatar checks', () => {
  it('reads the type from the bytes, never from a claim: PNG, JPEG, GIF, WebP only', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Buffer.from('<?xml version="1.0"?><svg/>'))).toBeNull();
  });

  it('accepts only the bytes whose SHA-1 is the announced hash, within the size cap', () => {
    expect(checkAvatar(PNG, HASH)).toMatchObject({ ok: true, image: { hash: HASH, type: 'image/png', dataUrl: `data:image/png;base64,${PNG.toString('base64')}` } });
    expect(checkAvatar(PNG, 'f'.repeat(40))).toMatchObject({ ok: false });
    expect(checkAvatar(Buffer.concat([PNG, Buffer.alloc(MAX_AVATAR_BYTES)]), null)).toMatchObject({ ok: false });
    expect(decodeAvatarBase64(`${PNG.toString('base64').slice(0, 20)}\n ${PNG.toString('base64').slice(20)}`)).toEqual(PNG);
    expect(decodeAvatarBase64('not base64!')).toBeNull();
    expect(decodeAvatarBase64('A'.repeat(MAX_AVATAR_BYTES * 2))).toBeNull();
  });
});

describe('avatar and profile parsers', () => {
  it('reads avatar metadata notifications, their removal, and nicknames', () => {
    const event = (inner: string) => parseStanzaXml(`<message from='bob@example.test'><event xmlns='http://jabber.org/protocol/pubsub#event'>${inner}</event></message>`);
    expect(parsePepEvent(event(`<items node='urn:xmpp:avatar:metadata'><item id='${HASH}'><metadata xmlns='urn:xmpp:avatar:metadata'><info id='${HASH.toUpperCase()}' bytes='70' type='image/png'/><info id='${'b'.repeat(40)}' url='https://example.test/a.png' type='image/png'/></metadata></item></items>`)))
      .toEqual({ kind: 'avatar', from: 'bob@example.test', avatar: { hash: HASH, type: 'image/png', bytes: 70 } });
    expect(parsePepEvent(event(`<items node='urn:xmpp:avatar:metadata'><item id='x'><metadata xmlns='urn:xmpp:avatar:metadata'/></item></items>`))).toMatchObject({ avatar: null });
    expect(parsePepEvent(event(`<purge node='urn:xmpp:avatar:metadata'/>`))).toMatchObject({ kind: 'avatar', avatar: null });
    expect(parsePepEvent(event(`<items node='urn:xmpp:avatar:metadata'><item id='x'><metadata xmlns='urn:xmpp:avatar:metadata'><info id='../../etc/passwd' type='image/png'/></metadata></item></items>`))).toMatchObject({ avatar: null });
    expect(parsePepEvent(event(`<items node='http://jabber.org/protocol/nick'><item><nick xmlns='http://jabber.org/protocol/nick'> Bobby </nick></item></items>`))).toEqual({ kind: 'nickname', from: 'bob@example.test', nickname: 'Bobby' });
    expect(parsePepEvent(parseStanzaXml(`<message from='bob@example.test'><body>hi</body></message>`))).toBeNull();
  });

  it('reads the XEP-0153 photo hash: a hash, none, or not said', () => {
    expect(parsePhotoUpdate(parseStanzaXml(`<presence from='b@x/r'><x xmlns='vcard-temp:x:update'><photo>${HASH}</photo></x></presence>`))).toBe(HASH);
    expect(parsePhotoUpdate(parseStanzaXml(`<presence from='b@x/r'><x xmlns='vcard-temp:x:update'><photo/></x></presence>`))).toBe('');
    expect(parsePhotoUpdate(parseStanzaXml(`<presence from='b@x/r'><x xmlns='vcard-temp:x:update'/></presence>`))).toBeNull();
  });

  it('reads the business fields and photo of a vcard-temp', () => {
    const vcard = parseStanzaXml(`<vCard xmlns='vcard-temp'><FN>Bob</FN><ORG><ORGNAME>Acme</ORGNAME></ORG><TITLE>Boss</TITLE><EMAIL><USERID>b@acme</USERID></EMAIL><TEL><NUMBER>123</NUMBER></TEL><PHOTO><TYPE>image/png</TYPE><BINVAL>AAAA\nBBBB</BINVAL></PHOTO></vCard>`);
    expect(parseVCardTemp(vcard)).toEqual({
      profile: { fullName: 'Bob', nickname: '', organisation: 'Acme', title: 'Boss', email: 'b@acme', phone: '123' },
      photo: { base64: 'AAAABBBB', type: 'image/png' },
    });
  });
});
