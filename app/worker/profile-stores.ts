/**
 * Every store of one profile directory, as the core's dependencies (saved passwords excepted: they
 * belong to whoever holds the keychain). Used by the core worker; one wiring for Electron and the web host.
 */
import path from 'node:path';
import type { ServiceDependencies } from '../core/service.ts';
import { openProfileHistory } from '../store/history-files.ts';
import { accountFile, createPrivateTextFile } from '../store/private-text-file.ts';
import { createFileRosterCache } from '../core/features/roster/roster-cache.ts';
import { createFileAvatarStore } from '../store/avatar-store.ts';
import { createFileAvatarIndex } from '../core/features/profile/avatar-index.ts';
import { openFileCapsCache } from '../core/features/profile/caps-cache.ts';
import { createJsonSettingsStore } from '../store/settings-store.ts';
import { createJsonPresencePreferencesStore } from '../store/presence-preferences-store.ts';
import { createJsonAccountStore } from '../store/account-store-file.ts';
import { createJsonAppSettingsStore } from '../store/app-settings-store.ts';

export async function openProfileStores(profile: string): Promise<Omit<ServiceDependencies, 'secretStore'>> {
  return {
    accountStore: createJsonAccountStore(path.join(profile, 'accounts.json')),
    openHistory: (account) => openProfileHistory(profile, account),
    // XEP-0237: the roster and its version, so a large roster is not fetched again at every start.
    openRosterCache: (account) => createFileRosterCache(createPrivateTextFile(accountFile(profile, 'rosters', account, '.json'))),
    // Avatars by SHA-1 in <profile>/avatars, so a restart shows them without fetching them again.
    avatarStore: createFileAvatarStore(profile),
    // XEP-0115: what each client version supports, so a restart asks no device again.
    capsCache: await openFileCapsCache(createPrivateTextFile(path.join(profile, 'caps.json'))),
    openAvatarIndex: (account) => createFileAvatarIndex(createPrivateTextFile(accountFile(profile, 'avatar-index', account, '.json'))),
    settingsStore: createJsonSettingsStore(path.join(profile, 'settings.json')),
    presencePreferences: createJsonPresencePreferencesStore(path.join(profile, 'presence.json')),
    appSettings: createJsonAppSettingsStore(path.join(profile, 'app-settings.json')),
  };
}
