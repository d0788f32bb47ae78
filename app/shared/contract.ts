/**
 * The one contract between the XMPP core and any user interface.
 * Everything here is plain, structured-clone-safe data: it crosses Electron IPC and a WebSocket unchanged.
 */
import type { AppError, Result } from './result.ts';

export type { AppError, CertificateInfo, ErrorCode, Result } from './result.ts';
export type { Phrase } from './phrase.ts';
import { BUSINESS_COMMAND_NAMES, type BusinessCommands } from './business.ts';
export * from './business.ts';
import { HOST_EVENT_NAMES, type HostCommandName, type HostCommands, type HostEventPayloads } from './host.ts';
export * from './host.ts';
import { SETTINGS_COMMAND_NAMES, SETTINGS_EVENT_NAMES, type SettingsCommands, type SettingsEventPayloads } from './settings.ts';
export * from './settings.ts';
import { ROOM_COMMAND_NAMES, ROOM_EVENT_NAMES, type Room, type RoomCommands, type RoomEventPayloads, type RoomInvitation, type Occupant } from './rooms.ts';
export * from './rooms.ts';
import type { PolicyState } from './policy.ts';
export * from './policy.ts';
import { FILE_COMMAND_NAMES, FILE_EVENT_NAMES, type FileCommands, type FileEventPayloads, type MessageFile } from './files.ts';
export * from './files.ts';

/** A JID as a normalized string: `local@domain` (bare) or `local@domain/resource` (full). */
export type Jid = string;

/** `chat` ("free for chat") is folded into `online`; `offline` means no available resource. */
export type PresenceShow = 'online' | 'away' | 'dnd' | 'xa' | 'offline';

/** The presence a user can choose for themselves. */
export type OwnPresenceShow = Exclude<PresenceShow, 'offline'>;

export interface Presence {
  readonly show: PresenceShow;
  /** Status text; empty when none. */
  readonly status: string;
  /**
   * Idle since then (milliseconds since the epoch; XEP-0319): a contact's last interaction, or for our own
   * presence the moment automatic away took over. Absent: active, or not said.
   */
  readonly idleSince?: number;
}

export interface ResourcePresence extends Presence {
  readonly resource: string;
  readonly priority: number;
}

export type Subscription = 'none' | 'to' | 'from' | 'both';

export interface Contact {
  readonly jid: Jid;
  /** The roster name, or the JID's local part when the roster has none. */
  readonly name: string;
  readonly groups: readonly string[];
  readonly subscription: Subscription;
  /** We asked to see their presence and they have not answered yet. */
  readonly pendingOut: boolean;
  /** Aggregated over resources: the best-ranked available resource wins. */
  readonly presence: Presence;
  readonly resources: readonly ResourcePresence[];
}

export type MessageDirection = 'in' | 'out';

/**
 * Where one of our own messages is, moving only forward: stored and waiting for the link (`pending`),
 * accepted by our server (`sent`, from its stream-management ack), received by a device of the
 * peer (`delivered`, XEP-0184 receipt or XEP-0333 received marker), seen by the peer (`read`,
 * XEP-0333 displayed marker).
 */
/** An own message's delivery states, in the only order they move in (never backwards). */
export const DELIVERY_STATES = ['pending', 'sent', 'delivered', 'read'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
/** Whichever of two states is further along (undefined: not known). */
export function laterDeliveryState(a: DeliveryState | undefined, b: DeliveryState | undefined): DeliveryState | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return DELIVERY_STATES.indexOf(b) >= DELIVERY_STATES.indexOf(a) ? b : a;
}

/** XEP-0085 chat states as the UI shows them; `gone` is folded into `inactive`. */
export type ChatState = 'active' | 'composing' | 'paused' | 'inactive';

export interface ChatMessage {
  /** Stanza id: ours for outgoing messages, the sender's (or a generated one) for incoming. */
  readonly id: string;
  /** The bare JID of the other party: the conversation this message belongs to. */
  readonly conversation: Jid;
  readonly direction: MessageDirection;
  readonly from: Jid;
  readonly to: Jid;
  /** Plain text. Never interpreted as HTML. */
  readonly body: string;
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  /** Own messages only. Absent on incoming ones. */
  readonly state?: DeliveryState;
  /** The sender corrected the body (XEP-0308); `body` is the latest version. */
  readonly edited?: boolean;
  /** The sender retracted the message (XEP-0424); `body` is empty. */
  readonly retracted?: boolean;
  /** Its position in the stored history (pass to loadMessages); absent on a message not read back from the history. */
  readonly cursor?: MessageCursor;
  /** XEP-0461: this message replies to another one; absent: not a reply. */
  readonly replyTo?: ReplyReference;
  /** XEP-0444: the reactions to it, one entry per emoji (each with who reacted); absent: none. */
  readonly reactions?: readonly MessageReaction[];
  /** The file the message carries (XEP-0066 OOB, XEP-0446 metadata); `body` is then its URL (or a caption). */
  readonly file?: MessageFile;
  /** Group chat: a moderator removed it (XEP-0425; `retracted` is set too), by whom (a nickname) and why, where the room said. */
  readonly moderated?: { readonly by?: string; readonly reason?: string };
  /** Group chat: it mentions us by a XEP-0372 reference (mentions by our nickname in the text are found by the UI). */
  readonly mentionsMe?: boolean;
}

