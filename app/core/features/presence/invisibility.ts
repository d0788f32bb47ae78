/**
 * Invisibility (XEP-0186 invisible command), only where our server advertises it: the server then
 * tells our contacts we went offline and broadcasts none of our presence until we are visible again,
 * when our presence must be sent anew. Invisibility lasts one session: a new stream starts visible.
 */
import { xml } from '@xmpp/xml';
import { coreError } from '../../errors.ts';
import type { IqRouter } from '../../session/iq.ts';
import { parseDiscoFeatures } from '../../xml/disco-features.ts';
import { NS } from '../../xml/namespaces.ts';
import type { AccountEvent, FeatureEmitter, FeatureParts } from '../../session/feature.ts';
import type { AccountId } from '../../../shared/contract.ts';

export interface Invisibility extends FeatureParts {
  /** Asks our server (disco#info) whether it supports the command; a failure counts as "no". */
  discover(timeoutMs: number): Promise<boolean>;
  supported(): boolean;
  /** What the user chose; it outlives a stream (see restore). */
  invisible(): boolean;
  set(invisible: boolean, timeoutMs: number): Promise<void>;
  /** A new stream starts visible: go invisible again, before our initial presence, if the user had chosen it. */
  restore(timeoutMs: number): Promise<void>;
  /** Signed out: nothing is known any more (the UI hears it once). */
  signedOut(): readonly AccountEvent[];
}

export function createInvisibility(deps: { iq: IqRouter; domain: string; account: AccountId; emit: FeatureEmitter }): Invisibility {
  const { iq, domain, account, emit } = deps;
  let supported = false;
  let invisible = false;
  const state = () => ({ account, supported, invisible });
  const announce = (): void => emit('onInvisibility', state());

  async function discover(timeoutMs: number): Promise<boolean> {
    const found = await iq.request('get', xml('query', { xmlns: NS.discoInfo }), domain, timeoutMs).then(
      (reply) => parseDiscoFeatures(reply).has(NS.invisible),
      () => false,
    );
    if (found !== supported) {
      supported = found;
      if (!supported) invisible = false;
      announce();
    }
    return supported;
  }

  /** `probe` (XEP-0186 0.12+): invisible from the start of a stream, ask the server to probe our contacts for us. */
  async function command(name: 'invisible' | 'visible', timeoutMs: number, probe = false): Promise<void> {
    await iq.request('set', xml(name, { xmlns: NS.invisible, ...(probe ? { probe: 'true' } : {}) }), null, timeoutMs);
  }

  return {
    discover,
    supported: () => supported,
    invisible: () => invisible,
    async set(next, timeoutMs) {
      if (next && !supported) throw coreError('invalid-argument', 'Your server does not offer invisibility (XEP-0186): choose another status.');
      if (next === invisible) return;
      await command(next ? 'invisible' : 'visible', timeoutMs);
      invisible = next;
      announce();
    },
    async restore(timeoutMs) {
      if (!invisible) {
        void discover(timeoutMs);
        return;
      }
      // The stream is new: the server knows nothing of our choice, and may have changed.
      if (await discover(timeoutMs)) await command('invisible', timeoutMs, true);
    },
    signedOut() {
      if (!supported && !invisible) return [];
      supported = false;
      invisible = false;
      return [{ event: 'onInvisibility', payload: state() }];
    },
  };
}
