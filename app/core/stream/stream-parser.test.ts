import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { xml, type Element } from '@xmpp/xml';
import type { CoreError } from '../errors.ts';
import { StreamParser } from './stream-parser.ts';
import type { StreamLimits } from './stream-scanner.ts';

const HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='s1' version='1.0'>";
const PROCEED = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
/** More runs on demand (`FUZZ_RUNS=100000`); the test command runs a few hundred. */
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const FUZZ_TIMEOUT_MS = 5_000 + FUZZ_RUNS * 5;
const SUCCESS = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>";

interface Parsed {
  readonly root: Element | null;
  readonly elements: Element[];
  readonly violations: CoreError[];
  readonly ended: boolean;
}

function parse(chunks: ReadonlyArray<string | Buffer>, limits?: StreamLimits): Parsed {
  const violations: CoreError[] = [];
  const parser = new StreamParser(limits, (error) => violations.push(error));
  const result: { root: Element | null; elements: Element[]; violations: CoreError[]; ended: boolean } = { root: null, elements: [], violations, ended: false };
  parser.on('start', (root: Element) => (result.root = root));
  parser.on('element', (element: Element) => result.elements.push(element));
  parser.on('end', () => (result.ended = true));
  for (const chunk of chunks) parser.write(chunk);
  return result;
}

const codeOf = (parsed: Parsed): string | undefined => parsed.violations[0]?.appError.code;
const conditionOf = (parsed: Parsed): string | undefined => parsed.violations[0]?.appError.condition;