/** What a reply (XEP-0461) names: the original message's id (as in ChatMessage.id), its author, the quoted text. */
export interface ReplyReference {
  /** The id the reply names (in a room the room's stanza-id; in a chat the message id): match it with ChatMessage.id. */
  readonly id: string;
  /** The author of the original message, where the reply says. */
  readonly to?: Jid;
  /** The text the reply quoted (its fallback, XEP-0428), without the quote marks; absent: none sent. */
  readonly quotedBody?: string;
  /** In a room, the original's ChatMessage.id where it is stored (`id` is then the room's stanza-id). */
  readonly messageId?: string;
}

/** One emoji of the reactions to a message, and who reacted with it (bare JIDs; in a room, occupant JIDs). */
export interface MessageReaction {
  readonly emoji: string;
  /** Never empty; the count is its length. */
  readonly from: readonly Jid[];
}

export type ConnectionState =
  | { readonly status: 'disconnected'; readonly error?: AppError }
  /** Signing in, or (with `attempt`) getting back a link that dropped: `error` says why it dropped. */
  | { readonly status: 'connecting'; readonly attempt?: number; readonly error?: AppError; readonly retryInMs?: number }
  | { readonly status: 'connected'; readonly jid: Jid }
  | { readonly status: 'disconnecting' };

export interface AccountConfig {
  /** The account's bare JID, e.g. `alice@example.com`. */
  readonly jid: string;
  readonly password: string;
  /** Connect to this host instead of resolving the domain's SRV records. */
  readonly host?: string;
  readonly port?: number;
  /** PEM certificates (CAs or a server's own) the user has explicitly chosen to trust. */
  readonly trustedCertificates?: readonly string[];
  /** Resource to request; the server picks one when absent. */
  readonly resource?: string;
}

// ---- accounts -------------------------------------------------------------------------------------

/** An account is named by its bare JID everywhere in the contract. */
export type AccountId = Jid;

/** One configured account as the UI lists it: its settings and its live state. */
/** A server certificate the user chose to trust for one account although no authority vouches for it. */
export interface TrustedCertificate {
  /** Colon-separated uppercase hex. */
  readonly fingerprintSha256: string;
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
}

/** A company certificate authority trusted for every account (added once, by the user). */
export interface TrustedAuthority {
  readonly pem: string;
  readonly subject: string;
  readonly fingerprintSha256: string;
  readonly validTo: string;
}

export interface CertificateRequest {
  readonly account: AccountId;
  readonly fingerprintSha256: string;
}

/** A proxy the account connects through (business networks): SOCKS5 or HTTP CONNECT. */
export interface AccountProxy {
  readonly type: 'socks5' | 'http';
  readonly host: string;
  readonly port: number;
  readonly username?: string;
}

/** A proxy as the user enters it: its password goes to the secret store, never to the account list. */
export interface AccountProxyInput extends AccountProxy {
  readonly password?: string;
}

export interface AccountSummary {
  readonly account: AccountId;
  /** The server to connect to instead of the domain's SRV records; absent: found automatically. */
  readonly host?: string;
  readonly port?: number;
  /** The user wants this account online (it connects at start when its password is saved). */
  readonly enabled: boolean;
  /** A password is saved for it, so it can sign in without asking. */
  readonly passwordSaved: boolean;
  /** Absent: a direct connection. */
  readonly proxy?: AccountProxy;
  /** Certificates trusted for this account by an explicit decision (pinned by fingerprint). */
  readonly trustedCertificates: readonly TrustedCertificate[];
  readonly connection: ConnectionState;
  readonly ownPresence: Presence;
}

/** One account's whole state, for drawing the UI from scratch. */
export interface AccountSnapshot extends AccountSummary {
  readonly contacts: readonly Contact[];
  readonly messages: readonly ChatMessage[];
  /** Requests awaiting our answer (contacts slice); absent: none. */
  readonly subscriptionRequests?: readonly SubscriptionRequest[];
  /** JIDs the account blocks (XEP-0191); absent: none, or not known yet. */
  readonly blocked?: readonly Jid[];
  /** The account's server supports blocking; absent: not known (yet). */
  readonly blockingSupported?: boolean;
  /** Avatars and nicknames known so far, by bare JID (the account's own included); absent: none. */
  readonly cards?: Readonly<Record<Jid, ContactCard>>;
  /** Unread incoming messages by conversation (only those with some); kept across restarts; absent: none. */
  readonly unread?: Readonly<Record<Jid, number>>;
  /** Group chat rooms joined, joining or bookmarked (rooms.ts); absent: none. */
  readonly rooms?: readonly Room[];
  /** Who is in each joined room, by room JID; absent: none. */
  readonly occupants?: Readonly<Record<Jid, readonly Occupant[]>>;
  /** Room invitations not answered yet; absent: none. */
  readonly roomInvitations?: readonly RoomInvitation[];
}

