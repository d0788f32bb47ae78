/** The open group chat room, from the store: the room, its occupants, its messages and the draft. */
import { useEffect } from 'react';
import { RoomView } from '../components/RoomView.tsx';
import { markRead } from '../state/actions.ts';
import { openLatest } from '../state/history-actions.ts';
import { useDraft, useMessages } from '../state/hooks.ts';
import type { ConversationRef } from '../state/model.ts';
import { useOccupants, useRoom } from '../state/rooms.ts';
import { useRoomNotifyLevel } from '../state/settings.ts';
import { roomCommands } from './commands.ts';

export function RoomViewContainer({ conversation }: { conversation: ConversationRef }) {
  const room = useRoom(conversation);
  const occupants = useOccupants(conversation);
  const messages = useMessages(conversation);
  const draft = useDraft(conversation);
  const notifyLevel = useRoomNotifyLevel(conversation.account, conversation.peer);
  useEffect(() => {
    void openLatest(conversation);
    // Mounted once per room (MainScreen keys this container by it).
  }, []);
  // The open room is being read: what arrives while it is in front of the user does not count as unread.
  const newest = messages.at(-1)?.id;
  useEffect(() => {
    if (newest !== undefined && globalThis.document?.visibilityState !== 'hidden') markRead(conversation);
  }, [newest]);
  if (room === undefined) return null;
  return <RoomView conversation={conversation} room={room} occupants={occupants} messages={messages} draft={draft} commands={roomCommands} notifyLevel={notifyLevel} />;
}
