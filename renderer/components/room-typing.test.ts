import { describe, expect, it } from 'vitest';
import { typingText } from './RoomView.tsx';

const t = (key: string, options?: Record<string, unknown>): string => key.replace(/\{\{(\w+)\}\}/gu, (_, name: string) => String(options?.[name]));

describe('who is typing in a room', () => {
  it('names one or two, counts more, and leaves out those who paused', () => {
    expect(typingText([], t)).toBe('');
    expect(typingText([{ nick: 'Bob', state: 'composing' }], t)).toBe('Bob is typing…');
    expect(typingText([{ nick: 'Bob', state: 'composing' }, { nick: 'Carol', state: 'paused' }], t)).toBe('Bob is typing…');
    expect(typingText([{ nick: 'Bob', state: 'composing' }, { nick: 'Carol', state: 'composing' }], t)).toBe('Bob and Carol are typing…');
    expect(typingText(['A', 'B', 'C'].map((nick) => ({ nick, state: 'composing' as const })), t)).toBe('3 people are typing…');
  });
});
