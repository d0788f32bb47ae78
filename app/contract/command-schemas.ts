/**
 * The arguments of every contract command, as schemas: what arrives from a transport (IPC, WebSocket)
 * is checked against these before the service sees it. They check shapes and types only; the core
 * still checks every field's meaning (a valid JID, a port in range…) with its own messages.
 *
 * The compile-time check at the end fails when a command of the contract has no schema here, or
 * when a schema accepts or produces anything other than the contract's argument list.
 */
import { z } from 'zod';
import { FILE_CHUNK_BYTES, MAX_FILE_BYTES, MAX_NOTIFICATION_ICON_URL, MAX_NOTIFICATION_TEXT, MAX_SAVE_FILE_BASE64, type CommandName, type HostCommandName, type HostCommands, type JabberCommands } from '../shared/contract.ts';

// ---- building blocks ------------------------------------------------------------------------------

/** Read-only lists, as the contract declares them. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
/** A command's argument list: nothing, or its one request object. */
const none = z.tuple([]);
const one = <T extends z.ZodType>(request: T) => z.tuple([request]);

const account = z.string();
const jid = z.string();

const accountRequest = z.object({ account });
const contactRequest = z.object({ account, jid });
const certificateRequest = z.object({ account, fingerprintSha256: z.string() });
const profileRequest = z.object({ account, jid });
const roomRequest = z.object({ account, room: jid });
const occupantRequest = z.object({ account, room: jid, nick: z.string(), reason: z.string().optional() });

const proxyInput = z.object({
  type: z.enum(['socks5', 'http']),
  host: z.string(),
  port: z.number(),
  username: z.string().optional(),
  password: z.string().optional(),
});

const formValues = z.record(z.string(), list(z.string()));

const profile = z.object({
  fullName: z.string(),
  nickname: z.string(),
  organisation: z.string(),
  title: z.string(),
  email: z.string(),
  phone: z.string(),
});

const contactEdit = z.object({ account, jid, name: z.string().optional(), groups: list(z.string()).optional() });

// ---- one schema per command -----------------------------------------------------------------------

