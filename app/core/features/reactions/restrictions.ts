/**
 * XEP-0444 §3.2 restricted reactions: what a conversation's other party (a room, a gateway) allows,
 * from the `urn:xmpp:reactions:0:restrictions` form of its disco#info (XEP-0128). Asked once per JID
 * and session; an entity that does not answer has no restrictions as far as we know.
 */
import { xml, type Element } from '@xmpp/xml';
import type { Jid, ReactionRestrictions } from '../../../shared/contract.ts';
import { formatBare, parseJid } from '../../../shared/jid.ts';
import { fail, ok } from '../../../shared/result.ts';
import { parseAccountId } from '../../accounts/accounts-input.ts';
import type { IqRouter } from '../../session/iq.ts';
import type { FeatureParts } from '../../session/feature.ts';
import { RecentMap } from '../../recent-map.ts';
import { NS } from '../../xml/namespaces.ts';
import { parseDataForm } from '../../xml/data-form.ts';
import { cleanReactions, MAX_REACTIONS_PER_MESSAGE } from '../../xml/rich-message.ts';

/** Conversations whose restrictions we remember per session. */
const MAX_REMEMBERED = 500;

/** The restrictions in a disco#info result; none: `{}`. */
export function parseReactionRestrictions(query: Element | undefined): ReactionRestrictions {
  if (query === undefined) return {};
  for (const x of query.getChildren('x', NS.dataForms)) {
    const form = parseDataForm(x);
    if (form === null) continue;
    const type = form.fields.find((field) => field.var === 'FORM_TYPE')?.values[0];
    if (type !== NS.reactionRestrictions) continue;
    const allow = form.fields.find((field) => field.var === 'allowlist');
    const max = Number(form.fields.find((field) => field.var === 'max_reactions_per_user')?.values[0]);
    return {
      ...(allow !== undefined ? { allowlist: cleanReactions(allow.values.slice(0, 200)) } : {}),
      ...(Number.isInteger(max) && max >= 1 ? { maxReactionsPerUser: Math.min(max, MAX_REACTIONS_PER_MESSAGE) } : {}),
    };
  }
  return {};
}

/** Why `emojis` break the restrictions, or null when they keep them. */
export function restrictionBroken(emojis: readonly string[], restrictions: ReactionRestrictions): string | null {
  const allow = restrictions.allowlist;
  if (allow !== undefined) {
    const refused = emojis.filter((emoji) => !allow.includes(emoji));
    if (refused.length > 0) return `This conversation accepts only these reactions: ${allow.join(' ')}.`;
  }
  const max = restrictions.maxReactionsPerUser;
  if (max !== undefined && emojis.length > max) return `This conversation accepts at most ${max} reaction${max === 1 ? '' : 's'} per person to a message.`;
  return null;
}

export interface ReactionRestrictionsFeature extends FeatureParts {
  /** The restrictions of `jid` (bare), asked once per session. */
  restrictionsOf(jid: Jid): Promise<ReactionRestrictions>;
}

export function createReactionRestrictions(deps: { readonly iq: IqRouter; readonly timeoutMs: number }): ReactionRestrictionsFeature {
  const known = new RecentMap<Jid, Promise<ReactionRestrictions>>(MAX_REMEMBERED);
  function restrictionsOf(jid: Jid): Promise<ReactionRestrictions> {
    let answer = known.get(jid);
    if (answer === undefined) {
      answer = deps.iq
        .request('get', xml('query', { xmlns: NS.discoInfo }), jid, deps.timeoutMs)
        .then((reply) => parseReactionRestrictions(reply.getChild('query', NS.discoInfo)))
        .catch(() => ({}));
      known.set(jid, answer);
    }
    return answer;
  }
  return {
    restrictionsOf,
    commands: {
      async getReactionRestrictions(request) {
        const account = parseAccountId((request as { account?: unknown } | undefined)?.account);
        if (!account.ok) return account;
        const parsed = parseJid(typeof request.conversation === 'string' ? request.conversation : '');
        if (!parsed.ok) return fail('invalid-jid', 'Say which conversation (a Jabber ID).');
        return ok(await restrictionsOf(formatBare(parsed.jid)));
      },
    },
    signedOut() {
      known.clear();
      return [];
    },
  };
}