describe('the stream parser', () => {
  it('builds the header, each stanza and the end, as xmpp.js did', () => {
    const parsed = parse([HEADER, "<message to='a@b' id='1'><body>hi &amp; bye</body></message> \n\t<presence/></stream:stream>"]);
    expect(parsed.violations).toEqual([]);
    expect(parsed.root?.attrs.id).toBe('s1');
    expect(parsed.elements.map((e) => e.toString())).toEqual(['<message to="a@b" id="1"><body>hi &amp; bye</body></message>', '<presence/>']);
    expect(parsed.elements[0]?.parent).toBe(parsed.root);
    expect(parsed.ended).toBe(true);
  });

  it('keeps no whitespace keepalives in the stream root (a long session would collect them)', () => {
    const parsed = parse([HEADER, ...Array.from({ length: 1000 }, () => ' '), '<presence/>', '\n']);
    expect(parsed.violations).toEqual([]);
    expect(parsed.root?.children).toEqual([]);
  });

  it('keeps a character whole when TCP splits its bytes between two segments', () => {
    const bytes = Buffer.from(`${HEADER}<message><body>Grüße 👋</body></message>`, 'utf8');
    const split = bytes.indexOf(Buffer.from('👋')) + 2;
    const parsed = parse([bytes.subarray(0, split), bytes.subarray(split)]);
    expect(parsed.elements[0]?.getChildText('body')).toBe('Grüße 👋');
  });

  it('ends the stream on invalid UTF-8 instead of guessing', () => {
    const parsed = parse([Buffer.from(HEADER), Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e])]);
    expect(conditionOf(parsed)).toBe('unsupported-encoding');
    expect(parsed.elements).toEqual([]);
  });

  it('refuses a stanza larger than the limit, before building it, and accepts one just under it', () => {
    const limits: StreamLimits = { maxElementChars: 1000, maxDepth: 64 };
    const under = `<message><body>${'x'.repeat(1000 - '<message><body></body></message>'.length)}</body></message>`;
    expect(parse([HEADER, under], limits).violations).toEqual([]);
    const over = `<message><body>${'x'.repeat(1000)}</body></message>`;
    const parsed = parse([HEADER, over.slice(0, 500), over.slice(500)], limits);
    expect(codeOf(parsed)).toBe('protocol-violation');
    expect(conditionOf(parsed)).toBe('policy-violation');
    expect(parsed.elements).toEqual([]);
  });

  it('counts the default limit as 1 MiB of text per stanza', () => {
    const body = 'y'.repeat(1024 * 1024);
    const parsed = parse([HEADER, `<message><body>${body}</body></message>`]);
    expect(conditionOf(parsed)).toBe('policy-violation');
  });

  it('refuses elements nested deeper than the limit', () => {
    const nest = (depth: number): string => `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;
    expect(parse([HEADER, nest(64)]).violations).toEqual([]);
    const parsed = parse([HEADER, nest(65)]);
    expect(conditionOf(parsed)).toBe('policy-violation');
  });

  it.each([
    ['a comment', '<message><!-- hi --></message>'],
    ['a document type with an entity declaration', '<!DOCTYPE x [<!ENTITY big "aaaaaaaaaa">]><message>&big;</message>'],
    ['a processing instruction inside the stream', '<message><?php echo 1 ?></message>'],
  ])('refuses %s (restricted XML, RFC 6120 §11.1)', (_what, input) => {
    const parsed = parse([HEADER, input]);
    expect(conditionOf(parsed)).toBe('restricted-xml');
    expect(parsed.elements).toEqual([]);
  });

  it.each([
    ['an entity XML does not predefine', '<message><body>&lol;</body></message>'],
    ['an illegal character reference', '<message><body>&#0;</body></message>'],
    ['a mismatched end tag', '<message><body></message></body>'],
    ['text between stanzas', '<presence/>hello<presence/>'],
    ['an end tag nobody opened', '</message>'],
    ['an unquoted attribute value (ltx would read on to the next quote)', '<message from=boss@example.test><body>x</body></message>'],
    ['a space between "/" and ">"', '<message/ >'],
    ['attributes without white space between them', "<message to='a'from='b'/>"],
    ['"<" inside an attribute value', "<message id='<'/>"],
    ['an attribute without a value', '<message disabled/>'],
  ])('ends the stream on %s without throwing', (_what, input) => {
    const parsed = parse([HEADER, input]);
    expect(codeOf(parsed)).toBe('protocol-violation');
  });

  it('accepts white space around "=" and before the end of a tag', () => {
    const parsed = parse([HEADER, '<message  id = "1"\n type=\'chat\' /><presence\t>\n</presence >']);
    expect(parsed.violations).toEqual([]);
    expect(parsed.elements.map((e) => e.toString())).toEqual(['<message id="1" type="chat"/>', '<presence>\n</presence>']);
  });

  it('accepts CDATA with markup characters inside a stanza, and ">" in attribute values', () => {
    const parsed = parse([HEADER, "<message id='a>b'><body><![CDATA[<b>x</b> ]] >]]></body></message>"]);
    expect(parsed.violations).toEqual([]);
    expect(parsed.elements[0]?.attrs.id).toBe('a>b');
    expect(parsed.elements[0]?.getChildText('body')).toBe('<b>x</b> ]] >');
  });

  it('refuses anything after the stream has ended', () => {
    const parsed = parse([HEADER, '</stream:stream>', '<message/>']);
    expect(parsed.ended).toBe(true);
    expect(codeOf(parsed)).toBe('protocol-violation');
  });

  describe('STARTTLS injection', () => {
    it('accepts <proceed/> alone', () => {
      const parsed = parse([HEADER, PROCEED]);
      expect(parsed.violations).toEqual([]);
      expect(parsed.elements.map((e) => e.name)).toEqual(['proceed']);
    });

    it.each([
      ['forged stream features offering only PLAIN', "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>"],
      ['a forged message', "<message from='boss@example.test'><body>wire the money</body></message>"],
      ['a forged stream header', "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"],
      ['a partial tag', '<mes'],
      ['a single space', ' '],
    ])('fails with tls-injection when <proceed/> is followed in the same segment by %s, and builds none of it', (_what, injected) => {
      const parsed = parse([HEADER, PROCEED + injected]);
      expect(codeOf(parsed)).toBe('tls-injection');
      expect(parsed.elements.map((e) => e.name)).toEqual(['proceed']);
    });

    it('fails with tls-injection when bytes follow <proceed/> in a later segment', () => {
      const parsed = parse([HEADER, PROCEED, "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"]);
      expect(codeOf(parsed)).toBe('tls-injection');
      expect(parsed.elements.map((e) => e.name)).toEqual(['proceed']);
    });

    it('treats data behind SASL <success/> before the restart as a violation (RFC 6120 §6.4.6)', () => {
      const parsed = parse([HEADER, SUCCESS + "<iq type='result' id='bind-1'/>"]);
      expect(codeOf(parsed)).toBe('protocol-violation');
      expect(parsed.elements.map((e) => e.name)).toEqual(['success']);
    });

    it('does not seal on SASL2 <success/>, after which the stream goes on (XEP-0388)', () => {
      const parsed = parse([HEADER, "<success xmlns='urn:xmpp:sasl:2'/><stream:features/>"]);
      expect(parsed.violations).toEqual([]);
      expect(parsed.elements).toHaveLength(2);
    });
  });

  describe('fuzzed (structure-aware)', () => {
    const name = fc.constantFrom('message', 'presence', 'iq', 'body', 'x', 'query', 'item', 'a:b');
    const text = fc.string({ unit: 'binary', maxLength: 20 }).map((s) => s.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd]/gu, ''));
    const attrs = fc.dictionary(fc.constantFrom('id', 'to', 'from', 'type', 'xmlns', 'name'), text, { maxKeys: 3 });
    const tree: fc.Arbitrary<Element> = fc.letrec<{ node: Element }>((tie) => ({
      node: fc
        .tuple(name, attrs, fc.array(fc.oneof({ depthSize: 'small' }, text, tie('node')), { maxLength: 4 }))
        .map(([n, a, children]) => xml(n, a, ...children)),
    })).node;

    it('builds the same stanzas however TCP splits the bytes', () => {
      fc.assert(
        fc.property(fc.array(tree, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 8 }), (stanzas, cuts) => {
          const serialized = stanzas.map((s) => s.toString());
          const bytes = Buffer.from(HEADER + serialized.join(' '), 'utf8');
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((start, i) => bytes.subarray(start, points[i] ?? bytes.length));
          const parsed = parse(chunks);
          expect(parsed.violations).toEqual([]);
          expect(parsed.elements.map((e) => e.toString())).toEqual(serialized);
        }),
        { numRuns: FUZZ_RUNS, seed: 8 },
      );
    }, FUZZ_TIMEOUT_MS);

    it('never throws on arbitrary bytes: it builds stanzas or reports one violation', () => {
      fc.assert(
        fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 6 }), fc.array(fc.constantFrom('<', '>', '/', "'", '"', '!', '?', '&', ';', '[', ']', 'a', ' '), { maxLength: 40 }), (binary, markup) => {
          const parsed = parse([HEADER, ...binary.map((b) => Buffer.from(b)), markup.join('')]);
          expect(parsed.violations.length).toBeLessThanOrEqual(1);
        }),
        { numRuns: FUZZ_RUNS * 2, seed: 8 },
      );
    }, FUZZ_TIMEOUT_MS);
  });
});
