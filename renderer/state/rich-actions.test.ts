import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../app/shared/contract.ts';
import { pickerChoices } from '../components/MessageActions.tsx';
import { COMMON_REACTIONS, toggledReactions } from './rich-actions.ts';

const message: ChatMessage = {
  id: 'm1', conversation: 'bob@example.test', direction: 'in', from: 'bob@example.test/phone', to: 'alice@example.test', body: 'hi', timestamp: 1,
  reactions: [{ emoji: '👍', from: ['bob@example.test', 'alice@example.test'] }, { emoji: '🎉', from: ['bob@example.test'] }],
};

describe('reactions in the renderer', () => {
  it('toggling adds ours or takes it back, keeping our others', () => {
    expect(toggledReactions(message, 'alice@example.test', '👍')).toEqual([]);
    expect(toggledReactions(message, 'alice@example.test', '🎉')).toEqual(['👍', '🎉']);
    expect(toggledReactions({ ...message, reactions: undefined }, 'alice@example.test', '🙏')).toEqual(['🙏']);
  });

  it('the picker offers the common emoji and those on the message, within an allowlist', () => {
    expect(pickerChoices(message, COMMON_REACTIONS, undefined)).toEqual([...COMMON_REACTIONS, '🎉']);
    expect(pickerChoices(message, COMMON_REACTIONS, { allowlist: ['❤️', '🎉'] })).toEqual(['❤️', '🎉']);
  });
});
