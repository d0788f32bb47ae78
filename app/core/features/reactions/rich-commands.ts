/**
 * The reply and reaction commands of a one-to-one conversation (sendReply, sendReactions), on the
 * account's side: like chat's commands they write the history first (the account runtime owns it),
 * then the session sends. Rooms send theirs through features/muc (see references.ts for their ids).
 */
import { phrase } from '../../../shared/phrase.ts';
import type { ChatMessage, Jid, ReactionRestrictions, Result } from '../../../shared/contract.ts';
import { fail, ok } from '../../../shared/result.ts';
import type { MessageHistory } from '../../../store/message-history.ts';
import { toAppError } from '../../errors.ts';
import type { Session } from '../../session/session.ts';
import { cleanReactions, MAX_REACTIONS_PER_MESSAGE } from '../../xml/rich-message.ts';
import { messageReference, replyReference } from './references.ts';
import { restrictionBroken } from './restrictions.ts';

export interface RichCommandDeps {
  readonly session: Session | null;
  readonly history: MessageHistory;
  /** Our bare JID: the reactor of our reactions in the history. */
  readonly accountBare: Jid;
  readonly account: string;
  /** Tells the UI about a stored message (onMessage). */
  readonly tell: (message: ChatMessage) => void;
  /** The restrictions the conversation advertises (none known: `{}`). */
  readonly restrictions: (conversation: Jid) => Promise<ReactionRestrictions>;
  readonly now?: () => number;
}

/** A reply to the message `replyTo` of the conversation `to`: stored as pending, then sent (queued while the link is down). */
export async function sendReply(deps: RichCommandDeps, to: Jid, body: string, replyTo: string): Promise<Result<ChatMessage>> {
  const { session, history } = deps;
  if (session === null) return fail('not-connected', phrase('{{account}} is offline: the reply was not sent. Sign in and send it again.', { account: deps.account }));
  const original = history.findAny(to, replyTo);
  if (original === null) return fail('invalid-argument', 'The message to reply to is not in this conversation.');
  if (original.retracted === true) return fail('invalid-argument', 'A retracted message cannot be replied to.');
  const reference = replyReference(original, 'chat');
  if (reference === null) return fail('invalid-argument', 'That message cannot be replied to.');
  const message = session.composeReply(to, body, reference);
  history.enqueue(message);
  deps.tell(message);
  try {
    await session.send(message);
    return ok(message);
  } catch (error) {
    return { ok: false, error: toAppError(error, 'the server') };
  }
}

/** Our whole set of reactions to the message `id` (empty: none): sent, then stored and told. */
export async function sendReactions(deps: RichCommandDeps, conversation: Jid, id: string, reactions: readonly string[]): Promise<Result<ChatMessage>> {
  const { session, history } = deps;
  if (session === null) return fail('not-connected', phrase('{{account}} is offline: sign in to react to a message.', { account: deps.account }));
  const emojis = cleanReactions(reactions);
  if (emojis.length !== reactions.length && reactions.length <= MAX_REACTIONS_PER_MESSAGE) {
    return fail('invalid-argument', 'A reaction is one emoji, given once.');
  }
  if (reactions.length > MAX_REACTIONS_PER_MESSAGE) return fail('invalid-argument', phrase('At most {{max}} reactions to one message.', { max: MAX_REACTIONS_PER_MESSAGE }));
  const target = history.findAny(conversation, id);
  if (target === null) return fail('invalid-argument', 'The message to react to is not in this conversation.');
  if (target.retracted === true) return fail('invalid-argument', 'A retracted message cannot be reacted to.');
  const reference = messageReference(target, 'chat');
  if (reference === null) return fail('invalid-argument', 'That message cannot be reacted to.');
  const broken = restrictionBroken(emojis, await deps.restrictions(conversation));
  if (broken !== null) return fail('invalid-argument', broken);
  try {
    const reactionId = await session.sendReactions(conversation, reference, emojis);
    const updated = history.react(conversation, deps.accountBare, reference, emojis, (deps.now ?? Date.now)(), reactionId);
    if (updated !== null) {
      deps.tell(updated);
      return ok(updated);
    }
    // The same set as stored already: nothing changed.
    const { stanzaId: _stanzaId, originId: _originId, ...message } = target;
    return ok(message);
  } catch (error) {
    return { ok: false, error: toAppError(error, 'the server') };
  }
}
