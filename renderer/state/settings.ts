/**
 * The app settings in the renderer (theme, font size, notifications, privacy, desktop): its own small
 * store, fed by getAppSettings and onAppSettings; changes go to the core (setAppSettings), which keeps
 * them in the profile. The look is applied to the document root (data-theme, data-font-size).
 */
import { create } from 'zustand';
import type { AccountId, AppSettings, HostInfo, JabberApi, Jid, Result, Unsubscribe } from '../../app/shared/contract.ts';
import { phrase } from '../../app/shared/phrase.ts';
import { fail } from '../../app/shared/result.ts';
import { DEFAULT_APP_SETTINGS, isMuted, roomNotifyLevel, withMuted, withRoomNotifyLevel, type RoomNotifyLevel } from '../../app/shared/settings.ts';
import { getApi } from '../api.ts';

export interface SettingsState {
  readonly settings: AppSettings;
  /** The core has answered (before: the defaults are shown, nothing is saved). */
  readonly loaded: boolean;
  /** The Settings dialog is open. */
  readonly open: boolean;
  /** What the host offers (tray options only in Electron). */
  readonly host: HostInfo | null;
}

export const useSettingsStore = create<SettingsState>()(() => ({ settings: DEFAULT_APP_SETTINGS, loaded: false, open: false, host: null }));

export const useAppSettings = (): AppSettings => useSettingsStore((state) => state.settings);
export const useSettingsOpen = (): boolean => useSettingsStore((state) => state.open);
export const useHostInfo = (): HostInfo | null => useSettingsStore((state) => state.host);
export const useMuted = (account: AccountId, conversation: Jid): boolean => useSettingsStore((state) => isMuted(state.settings, account, conversation));

/** Read outside React (actions that must honour a setting at the moment they run). */
export const currentSettings = (): AppSettings => useSettingsStore.getState().settings;

export function openSettings(): void {
  useSettingsStore.setState({ open: true });
}

export function closeSettings(): void {
  useSettingsStore.setState({ open: false });
}

/** The look, on the document root: CSS picks colours and sizes from these (styles.css). */
export function applyLook(settings: Pick<AppSettings, 'theme' | 'fontSize'>, root: { dataset: DOMStringMap } | undefined = globalThis.document?.documentElement): void {
  if (root === undefined) return;
  root.dataset.theme = settings.theme;
  root.dataset.fontSize = settings.fontSize;
}

function adopt(settings: AppSettings): void {
  useSettingsStore.setState({ settings, loaded: true });
  applyLook(settings);
}

/** Saves new settings: shown at once, then kept by the core (which announces them to every window). */
export async function saveSettings(next: AppSettings): Promise<Result<AppSettings>> {
  const previous = useSettingsStore.getState().settings;
  adopt(next);
  let result: Result<AppSettings>;
  try {
    result = await getApi().setAppSettings(next);
  } catch (error) {
    result = fail('transport', phrase('The settings could not be saved ({{problem}}).', { problem: error instanceof Error ? error.message : String(error) }));
  }
  if (result.ok) adopt(result.value);
  else adopt(previous);
  return result;
}

export function setRoomNotifyLevel(account: AccountId, room: Jid, level: RoomNotifyLevel): Promise<Result<AppSettings>> {
  return saveSettings(withRoomNotifyLevel(currentSettings(), account, room, level));
}

export const useRoomNotifyLevel = (account: AccountId, room: Jid): RoomNotifyLevel => useSettingsStore((state) => roomNotifyLevel(state.settings, account, room));

export function setConversationMuted(account: AccountId, conversation: Jid, muted: boolean): Promise<Result<AppSettings>> {
  return saveSettings(withMuted(currentSettings(), account, conversation, muted));
}

export function bindSettings(api: Pick<JabberApi, 'onAppSettings' | 'getAppSettings' | 'getHostInfo'>): Unsubscribe {
  applyLook(useSettingsStore.getState().settings);
  const unsubscribe = api.onAppSettings(adopt);
  void api.getAppSettings().then((result) => {
    if (result.ok) adopt(result.value);
  });
  void api.getHostInfo().then((result) => {
    if (result.ok) useSettingsStore.setState({ host: result.value });
  });
  return unsubscribe;
}
