import { describe, expect, it } from 'vitest';
import { MAX_QUOTE_DEPTH, parseSpans, parseStyling, type StyledBlock, type StyledSpan } from './styling.ts';

const plain = (text: string): StyledSpan => ({ kind: 'plain', text });
const strong = (...children: StyledSpan[]): StyledSpan => ({ kind: 'strong', children });
const em = (...children: StyledSpan[]): StyledSpan => ({ kind: 'emphasis', children });
const strike = (...children: StyledSpan[]): StyledSpan => ({ kind: 'strike', children });
const mono = (text: string): StyledSpan => ({ kind: 'preformatted', text });
const line = (...spans: StyledSpan[]): StyledBlock => ({ kind: 'line', spans });
const quote = (...blocks: StyledBlock[]): StyledBlock => ({ kind: 'quote', blocks });

/** The text a span tree shows without its directives. */
const textOf = (spans: readonly StyledSpan[]): string =>
  spans.map((span) => ('children' in span ? textOf(span.children) : span.text)).join('');

describe('parseSpans: the XEP-0393 examples', () => {
  it('styles what the XEP styles', () => {
    expect(parseSpans('*strong*')).toEqual([strong(plain('strong'))]);
    expect(parseSpans('plain *strong* plain')).toEqual([plain('plain '), strong(plain('strong')), plain(' plain')]);
    expect(parseSpans('*strong* plain *strong*')).toEqual([strong(plain('strong')), plain(' plain '), strong(plain('strong'))]);
    expect(parseSpans('*strong*plain*')).toEqual([strong(plain('strong')), plain('plain*')]);
    expect(parseSpans('* plain *strong*')).toEqual([plain('* plain '), strong(plain('strong'))]);
  });

  it('styles nothing where the XEP styles nothing', () => {
    for (const text of ['not strong*', '*not strong', '*not *strong', '**', '***', '****', '* not strong *', '*not strong *']) {
      expect(parseSpans(text)).toEqual([plain(text)]);
    }
  });

  it('knows each span kind', () => {
    expect(parseSpans('The full title is _Twelfth Night, or What You Will_ but')).toEqual([
      plain('The full title is '), em(plain('Twelfth Night, or What You Will')), plain(' but'),
    ]);
    expect(parseSpans('Everyone ~dis~likes cake.')).toEqual([plain('Everyone '), strike(plain('dis')), plain('likes cake.')]);
    expect(parseSpans('Wow, I can write in `monospace`!')).toEqual([plain('Wow, I can write in '), mono('monospace'), plain('!')]);
  });

  it('does not style inside a preformatted span', () => {
    expect(parseSpans('This is `*monospace*`')).toEqual([plain('This is '), mono('*monospace*')]);
    expect(parseSpans('_no pre `with *children*`_')).toEqual([em(plain('no pre '), mono('with *children*'))]);
  });

  it('nests different spans, opening right after an opening directive', () => {
    expect(parseSpans('This is *`monospace and bold`*')).toEqual([plain('This is '), strong(mono('monospace and bold'))]);
    expect(parseSpans('_emphasized span containing *strong span*_')).toEqual([
      em(plain('emphasized span containing '), strong(plain('strong span'))),
    ]);
    expect(parseSpans('*_~all three~_*')).toEqual([strong(em(strike(plain('all three'))))]);
  });

  it('does not let spans overlap: the first closer wins and the rest is text', () => {
    expect(parseSpans('*this cannot _overlap*_')).toEqual([strong(plain('this cannot _overlap')), plain('_')]);
  });

  it('opens a span right after another one ends', () => {
    expect(parseSpans('*strong* _emph_~strike~  `pre`')).toEqual([
      strong(plain('strong')), plain(' '), em(plain('emph')), strike(plain('strike')), plain('  '), mono('pre'),
    ]);
  });
});

