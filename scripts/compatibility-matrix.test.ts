import { describe, expect, it } from 'vitest';
import { parseResults, renderMatrix } from './compatibility-matrix.ts';

describe('compatibility matrix', () => {
  it('renders one table per peer, a column per server pair, the worst outcome per cell and n/a where nothing was recorded', () => {
    const results = parseResults([
      JSON.stringify({ feature: 'Chat', server: 'A → B', peer: 'bot', outcome: 'pass' }),
      JSON.stringify({ feature: 'Chat', server: 'B → A', peer: 'bot', outcome: 'pass' }),
      JSON.stringify({ feature: 'Chat', server: 'B → A', peer: 'bot', outcome: 'fail', note: 'flaky | once' }),
      JSON.stringify({ feature: 'Avatars', server: 'A → B', peer: 'bot', outcome: 'pass' }),
      '',
      JSON.stringify({ feature: 'Chat', server: 'A → B', peer: 'other', outcome: 'n/a' }),
    ].join('\n'));
    const text = renderMatrix(results, 'Header.');
    expect(text).toContain('Header.');
    expect(text).toContain('## Peer: bot\n\n| Feature | A → B | B → A |');
    expect(text).toContain('| Avatars | ✅ pass | ➖ n/a |');
    expect(text).toContain('| Chat | ✅ pass | ❌ fail |');
    expect(text).toContain('- Chat, B → A: flaky \\| once');
    expect(text.indexOf('## Peer: bot')).toBeLessThan(text.indexOf('## Peer: other'));
    // Deterministic: the same results in another order give the same file.
    expect(renderMatrix([...results].reverse(), 'Header.')).toBe(text);
  });

  it('refuses a line that is not a result', () => {
    expect(() => parseResults('{"feature":"Chat","server":"A","peer":"p","outcome":"maybe"}')).toThrow(/not a compatibility result/u);
  });
});
