import { afterEach, describe, expect, it } from 'vitest';
import { parseXmppUri, type XmppUri } from '../../app/shared/xmpp-uri.ts';
import { dismissXmppLink, openXmppLink, planLink, toPendingLink, useLinkStore, xmppLinkOf } from './links.ts';
import { summary } from './test-data.ts';

const uri = (text: string): XmppUri => {
  const parsed = parseXmppUri(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.uri;
};

afterEach(() => useLinkStore.setState({ queue: [], roomRequest: null }));

describe('planning what an xmpp: link offers', () => {
  const accounts = [summary('alice@example.test'), summary('work@corp.example')];

  it('asks the action\'s question, with the current account first', () => {
    expect(planLink(uri('xmpp:bob@example.test?message;body=hi'), accounts, 'work@corp.example')).toEqual({
      question: 'Send message to bob@example.test?',
      confirmLabel: 'Open chat',
      accounts: ['work@corp.example', 'alice@example.test'],
      problem: null,
    });
    expect(planLink(uri('xmpp:bob@example.test?roster;name=Bob'), accounts, null)).toMatchObject({ question: 'Add contact bob@example.test?', confirmLabel: 'Add contact', accounts: ['alice@example.test', 'work@corp.example'] });
    expect(planLink(uri('xmpp:room@muc.example.test?join'), accounts, null)).toMatchObject({ question: 'Join room room@muc.example.test?', confirmLabel: 'Join room' });
    expect(planLink(uri('xmpp:bob@example.test?remove'), accounts, null)).toMatchObject({ confirmLabel: 'Remove contact' });
  });

  it('uses only the account a link names, and only when it is set up here', () => {
    expect(planLink(uri('xmpp://work@corp.example/bob@example.test?message'), accounts, 'alice@example.test')).toMatchObject({ accounts: ['work@corp.example'], problem: null });
    expect(planLink(uri('xmpp://mallory@evil.example/bob@example.test?message'), accounts, null)).toMatchObject({
      confirmLabel: null,
      accounts: [],
      problem: 'The link is for the account mallory@evil.example, which is not set up here.',
    });
  });

  it('offers nothing to carry out for an unsupported action, or without an account', () => {
    expect(planLink(uri('xmpp:example.test?command;node=x'), accounts, null)).toMatchObject({ confirmLabel: null, problem: 'Jabber Desk cannot carry out “command” links.' });
    expect(planLink(uri('xmpp:bob@example.test'), [], null)).toMatchObject({ confirmLabel: null, problem: 'Add an account first.' });
  });
});

describe('waiting links', () => {
  it('shows one link at a time, invalid ones with their reason, and keeps at most a few', () => {
    openXmppLink('xmpp:bob@example.test?message;body=hello');
    openXmppLink('xmpp:@nobody');
    for (let index = 0; index < 10; index += 1) openXmppLink(`xmpp:flood${index}@example.test`);
    const { queue } = useLinkStore.getState();
    expect(queue).toHaveLength(5);
    expect(queue[0]).toMatchObject({ kind: 'valid', uri: { bare: 'bob@example.test' } });
    expect(queue[1]).toEqual(toPendingLink('xmpp:@nobody'));
    expect(queue[1]?.kind).toBe('invalid');
    dismissXmppLink();
    expect(useLinkStore.getState().queue[0]?.kind).toBe('invalid');
  });

  it('finds the xmpp: link a click landed on, and nothing for other links', () => {
    const anchor = (href: string) => ({ closest: () => ({ getAttribute: () => href }) }) as unknown as EventTarget;
    expect(xmppLinkOf(anchor('xmpp:bob@example.test'))).toBe('xmpp:bob@example.test');
    expect(xmppLinkOf(anchor('https://example.test/'))).toBeNull();
    expect(xmppLinkOf({ closest: () => null } as unknown as EventTarget)).toBeNull();
    expect(xmppLinkOf(null)).toBeNull();
  });
});
