import { describe, expect, it } from 'vitest';
import { messageBodyOf } from './message.ts';

describe('messageBodyOf', () => {
  it('sends nothing for empty or whitespace-only drafts', () => {
    for (const draft of ['', ' ', '\n\n', ' \t\n ']) expect(messageBodyOf(draft)).toBe('');
  });

  it('keeps inner newlines and indentation, drops leading blank lines and trailing whitespace', () => {
    expect(messageBodyOf('\n\n  line one\nline two  \n')).toBe('  line one\nline two');
  });
});
