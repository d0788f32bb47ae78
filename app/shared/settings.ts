/**
 * App settings for the whole profile (issue 11): look, notifications, privacy, desktop behaviour.
 * Kept by the core like the presence preferences (app/store/app-settings-store.ts), so Electron main
 * (theme, tray, login item) and the renderer read the same, and they survive a restart in both modes.
 */
import type { AccountId, Jid, Result } from './contract.ts';
import type { LanguageChoice, SpellCheckChoice } from './i18n/languages.ts';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES = ['system', 'light', 'dark'] as const satisfies readonly ThemeChoice[];

export type FontSize = 'small' | 'normal' | 'large' | 'larger';
export const FONT_SIZES = ['small', 'normal', 'large', 'larger'] as const satisfies readonly FontSize[];

export interface NotificationSettings {
  /** Notify of new messages at all. */
  readonly enabled: boolean;
  /** Show the message text in the notification (off: "New message" only, for privacy). */
  readonly preview: boolean;
  /** Let the system play its sound. */
  readonly sound: boolean;
}

export interface PrivacySettings {
  /** Send XEP-0085 chat states (typing) to others. */
  readonly sendTypingNotifications: boolean;
  /** Send XEP-0333 displayed markers (others see "Read"). */
  readonly sendReadMarkers: boolean;
}

export interface DesktopSettings {
  /** Closing the window keeps the app in the tray (Electron only). */
  readonly closeToTray: boolean;
  /** Start with the system (Electron only). */
  readonly startAtLogin: boolean;
}

export interface MutedConversation {
  readonly account: AccountId;
  readonly conversation: Jid;
}

export interface AppSettings {
  readonly theme: ThemeChoice;
  readonly fontSize: FontSize;
  readonly notifications: NotificationSettings;
  readonly privacy: PrivacySettings;
  readonly desktop: DesktopSettings;
  /** Conversations that never notify. */
  readonly muted: readonly MutedConversation[];
  /** Group chat rooms that notify less than every message (absent: every room notifies every message). */
  readonly roomNotifications?: readonly RoomNotification[];
  /** The interface's language (absent, as in settings stored before there was a choice: 'system'). */
  readonly language?: LanguageChoice;
  /** The spell checker's language (absent: 'interface', the interface's language). */
  readonly spellCheck?: SpellCheckChoice;
}

export const languageChoice = (settings: Pick<AppSettings, 'language'>): LanguageChoice => settings.language ?? 'system';
export const spellCheckChoice = (settings: Pick<AppSettings, 'spellCheck'>): SpellCheckChoice => settings.spellCheck ?? 'interface';

/** How much a group chat room asks for attention: every message, only messages naming us, or nothing. */
export type RoomNotifyLevel = 'all' | 'mentions' | 'none';
export const ROOM_NOTIFY_LEVELS = ['all', 'mentions', 'none'] as const satisfies readonly RoomNotifyLevel[];

export interface RoomNotification {
  readonly account: AccountId;
  readonly room: Jid;
  readonly level: RoomNotifyLevel;
}

/** At most this many muted conversations are kept. */
export const MAX_MUTED_CONVERSATIONS = 1000;

export const DEFAULT_APP_SETTINGS: AppSettings = {
  theme: 'system',
  fontSize: 'normal',
  notifications: { enabled: true, preview: true, sound: true },
  privacy: { sendTypingNotifications: true, sendReadMarkers: true },
  desktop: { closeToTray: false, startAtLogin: false },
  muted: [],
  language: 'system',
};

export interface SettingsCommands {
  getAppSettings(): Promise<Result<AppSettings>>;
  /** Replaces every setting; answers (and announces with onAppSettings) what was kept. */
  setAppSettings(settings: AppSettings): Promise<Result<AppSettings>>;
}

export interface SettingsEventPayloads {
  onAppSettings: AppSettings;
}

export const SETTINGS_COMMAND_NAMES = ['getAppSettings', 'setAppSettings'] as const satisfies readonly (keyof SettingsCommands)[];
export const SETTINGS_EVENT_NAMES = ['onAppSettings'] as const satisfies readonly (keyof SettingsEventPayloads)[];

export const isMuted = (settings: Pick<AppSettings, 'muted'>, account: AccountId, conversation: Jid): boolean =>
  settings.muted.some((entry) => entry.account === account && entry.conversation === conversation);

/** The settings with one conversation muted or not. */
export function withMuted(settings: AppSettings, account: AccountId, conversation: Jid, muted: boolean): AppSettings {
  const others = settings.muted.filter((entry) => entry.account !== account || entry.conversation !== conversation);
  return { ...settings, muted: muted ? [...others, { account, conversation }] : others };
}

/** A room's notification level (default: every message). */
export const roomNotifyLevel = (settings: Pick<AppSettings, 'roomNotifications'>, account: AccountId, room: Jid): RoomNotifyLevel =>
  settings.roomNotifications?.find((entry) => entry.account === account && entry.room === room)?.level ?? 'all';

/** The settings with one room's notification level set ('all' removes its entry). */
export function withRoomNotifyLevel(settings: AppSettings, account: AccountId, room: Jid, level: RoomNotifyLevel): AppSettings {
  const others = (settings.roomNotifications ?? []).filter((entry) => entry.account !== account || entry.room !== room);
  return { ...settings, roomNotifications: level === 'all' ? others : [...others, { account, room, level }] };
}
