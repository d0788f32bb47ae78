import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inEnglish, phrase } from './phrase.ts';
import { decodePunycode, describeXmppUri, domainToUnicode, formatXmppUri, parseXmppUri, type XmppUri } from './xmpp-uri.ts';

function parsed(input: string): XmppUri {
  const result = parseXmppUri(input);
  if (!result.ok) throw new Error(`expected ${input} to parse: ${result.reason}`);
  return result.uri;
}

function reason(input: string): string {
  const result = parseXmppUri(input);
  if (result.ok) throw new Error(`expected ${input} to be refused`);
  return result.reason;
}

describe('parseXmppUri: addresses', () => {
  it('takes a plain address as "open a conversation"', () => {
    expect(parsed('xmpp:juliet@example.com')).toEqual({ jid: 'juliet@example.com', bare: 'juliet@example.com', action: { type: 'open' } });
  });

  it('folds the scheme, the node and the domain to lower case and trims surrounding space', () => {
    expect(parsed('  XMPP:Juliet@Example.COM  ').jid).toBe('juliet@example.com');
  });

  it('keeps a resource, which may hold "/" and "@", and gives the bare address beside it', () => {
    const uri = parsed('xmpp:juliet@example.com/balcony/upper@floor');
    expect(uri.jid).toBe('juliet@example.com/balcony/upper@floor');
    expect(uri.bare).toBe('juliet@example.com');
  });

  it('accepts a server-only address', () => {
    expect(parsed('xmpp:example.com').bare).toBe('example.com');
  });

  it('decodes percent-encoded UTF-8 in node, domain and resource', () => {
    expect(parsed('xmpp:n%C3%A9gritude@example.com/Caf%C3%A9').jid).toBe('négritude@example.com/Café');
    expect(parsed('xmpp:juliet@%65xample.com').bare).toBe('juliet@example.com');
  });

  it('takes IRIs: characters outside ASCII as they are', () => {
    expect(parsed('xmpp:jürgen@münchen.example').bare).toBe('jürgen@münchen.example');
  });

  it('turns IDN A-labels into U-labels, as a JID carries them', () => {
    expect(parsed('xmpp:juliet@xn--mnchen-3ya.example').bare).toBe('juliet@münchen.example');
    expect(parsed('xmpp:juliet@XN--MNCHEN-3YA.example').bare).toBe('juliet@münchen.example');
  });

  it('reads the account to use from the authority (xmpp://account/target)', () => {
    const uri = parsed('xmpp://guest@example.com/support@example.com?message');
    expect(uri.account).toBe('guest@example.com');
    expect(uri.bare).toBe('support@example.com');
  });

  it('ignores the fragment', () => {
    expect(parsed('xmpp:juliet@example.com?message;body=hi#top').action).toEqual({ type: 'message', body: 'hi', subject: '', thread: '' });
  });
});

describe('parseXmppUri: actions', () => {
  it('?message with body, subject and thread, percent-decoded, "+" staying a plus', () => {
    expect(parsed('xmpp:romeo@montague.net?message;subject=Test%20Message;body=Here%27s%20a%20test+message%0Awith%20a%20line;thread=t1').action).toEqual({
      type: 'message',
      subject: 'Test Message',
      body: "Here's a test+message\nwith a line",
      thread: 't1',
    });
  });

  it('?message without parameters, and a parameter without a value', () => {
    expect(parsed('xmpp:romeo@montague.net?message').action).toEqual({ type: 'message', body: '', subject: '', thread: '' });
    expect(parsed('xmpp:romeo@montague.net?message;body').action).toEqual({ type: 'message', body: '', subject: '', thread: '' });
  });

  it('keeps "=" and ";" inside an encoded value, and takes the first of a repeated key', () => {
    expect(parsed('xmpp:a@b.example?message;body=1%3B2=3;body=second').action).toMatchObject({ body: '1;2=3' });
  });

  it('?roster with a name and groups (repeated, trimmed, without duplicates or blanks)', () => {
    expect(parsed('xmpp:juliet@example.com?roster;name=Juliet%20Capulet;group=Friends;group=Verona;group=Friends;group=').action).toEqual({
      type: 'roster',
      name: 'Juliet Capulet',
      groups: ['Friends', 'Verona'],
    });
  });

  it('?subscribe, ?unsubscribe and ?remove', () => {
    expect(parsed('xmpp:juliet@example.com?subscribe').action).toEqual({ type: 'subscribe' });
    expect(parsed('xmpp:juliet@example.com?unsubscribe').action).toEqual({ type: 'unsubscribe' });
    expect(parsed('xmpp:juliet@example.com?remove').action).toEqual({ type: 'remove' });
  });

  it('?join with and without a password; a nickname resource is kept apart from the room', () => {
    expect(parsed('xmpp:darkcave@chat.shakespeare.lit?join').action).toEqual({ type: 'join', password: '' });
    const uri = parsed('xmpp:darkcave@chat.shakespeare.lit/thirdwitch?join;password=cauldronburn');
    expect(uri.action).toEqual({ type: 'join', password: 'cauldronburn' });
    expect(uri.bare).toBe('darkcave@chat.shakespeare.lit');
  });

  it('names an action it does not offer rather than guessing', () => {
    expect(parsed('xmpp:example.com?command;node=announce').action).toEqual({ type: 'unsupported', name: 'command' });
    expect(parsed('xmpp:juliet@example.com?Message').action).toEqual({ type: 'unsupported', name: 'Message' });
  });

  it('an empty query is "open"', () => {
    expect(parsed('xmpp:juliet@example.com?').action).toEqual({ type: 'open' });
  });
});

