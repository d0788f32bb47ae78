/**
 * The app settings (app/shared/settings.ts) for the whole profile: a JSON file written atomically for
 * its owner only, or memory for tests. Every part falls back to its default when missing or damaged.
 */
import {
  DEFAULT_APP_SETTINGS, FONT_SIZES, MAX_MUTED_CONVERSATIONS, ROOM_NOTIFY_LEVELS, THEME_CHOICES,
  type AppSettings, type RoomNotification, type DesktopSettings, type MutedConversation, type NotificationSettings, type PrivacySettings,
} from '../shared/settings.ts';
import { LANGUAGE_CHOICES, SPELL_CHECK_CHOICES } from '../shared/i18n/languages.ts';
import { readFileIfExists, WriteChain, writeFileAtomic } from './atomic-file.ts';

export interface AppSettingsStore {
  load(): Promise<AppSettings>;
  save(settings: AppSettings): Promise<void>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function flags<T extends object>(value: unknown, defaults: T): T {
  if (!isRecord(value)) return defaults;
  const result: Record<string, boolean> = {};
  for (const [key, fallback] of Object.entries(defaults)) result[key] = typeof value[key] === 'boolean' ? value[key] : (fallback as boolean);
  return result as T;
}

function mutedList(value: unknown): MutedConversation[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const list: MutedConversation[] = [];
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry.account !== 'string' || typeof entry.conversation !== 'string') continue;
    if (entry.account === '' || entry.conversation === '' || entry.account.length > 3071 || entry.conversation.length > 3071) continue;
    const key = `${entry.account}\n${entry.conversation}`;
    if (seen.has(key)) continue;
    seen.add(key);
    list.push({ account: entry.account, conversation: entry.conversation });
  }
  return list.slice(-MAX_MUTED_CONVERSATIONS);
}

function roomNotificationList(value: unknown): RoomNotification[] {
  if (!Array.isArray(value)) return [];
  const kept = new Map<string, RoomNotification>();
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry.account !== 'string' || typeof entry.room !== 'string' || !(ROOM_NOTIFY_LEVELS as readonly unknown[]).includes(entry.level)) continue;
    if (entry.account === '' || entry.room === '' || entry.account.length > 3071 || entry.room.length > 3071 || entry.level === 'all') continue;
    kept.set(`${entry.account}\n${entry.room}`, { account: entry.account, room: entry.room, level: entry.level as RoomNotification['level'] });
  }
  return [...kept.values()].slice(-MAX_MUTED_CONVERSATIONS);
}

/** Settings as given (a file's content, or a command's request), each part checked; unknown fields dropped. */
export function checkAppSettings(value: unknown): AppSettings {
  if (!isRecord(value)) return DEFAULT_APP_SETTINGS;
  return {
    theme: (THEME_CHOICES as readonly unknown[]).includes(value.theme) ? (value.theme as AppSettings['theme']) : DEFAULT_APP_SETTINGS.theme,
    fontSize: (FONT_SIZES as readonly unknown[]).includes(value.fontSize) ? (value.fontSize as AppSettings['fontSize']) : DEFAULT_APP_SETTINGS.fontSize,
    notifications: flags<NotificationSettings>(value.notifications, DEFAULT_APP_SETTINGS.notifications),
    privacy: flags<PrivacySettings>(value.privacy, DEFAULT_APP_SETTINGS.privacy),
    desktop: flags<DesktopSettings>(value.desktop, DEFAULT_APP_SETTINGS.desktop),
    muted: mutedList(value.muted),
    ...(Array.isArray(value.roomNotifications) ? { roomNotifications: roomNotificationList(value.roomNotifications) } : {}),
    // Absent (stored before there was a choice) or unknown: the default, 'system' for the language.
    language: (LANGUAGE_CHOICES as readonly unknown[]).includes(value.language) ? (value.language as NonNullable<AppSettings['language']>) : 'system',
    ...((SPELL_CHECK_CHOICES as readonly unknown[]).includes(value.spellCheck) ? { spellCheck: value.spellCheck as NonNullable<AppSettings['spellCheck']> } : {}),
  };
}

export function parseAppSettings(text: string): AppSettings {
  try {
    return checkAppSettings(JSON.parse(text));
  } catch {
    return DEFAULT_APP_SETTINGS;
  }
}

export function createJsonAppSettingsStore(file: string): AppSettingsStore {
  const writes = new WriteChain();
  return {
    async load() {
      const text = await readFileIfExists(file);
      return text === null ? DEFAULT_APP_SETTINGS : parseAppSettings(text);
    },
    save(settings) {
      return writes.run(() => writeFileAtomic(file, `${JSON.stringify({ version: 1, ...settings }, null, 2)}\n`));
    },
  };
}

export function createMemoryAppSettingsStore(initial: AppSettings = DEFAULT_APP_SETTINGS): AppSettingsStore {
  let stored = initial;
  return {
    async load() {
      return stored;
    },
    async save(settings) {
      stored = settings;
    },
  };
}