/** Everything the UI needs to draw itself from scratch (e.g. after a page reload in browser mode). */
export interface Snapshot {
  /** In the order the accounts were added. */
  readonly accounts: readonly AccountSnapshot[];
  readonly trustedAuthorities: readonly TrustedAuthority[];
  /** The organisation's policy (policy.ts): what is pre-filled and locked; absent: none. */
  readonly policy?: PolicyState;
}

export interface AddAccountRequest {
  readonly jid: string;
  readonly password: string;
  readonly host?: string;
  readonly port?: number;
  /** Keep the password in the secret store, for signing in again and at start (default true). */
  readonly rememberPassword?: boolean;
  /** Create the account on the server first (XEP-0077 in-band registration), where the server allows it. */
  readonly createOnServer?: boolean;
  /** Sign in with this OAuth token (X-OAUTH2) instead of a password; `password` may then be empty. */
  readonly oauthToken?: string;
  readonly proxy?: AccountProxyInput;
}

export interface ChangePasswordRequest {
  readonly account: AccountId;
  readonly newPassword: string;
}

export interface SignInRequest {
  readonly account: AccountId;
  /** Omitted: the saved password. */
  readonly password?: string;
  /** With `password`: save it (true) or forget any saved one (false); omitted: leave the store as it is. */
  readonly rememberPassword?: boolean;
}

export interface AccountRequest {
  readonly account: AccountId;
}

export interface SetAccountEnabledRequest {
  readonly account: AccountId;
  readonly enabled: boolean;
}

export interface UpdateAccountRequest {
  readonly account: AccountId;
  /** Omitted: unchanged; null or empty: found automatically (DNS SRV). */
  readonly host?: string | null;
  /** Omitted: unchanged; null: the default. */
  readonly port?: number | null;
  /**
   * Omitted: unchanged; null: a direct connection. A proxy without a password keeps the saved proxy
   * password when the user name is the same (the UI never sees a saved password to send back).
   */
  readonly proxy?: AccountProxyInput | null;
}

export interface ReconnectRequest {
  /** Omitted: every account. */
  readonly account?: AccountId;
}

export interface SetClientActiveRequest {
  /** False while the user cannot see the app (window hidden or minimized): servers may then hold back unimportant traffic. */
  readonly active: boolean;
}

export interface SignedIn {
  readonly account: AccountId;
  /** The full JID the server bound. */
  readonly jid: Jid;
}

export interface SetPresenceRequest {
  readonly account: AccountId;
  readonly show: OwnPresenceShow;
  readonly status?: string;
}

export interface SendMessageRequest {
  readonly account: AccountId;
  readonly to: Jid;
  readonly body: string;
}

/** XEP-0308: replaces the body of one of our messages (in practice the last one) in a conversation. */
export interface CorrectMessageRequest {
  readonly account: AccountId;
  readonly conversation: Jid;
  /** The id of the message to correct, as in ChatMessage.id. */
  readonly id: string;
  readonly body: string;
}

/** XEP-0424: asks every recipient to remove one of our messages. */
export interface RetractMessageRequest {
  readonly account: AccountId;
  readonly conversation: Jid;
  readonly id: string;
}

export interface SendChatStateRequest {
  readonly account: AccountId;
  readonly to: Jid;
  readonly state: ChatState;
}

/** The user has seen the conversation up to its newest message. */
export interface MarkReadRequest {
  readonly account: AccountId;
  readonly conversation: Jid;
  /** false: read here only, no displayed marker to the peer and our other devices (Settings → Privacy). Default true. */
  readonly sendMarker?: boolean;
}

/** XEP-0461: a new message that replies to the message `replyTo` (its ChatMessage.id) of the conversation `to`. */
export interface SendReplyRequest {
  readonly account: AccountId;
  readonly to: Jid;
  readonly body: string;
  readonly replyTo: string;
}

/** XEP-0444: our whole set of reactions to the message `id` of the conversation (empty: none); it replaces the set sent before. */
export interface SendReactionsRequest {
  readonly account: AccountId;
  readonly conversation: Jid;
  readonly id: string;
  readonly reactions: readonly string[];
}

/** XEP-0444 restrictions a conversation's other party (a room, a gateway) advertises; nothing set: none. */
export interface ReactionRestrictions {
  /** Only these emoji are accepted. */
  readonly allowlist?: readonly string[];
  /** At most this many reactions of one person to one message. */
  readonly maxReactionsPerUser?: number;
}

export interface ReactionRestrictionsRequest {
  readonly account: AccountId;
  readonly conversation: Jid;
}

// ---- message history: paging and search ---------------------------------------------------------

/** An opaque position in one conversation's stored history. */
export type MessageCursor = string;

