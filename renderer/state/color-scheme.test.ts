import { describe, expect, it } from 'vitest';
import { schemeFor } from './color-scheme.ts';

describe('schemeFor', () => {
  it('follows the chosen theme, and the system for "system"', () => {
    expect(schemeFor('dark', false)).toBe('dark');
    expect(schemeFor('light', true)).toBe('light');
    expect(schemeFor('system', true)).toBe('dark');
    expect(schemeFor('system', false)).toBe('light');
    expect(schemeFor(undefined, true)).toBe('dark');
  });
});
