/** The open group chat room, from the store: the room, its occupants, its messages and the draft. */
import { useEffect, useMemo } from 'react';
import { RoomView } from '../components/RoomView.tsx';
import { markRoomRead } from '../state/actions.ts';
import { openLatest } from '../state/history-actions.ts';
import { useDraft, useEditing, useMessages } from '../state/hooks.ts';
import { useRoomModerations, useRoomTyping } from '../state/room-messages.ts';
import { COMMON_REACTIONS, useReactionRestrictions, useReplying } from '../state/rich-actions.ts';
import { fileSlotsFor } from './FilesContainer.tsx';
import type { ConversationRef } from '../state/model.ts';
import { useOccupants, useRoom } from '../state/rooms.ts';
import { useRoomNotifyLevel } from '../state/settings.ts';
import { useSpellCheckAttributes } from '../state/language.ts';
import { roomCommands } from './commands.ts';

export function RoomViewContainer({ conversation }: { conversation: ConversationRef }) {
  const room = useRoom(conversation);
  const occupants = useOccupants(conversation);
  const messages = useMessages(conversation);
  const draft = useDraft(conversation);
  const notifyLevel = useRoomNotifyLevel(conversation.account, conversation.peer);
  const typing = useRoomTyping(conversation);
  const moderated = useRoomModerations(conversation);
  const editing = useEditing(conversation);
  const replying = useReplying(conversation);
  const restrictions = useReactionRestrictions(conversation);
  const spelling = useSpellCheckAttributes();
  // Files go to the room as groupchat messages (the core sends them from our occupant JID).
  const files = useMemo(() => fileSlotsFor(conversation), [conversation.account, conversation.peer]);
  useEffect(() => {
    void openLatest(conversation);
    // Mounted once per room (MainScreen keys this container by it).
  }, []);
  // What arrives while the room is open and the window visible is read at once, as in a chat.
  const newestIncoming = messages.findLast((message) => message.direction === 'in')?.id;
  useEffect(() => {
    if (newestIncoming === undefined) return;
    const markIfVisible = (): void => {
      if (globalThis.document?.visibilityState !== 'hidden') markRoomRead(conversation);
    };
    markIfVisible();
    globalThis.document?.addEventListener('visibilitychange', markIfVisible);
    return () => globalThis.document?.removeEventListener('visibilitychange', markIfVisible);
  }, [conversation, newestIncoming]);
  if (room === undefined) return null;
  return <RoomView conversation={conversation} room={room} occupants={occupants} messages={messages} draft={draft} commands={roomCommands} notifyLevel={notifyLevel}
    extras={{ typing, moderated, editing, replying, restrictions, commonReactions: COMMON_REACTIONS, files, spelling }} />;
}
