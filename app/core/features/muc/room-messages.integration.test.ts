/**
 * Conversation features in rooms against the real Prosody (muc_mam, muc_moderation, occupant-id): the scenarios
 * of e2e/room-message-scenarios.ts.
 */
import { describe, inject } from 'vitest';
import { roomMessageScenarios } from '../../../../e2e/room-message-scenarios.ts';

const server = inject('testServer');

describe('conversation features in rooms on Prosody', () => {
  roomMessageScenarios(() => server, { moderation: true, occupantId: true });
});
