/** The words the UI uses for presence and connection states (visible text and accessible names). */
import type { ConnectionState, OwnPresenceShow, PresenceShow } from '../../app/shared/contract.ts';

const PRESENCE_WORDS: Readonly<Record<PresenceShow, string>> = {
  online: 'Online',
  away: 'Away',
  dnd: 'Do not disturb',
  xa: 'Extended away',
  offline: 'Offline',
};

export const presenceWord = (show: PresenceShow): string => PRESENCE_WORDS[show];

/** The choices offered for one's own presence, in menu order. */
export const OWN_PRESENCE_CHOICES: readonly OwnPresenceShow[] = ['online', 'away', 'dnd', 'xa'];

const CONNECTION_WORDS: Readonly<Record<ConnectionState['status'], string>> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  disconnected: 'Disconnected',
  disconnecting: 'Disconnecting…',
};

export const connectionWord = (state: ConnectionState): string => CONNECTION_WORDS[state.status];