export interface LoadMessagesRequest {
  readonly account: AccountId;
  /** The other party's bare JID. */
  readonly conversation: Jid;
  /** Messages strictly older than this position (scrolling up). */
  readonly before?: MessageCursor;
  /** Messages strictly newer than this position (scrolling down after a jump). */
  readonly after?: MessageCursor;
  /** The messages around this position, it included (opening a search hit). At most one of before/after/around. */
  readonly around?: MessageCursor;
  /** At most this many messages (1…500, default 50). */
  readonly limit?: number;
}

/** A page of one conversation, oldest first; with none of before/after/around, the newest messages. */
export interface MessagePage {
  readonly messages: readonly ChatMessage[];
  /** Pass as `before` for the next older page; null when nothing older is stored. */
  readonly older: MessageCursor | null;
  /** Pass as `after` for the next newer page; null when this page reaches the newest message. */
  readonly newer: MessageCursor | null;
}

export interface SearchMessagesRequest {
  /** The words typed (prefixes match; "quoted phrases" match as phrases; case and accents are ignored). */
  readonly query: string;
  /** Only this account's history; omitted: every account. */
  readonly account?: AccountId;
  /** Only this conversation (a bare JID). */
  readonly conversation?: Jid;
  /** At most this many hits (1…200, default 50). */
  readonly limit?: number;
}

/** A part of a hit's snippet; `match` parts are the words that matched (render them marked, as text). */
export interface SnippetPart {
  readonly text: string;
  readonly match: boolean;
}

export interface MessageSearchHit {
  readonly account: AccountId;
  readonly conversation: Jid;
  /** The message's id (as in ChatMessage). */
  readonly id: string;
  /** Open the conversation here: loadMessages({ account, conversation, around: cursor }). */
  readonly cursor: MessageCursor;
  readonly timestamp: number;
  readonly direction: MessageDirection;
  readonly from: Jid;
  readonly snippet: readonly SnippetPart[];
}
// ---- contacts and subscriptions (RFC 6121; issue 5) ----------------------------------------------

/** Someone asked to see our presence and waits for our answer ("awaiting your answer"). */
export interface SubscriptionRequest {
  /** Their bare JID. */
  readonly jid: Jid;
  /** The nickname they sent with the request (XEP-0172); empty when none. */
  readonly nickname: string;
  /** The text they sent with the request; empty when none. Plain text, never HTML. */
  readonly status: string;
  /** When it reached us, in milliseconds since the epoch. */
  readonly receivedAt: number;
}

export interface AddContactRequest {
  readonly account: AccountId;
  readonly jid: Jid;
  /** Empty or omitted: no roster name (the JID's local part is shown). */
  readonly name?: string;
  readonly groups?: readonly string[];
}

/** Renames a contact and/or moves it between groups; an omitted field stays as it is. */
export interface UpdateContactRequest {
  readonly account: AccountId;
  readonly jid: Jid;
  /** Empty: no roster name. */
  readonly name?: string;
  /** The complete new list of groups (empty: ungrouped). */
  readonly groups?: readonly string[];
}

export interface ContactRequest {
  readonly account: AccountId;
  readonly jid: Jid;
}

export interface AcceptSubscriptionRequest extends ContactRequest {
  /** Also ask to see their presence (and add them to the roster when they are not in it). Default true. */
  readonly subscribeBack?: boolean;
}

/** Commands of the contacts slice (kept apart from the others for easy merging). */
export interface ContactCommands {
  /** Adds (or updates) a roster item and asks to see the contact's presence. */
  addContact(request: AddContactRequest): Promise<Result<null>>;
  updateContact(request: UpdateContactRequest): Promise<Result<null>>;
  /** Removes the contact from the roster; the server cancels the subscriptions both ways. */
  removeContact(request: ContactRequest): Promise<Result<null>>;
  /** Lets them see our presence (answers their request). */
  acceptSubscription(request: AcceptSubscriptionRequest): Promise<Result<null>>;
  /** Refuses their request, or stops sharing our presence with them. */
  denySubscription(request: ContactRequest): Promise<Result<null>>;
  /** Stops seeing their presence, or withdraws our request that they have not answered. */
  cancelSubscription(request: ContactRequest): Promise<Result<null>>;
  /** Asks (again) to see their presence, e.g. after they refused. */
  requestSubscription(request: ContactRequest): Promise<Result<null>>;
  /** XEP-0191: the server stops delivering anything from them (messages, presence, requests). `jid` may be a domain. */
  blockContact(request: ContactRequest): Promise<Result<null>>;
  unblockContact(request: ContactRequest): Promise<Result<null>>;
}

/** Events of the contacts slice. */
export interface ContactEventPayloads {
  /** Every request still awaiting our answer, whenever that list changes (empty when signed out). */
  onSubscriptionRequests: { readonly account: AccountId; readonly requests: readonly SubscriptionRequest[] };
  /** The JIDs the account blocks (XEP-0191), whenever that list changes; `supported` is false when the server cannot block. */
  onBlocklist: { readonly account: AccountId; readonly blocked: readonly Jid[]; readonly supported: boolean };
}

