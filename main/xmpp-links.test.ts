import { describe, expect, it } from 'vitest';
import { acceptableXmppUri, createOpenUriQueue, registerXmppProtocol, xmppUriFromArgv } from './xmpp-links.ts';

describe('xmpp: links from the system', () => {
  it('finds the link on a command line after Chromium\'s switches, and nothing where there is none', () => {
    expect(xmppUriFromArgv(['/opt/Jabber Desk/jabber-desk', '--allow-file-access-from-files', 'xmpp:juliet@example.com?message;body=hi'])).toBe(
      'xmpp:juliet@example.com?message;body=hi',
    );
    expect(xmppUriFromArgv(['C:\\Program Files\\Jabber Desk.exe', '--original-process-start-time=1', 'XMPP:Juliet@Example.com'])).toBe('XMPP:Juliet@Example.com');
    expect(xmppUriFromArgv(['electron', '.', '--inspect'])).toBeNull();
    expect(xmppUriFromArgv(['electron', `xmpp:a@b.example?message;body=${'x'.repeat(9000)}`])).toBeNull();
    expect(xmppUriFromArgv([])).toBeNull();
  });

  it('keeps only xmpp: links', () => {
    expect(acceptableXmppUri('https://example.com')).toBeNull();
    expect(acceptableXmppUri(' xmpp:a@b.example ')).toBe('xmpp:a@b.example');
  });

  it('registers as the handler: the app folder named in a development run, plain when packaged', () => {
    const calls: unknown[][] = [];
    const app = { setAsDefaultProtocolClient: (...args: unknown[]) => (calls.push(args), true) } as never;
    expect(registerXmppProtocol(app, { defaultApp: true, execPath: '/usr/lib/electron/electron', argv: ['/usr/lib/electron/electron', '.'] })).toBe(true);
    expect(registerXmppProtocol(app, { execPath: '/opt/Jabber Desk/jabber-desk', argv: ['/opt/Jabber Desk/jabber-desk'] })).toBe(true);
    expect(calls).toEqual([['xmpp', '/usr/lib/electron/electron', [process.cwd()]], ['xmpp']]);
  });

  it('keeps links until the window takes them, then sends each new one at once; a reload keeps them again', () => {
    const emitted: string[] = [];
    const queue = createOpenUriQueue((uri) => emitted.push(uri), 2);
    queue.receive('xmpp:one@example.com');
    queue.receive('mailto:nobody@example.com');
    queue.receive('xmpp:two@example.com');
    queue.receive('xmpp:three@example.com'); // over the limit: a flood of launches is not kept
    expect(emitted).toEqual([]);
    expect(queue.take()).toEqual(['xmpp:one@example.com', 'xmpp:two@example.com']);
    expect(queue.take()).toEqual([]);
    queue.receive('xmpp:four@example.com');
    expect(emitted).toEqual(['xmpp:four@example.com']);
    queue.pause();
    queue.receive('xmpp:five@example.com');
    expect(emitted).toHaveLength(1);
    expect(queue.take()).toEqual(['xmpp:five@example.com']);
  });
});