describe('parseXmppUri: refusals say why', () => {
  it.each([
    ['', 'not an xmpp: link'],
    ['https://example.com', 'not an xmpp: link'],
    ['mailto:juliet@example.com', 'not an xmpp: link'],
    ['xmpp:', 'address in the link is missing'],
    ['xmpp:?message', 'address in the link is missing'],
    ['xmpp:juliet@', 'not a valid Jabber ID'],
    ['xmpp:@example.com', 'not a valid Jabber ID'],
    ['xmpp:jul iet@example.com', 'spaces or control characters'],
    ['xmpp:jul%20iet@example.com', 'not a valid Jabber ID'],
    ['xmpp:%20juliet@example.com', 'not a valid Jabber ID'],
    ['xmpp:jul%22iet@example.com', 'not a valid Jabber ID'],
    ['xmpp:juliet%40capulet@example.com', 'not a valid Jabber ID'],
    ['xmpp:juliet@exa%2Fmple.com', 'not a valid Jabber ID'],
    ['xmpp:juliet@example..com', 'not a valid Jabber ID'],
    ['xmpp:juliet@example.com/', 'not a valid Jabber ID'],
    ['xmpp:juliet@%ZZ.com', 'broken percent-encoding'],
    ['xmpp:juliet@example.com?message;body=%E2%82', 'broken percent-encoding'],
    ['xmpp:juliet@%00.com', 'not a valid Jabber ID'],
    ['xmpp:juliet@xn--99999999999.example', 'not valid Punycode'],
    ['xmpp://example.com/juliet@example.com', 'needs a user name and a server'],
    ['xmpp:juliet@example.com\u0000', 'control characters'],
  ])('refuses %j (%s)', (input, expected) => {
    expect(reason(input)).toContain(expected);
  });

  it('refuses a link longer than it could sensibly be', () => {
    expect(reason(`xmpp:a@b.example?message;body=${'x'.repeat(9000)}`)).toContain('longer than');
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string(), (tail) => {
        const result = parseXmppUri(`xmpp:${tail}`);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
    expect(parseXmppUri(42 as unknown as string).ok).toBe(false);
  });
});

describe('parseXmppUri: refusals as phrases', () => {
  it('gives the reason as a phrase whose English is the reason, with the parts it names as values', () => {
    const refused = parseXmppUri('xmpp:alice@exa%ZZmple.com');
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(inEnglish(refused.reasonPhrase)).toBe(refused.reason);
    expect(refused.reasonPhrase.template).toBe('{{what}} has a broken percent-encoding ("%" must be followed by two hex digits of UTF-8)');
    expect(refused.reasonPhrase.values.what).toEqual(phrase('the address in the link'));
  });
});

describe('Punycode (RFC 3492 §7.1 samples)', () => {
  it.each([
    ['mnchen-3ya', 'münchen'],
    ['bcher-kva', 'bücher'],
    ['ihqwcrb4cv8a8dqg056pqjye', '他们为什么不说中文'],
    ['egbpdaj6bu4bxfgehfvwxn', 'ليهمابتكلموشعربي؟'],
    ['d9juau41awczczp', 'そのスピードで'],
  ])('%s → %s', (encoded, decoded) => {
    expect(decodePunycode(encoded)).toBe(decoded);
  });

  it('decodes labels of a whole domain and leaves the others', () => {
    expect(domainToUnicode('chat.xn--bcher-kva.example')).toBe('chat.bücher.example');
  });
});

describe('formatXmppUri', () => {
  it('round-trips through parseXmppUri, percent-encoding what needs it', () => {
    const uri = formatXmppUri('juliet@example.com', 'message', [['body', 'Hi; how are you? 100% sure & = fine'], ['subject', 'Grüße']]);
    expect(uri).toBe('xmpp:juliet@example.com?message;body=Hi%3B%20how%20are%20you%3F%20100%25%20sure%20%26%20%3D%20fine;subject=Gr%C3%BC%C3%9Fe');
    expect(parsed(uri).action).toEqual({ type: 'message', body: 'Hi; how are you? 100% sure & = fine', subject: 'Grüße', thread: '' });
  });

  it('round-trips any body', () => {
    fc.assert(
      fc.property(fc.string(), (body) => {
        const uri = parsed(formatXmppUri('romeo@montague.net', 'message', [['body', body]]));
        expect(uri.action).toMatchObject({ body });
      }),
    );
  });
});

describe('describeXmppUri', () => {
  it('asks the question the confirmation shows', () => {
    expect(describeXmppUri(parsed('xmpp:juliet@example.com?message;body=hi'))).toBe('Send message to juliet@example.com?');
    expect(describeXmppUri(parsed('xmpp:juliet@example.com'))).toBe('Send message to juliet@example.com?');
    expect(describeXmppUri(parsed('xmpp:juliet@example.com?roster'))).toBe('Add contact juliet@example.com?');
    expect(describeXmppUri(parsed('xmpp:juliet@example.com?subscribe'))).toBe('Add contact juliet@example.com?');
    expect(describeXmppUri(parsed('xmpp:room@muc.example.com?join'))).toBe('Join room room@muc.example.com?');
    expect(describeXmppUri(parsed('xmpp:juliet@example.com?remove'))).toBe('Remove contact juliet@example.com?');
  });
});