export const CONTACT_COMMAND_NAMES = [
  'addContact', 'updateContact', 'removeContact', 'acceptSubscription', 'denySubscription', 'cancelSubscription', 'requestSubscription',
  'blockContact', 'unblockContact',
] as const satisfies readonly (keyof ContactCommands)[];
export const CONTACT_EVENT_NAMES = ['onSubscriptionRequests', 'onBlocklist'] as const satisfies readonly (keyof ContactEventPayloads)[];

// ---- end of contacts and subscriptions ------------------------------------------------------------


// ---- avatars and profiles (XEP-0084, XEP-0153, XEP-0054/XEP-0292, XEP-0172; issue 5) ------------

/** The only image types accepted from the network: what a browser shows as a plain picture (never SVG). */
export type AvatarType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/** An avatar checked against its SHA-1 and its type, ready for an `<img src>`. */
export interface AvatarImage {
  /** SHA-1 of the image bytes, lowercase hex (the XEP-0084 item id and XEP-0153 photo hash). */
  readonly hash: string;
  readonly type: AvatarType;
  /** `data:<type>;base64,…`: the renderer needs nothing but `img-src data:`. */
  readonly dataUrl: string;
}

/** One online device of a contact, as its capabilities (XEP-0115) describe it. */
export interface ContactDevice {
  readonly resource: string;
  /** The client software's name (its disco identity), e.g. "Conversations"; empty while unknown. */
  readonly client: string;
}

/** What the contact list shows beside the roster entry of a contact (or of the account itself). */
export interface ContactCard {
  /** Null: no avatar (the UI draws initials in the contact's XEP-0392 colour). */
  readonly avatar: AvatarImage | null;
  /** XEP-0172 nickname the contact chose; empty when none. Shown where the roster has no name. */
  readonly nickname: string;
}

/** A vCard's business fields (XEP-0054, or vCard4 XEP-0292 where the server offers it). Empty string: not given. */
export interface Profile {
  readonly fullName: string;
  readonly nickname: string;
  readonly organisation: string;
  readonly title: string;
  readonly email: string;
  readonly phone: string;
}

export interface ProfileRequest {
  readonly account: AccountId;
  /** Whose profile: a contact's bare JID, or the account's own. */
  readonly jid: Jid;
}

export interface SetProfileRequest {
  readonly account: AccountId;
  readonly profile: Profile;
}

/** Our own avatar, already cropped and resized by the UI (256×256). */
export interface SetAvatarRequest {
  readonly account: AccountId;
  readonly type: 'image/png' | 'image/jpeg';
  /** The image bytes, base64. */
  readonly base64: string;
}

/** Commands of the avatars and profiles slice. */
export interface ProfileCommands {
  /** Reads a vCard from the server (the contact's, or ours). */
  getProfile(request: ProfileRequest): Promise<Result<Profile>>;
  /** Replaces our own vCard's fields (the photo and other fields are kept). */
  setProfile(request: SetProfileRequest): Promise<Result<null>>;
  /** Publishes our avatar (XEP-0084, and the vCard photo for XEP-0153 clients). */
  setAvatar(request: SetAvatarRequest): Promise<Result<AvatarImage>>;
  removeAvatar(request: AccountRequest): Promise<Result<null>>;
  /** The contact's devices online now, with their client names (XEP-0115); asked when needed, never pushed (presence floods). */
  getDevices(request: ProfileRequest): Promise<Result<readonly ContactDevice[]>>;
}

/** Events of the avatars and profiles slice. */
export interface ProfileEventPayloads {
  /** A contact's (or our own) avatar or nickname changed. */
  onContactCard: { readonly account: AccountId; readonly jid: Jid; readonly card: ContactCard };
}

export const PROFILE_COMMAND_NAMES = ['getProfile', 'setProfile', 'setAvatar', 'removeAvatar', 'getDevices'] as const satisfies readonly (keyof ProfileCommands)[];
export const PROFILE_EVENT_NAMES = ['onContactCard'] as const satisfies readonly (keyof ProfileEventPayloads)[];

// ---- end of avatars and profiles ------------------------------------------------------------------

/** Commands: each is async and never throws; failures come back as `{ ok: false, error }`. */
// ---- presence: recent statuses, automatic away, last activity (issue 5) ---------------------------

/** Automatic away: after this many idle minutes "Away", after that many "Extended away"; restored on return. */
export interface AutoAwaySettings {
  readonly enabled: boolean;
  /** 1…1440. */
  readonly awayAfterMinutes: number;
  /** More than awayAfterMinutes, at most 1440. */
  readonly xaAfterMinutes: number;
}

/** Profile-wide presence settings. */
export interface PresencePreferences {
  /** Status messages set lately, the newest first (a handful). */
  readonly recentStatuses: readonly string[];
  readonly autoAway: AutoAwaySettings;
}

