/** Checks the input of sendReply and sendReactions: it comes from a renderer we do not trust. */
import { phrase } from '../../../shared/phrase.ts';
import type { AccountId, Jid, Result } from '../../../shared/contract.ts';
import { fail, ok } from '../../../shared/result.ts';
import { isRecord, parseRetractMessage, parseSendMessage } from '../../accounts/accounts-input.ts';
import { MAX_REACTIONS_PER_MESSAGE } from '../../xml/rich-message.ts';

export function parseSendReply(request: unknown): Result<{ account: AccountId; to: Jid; body: string; replyTo: string }> {
  const message = parseSendMessage(request);
  if (!message.ok) return message;
  const replyTo = isRecord(request) ? request.replyTo : undefined;
  if (typeof replyTo !== 'string' || replyTo.length === 0 || replyTo.length > 256) return fail('invalid-argument', 'Say which message this replies to (its id).');
  return ok({ ...message.value, replyTo });
}

export function parseSendReactions(request: unknown): Result<{ account: AccountId; conversation: Jid; id: string; reactions: readonly string[] }> {
  const target = parseRetractMessage(request);
  if (!target.ok) return target;
  const reactions = isRecord(request) ? request.reactions : undefined;
  if (!Array.isArray(reactions) || reactions.some((reaction) => typeof reaction !== 'string')) return fail('invalid-argument', 'Reactions are a list of emoji.');
  if (reactions.length > MAX_REACTIONS_PER_MESSAGE) return fail('invalid-argument', phrase('At most {{max}} reactions to one message.', { max: MAX_REACTIONS_PER_MESSAGE }));
  return ok({ ...target.value, reactions: reactions as string[] });
}