describe('parseSpans: text that only looks like styling', () => {
  it('leaves directives inside words alone', () => {
    for (const text of ['snake_case_name', '2*3*4', 'a~b~c', 'https://example.com/~user/a_b_c', 'don`t do`that']) {
      expect(parseSpans(text)).toEqual([plain(text)]);
    }
  });

  it('needs a directive after whitespace or at the line start, not after punctuation', () => {
    expect(parseSpans('(*not strong*)')).toEqual([plain('(*not strong*)')]);
    expect(parseSpans('\t*tab*')).toEqual([plain('\t'), strong(plain('tab'))]);
  });

  it('treats Unicode whitespace as whitespace', () => {
    expect(parseSpans('a\u00a0*nbsp*')).toEqual([plain('a\u00a0'), strong(plain('nbsp'))]);
    expect(parseSpans('*x\u3000*')).toEqual([plain('*x\u3000*')]);
  });

  it('keeps HTML as text', () => {
    expect(parseSpans('<b>not html</b> *bold*')).toEqual([plain('<b>not html</b> '), strong(plain('bold'))]);
  });

  it('keeps every character: the spans spell the line without its directives', () => {
    const text = 'a *b _c_ d* `e *f*` ~g~ _h';
    expect(textOf(parseSpans(text))).toBe('a b c d e *f* g _h');
  });

  it('handles characters outside the BMP next to directives', () => {
    expect(parseSpans('😀 *😀*')).toEqual([plain('😀 '), strong(plain('😀'))]);
  });
});

describe('parseStyling: blocks', () => {
  it('makes one plain line per line, and spans never cross lines', () => {
    expect(parseStyling('one\nand two')).toEqual([line(plain('one')), line(plain('and two'))]);
    expect(parseStyling('*not \n strong*')).toEqual([line(plain('*not ')), line(plain(' strong*'))]);
    expect(parseStyling('')).toEqual([line()]);
    expect(parseStyling('a\n\nb')).toEqual([line(plain('a')), line(), line(plain('b'))]);
  });

  it('reads a preformatted block up to its closing fence, unstyled', () => {
    expect(parseStyling('```ignored\n(println "Hello, *world*!")\n```\n\nThis should show up')).toEqual([
      { kind: 'preformatted', fence: '```ignored', lines: ['(println "Hello, *world*!")'], closed: true },
      line(),
      line(plain('This should show up')),
    ]);
    expect(parseStyling('```\npre *fmt* ```\n```\nplain')).toEqual([
      { kind: 'preformatted', fence: '```', lines: ['pre *fmt* ```'], closed: true },
      line(plain('plain')),
    ]);
  });

  it('runs a preformatted block without a closing fence to the end of its parent', () => {
    expect(parseStyling('```\na```')).toEqual([{ kind: 'preformatted', fence: '```', lines: ['a```'], closed: false }]);
    expect(parseStyling('```\n> not a quote\n\n*not strong*')).toEqual([
      { kind: 'preformatted', fence: '```', lines: ['> not a quote', '', '*not strong*'], closed: false },
    ]);
    expect(parseStyling('> ```\n> (println "Hello")\n\nThe entire blockquote is a preformatted text block')).toEqual([
      quote({ kind: 'preformatted', fence: '```', lines: ['(println "Hello")'], closed: false }),
      line(),
      line(plain('The entire blockquote is a preformatted text block')),
    ]);
  });

  it('takes a lone fence on the last line as text', () => {
    expect(parseStyling('```code```')).toEqual([line(plain('```code```'))]);
    expect(parseStyling('see\n```')).toEqual([line(plain('see')), line(plain('```'))]);
  });

  it('quotes lines starting with ">", trimming one whitespace character, until a line without it', () => {
    expect(parseStyling('> That that is, is.\n\nSaid the old hermit of Prague.')).toEqual([
      quote(line(plain('That that is, is.'))),
      line(),
      line(plain('Said the old hermit of Prague.')),
    ]);
    expect(parseStyling('>  two spaces\n>none')).toEqual([quote(line(plain(' two spaces')), line(plain('none')))]);
    expect(parseStyling('> *styled* inside')).toEqual([quote(line(strong(plain('styled')), plain(' inside')))]);
    expect(parseStyling('> ')).toEqual([quote(line())]);
  });

  it('nests quotations', () => {
    expect(parseStyling('>> That that is, is.\n> Said the old hermit of Prague.\n\nWho?')).toEqual([
      quote(quote(line(plain('That that is, is.'))), line(plain('Said the old hermit of Prague.'))),
      line(),
      line(plain('Who?')),
    ]);
  });

  it('holds code blocks inside quotations, closed by a quoted fence', () => {
    expect(parseStyling('> ```\n> pre\n> ```\n> not pre')).toEqual([
      quote({ kind: 'preformatted', fence: '```', lines: ['pre'], closed: true }, line(plain('not pre'))),
    ]);
  });

  it('does not take ">" inside a line, or an HTML tag, as a quotation', () => {
    expect(parseStyling('a > b')).toEqual([line(plain('a > b'))]);
    expect(parseStyling(' > indented')).toEqual([line(plain(' > indented'))]);
  });
});