export interface ReportIdleRequest {
  /** Seconds since the user last touched keyboard or pointer. */
  readonly idleSeconds: number;
  /**
   * `system`: the operating system's idle time (Electron main, powerMonitor); `activity`: input seen by the
   * page (browser mode). While the system reports, page activity is ignored.
   */
  readonly source: 'system' | 'activity';
}

export interface ForgetRecentStatusRequest {
  readonly status: string;
}

/** XEP-0012: when a contact was last active (online: last interaction; offline: when they left). */
export interface LastActivity {
  readonly jid: Jid;
  /** Milliseconds since the epoch; null when their server does not know (e.g. it restarted since). */
  readonly since: number | null;
  /** The status they left with (offline contacts); empty when none. */
  readonly status: string;
}

export interface SetInvisibleRequest {
  readonly account: AccountId;
  /** True: appear offline to everyone (XEP-0186), keeping the chosen status underneath; false: visible again. */
  readonly invisible: boolean;
}

/** Whether an account's server offers invisibility (XEP-0186), and whether the account is invisible. */
export interface InvisibilityState {
  readonly account: AccountId;
  readonly supported: boolean;
  readonly invisible: boolean;
}

/** Commands of the presence slice (kept apart from the others for easy merging). */
export interface PresenceCommands {
  getPresencePreferences(): Promise<Result<PresencePreferences>>;
  setAutoAway(request: AutoAwaySettings): Promise<Result<PresencePreferences>>;
  forgetRecentStatus(request: ForgetRecentStatusRequest): Promise<Result<PresencePreferences>>;
  /** Feeds automatic away and the answers to last-activity queries; call it every few seconds, and at once on activity. */
  reportIdle(request: ReportIdleRequest): Promise<Result<null>>;
  /** Asks the contact's server (offline contact) or the contact (online) how long ago they were last active. */
  getLastActivity(request: ContactRequest): Promise<Result<LastActivity>>;
  /** Only where the server advertises XEP-0186 (see onInvisibility); lasts until visible again or signed out. */
  setInvisible(request: SetInvisibleRequest): Promise<Result<null>>;
  /** Every configured account's invisibility, for drawing the UI from scratch. */
  getInvisibility(): Promise<Result<readonly InvisibilityState[]>>;
}

/** Events of the presence slice. */
export interface PresenceEventPayloads {
  /** The recent statuses or the automatic-away settings changed. */
  onPresencePreferences: PresencePreferences;
  /** An account's server turned out to offer invisibility (or not), or the account became invisible or visible. */
  onInvisibility: InvisibilityState;
}

export const PRESENCE_COMMAND_NAMES = [
  'getPresencePreferences', 'setAutoAway', 'forgetRecentStatus', 'reportIdle', 'getLastActivity', 'setInvisible', 'getInvisibility',
] as const satisfies readonly (keyof PresenceCommands)[];
export const PRESENCE_EVENT_NAMES = ['onPresencePreferences', 'onInvisibility'] as const satisfies readonly (keyof PresenceEventPayloads)[];

// ---- end of presence --------------------------------------------------------------------------------

// ---- what the account's server offers (Server features) ------------------------------------------

/** How the account's link is secured, as its last negotiation showed it. */
export interface ServerLink {
  /** e.g. `TLSv1.3`; null when not known. */
  readonly tlsVersion: string | null;
  readonly cipher: string | null;
  /** Direct TLS (XEP-0368) rather than STARTTLS. */
  readonly directTls: boolean;
  /** SASL (RFC 6120), SASL2 (XEP-0388), or a FAST token (XEP-0484). */
  readonly authentication: 'sasl' | 'sasl2' | 'fast';
  /** The mechanism the sign-in used, e.g. `SCRAM-SHA-256-PLUS`. */
  readonly mechanism: string;
  /** Every SASL mechanism the server offered. */
  readonly mechanisms: readonly string[];
  /** XEP-0440 channel-binding types the server advertised; null: not advertised. */
  readonly channelBindings: readonly string[] | null;
}

/** One capability of the server, and what depends on it. */
export interface ServerFeature {
  /** Stable key, e.g. `carbons`. */
  readonly id: string;
  /** For people, e.g. "Message carbons". */
  readonly name: string;
  /** The specification, e.g. `XEP-0280`. */
  readonly spec: string;
  readonly supported: boolean;
  /** What the user gets from it (or misses without it). */
  readonly affects: string;
  /** More about it where the server says more (an upload limit, a service address). */
  readonly detail?: string;
}

export interface ServerFeatures {
  readonly account: AccountId;
  /** The server's software (XEP-0092), where it tells. */
  readonly software: { readonly name: string; readonly version: string } | null;
  readonly link: ServerLink | null;
  readonly features: readonly ServerFeature[];
}

export interface ServerFeaturesCommands {
  /** What the account's server offers (disco, the stream's negotiation): for an administrator to see why a feature is unavailable. */
  getServerFeatures(request: AccountRequest): Promise<Result<ServerFeatures>>;
}

