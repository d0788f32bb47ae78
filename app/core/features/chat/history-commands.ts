/**
 * The history commands over each account's MessageHistory: a page of a conversation, and search
 * across one account or all of them (hits merged, the newest first).
 */
import { phrase } from '../../../shared/phrase.ts';
import type { AccountId, Jid, MessagePage, MessageSearchHit, Result } from '../../../shared/contract.ts';
import { fail, ok } from '../../../shared/result.ts';
import { BadCursorError, type MessageHistory } from '../../../store/message-history.ts';
import { unknownAccount } from '../../accounts/accounts-input.ts';
import { parseLoadMessages, parseSearchMessages } from './history-input.ts';

const DEFAULT_HITS = 50;

export interface HistoryCommands {
  loadMessages(request: unknown): Promise<Result<MessagePage>>;
  searchMessages(request: unknown): Promise<Result<readonly MessageSearchHit[]>>;
}

export interface HistorySource {
  /** The configured accounts, in their order. */
  accounts(): readonly AccountId[];
  /** The history of a configured account; undefined for any other. */
  history(account: AccountId): MessageHistory | undefined;
  /**
   * Asks the server's archive for messages of the conversation older than `beforeMs` and stores them;
   * resolves with how many came (0 offline, or when there is none). Absent: the stored history is all.
   */
  fetchOlder?(account: AccountId, conversation: Jid, beforeMs: number): Promise<number>;
}

/** The time a history position stands for (positions are `time:sequence`), or undefined. */
function cursorTime(cursor: string | undefined): number | undefined {
  const match = cursor === undefined ? null : /^(-?\d{1,16}):\d{1,16}$/u.exec(cursor);
  return match === null ? undefined : Number(match[1]);
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createHistoryCommands(source: HistorySource): HistoryCommands {
  return {
    async loadMessages(request) {
      const input = parseLoadMessages(request);
      if (!input.ok) return input;
      const { account, conversation, ...position } = input.value;
      const history = source.history(account);
      if (history === undefined) return unknownAccount(account);
      const read = (): Result<MessagePage> => {
        try {
          return ok(history.page(conversation, position));
        } catch (error) {
          if (error instanceof BadCursorError) return fail('invalid-argument', 'That position is not in this conversation’s history: open the conversation again.');
          return fail('internal', phrase('The history of {{account}} could not be read ({{problem}}).', { account, problem: describe(error) }));
        }
      };
      const stored = read();
      // Nothing older stored here: page back into the server's archive, then read the page again.
      if (!stored.ok || stored.value.older !== null || position.after !== undefined || position.around !== undefined || source.fetchOlder === undefined) return stored;
      const oldest = stored.value.messages[0]?.timestamp ?? cursorTime(position.before) ?? Date.now();
      return (await source.fetchOlder(account, conversation, oldest)) === 0 ? stored : read();
    },

    async searchMessages(request) {
      const input = parseSearchMessages(request);
      if (!input.ok) return input;
      const { query, account, conversation } = input.value;
      const limit = input.value.limit ?? DEFAULT_HITS;
      if (account !== undefined && source.history(account) === undefined) return unknownAccount(account);
      const accounts = account !== undefined ? [account] : source.accounts();
      const hits: MessageSearchHit[] = [];
      for (const id of accounts) {
        const history = source.history(id);
        if (history === undefined) continue;
        try {
          const found = history.search(query, { ...(conversation !== undefined ? { conversation } : {}), limit });
          for (const hit of found) hits.push({ account: id, ...hit });
        } catch (error) {
          return fail('internal', phrase('The history of {{account}} could not be searched ({{problem}}).', { account: id, problem: describe(error) }));
        }
      }
      // Each history gives its newest hits first; across accounts, newest first by time.
      if (accounts.length > 1) hits.sort((a, b) => b.timestamp - a.timestamp);
      return ok(hits.slice(0, limit));
    },
  };
}