export const COMMAND_SCHEMAS = {
  addAccount: one(z.object({
    jid: z.string(),
    password: z.string(),
    host: z.string().optional(),
    port: z.number().optional(),
    rememberPassword: z.boolean().optional(),
    createOnServer: z.boolean().optional(),
    oauthToken: z.string().optional(),
    proxy: proxyInput.optional(),
  })),
  signIn: one(z.object({ account, password: z.string().optional(), rememberPassword: z.boolean().optional() })),
  signOut: one(accountRequest),
  removeAccount: one(accountRequest),
  setAccountEnabled: one(z.object({ account, enabled: z.boolean() })),
  updateAccount: one(z.object({
    account,
    host: z.string().nullable().optional(),
    port: z.number().nullable().optional(),
    proxy: proxyInput.nullable().optional(),
  })),
  listAccounts: none,
  setPresence: one(z.object({ account, show: z.enum(['online', 'away', 'dnd', 'xa']), status: z.string().optional() })),
  sendMessage: one(z.object({ account, to: jid, body: z.string() })),
  getSnapshot: none,
  // No argument: every account.
  reconnectNow: z.tuple([z.object({ account: account.optional() }).optional()]),
  setClientActive: one(z.object({ active: z.boolean() })),
  changePassword: one(z.object({ account, newPassword: z.string() })),
  trustCertificate: one(certificateRequest),
  removeTrustedCertificate: one(certificateRequest),
  addTrustedAuthority: one(z.object({ pem: z.string() })),
  removeTrustedAuthority: one(z.object({ fingerprintSha256: z.string() })),

  // conversation features
  correctMessage: one(z.object({ account, conversation: jid, id: z.string(), body: z.string() })),
  retractMessage: one(z.object({ account, conversation: jid, id: z.string() })),
  sendChatState: one(z.object({ account, to: jid, state: z.enum(['active', 'composing', 'paused', 'inactive']) })),
  markRead: one(z.object({ account, conversation: jid, sendMarker: z.boolean().optional() })),
  loadMessages: one(z.object({
    account,
    conversation: jid,
    before: z.string().optional(),
    after: z.string().optional(),
    around: z.string().optional(),
    limit: z.number().optional(),
  })),
  searchMessages: one(z.object({
    query: z.string(),
    account: account.optional(),
    conversation: jid.optional(),
    limit: z.number().optional(),
  })),
  // replies and reactions
  sendReply: one(z.object({ account, to: jid, body: z.string(), replyTo: z.string() })),
  sendReactions: one(z.object({ account, conversation: jid, id: z.string(), reactions: list(z.string()) })),
  getReactionRestrictions: one(z.object({ account, conversation: jid })),

  // contacts and subscriptions
  addContact: one(contactEdit),
  updateContact: one(contactEdit),
  removeContact: one(contactRequest),
  acceptSubscription: one(z.object({ account, jid, subscribeBack: z.boolean().optional() })),
  denySubscription: one(contactRequest),
  cancelSubscription: one(contactRequest),
  requestSubscription: one(contactRequest),
  blockContact: one(contactRequest),
  unblockContact: one(contactRequest),

  // business: user directory and ad-hoc commands
  getDirectoryForm: one(accountRequest),
  searchDirectory: one(z.object({ account, service: jid, values: formValues })),
  listCommands: one(z.object({ account, jid: jid.optional() })),
  executeCommand: one(z.object({
    account,
    jid,
    node: z.string(),
    sessionId: z.string().optional(),
    action: z.enum(['execute', 'next', 'prev', 'complete', 'cancel']).optional(),
    values: formValues.optional(),
  })),

  // avatars and profiles
  getProfile: one(profileRequest),
  setProfile: one(z.object({ account, profile })),
  setAvatar: one(z.object({ account, type: z.enum(['image/png', 'image/jpeg']), base64: z.string() })),
  removeAvatar: one(accountRequest),
  getDevices: one(profileRequest),
  getServerFeatures: one(accountRequest),

  // presence: recent statuses, automatic away, last activity
  getPresencePreferences: none,
  setAutoAway: one(z.object({ enabled: z.boolean(), awayAfterMinutes: z.number(), xaAfterMinutes: z.number() })),
  forgetRecentStatus: one(z.object({ status: z.string() })),
  reportIdle: one(z.object({ idleSeconds: z.number(), source: z.enum(['system', 'activity']) })),
  getLastActivity: one(contactRequest),
  setInvisible: one(z.object({ account, invisible: z.boolean() })),
  getInvisibility: none,
  getAppSettings: none,
  setAppSettings: one(z.object({
    theme: z.enum(['system', 'light', 'dark']),
    fontSize: z.enum(['small', 'normal', 'large', 'larger']),
    notifications: z.object({ enabled: z.boolean(), preview: z.boolean(), sound: z.boolean() }),
    privacy: z.object({ sendTypingNotifications: z.boolean(), sendReadMarkers: z.boolean() }),
    desktop: z.object({ closeToTray: z.boolean(), startAtLogin: z.boolean() }),
    muted: z.array(z.object({ account, conversation: jid })).max(1000).readonly(),
    roomNotifications: z.array(z.object({ account, room: jid, level: z.enum(['all', 'mentions', 'none']) })).max(1000).readonly().optional(),
    language: z.enum(['system', 'en', 'de']).optional(),
    spellCheck: z.enum(['interface', 'en', 'de', 'off']).optional(),
  })),

  // group chat rooms
  discoverRooms: one(accountRequest),
  listRooms: one(z.object({ account, service: jid.optional(), filter: z.string().optional() })),
  joinRoom: one(z.object({ account, room: jid, nick: z.string(), password: z.string().optional(), bookmark: z.boolean().optional() })),
  leaveRoom: one(z.object({ account, room: jid, forget: z.boolean().optional() })),
  sendRoomMessage: one(z.object({ account, room: jid, body: z.string() })),
  sendPrivateMessage: one(z.object({ account, room: jid, nick: z.string(), body: z.string() })),
  setRoomSubject: one(z.object({ account, room: jid, subject: z.string() })),
  changeNick: one(z.object({ account, room: jid, nick: z.string() })),
  kickOccupant: one(occupantRequest),
  banOccupant: one(occupantRequest),
  setRole: one(z.object({ account, room: jid, nick: z.string(), role: z.enum(['moderator', 'participant', 'visitor', 'none']), reason: z.string().optional() })),
  setAffiliation: one(z.object({ account, room: jid, jid, affiliation: z.enum(['owner', 'admin', 'member', 'outcast', 'none']), reason: z.string().optional() })),
  inviteToRoom: one(z.object({ account, room: jid, jid, reason: z.string().optional(), direct: z.boolean().optional() })),
  dismissInvitation: one(roomRequest),
  destroyRoom: one(z.object({ account, room: jid, reason: z.string().optional() })),
  requestVoice: one(roomRequest),
  sendRoomChatState: one(z.object({ account, room: jid, state: z.enum(['active', 'composing', 'paused', 'inactive']) })),
  correctRoomMessage: one(z.object({ account, room: jid, id: z.string().max(256), body: z.string() })),
  retractRoomMessage: one(z.object({ account, room: jid, id: z.string().max(256) })),
  moderateRoomMessage: one(z.object({ account, room: jid, id: z.string().max(256), reason: z.string().max(1024).optional() })),
  sendRoomReply: one(z.object({ account, room: jid, body: z.string(), replyTo: z.string().max(256) })),
  sendRoomReactions: one(z.object({ account, room: jid, id: z.string().max(256), reactions: z.array(z.string()).max(50).readonly() })),

  // files (HTTP File Upload, downloads)
  getUploadService: one(accountRequest),
  uploadFile: one(z.object({ account, to: jid, name: z.string().max(1024), size: z.number().int().min(0).max(MAX_FILE_BYTES), mediaType: z.string().max(255).optional() })),
  sendFileChunk: one(z.object({ account, id: z.string().max(100), offset: z.number().int().min(0), data: z.string().max(Math.ceil(FILE_CHUNK_BYTES / 3) * 4) })),
  cancelTransfer: one(z.object({ account, id: z.string().max(100) })),
  retryUpload: one(z.object({ account, id: z.string().max(100) })),
  downloadFile: one(z.object({ account, conversation: jid, messageId: z.string().max(256) })),
  readDownload: one(z.object({ account, id: z.string().max(100), offset: z.number().int().min(0), length: z.number().int().min(1).max(FILE_CHUNK_BYTES) })),
} as const satisfies { readonly [K in CommandName]: z.ZodType<readonly unknown[]> };