export const SERVER_FEATURES_COMMAND_NAMES = ['getServerFeatures'] as const satisfies readonly (keyof ServerFeaturesCommands)[];

// ---- end of server features -------------------------------------------------------------------------

/** Commands: each is async and never throws; failures come back as `{ ok: false, error }`. */
export interface JabberCommands extends ContactCommands, BusinessCommands, PresenceCommands, ProfileCommands, ServerFeaturesCommands, SettingsCommands, RoomCommands, FileCommands {
  /** Signs a new account in; on success it is stored and enabled. Signing in again an added, disconnected account works too. */
  addAccount(request: AddAccountRequest): Promise<Result<SignedIn>>;
  /** Signs a configured account in (again) and enables it. */
  signIn(request: SignInRequest): Promise<Result<SignedIn>>;
  /** Disconnects; the account stays configured, disabled. */
  signOut(request: AccountRequest): Promise<Result<null>>;
  /** Signs out and forgets the account: its settings, saved password and history. */
  removeAccount(request: AccountRequest): Promise<Result<null>>;
  /** Enabling connects in the background (with retries) using the saved password; disabling signs out. */
  setAccountEnabled(request: SetAccountEnabledRequest): Promise<Result<null>>;
  /** Changes where the account connects; used from its next connection on. */
  updateAccount(request: UpdateAccountRequest): Promise<Result<AccountSummary>>;
  listAccounts(): Promise<Result<readonly AccountSummary[]>>;
  setPresence(request: SetPresenceRequest): Promise<Result<null>>;
  sendMessage(request: SendMessageRequest): Promise<Result<ChatMessage>>;
  getSnapshot(): Promise<Result<Snapshot>>;
  /** While reconnecting: try again now instead of waiting. While connected: check the link at once. */
  reconnectNow(request?: ReconnectRequest): Promise<Result<null>>;
  /** XEP-0077: sets a new password on the server (signed-in account); a remembered password is updated too. */
  changePassword(request: ChangePasswordRequest): Promise<Result<null>>;
  /**
   * Trusts, for this account, the certificate its last connection attempt was refused with — only that one:
   * the fingerprint must match. The caller then retries (addAccount or signIn).
   */
  trustCertificate(request: CertificateRequest): Promise<Result<TrustedCertificate>>;
  removeTrustedCertificate(request: CertificateRequest): Promise<Result<null>>;
  /** A company CA (PEM), trusted from then on for every account. */
  addTrustedAuthority(request: { readonly pem: string }): Promise<Result<TrustedAuthority>>;
  removeTrustedAuthority(request: { readonly fingerprintSha256: string }): Promise<Result<null>>;
  /** XEP-0352 client state indication, for every account. */
  setClientActive(request: SetClientActiveRequest): Promise<Result<null>>;

  // ---- conversation features (issue 4) ----
  /** Sends a correction of one of our messages; the updated message also arrives as onMessage. */
  correctMessage(request: CorrectMessageRequest): Promise<Result<ChatMessage>>;
  /** Retracts one of our messages here and at the peer; the tombstone also arrives as onMessage. */
  retractMessage(request: RetractMessageRequest): Promise<Result<ChatMessage>>;
  /** Typing notifications: the core sends only changes, and only to peers that can show them. */
  sendChatState(request: SendChatStateRequest): Promise<Result<null>>;
  /** Sends a displayed marker for the newest incoming message (when the peer asked for markers) and clears the unread state on our other devices too. */
  markRead(request: MarkReadRequest): Promise<Result<null>>;
  // -- message history: paging and search --
  /** A page of a stored conversation (the newest, older or newer than a position, or around one). */
  loadMessages(request: LoadMessagesRequest): Promise<Result<MessagePage>>;
  /** Full-text search of the stored history, the most recent hits first. */
  searchMessages(request: SearchMessagesRequest): Promise<Result<readonly MessageSearchHit[]>>;
  // -- replies and reactions (issue 12) --
  /** Sends a reply (XEP-0461, with a quoted fallback body for other clients); stored first like sendMessage. */
  sendReply(request: SendReplyRequest): Promise<Result<ChatMessage>>;
  /** Replaces our reactions to a message (XEP-0444); the message with its new reactions also arrives as onMessage. */
  sendReactions(request: SendReactionsRequest): Promise<Result<ChatMessage>>;
  /** The emoji a conversation accepts as reactions (XEP-0444 restrictions in its disco#info); none known: no restriction. */
  getReactionRestrictions(request: ReactionRestrictionsRequest): Promise<Result<ReactionRestrictions>>;
}

