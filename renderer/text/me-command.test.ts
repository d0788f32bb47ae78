import { describe, expect, it } from 'vitest';
import { meAction } from './me-command.ts';

describe('meAction', () => {
  it('takes the text after "/me " at the very start', () => {
    expect(meAction('/me waves')).toBe('waves');
    expect(meAction('/me  waves twice\nand more')).toBe(' waves twice\nand more');
    expect(meAction('/me ')).toBe('');
  });

  it('ignores "/me" anywhere else or without its space', () => {
    for (const body of ['/mewaves', '/me', ' /me waves', 'say /me waves', '/ME waves', '/me\twaves', '/meme']) {
      expect(meAction(body)).toBeNull();
    }
  });
});
