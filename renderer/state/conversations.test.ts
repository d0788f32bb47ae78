import { describe, expect, it } from 'vitest';
import type { Room } from '../../app/shared/contract.ts';
import { conversationLabel } from '../components/ConversationList.tsx';
import { conversationEntries, PREVIEW_CHARS, previewOf } from './conversations.ts';
import { initialState, type JabberState } from './model.ts';
import { contact, message } from './test-data.ts';

const room: Room = { jid: 'team@conference.example.com', name: 'Team', nick: 'Me', subject: '', status: 'joined', role: 'participant', affiliation: 'member', bookmarked: false, autojoin: false };

function state(): JabberState {
  return {
    ...initialState,
    contacts: { 'me@example.com': { 'bob@example.com': contact('bob@example.com', 'Bob') } },
    rooms: { 'me@example.com': [room] },
    messages: {
      'me@example.com': {
        'bob@example.com': [message({ conversation: 'bob@example.com', body: 'first', timestamp: 1000 }), message({ conversation: 'bob@example.com', direction: 'out', body: 'see\nyou', timestamp: 3000 })],
        'team@conference.example.com': [message({ conversation: 'team@conference.example.com', from: 'team@conference.example.com/Carol', body: 'standup?', timestamp: 2000 })],
        'team@conference.example.com/Dave': [message({ conversation: 'team@conference.example.com/Dave', from: 'team@conference.example.com/Dave', body: '/me waves', timestamp: 1500 })],
        'empty@example.com': [],
      },
      'other@example.com': { 'zed@example.com': [message({ conversation: 'zed@example.com', body: 'hidden', timestamp: 9000 })] },
    },
    unread: { 'me@example.com': { 'team@conference.example.com': 2 } },
  };
}

describe('conversationEntries', () => {
  it('lists the accounts’ conversations with messages, the most recent first, with names, unread counts and previews', () => {
    const entries = conversationEntries(state(), ['me@example.com']);
    expect(entries.map((entry) => [entry.name, entry.kind, entry.unread, entry.preview])).toEqual([
      ['Bob', 'chat', 0, 'You: see you'],
      ['Team', 'room', 2, 'Carol: standup?'],
      ['Dave in Team', 'private', 0, 'Dave waves'],
    ]);
    expect(conversationEntries(state(), ['me@example.com'], 1)).toHaveLength(1);
    expect(conversationEntries(state(), ['me@example.com', 'other@example.com'])[0]?.peer).toBe('zed@example.com');
  });

  it('names each item for assistive technology', () => {
    const [bob, team] = conversationEntries(state(), ['me@example.com']);
    expect(conversationLabel(bob!, false)).toBe('Bob, 0 unread: You: see you');
    expect(conversationLabel(team!, true)).toBe('Team, group chat, 2 unread, account me@example.com: Carol: standup?');
  });
});

describe('previewOf', () => {
  it('keeps one short line and says what happened to retracted messages', () => {
    const long = message({ conversation: 'bob@example.com', body: 'x'.repeat(200) });
    expect(previewOf(long, 'chat', 'Bob')).toHaveLength(PREVIEW_CHARS);
    expect(previewOf(message({ conversation: 'bob@example.com', body: '', retracted: true }), 'chat', 'Bob')).toBe('Message retracted');
    expect(previewOf(message({ conversation: 'bob@example.com', body: '  a \n\n b ' }), 'chat', 'Bob')).toBe('a b');
  });
});
