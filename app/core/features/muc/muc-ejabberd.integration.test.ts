/**
 * Group chat against a real ejabberd 23.01 (mod_muc with MAM on rooms, mod_pubsub PEP bookmarks): the
 * scenarios of muc-scenarios.ts. Its server drops every occupant when mod_muc restarts (status 332,
 * the streams stay up): self-ping brings us back.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { ejabberdctl, startEjabberd, type EjabberdServer } from '../../../../e2e/server/ejabberd.ts';
import { roomScenarios, type RoomTestServer } from '../../../../e2e/room-scenarios.ts';

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

describe('group chat rooms on ejabberd', () => {
  roomScenarios(info, { dropOccupants: async () => void (await ejabberdctl(server, ['restart_module', server.domain, 'mod_muc'])) });
});
