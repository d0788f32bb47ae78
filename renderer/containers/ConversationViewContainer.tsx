/**
 * The open conversation, from the store: its messages and where they sit in the stored history, the
 * partner's name, presence and avatar, the draft and the correction under way. Opening it shows the
 * newest stored messages (unless it opens at a search hit); an offline partner's server is asked when
 * they were last seen.
 */
import { useEffect, useMemo } from 'react';
import { ConversationView } from '../components/ConversationView.tsx';
import { openLatest } from '../state/history-actions.ts';
import { windowOf } from '../state/history.ts';
import { useAccountCount, useContact, useDisplayName, useDraft, useEditing, useMessages, useTyping } from '../state/hooks.ts';
import type { ConversationRef } from '../state/model.ts';
import { fetchLastActivity, useLastActivity } from '../state/presence-store.ts';
import { setConversationMuted, useMuted } from '../state/settings.ts';
import { useSpellCheckAttributes } from '../state/language.ts';
import { useJabberStore } from '../state/store.ts';
import { isPrivateConversation } from '../state/rooms.ts';
import { conversationCommands, privateConversationCommands } from './commands.ts';
import { COMMON_REACTIONS, useReactionRestrictions, useReplying } from '../state/rich-actions.ts';
import { fileSlotsFor } from './FilesContainer.tsx';
import { useT } from '../i18n/use-t.ts';

const isOf = (ref: ConversationRef | null, conversation: ConversationRef): boolean => ref !== null && ref.account === conversation.account && ref.peer === conversation.peer;

export function ConversationViewContainer({ conversation }: { conversation: ConversationRef }) {
  const t = useT();
  const { account, peer } = conversation;
  const name = useDisplayName(conversation);
  const contact = useContact(conversation);
  const avatar = useJabberStore((state) => state.cards[account]?.[peer]?.avatar ?? null);
  const messages = useMessages(conversation);
  const historyWindow = useJabberStore((state) => windowOf(state, conversation));
  const focus = useJabberStore((state) => (isOf(state.focus, conversation) ? state.focus : null));
  const several = useAccountCount() > 1;
  const typing = useTyping(conversation);
  const draft = useDraft(conversation);
  const editing = useEditing(conversation);
  const lastActivity = useLastActivity(conversation);
  const muted = useMuted(account, peer);
  // Private messages with a room occupant go through the room.
  const privately = useJabberStore((state) => isPrivateConversation(state, conversation));
  const replying = useReplying(conversation);
  const reactionRestrictions = useReactionRestrictions(conversation);
  const spelling = useSpellCheckAttributes();
  // Files go to contacts (a room's occupant privately: not offered).
  const files = useMemo(() => (privately ? undefined : fileSlotsFor(conversation)), [account, peer, privately]);

  useEffect(() => {
    if (!isOf(useJabberStore.getState().focus, conversation)) void openLatest(conversation);
    // Mounted once per conversation (MainScreen keys this container by it).
  }, []);

  const offline = contact !== undefined && contact.presence.show === 'offline';
  useEffect(() => {
    if (offline) void fetchLastActivity({ account, peer });
  }, [account, peer, offline]);

  return (
    <ConversationView
      conversation={conversation}
      name={name}
      contact={contact}
      avatar={avatar}
      messages={messages}
      historyWindow={historyWindow}
      focus={focus}
      several={several}
      typing={typing}
      draft={draft}
      editing={editing}
      lastActivity={lastActivity}
      commands={privately ? privateConversationCommands : conversationCommands}
      replying={replying}
      reactionRestrictions={reactionRestrictions}
      commonReactions={COMMON_REACTIONS}
      spelling={spelling}
      {...(files !== undefined ? { files } : {})}
      headerActions={
        // A toggle: its pressed state says whether the conversation's notifications are off.
        <button type="button" className="secondary mute-toggle" aria-pressed={muted} onClick={() => void setConversationMuted(account, peer, !muted)}>
          {t('Mute notifications')}
        </button>
      }
    />
  );
}
