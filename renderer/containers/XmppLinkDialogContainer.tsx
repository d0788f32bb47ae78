/** The confirmation of the first xmpp: link waiting, and the room placeholder after "Join room". */
import { useShallow } from 'zustand/react/shallow';
import { RoomPlaceholderDialog, XmppLinkDialog, type XmppLinkView } from '../components/XmppLinkDialog.tsx';
import { selectCurrentAccount } from '../state/derive.ts';
import { closeRoomRequest, confirmXmppLink, dismissXmppLink, planLink, usePendingLink, useRoomRequest } from '../state/links.ts';
import { useJabberStore } from '../state/store.ts';

export function XmppLinkDialogContainer() {
  const pending = usePendingLink();
  const room = useRoomRequest();
  const { accounts, current } = useJabberStore(useShallow((state) => ({ accounts: state.accounts, current: selectCurrentAccount(state)?.account ?? null })));
  if (room !== null) return <RoomPlaceholderDialog room={room.room} onClose={closeRoomRequest} />;
  if (pending === undefined) return null;
  const view: XmppLinkView = pending.kind === 'valid' ? { ...pending, plan: planLink(pending.uri, accounts, current) } : pending;
  // Keyed by the link: the next one starts with its own account choice and no error.
  return <XmppLinkDialog key={pending.raw} link={view} onConfirm={confirmXmppLink} onCancel={dismissXmppLink} several={accounts.length > 1} />;
}
