/** The words the UI uses for presence and connection states (visible text and accessible names), in the interface's language. */
import type { ConnectionState, OwnPresenceShow, PresenceShow } from '../../app/shared/contract.ts';
import { t } from '../i18n/i18n.ts';

export function presenceWord(show: PresenceShow): string {
  switch (show) {
    case 'online':
      return t('Online');
    case 'away':
      return t('Away');
    case 'dnd':
      return t('Do not disturb');
    case 'xa':
      return t('Extended away');
    case 'offline':
      return t('Offline');
  }
}

/** The choices offered for one's own presence, in menu order. */
export const OWN_PRESENCE_CHOICES: readonly OwnPresenceShow[] = ['online', 'away', 'dnd', 'xa'];

export function connectionWord(state: ConnectionState): string {
  switch (state.status) {
    case 'connected':
      return t('Connected');
    case 'connecting':
      return t('Connecting…');
    case 'disconnected':
      return t('Disconnected');
    case 'disconnecting':
      return t('Disconnecting…');
  }
}
