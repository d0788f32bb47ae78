/**
 * The profile feature's contract commands on one account's session (the generic feature path,
 * session/feature.ts): vCards (XEP-0054/XEP-0292), our own avatar (XEP-0084, XEP-0153) and a
 * contact's devices (XEP-0115). Each checks its input with profiles-input.ts first.
 */
import type { Jid } from '../../../shared/contract.ts';
import { ok } from '../../../shared/result.ts';
import type { FeatureParts } from '../../session/feature.ts';
import type { IqRouter } from '../../session/iq.ts';
import type { Avatars } from './avatars.ts';
import type { Capabilities } from './caps.ts';
import { parseProfileRequest, parseSetAvatar, parseSetProfile } from './profiles-input.ts';
import { fetchProfile, storeOwnProfile } from './vcard.ts';

export function createProfileCommands(deps: {
  readonly iq: IqRouter;
  readonly ownBareJid: Jid;
  readonly timeoutMs: number;
  readonly avatars: Pick<Avatars, 'publish' | 'remove'>;
  readonly capabilities: Pick<Capabilities, 'devices'>;
}): FeatureParts {
  const { iq, ownBareJid, timeoutMs, avatars, capabilities } = deps;
  return {
    commands: {
      async getProfile(request) {
        const input = parseProfileRequest(request);
        return input.ok ? ok(await fetchProfile(iq, input.value.jid, ownBareJid, timeoutMs)) : input;
      },
      async setProfile(request) {
        const input = parseSetProfile(request);
        if (!input.ok) return input;
        await storeOwnProfile(iq, input.value.profile, timeoutMs);
        return ok(null);
      },
      async setAvatar(request) {
        const input = parseSetAvatar(request);
        return input.ok ? ok(await avatars.publish(input.value.type, input.value.bytes)) : input;
      },
      async removeAvatar() {
        await avatars.remove();
        return ok(null);
      },
      async getDevices(request) {
        const input = parseProfileRequest(request);
        return input.ok ? ok(capabilities.devices(input.value.jid)) : input;
      },
    },
  };
}
