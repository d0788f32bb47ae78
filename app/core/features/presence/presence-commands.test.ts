import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../shared/contract.ts';
import { createMemoryPresencePreferencesStore } from '../../../store/presence-preferences-store.ts';
import { rememberStatus } from './presence-commands.ts';
import { createJabberService } from '../../service.ts';

describe('recent status messages', () => {
  it('keeps the newest first, each once, at most eight, never an empty one', () => {
    expect(rememberStatus(['Lunch', 'In a meeting'], ' In a meeting ')).toEqual(['In a meeting', 'Lunch']);
    expect(rememberStatus(['Lunch'], '   ')).toEqual(['Lunch']);
    const many = Array.from({ length: 8 }, (_, index) => `status ${index}`);
    expect(rememberStatus(many, 'new')).toEqual(['new', ...many.slice(0, 7)]);
  });
});

describe('presence commands of the service', () => {
  it('reads and changes the profile settings, announcing each change', async () => {
    const store = createMemoryPresencePreferencesStore({ recentStatuses: ['Lunch', 'Travelling'], autoAway: { enabled: true, awayAfterMinutes: 5, xaAfterMinutes: 30 } });
    const service = createJabberService({ autoConnect: false }, { presencePreferences: store });
    const events: EventEnvelope[] = [];
    service.subscribe((envelope) => events.push(envelope));
    expect(await service.getPresencePreferences()).toEqual({ ok: true, value: await store.load() });
    const changed = await service.setAutoAway({ enabled: true, awayAfterMinutes: 10, xaAfterMinutes: 45 });
    expect(changed.ok && changed.value.autoAway).toEqual({ enabled: true, awayAfterMinutes: 10, xaAfterMinutes: 45 });
    expect((await store.load()).autoAway.awayAfterMinutes).toBe(10);
    const forgotten = await service.forgetRecentStatus({ status: 'Lunch' });
    expect(forgotten.ok && forgotten.value.recentStatuses).toEqual(['Travelling']);
    expect(events.filter((event) => event.event === 'onPresencePreferences')).toHaveLength(2);
    await service.dispose();
  });

  it('refuses bad input with a sentence', async () => {
    const service = createJabberService({ autoConnect: false });
    expect(await service.setAutoAway({ enabled: true, awayAfterMinutes: 30, xaAfterMinutes: 5 })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await service.reportIdle({ idleSeconds: -1, source: 'system' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await service.reportIdle({ idleSeconds: 5, source: 'keyboard' } as never)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await service.reportIdle({ idleSeconds: 5, source: 'activity' })).toEqual({ ok: true, value: null });
    expect(await service.getLastActivity({ account: 'alice@example.test', jid: 'bob@example.test' })).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining('not one of your accounts') } });
    await service.dispose();
  });
});
