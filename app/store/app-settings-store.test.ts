import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppSettingsSlice } from '../core/features/settings/app-settings-commands.ts';
import { COMMAND_SCHEMAS } from '../contract/command-schemas.ts';
import { DEFAULT_APP_SETTINGS, isMuted, languageChoice, spellCheckChoice, withMuted, type AppSettings } from '../shared/settings.ts';
import { checkAppSettings, createJsonAppSettingsStore, createMemoryAppSettingsStore, parseAppSettings } from './app-settings-store.ts';

const CHANGED: AppSettings = {
  theme: 'dark',
  fontSize: 'large',
  notifications: { enabled: true, preview: false, sound: false },
  privacy: { sendTypingNotifications: false, sendReadMarkers: false },
  desktop: { closeToTray: true, startAtLogin: true },
  muted: [{ account: 'alice@example.test', conversation: 'bob@example.test' }],
  language: 'de',
  spellCheck: 'en',
};

describe('app settings on disk', () => {
  it('keeps every setting across a restart, in a file for its owner only', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'app-settings-'));
    try {
      const file = path.join(dir, 'app-settings.json');
      expect(await createJsonAppSettingsStore(file).load()).toEqual(DEFAULT_APP_SETTINGS);
      await createJsonAppSettingsStore(file).save(CHANGED);
      expect(await createJsonAppSettingsStore(file).load()).toEqual(CHANGED);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1, theme: 'dark' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('falls back part by part on a damaged file, and drops what it does not know', () => {
    expect(parseAppSettings('not json')).toEqual(DEFAULT_APP_SETTINGS);
    expect(parseAppSettings(JSON.stringify({ theme: 'neon', fontSize: 'large', notifications: { preview: false, sound: 'loud' }, extra: 1 }))).toEqual({
      ...DEFAULT_APP_SETTINGS,
      fontSize: 'large',
      notifications: { enabled: true, preview: false, sound: true },
    });
    const muted = checkAppSettings({ muted: [{ account: 'a@x', conversation: 'b@x' }, { account: 'a@x', conversation: 'b@x' }, { account: 1 }, 'x'] }).muted;
    expect(muted).toEqual([{ account: 'a@x', conversation: 'b@x' }]);
  });

  it('mutes and unmutes one conversation', () => {
    const muted = withMuted(DEFAULT_APP_SETTINGS, 'a@x', 'b@x', true);
    expect(isMuted(muted, 'a@x', 'b@x')).toBe(true);
    expect(isMuted(muted, 'other@x', 'b@x')).toBe(false);
    expect(withMuted(withMuted(muted, 'a@x', 'b@x', true), 'a@x', 'b@x', false).muted).toEqual([]);
  });
});

describe('the app settings slice', () => {
  it('answers the stored settings, replaces them as a whole, announces and saves the change', async () => {
    const store = createMemoryAppSettingsStore({ ...DEFAULT_APP_SETTINGS, theme: 'light' });
    const announced: AppSettings[] = [];
    const slice = createAppSettingsSlice({ store, changed: (settings) => void announced.push(settings), log: () => {} });
    expect(await slice.commands.getAppSettings()).toEqual({ ok: true, value: { ...DEFAULT_APP_SETTINGS, theme: 'light' } });
    expect(await slice.commands.setAppSettings(CHANGED)).toEqual({ ok: true, value: CHANGED });
    expect(announced).toEqual([CHANGED]);
    expect(await store.load()).toEqual(CHANGED);
  });

  it('keeps the settings for this run when they cannot be saved, and says so in the log', async () => {
    const logged: string[] = [];
    const slice = createAppSettingsSlice({
      store: { load: async () => DEFAULT_APP_SETTINGS, save: async () => Promise.reject(new Error('disk full')) },
      changed: () => {},
      log: (message) => void logged.push(message),
    });
    expect(await slice.commands.setAppSettings(CHANGED)).toEqual({ ok: true, value: CHANGED });
    expect(await slice.commands.getAppSettings()).toEqual({ ok: true, value: CHANGED });
    expect(logged).toEqual(['Could not save the app settings: disk full']);
  });
});

describe('the language and spell-check settings', () => {
  it('keeps a known language and spell-check language, and reads settings stored without them as the defaults', () => {
    expect(checkAppSettings({ ...DEFAULT_APP_SETTINGS, language: 'de', spellCheck: 'off' })).toMatchObject({ language: 'de', spellCheck: 'off' });
    const { language: _language, ...stored } = DEFAULT_APP_SETTINGS;
    const old = parseAppSettings(JSON.stringify({ version: 1, ...stored, theme: 'dark' }));
    expect(old).toEqual({ ...DEFAULT_APP_SETTINGS, theme: 'dark', language: 'system' });
    expect(languageChoice(old)).toBe('system');
    expect(spellCheckChoice(old)).toBe('interface');
    expect(languageChoice({})).toBe('system');
  });

  it('drops an unknown language or spell-check language', () => {
    const checked = checkAppSettings({ ...DEFAULT_APP_SETTINGS, language: 'klingon', spellCheck: 'xx' });
    expect(checked.language).toBe('system');
    expect(checked).not.toHaveProperty('spellCheck');
  });

  it('accepts both in the setAppSettings command, and requests without them too', () => {
    const schema = COMMAND_SCHEMAS.setAppSettings;
    const { language: _language, ...withoutLanguage } = DEFAULT_APP_SETTINGS;
    expect(schema.safeParse([{ ...DEFAULT_APP_SETTINGS, language: 'de', spellCheck: 'interface' }]).success).toBe(true);
    expect(schema.safeParse([withoutLanguage]).success).toBe(true);
    expect(schema.safeParse([{ ...DEFAULT_APP_SETTINGS, language: 'fr' }]).success).toBe(false);
    expect(schema.safeParse([{ ...DEFAULT_APP_SETTINGS, spellCheck: 'de-DE' }]).success).toBe(false);
  });
});

describe('room notification levels in the settings', () => {
  it('keeps valid levels other than "all", drops the rest', () => {
    const checked = checkAppSettings({
      ...DEFAULT_APP_SETTINGS,
      roomNotifications: [
        { account: 'me@example.com', room: 'team@conference.example.com', level: 'mentions' },
        { account: 'me@example.com', room: 'quiet@conference.example.com', level: 'none' },
        { account: 'me@example.com', room: 'loud@conference.example.com', level: 'loud' },
        { account: 'me@example.com', room: 'busy@conference.example.com', level: 'all' },
        'nonsense',
      ],
    });
    expect(checked.roomNotifications).toEqual([
      { account: 'me@example.com', room: 'team@conference.example.com', level: 'mentions' },
      { account: 'me@example.com', room: 'quiet@conference.example.com', level: 'none' },
    ]);
    expect(checkAppSettings(DEFAULT_APP_SETTINGS).roomNotifications).toBeUndefined();
  });
});
