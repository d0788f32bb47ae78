import { describe, expect, it } from 'vitest';
import { recordingService } from '../app/contract/recording-service.ts';
import type { JabberService } from '../app/core/service-types.ts';
import type { AccountSummary, EventEnvelope } from '../app/shared/contract.ts';
import { followTrayPresence, trayPresenceOf } from './tray-presence.ts';

const connected = { status: 'connected', jid: 'alice@example.test/desk' } as const;

function summary(account: string, connection: AccountSummary['connection'], show: AccountSummary['ownPresence']['show'] = 'online'): AccountSummary {
  return { account, enabled: true, passwordSaved: true, trustedCertificates: [], connection, ownPresence: { show, status: 'at work' } };
}

describe('the tray\'s presence', () => {
  it('shows the first signed-in account\'s status, extended away as Away, Invisible when it is, Offline when none is signed in', () => {
    const view = (show: 'online' | 'away' | 'xa' | 'dnd', invisible = false) => ({ connection: connected, presence: { show, status: '' }, invisible, invisibleSupported: true });
    expect(trayPresenceOf([])).toEqual({ status: 'offline', signedIn: false, invisibleSupported: false });
    expect(trayPresenceOf([view('xa')]).status).toBe('away');
    expect(trayPresenceOf([view('dnd'), view('online')]).status).toBe('dnd');
    expect(trayPresenceOf([view('online', true)]).status).toBe('invisible');
    expect(trayPresenceOf([{ ...view('dnd'), connection: { status: 'disconnected' } }, view('away')]).status).toBe('away');
  });

  it('follows the service\'s events and sets every signed-in account\'s status from the menu', async () => {
    const recorded = recordingService<JabberService>();
    const service = Object.assign(Object.create(recorded.service) as JabberService, {
      listAccounts: async () => ({ ok: true as const, value: [summary('alice@example.test', connected), summary('carol@example.test', { status: 'disconnected' })] }),
      getInvisibility: async () => ({ ok: true as const, value: [{ account: 'alice@example.test', supported: true, invisible: false }] }),
      subscribe: recorded.service.subscribe,
      setPresence: recorded.service.setPresence,
      setInvisible: recorded.service.setInvisible,
      signOut: recorded.service.signOut,
    });
    const seen: unknown[] = [];
    const presence = followTrayPresence(service, (change) => void seen.push(change));
    await expect.poll(() => seen.at(-1)).toEqual({ status: 'online', signedIn: true, invisibleSupported: true });
    recorded.emit({ event: 'onOwnPresence', payload: { account: 'alice@example.test', presence: { show: 'dnd', status: 'busy' } } } as EventEnvelope);
    expect(seen.at(-1)).toEqual({ status: 'dnd', signedIn: true, invisibleSupported: true });

    await presence.setStatus('away');
    await presence.setStatus('invisible');
    recorded.emit({ event: 'onInvisibility', payload: { account: 'alice@example.test', supported: true, invisible: true } });
    expect(seen.at(-1)).toMatchObject({ status: 'invisible' });
    await presence.setStatus('online');
    await presence.signOutAll();
    expect(recorded.calls).toEqual([
      { name: 'setPresence', args: [{ account: 'alice@example.test', show: 'away', status: 'busy' }] },
      { name: 'setInvisible', args: [{ account: 'alice@example.test', invisible: true }] },
      { name: 'setInvisible', args: [{ account: 'alice@example.test', invisible: false }] },
      { name: 'setPresence', args: [{ account: 'alice@example.test', show: 'online', status: 'busy' }] },
      { name: 'signOut', args: [{ account: 'alice@example.test' }] },
    ]);
    presence.dispose();
  });
});