/**
 * The host's commands (app/shared/host.ts), answered by Electron main or the browser bridge. Stricter than
 * the core's: the host acts on them itself (a notification, a badge), so the limits are checked here.
 */
export const HOST_COMMAND_SCHEMAS = {
  getHostInfo: none,
  takeOpenUris: none,
  showNotification: one(z.object({
    account,
    conversation: jid,
    title: z.string().max(MAX_NOTIFICATION_TEXT),
    body: z.string().max(MAX_NOTIFICATION_TEXT),
    // Only a picture the renderer already shows (a checked avatar): never a file or remote address.
    icon: z.string().max(MAX_NOTIFICATION_ICON_URL).regex(/^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/u).optional(),
    silent: z.boolean(),
  })),
  setUnreadCount: one(z.object({ count: z.number().int().min(0).max(1_000_000) })),
  saveFile: one(z.object({ name: z.string().max(1024), mediaType: z.string().max(255), data: z.string().max(MAX_SAVE_FILE_BASE64).regex(/^[A-Za-z0-9+/]*=*$/u) })),
} as const satisfies { readonly [K in HostCommandName]: z.ZodType<readonly unknown[]> };

// ---- compile-time proof that every schema is its command's argument list ---------------------------

/**
 * True when what the schema lets through is exactly the command's parameters: everything it produces
 * is a valid argument list (no cast needed to call the service), and every valid argument list passes.
 */
type Agrees<Schema extends z.ZodType, Parameters> =
  [z.output<Schema>] extends [Parameters] ? ([Parameters] extends [z.input<Schema>] ? true : false) : false;

/** The commands whose schema disagrees with the contract; `never` when all agree. */
type Disagreeing = {
  [K in CommandName]: Agrees<(typeof COMMAND_SCHEMAS)[K], Parameters<JabberCommands[K]>> extends true ? never : K;
}[CommandName];

type DisagreeingHost = {
  [K in HostCommandName]: Agrees<(typeof HOST_COMMAND_SCHEMAS)[K], Parameters<HostCommands[K]>> extends true ? never : K;
}[HostCommandName];

// A type error here names the commands whose schema and contract differ.
const everySchemaAgrees: [Disagreeing] extends [never] ? true : Disagreeing = true;
const everyHostSchemaAgrees: [DisagreeingHost] extends [never] ? true : DisagreeingHost = true;
void everySchemaAgrees;
void everyHostSchemaAgrees;
