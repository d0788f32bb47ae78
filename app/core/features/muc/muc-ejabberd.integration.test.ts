/**
 * Group chat against a real ejabberd 23.01 (mod_muc with MAM on rooms, mod_pubsub PEP bookmarks): the
 * scenarios of muc-scenarios.ts. Its server drops every occupant when mod_muc restarts (status 332,
 * the streams stay up): self-ping brings us back.
 */
import { describe } from 'vitest';
import { ejabberdctl } from '../../../../e2e/server/ejabberd.ts';
import { roomScenarios, useEjabberdForRooms } from '../../../../e2e/room-scenarios.ts';

const { server, info } = useEjabberdForRooms();

describe('group chat rooms on ejabberd', () => {
  roomScenarios(info, { dropOccupants: async () => void (await ejabberdctl(server(), ['restart_module', server().domain, 'mod_muc'])) });
});
