/** The sidebar's Rooms section for the current account, from the rooms slice. */
import { useCurrentAccount } from '../state/hooks.ts';
import { useRoomInvitations, useRoomMentions, useRoomUnread, useRooms } from '../state/rooms.ts';
import { useJabberStore } from '../state/store.ts';
import { RoomList } from '../components/RoomList.tsx';
import { roomListCommands } from './commands.ts';

export function RoomListContainer() {
  const current = useCurrentAccount();
  const account = current?.account;
  const rooms = useRooms(account);
  const unread = useRoomUnread(account);
  const mentions = useRoomMentions(account);
  const invitations = useRoomInvitations(account);
  const active = useJabberStore((state) => state.active);
  if (current === undefined || account === undefined) return null;
  const [local = '', domain = ''] = account.split('@');
  // The service of a room already known, else the usual name of one.
  const service = rooms[0]?.jid.split('@')[1] ?? (domain === '' ? '' : `conference.${domain}`);
  return (
    <RoomList
      account={account}
      rooms={rooms}
      unread={unread}
      mentions={mentions}
      active={active}
      invitations={invitations}
      defaultNick={local}
      service={service}
      connected={current.connection.status === 'connected'}
      commands={roomListCommands}
    />
  );
}
