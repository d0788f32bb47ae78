/**
 * The commands the presentational components are given: the store's actions and the contract's
 * calls (renderer/state), gathered once at module level so that every render hands the same objects
 * (memoized components see no change).
 */
import type { AccountSettingsCommands } from '../components/AccountSettings.tsx';
import type { AccountCommands } from '../components/AccountControls.tsx';
import type { AdministrationCommands } from '../components/AdministrationDialog.tsx';
import type { ContactDialogCommands } from '../components/ContactDialogs.tsx';
import type { ContactListCommands } from '../components/ContactList.tsx';
import type { ConversationCommands } from '../components/ConversationView.tsx';
import type { DirectoryCommands } from '../components/DirectorySearchDialog.tsx';
import type { SearchCommands } from '../components/MessageSearch.tsx';
import type { OwnProfileCommands } from '../components/OwnProfile.tsx';
import type { PresenceCommands } from '../components/PresenceControls.tsx';
import type { ProfileCommands } from '../components/ProfileDialog.tsx';
import type { SignInCommands } from '../components/SignInScreen.tsx';
import type { RequestCommands } from '../components/SubscriptionRequests.tsx';
import type { RoomListCommands } from '../components/RoomList.tsx';
import type { RoomCommands } from '../components/RoomView.tsx';
import { fail } from '../../app/shared/result.ts';
import {
  banOccupant, changeNick, destroyRoom, dismissInvitation, inviteToRoom, joinRoom, kickOccupant, leaveRoom, sendPrivateMessage, sendRoomMessage, setRole, setRoomSubject,
} from '../state/rooms.ts';
import { setRoomNotifyLevel } from '../state/settings.ts';
import { requestVoice } from '../state/rooms.ts';
import { correctRoomMessage, moderateRoomMessage, retractRoomMessage, sendRoomChatState, sendRoomReply, toggleRoomReaction } from '../state/room-messages.ts';
import {
  addAccount, addTrustedAuthority, changePassword, correctMessage, markRead, openConversation, readDraft, reconnectNow, removeAccount, removeTrustedAuthority,
  removeTrustedCertificate, retractMessage, saveDraft, sendChatState, sendMessage, setAccountEnabled, setOwnPresence, signIn, signOut, startEditing,
  trustCertificate, updateConnectionSettings,
} from '../state/actions.ts';
import { directoryForm, executeCommand, listCommands, searchDirectory } from '../state/business-actions.ts';
import {
  acceptSubscription, addContact, blockContact, cancelSubscription, closeContactDialog, denySubscription, dismissContactError, filterContacts, openContactDialog,
  removeContact, renameContact, reportingFailure, requestSubscription, setContactGroups, toggleContactGroup, unblockContact,
} from '../state/contact-actions.ts';
import { clearFocus, loadNewer, loadOlder, openLatest, openSearchHit, searchMessages } from '../state/history-actions.ts';
import { forgetRecentStatus, setInvisible } from '../state/presence-store.ts';
import { getDevices, getProfile, openProfile, removeAvatar, setAvatar, setProfile } from '../state/profiles.ts';
import { getServerFeatures } from '../state/server-features.ts';
import { jumpToMessage, loadReactionRestrictions, sendReply, startReply, toggleReaction } from '../state/rich-actions.ts';
import { t } from '../i18n/i18n.ts';

export const signInCommands: SignInCommands = { addAccount, trustCertificate };

export const accountCommands: AccountCommands = { signIn, signOut, reconnectNow };

export const accountSettingsCommands: AccountSettingsCommands = {
  addTrustedAuthority, removeTrustedAuthority, removeTrustedCertificate, setAccountEnabled, updateConnectionSettings, changePassword, signOut, removeAccount,
  getServerFeatures,
};

export const ownProfileCommands: OwnProfileCommands = { getProfile, setProfile, setAvatar, removeAvatar };

export const profileCommands: ProfileCommands = { getProfile, getDevices };

export const presenceCommands: PresenceCommands = {
  setOwnPresence,
  setInvisible,
  forgetRecentStatus: (status) => void forgetRecentStatus(status),
};

export const searchCommands: SearchCommands = { searchMessages, openSearchHit };

export const businessCommands: AdministrationCommands & DirectoryCommands = { listCommands, executeCommand, directoryForm, searchDirectory, addContact };

/** A contact's menu: its failures are shown above the contact list (the menu is closed by then). */
export const contactListCommands: ContactListCommands = {
  openConversation,
  openContactDialog,
  openProfile,
  cancelSubscription: (account, jid) => void reportingFailure(() => cancelSubscription(account, jid)),
  requestSubscription: (account, jid) => void reportingFailure(() => requestSubscription(account, jid)),
  denySubscription: (account, jid) => void reportingFailure(() => denySubscription(account, jid)),
  blockContact: (account, jid) => void reportingFailure(() => blockContact(account, jid)),
  unblockContact: (account, jid) => void reportingFailure(() => unblockContact(account, jid)),
  filterContacts,
  dismissContactError,
  toggleContactGroup,
};

export const requestCommands: RequestCommands = { acceptSubscription, denySubscription, blockContact };

export const contactDialogCommands: ContactDialogCommands = {
  addContact, renameContact, setContactGroups, removeContact, blockContact, unblockContact, closeContactDialog,
};

export const conversationCommands: ConversationCommands = {
  saveDraft, readDraft, sendChatState, sendMessage, correctMessage, startEditing, openLatest, loadOlder, loadNewer, clearFocus, markRead, retractMessage,
  // replies and reactions (rich-actions.ts)
  startReply, sendReply, toggleReaction, loadReactionRestrictions, jumpToMessage,
};

export const roomListCommands: RoomListCommands = { openConversation, joinRoom, dismissInvitation };

export const roomCommands: RoomCommands = {
  // A room's composer: sending, typing, corrections and replies go to the room (room-messages.ts).
  composer: {
    saveDraft,
    readDraft,
    sendChatState: sendRoomChatState,
    sendMessage: sendRoomMessage,
    correctMessage: correctRoomMessage,
    startEditing,
    sendReply: sendRoomReply,
    startReply,
  },
  retractRoomMessage, moderateRoomMessage, toggleRoomReaction, loadReactionRestrictions,
  leaveRoom, setRoomSubject, changeNick, inviteToRoom, kickOccupant, banOccupant, setRole, destroyRoom, openConversation,
  setNotifyLevel: (conversation, level) => setRoomNotifyLevel(conversation.account, conversation.peer, level),
  requestVoice,
};

const notInRooms = () => Promise.resolve(fail('invalid-argument', t('Corrections and retractions are not offered in private messages of a room yet.')));

/** A private conversation with a room occupant (`room@service/nick`): sent through the room. */
export const privateConversationCommands: ConversationCommands = {
  ...conversationCommands,
  sendMessage: sendPrivateMessage,
  sendChatState: () => {},
  correctMessage: notInRooms,
  retractMessage: notInRooms,
  startEditing: () => {},
  // Replies and reactions in a room's private messages need the room's feature: not offered yet.
  startReply: undefined,
  sendReply: undefined,
  toggleReaction: undefined,
};