/** Event payloads, by event name. Every account-scoped payload names its account. */
export interface JabberEventPayloads extends ContactEventPayloads, PresenceEventPayloads, ProfileEventPayloads, HostEventPayloads, SettingsEventPayloads, RoomEventPayloads, FileEventPayloads {
  onConnectionState: { readonly account: AccountId; readonly connection: ConnectionState };
  /** The whole roster: sent after sign-in and whenever the server replaces it. */
  onRoster: { readonly account: AccountId; readonly contacts: readonly Contact[] };
  /** One contact changed (roster push or presence). */
  onContact: { readonly account: AccountId; readonly contact: Contact };
  /** A contact left the roster. */
  onContactRemoved: { readonly account: AccountId; readonly jid: Jid };
  onOwnPresence: { readonly account: AccountId; readonly presence: Presence };
  /**
   * A message arrived, or one we sent was accepted for sending — or a message already shown changed
   * (delivery state, correction, retraction): the same direction and id replaces it.
   */
  onMessage: { readonly account: AccountId; readonly message: ChatMessage };
  /** The peer's typing state in a conversation (XEP-0085). */
  onChatState: { readonly account: AccountId; readonly conversation: Jid; readonly state: ChatState };
  /** A long catch-up from the archive is running (`syncing`, with the messages fetched so far) or finished. */
  onArchiveSync: { readonly account: AccountId; readonly syncing: boolean; readonly fetched: number };
  /**
   * How many incoming messages of a conversation are unread now: more arrived, it was read here, or read
   * on another of our devices (our own displayed marker, by carbon or archive). The core keeps the count.
   */
  onUnread: { readonly account: AccountId; readonly conversation: Jid; readonly count: number };
  /**
   * The account list changed: added, removed, enabled or disabled, edited, password saved or forgotten.
   * Carries every account's current state; later changes of state come as onConnectionState and onOwnPresence.
   * An account being added sends its events (roster, state) before the list names it: keep them.
   */
  onAccounts: readonly AccountSummary[];
  /** The company CAs trusted for every account changed. */
  onTrustedAuthorities: readonly TrustedAuthority[];
}

export type EventName = keyof JabberEventPayloads;
export type Unsubscribe = () => void;

export type JabberEventSubscriptions = {
  readonly [E in EventName]: (listener: (payload: JabberEventPayloads[E]) => void) => Unsubscribe;
};

/** What the renderer sees as `window.jabber`, whichever transport carries it: the core's commands, the host's, and every event. */
export type JabberApi = JabberCommands & HostCommands & JabberEventSubscriptions;

/** A command of the core (the host's are HostCommandName). */
export type CommandName = keyof JabberCommands;
/** Any command of window.jabber. */
export type ApiCommandName = CommandName | HostCommandName;

/** The allowlists both transports are built from: nothing outside these lists crosses a boundary. */
export const COMMAND_NAMES = [
  'addAccount', 'signIn', 'signOut', 'removeAccount', 'setAccountEnabled', 'updateAccount', 'listAccounts',
  'setPresence', 'sendMessage', 'getSnapshot', 'reconnectNow', 'setClientActive', 'changePassword', 'trustCertificate', 'removeTrustedCertificate', 'addTrustedAuthority', 'removeTrustedAuthority',
  'correctMessage', 'retractMessage', 'sendChatState', 'markRead',
  // message history: paging and search
  'loadMessages', 'searchMessages',
  // replies and reactions
  'sendReply', 'sendReactions', 'getReactionRestrictions',
  ...CONTACT_COMMAND_NAMES,
  ...BUSINESS_COMMAND_NAMES,
  ...PROFILE_COMMAND_NAMES,
  ...PRESENCE_COMMAND_NAMES,
  ...SERVER_FEATURES_COMMAND_NAMES,
  ...SETTINGS_COMMAND_NAMES,
  ...ROOM_COMMAND_NAMES,
  ...FILE_COMMAND_NAMES,
] as const satisfies readonly CommandName[];
export const EVENT_NAMES = [
  'onConnectionState', 'onRoster', 'onContact', 'onContactRemoved', 'onOwnPresence', 'onMessage', 'onAccounts', 'onTrustedAuthorities',
  'onChatState', 'onUnread', 'onArchiveSync',
  ...CONTACT_EVENT_NAMES,
  ...PROFILE_EVENT_NAMES,
  ...PRESENCE_EVENT_NAMES,
  ...HOST_EVENT_NAMES,
  ...SETTINGS_EVENT_NAMES,
  ...ROOM_EVENT_NAMES,
  ...FILE_EVENT_NAMES,
] as const satisfies readonly EventName[];

/** Compile-time proof that the lists above name every command and event. */
type Missing<All, Listed> = Exclude<All, Listed>;
const everyCommandListed: Missing<CommandName, (typeof COMMAND_NAMES)[number]> extends never ? true : never = true;
const everyEventListed: Missing<EventName, (typeof EVENT_NAMES)[number]> extends never ? true : never = true;
void everyCommandListed;
void everyEventListed;

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && (COMMAND_NAMES as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}

/** Channel names for Electron IPC, derived (never spelled twice). */
export const commandChannel = (name: ApiCommandName): string => `jabber:command:${name}`;
export const EVENT_CHANNEL = 'jabber:event';

/** The envelope an event travels in over IPC or WebSocket. */
export interface EventEnvelope<E extends EventName = EventName> {
  readonly event: E;
  readonly payload: JabberEventPayloads[E];
}
