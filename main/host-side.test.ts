import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../app/shared/contract.ts';
import { createMainHostSide } from './host-side.ts';
import type { ShownNotification } from './notifier.ts';

function setUp() {
  const shown: { notification: ShownNotification; click: () => void }[] = [];
  const counts: number[] = [];
  let focused = 0;
  const saved: { name: string; bytes: string }[] = [];
  const host = createMainHostSide({
    notifier: { show: (notification, click) => void shown.push({ notification, click }), closeAll: () => {} },
    setUnreadCount: (count) => void counts.push(count),
    focusWindow: () => void (focused += 1),
    info: { kind: 'electron', tray: true },
    saveFile: async (name, bytes) => (saved.push({ name, bytes: bytes.toString() }), name !== 'cancel.txt'),
  });
  const events: EventEnvelope[] = [];
  host.subscribe((envelope) => void events.push(envelope));
  return { host, shown, counts, events, saved, focused: () => focused };
}

describe('the host side in main', () => {
  it('saves a downloaded file under the last part of its name only; a cancelled dialog saves nothing', async () => {
    const { host, saved } = setUp();
    const data = Buffer.from('file bytes').toString('base64');
    expect(await host.commands.saveFile({ name: '../../etc/report.pdf', mediaType: 'application/pdf', data })).toEqual({ ok: true, value: { saved: true } });
    expect(saved).toEqual([{ name: 'report.pdf', bytes: 'file bytes' }]);
    expect(await host.commands.saveFile({ name: 'cancel.txt', mediaType: 'text/plain', data })).toEqual({ ok: true, value: { saved: false } });
    expect(await host.commands.saveFile({ name: '', mediaType: 'text/plain', data })).toEqual({ ok: true, value: { saved: true } });
    expect(saved.at(-1)?.name).toBe('download');
  });

  it('hands out the links the app was opened with once, then raises onOpenUri for each new one', async () => {
    const { host, events } = setUp();
    host.receiveUri('xmpp:juliet@example.com?message;body=hi');
    expect(await host.commands.takeOpenUris()).toEqual({ ok: true, value: ['xmpp:juliet@example.com?message;body=hi'] });
    host.receiveUri('xmpp:romeo@example.net?roster');
    expect(events).toEqual([{ event: 'onOpenUri', payload: { uri: 'xmpp:romeo@example.net?roster' } }]);
    host.windowGone();
    host.receiveUri('xmpp:later@example.net');
    expect(events).toHaveLength(1);
    expect(await host.commands.takeOpenUris()).toEqual({ ok: true, value: ['xmpp:later@example.net'] });
  });

  it('shows a notification keyed by conversation; its click brings the window up and names the conversation', async () => {
    const { host, shown, events, focused } = setUp();
    const request = { account: 'alice@example.test', conversation: 'bob@example.test', title: 'Bob', body: 'Lunch?', silent: false };
    expect(await host.commands.showNotification(request)).toEqual({ ok: true, value: null });
    expect(shown[0]?.notification).toEqual({ key: 'alice@example.test\nbob@example.test', title: 'Bob', body: 'Lunch?', silent: false });
    shown[0]?.click();
    expect(focused()).toBe(1);
    expect(events).toEqual([{ event: 'onNotificationClicked', payload: { account: 'alice@example.test', conversation: 'bob@example.test' } }]);
  });

  it('passes the unread count on and says which host it is', async () => {
    const { host, counts } = setUp();
    await host.commands.setUnreadCount({ count: 4 });
    expect(counts).toEqual([4]);
    expect(await host.commands.getHostInfo()).toEqual({ ok: true, value: { kind: 'electron', tray: true } });
  });
});
