import { describe, expect, it } from 'vitest';
import { initialState } from './model.ts';
import { conversationOrder, neighbourConversation, shortcutFor, switcherEntries, type KeyInput } from './shortcuts.ts';
import { contact, message } from './test-data.ts';

const key = (value: string, modifiers: Partial<KeyInput> = {}): KeyInput => ({ key: value, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...modifiers });

describe('keyboard shortcuts', () => {
  it('Ctrl+K/F/,// on Windows and Linux, Cmd on macOS; Alt+Up/Down; F1', () => {
    expect(shortcutFor(key('k', { ctrlKey: true }), false)).toBe('quick-switcher');
    expect(shortcutFor(key('K', { ctrlKey: true }), false)).toBe('quick-switcher');
    expect(shortcutFor(key('k', { metaKey: true }), true)).toBe('quick-switcher');
    expect(shortcutFor(key('k', { metaKey: true }), false)).toBeNull();
    expect(shortcutFor(key('k', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(key('f', { ctrlKey: true }), false)).toBe('search');
    expect(shortcutFor(key(',', { ctrlKey: true }), false)).toBe('settings');
    expect(shortcutFor(key('/', { ctrlKey: true }), false)).toBe('help');
    expect(shortcutFor(key('F1'), false)).toBe('help');
    expect(shortcutFor(key('ArrowUp', { altKey: true }), false)).toBe('previous-conversation');
    expect(shortcutFor(key('ArrowDown', { altKey: true }), true)).toBe('next-conversation');
    expect(shortcutFor(key('ArrowDown'), false)).toBeNull();
    expect(shortcutFor(key('k'), false)).toBeNull();
    expect(shortcutFor(key('k', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });

  const state = {
    ...initialState,
    messages: {
      'me@x': {
        'old@x': [message({ conversation: 'old@x', timestamp: 1 })],
        'new@x': [message({ conversation: 'new@x', timestamp: 3 })],
      },
      'work@y': { 'mid@y': [message({ conversation: 'mid@y', timestamp: 2 })], 'empty@y': [] },
    },
    contacts: { 'me@x': { 'zed@x': contact('zed@x', 'Zed'), 'ann@x': contact('ann@x', 'Änn Andersson'), 'new@x': contact('new@x', 'Newton') } },
  };

  it('moves between conversations by last activity, wrapping round', () => {
    expect(conversationOrder({ ...state, active: null }).map((ref) => ref.peer)).toEqual(['new@x', 'mid@y', 'old@x']);
    expect(neighbourConversation({ ...state, active: null }, 1)).toEqual({ account: 'me@x', peer: 'new@x' });
    expect(neighbourConversation({ ...state, active: { account: 'me@x', peer: 'new@x' } }, 1)).toEqual({ account: 'work@y', peer: 'mid@y' });
    expect(neighbourConversation({ ...state, active: { account: 'me@x', peer: 'new@x' } }, -1)).toEqual({ account: 'me@x', peer: 'old@x' });
    expect(neighbourConversation({ ...initialState, active: null }, 1)).toBeNull();
  });

  it('the quick switcher lists recent conversations first, then contacts by name, matching names and addresses without accents', () => {
    const all = switcherEntries({ ...state, active: null }, '');
    expect(all.map((entry) => entry.peer)).toEqual(['new@x', 'mid@y', 'old@x', 'ann@x', 'zed@x']);
    expect(all[0]?.name).toBe('Newton');
    expect(switcherEntries({ ...state, active: null }, 'ann').map((entry) => entry.peer)).toEqual(['ann@x']);
    expect(switcherEntries({ ...state, active: null }, 'MID@').map((entry) => entry.peer)).toEqual(['mid@y']);
  });
});
