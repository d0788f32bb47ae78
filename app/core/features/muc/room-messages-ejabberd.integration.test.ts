/**
 * Conversation features in rooms against a real ejabberd 23.01 (mod_muc with MAM on rooms; no XEP-0425 moderation
 * and no XEP-0421 occupant-id there): the scenarios of e2e/room-message-scenarios.ts.
 */
import { describe } from 'vitest';
import { roomMessageScenarios } from '../../../../e2e/room-message-scenarios.ts';
import { useEjabberdForRooms } from '../../../../e2e/room-scenarios.ts';

const { info } = useEjabberdForRooms();

describe('conversation features in rooms on ejabberd', () => {
  roomMessageScenarios(info, { moderation: false, occupantId: false });
});