/** The body a tree came from, directives included (quotations aside: they drop their ">"). */
const sourceOfSpans = (spans: readonly StyledSpan[]): string => spans.map((span) => {
  switch (span.kind) {
    case 'plain': return span.text;
    case 'preformatted': return `\`${span.text}\``;
    case 'strong': return `*${sourceOfSpans(span.children)}*`;
    case 'emphasis': return `_${sourceOfSpans(span.children)}_`;
    case 'strike': return `~${sourceOfSpans(span.children)}~`;
  }
}).join('');
const sourceOf = (blocks: readonly StyledBlock[]): string => blocks.map((block) => {
  if (block.kind === 'line') return sourceOfSpans(block.spans);
  if (block.kind === 'preformatted') return [block.fence, ...block.lines, ...(block.closed ? ['```'] : [])].join('\n');
  throw new Error('quotations are not reversible');
}).join('\n');

describe('parseStyling loses nothing', () => {
  it('gives back every character of random bodies made of directives, spaces and newlines', () => {
    let seed = 393;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const alphabet = ['*', '_', '~', '`', '```', ' ', '\n', 'a', 'b', '\u00a0', '😀'];
    for (let round = 0; round < 2000; round += 1) {
      const length = Math.floor(random() * 30);
      const body = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]!).join('');
      expect(sourceOf(parseStyling(body)), JSON.stringify(body)).toBe(body);
    }
  });
});

describe('hostile input', () => {
  /** Runs `parse` on `input` and fails if it takes more than `budgetMs`. */
  const withinBudget = <T>(input: string, parse: (text: string) => T, budgetMs = 2000): T => {
    const started = performance.now();
    const result = parse(input);
    expect(performance.now() - started).toBeLessThan(budgetMs);
    return result;
  };

  it('stays fast on a long line of openers that never close', () => {
    for (const unit of ['*a ', '_a ', '`a ', ' *a_ ~b']) {
      const text = unit.repeat(100_000);
      const spans = withinBudget(text, parseSpans);
      expect(textOf(spans).length).toBeLessThanOrEqual(text.length);
    }
  });

  it('stays fast and keeps the text on long runs of directives', () => {
    for (const char of ['*', '_', '~', '`']) {
      const text = char.repeat(200_000);
      expect(withinBudget(text, parseStyling)).toEqual([line(plain(text))]);
    }
  });

  it('stays fast with many spans that do close', () => {
    const text = '*a* _b_ ~c~ `d` '.repeat(50_000);
    const spans = withinBudget(text, parseSpans);
    expect(spans.filter((span) => span.kind === 'strong')).toHaveLength(50_000);
  });

  it('stays fast on many lines, fences and quotes', () => {
    withinBudget('```\n'.repeat(100_000), parseStyling);
    withinBudget('> *a*\n'.repeat(100_000), parseStyling);
    withinBudget('>>>>>>>>>> x\n'.repeat(20_000), parseStyling);
  });

  it('nests quotations only so deep, keeping deeper ">" as text', () => {
    const blocks = parseStyling(`${'>'.repeat(100_000)} deep`);
    let node: StyledBlock = blocks[0]!;
    let depth = 0;
    while (node.kind === 'quote') {
      depth += 1;
      node = node.blocks[0]!;
    }
    expect(depth).toBe(MAX_QUOTE_DEPTH);
    expect(node).toEqual(line(plain(`${'>'.repeat(100_000 - MAX_QUOTE_DEPTH)} deep`)));
  });
});
