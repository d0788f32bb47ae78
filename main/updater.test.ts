import { describe, expect, it } from 'vitest';
import type { PolicyState } from '../app/shared/policy.ts';
import { planUpdates, startUpdates, type Updater } from './updater.ts';

const policy = (updates?: { enabled: boolean; channel?: string; url?: string }): PolicyState => ({
  state: 'active', source: '/etc/jabber-desk/policy.json', policy: { otherAccounts: true, savePasswords: true, fileUpload: true, ...(updates ? { updates } : {}) },
});

function fakeUpdater() {
  const calls: string[] = [];
  const updater: Updater = {
    channel: null,
    setFeedURL: (options) => void calls.push(`feed ${options.url} ${options.channel ?? '-'}`),
    checkForUpdatesAndNotify: async () => void calls.push('check'),
  };
  return { updater, calls };
}

describe('updates', () => {
  it('are off in development, with an invalid policy, and when the policy turns them off', () => {
    expect(planUpdates({ isPackaged: false, policy: { state: 'none' } })).toEqual({ check: false, reason: 'development build' });
    expect(planUpdates({ isPackaged: true, policy: { state: 'invalid', source: 'p', message: 'm' } }).check).toBe(false);
    expect(planUpdates({ isPackaged: true, policy: policy({ enabled: false }) })).toEqual({ check: false, reason: 'turned off by your organisation' });
    const { updater, calls } = fakeUpdater();
    const logs: string[] = [];
    startUpdates(updater, planUpdates({ isPackaged: true, policy: policy({ enabled: false }) }), (message) => logs.push(message))();
    expect(calls).toEqual([]);
    expect(logs).toEqual(['Updates are off: turned off by your organisation.']);
  });

  it('check the packaged feed, or the server and channel the policy names', () => {
    expect(planUpdates({ isPackaged: true, policy: { state: 'none' } })).toEqual({ check: true });
    const { updater, calls } = fakeUpdater();
    startUpdates(updater, planUpdates({ isPackaged: true, policy: policy({ enabled: true, channel: 'beta', url: 'https://updates.example.com/jd/' }) }), () => {})();
    expect(calls).toEqual(['feed https://updates.example.com/jd/ beta', 'check']);
    const second = fakeUpdater();
    startUpdates(second.updater, { check: true, channel: 'beta' }, () => {})();
    expect(second.updater.channel).toBe('beta');
    expect(second.calls).toEqual(['check']);
  });
});
