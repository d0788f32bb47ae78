/**
 * Conversation features in rooms against a real ejabberd 23.01 (mod_muc with MAM on rooms; no XEP-0425 moderation
 * and no XEP-0421 occupant-id there): the scenarios of e2e/room-message-scenarios.ts.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { startEjabberd, type EjabberdServer } from '../../../../e2e/server/ejabberd.ts';
import { roomMessageScenarios } from '../../../../e2e/room-message-scenarios.ts';
import type { RoomTestServer } from '../../../../e2e/room-scenarios.ts';

let server: EjabberdServer;
beforeAll(async () => {
  server = await startEjabberd({ websocket: true });
}, 120_000);
afterAll(async () => {
  await server?.stop();
}, 60_000);

const info = (): RoomTestServer => {
  if (server.websocketUrl === undefined) throw new Error('ejabberd was started without WebSocket');
  return { ...server, websocketUrl: server.websocketUrl };
};

describe('conversation features in rooms on ejabberd', () => {
  roomMessageScenarios(info, { moderation: false, occupantId: false });
});
