/**
 * The contract over Electron IPC, main side: one `ipcMain.handle` per command of COMMAND_NAMES
 * (channel names come from `commandChannel`, never spelled here) and one event channel fed by
 * `service.subscribe`. Every handler checks who is asking (Electron security checklist #17),
 * checks the shape of what arrived, and answers with a Result: it never throws across IPC.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import {
  COMMAND_NAMES,
  EVENT_CHANNEL,
  commandChannel,
  type AccountRequest,
  type AddAccountRequest,
  type CommandName,
  type EventEnvelope,
  type JabberCommands,
  type ReconnectRequest,
  type SetClientActiveRequest,
  type ChangePasswordRequest,
  type CertificateRequest,
  type Result,
  type SendMessageRequest,
  type SetAccountEnabledRequest,
  type SetPresenceRequest,
  type SignInRequest,
  type UpdateAccountRequest,
  type CorrectMessageRequest,
  type RetractMessageRequest,
  type SendChatStateRequest,
  type MarkReadRequest,
  type LoadMessagesRequest,
  type SearchMessagesRequest,
  type AddContactRequest,
  type UpdateContactRequest,
  type ContactRequest,
  type ProfileRequest,
  type SetProfileRequest,
  type SetAvatarRequest,
  type AcceptSubscriptionRequest,
  type DirectoryFormRequest,
  type SearchDirectoryRequest,
  type ListCommandsRequest,
  type ExecuteCommandRequest,
  type AutoAwaySettings,
  type ForgetRecentStatusRequest,
  type ReportIdleRequest,
  type SetInvisibleRequest,
} from '../app/shared/contract.ts';
import type { JabberService } from '../app/core/service-types.ts';

/** Decides whether a frame is our renderer (right URL, right window, still attached): see sender-check.ts. */
export type SenderCheck = (frame: WebFrameMain | null) => boolean;

/** Where handlers are registered: Electron's `ipcMain`, or a stand-in in tests (ipc.test.ts). */
export type IpcHandlerRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>;

/**
 * How each command's arguments are checked and passed on. `null` means the arguments do not have
 * the expected count or shape. The core validates every field again: here only the envelope
 * (argument count, plain objects) is checked, so both transports share one set of field rules.
 */
type Invoker<K extends CommandName> = (service: JabberService, args: readonly unknown[]) => ReturnType<JabberCommands[K]> | null;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Calls `command` with the one plain-object argument (the core checks its fields), or answers null for anything else. */
function withRequest<R, T>(args: readonly unknown[], command: (request: R) => T): T | null {
  return args.length === 1 && isPlainObject(args[0]) ? command(args[0] as unknown as R) : null;
}

const INVOKERS: { readonly [K in CommandName]: Invoker<K> } = {
  addAccount: (service, args) => withRequest(args, (request: AddAccountRequest) => service.addAccount(request)),
  signIn: (service, args) => withRequest(args, (request: SignInRequest) => service.signIn(request)),
  signOut: (service, args) => withRequest(args, (request: AccountRequest) => service.signOut(request)),
  removeAccount: (service, args) => withRequest(args, (request: AccountRequest) => service.removeAccount(request)),
  setAccountEnabled: (service, args) => withRequest(args, (request: SetAccountEnabledRequest) => service.setAccountEnabled(request)),
  updateAccount: (service, args) => withRequest(args, (request: UpdateAccountRequest) => service.updateAccount(request)),
  listAccounts: (service, args) => (args.length === 0 ? service.listAccounts() : null),
  setPresence: (service, args) => withRequest(args, (request: SetPresenceRequest) => service.setPresence(request)),
  sendMessage: (service, args) => withRequest(args, (request: SendMessageRequest) => service.sendMessage(request)),
  getSnapshot: (service, args) => (args.length === 0 ? service.getSnapshot() : null),
  // No argument: every account; or one `{ account }`.
  addTrustedAuthority: (service, args) => withRequest(args, (request: { readonly pem: string }) => service.addTrustedAuthority(request)),
  removeTrustedAuthority: (service, args) =>
    withRequest(args, (request: { readonly fingerprintSha256: string }) => service.removeTrustedAuthority(request)),
  trustCertificate: (service, args) => withRequest(args, (request: CertificateRequest) => service.trustCertificate(request)),
  removeTrustedCertificate: (service, args) => withRequest(args, (request: CertificateRequest) => service.removeTrustedCertificate(request)),
  changePassword: (service, args) => withRequest(args, (request: ChangePasswordRequest) => service.changePassword(request)),
  setClientActive: (service, args) => withRequest(args, (request: SetClientActiveRequest) => service.setClientActive(request)),
  reconnectNow: (service, args) =>
    args.length === 0 ? service.reconnectNow() : withRequest(args, (request: ReconnectRequest) => service.reconnectNow(request)),
  correctMessage: (service, args) => withRequest(args, (request: CorrectMessageRequest) => service.correctMessage(request)),
  retractMessage: (service, args) => withRequest(args, (request: RetractMessageRequest) => service.retractMessage(request)),
  sendChatState: (service, args) => withRequest(args, (request: SendChatStateRequest) => service.sendChatState(request)),
  markRead: (service, args) => withRequest(args, (request: MarkReadRequest) => service.markRead(request)),
  // ---- message history: paging and search ----
  loadMessages: (service, args) => withRequest(args, (request: LoadMessagesRequest) => service.loadMessages(request)),
  searchMessages: (service, args) => withRequest(args, (request: SearchMessagesRequest) => service.searchMessages(request)),
  // ---- contacts and subscriptions
  addContact: (service, args) => withRequest(args, (request: AddContactRequest) => service.addContact(request)),
  updateContact: (service, args) => withRequest(args, (request: UpdateContactRequest) => service.updateContact(request)),
  removeContact: (service, args) => withRequest(args, (request: ContactRequest) => service.removeContact(request)),
  acceptSubscription: (service, args) => withRequest(args, (request: AcceptSubscriptionRequest) => service.acceptSubscription(request)),
  denySubscription: (service, args) => withRequest(args, (request: ContactRequest) => service.denySubscription(request)),
  cancelSubscription: (service, args) => withRequest(args, (request: ContactRequest) => service.cancelSubscription(request)),
  requestSubscription: (service, args) => withRequest(args, (request: ContactRequest) => service.requestSubscription(request)),
  blockContact: (service, args) => withRequest(args, (request: ContactRequest) => service.blockContact(request)),
  unblockContact: (service, args) => withRequest(args, (request: ContactRequest) => service.unblockContact(request)),
  // business: user directory and ad-hoc commands
  getDirectoryForm: (service, args) => withRequest(args, (request: DirectoryFormRequest) => service.getDirectoryForm(request)),
  searchDirectory: (service, args) => withRequest(args, (request: SearchDirectoryRequest) => service.searchDirectory(request)),
  listCommands: (service, args) => withRequest(args, (request: ListCommandsRequest) => service.listCommands(request)),
  executeCommand: (service, args) => withRequest(args, (request: ExecuteCommandRequest) => service.executeCommand(request)),
  // ---- avatars and profiles
  getProfile: (service, args) => withRequest(args, (request: ProfileRequest) => service.getProfile(request)),
  setProfile: (service, args) => withRequest(args, (request: SetProfileRequest) => service.setProfile(request)),
  setAvatar: (service, args) => withRequest(args, (request: SetAvatarRequest) => service.setAvatar(request)),
  removeAvatar: (service, args) => withRequest(args, (request: AccountRequest) => service.removeAvatar(request)),
  getDevices: (service, args) => withRequest(args, (request: ProfileRequest) => service.getDevices(request)),
  // ---- presence: recent statuses, automatic away, last activity
  getPresencePreferences: (service, args) => (args.length === 0 ? service.getPresencePreferences() : null),
  setAutoAway: (service, args) => withRequest(args, (request: AutoAwaySettings) => service.setAutoAway(request)),
  forgetRecentStatus: (service, args) => withRequest(args, (request: ForgetRecentStatusRequest) => service.forgetRecentStatus(request)),
  reportIdle: (service, args) => withRequest(args, (request: ReportIdleRequest) => service.reportIdle(request)),
  getLastActivity: (service, args) => withRequest(args, (request: ContactRequest) => service.getLastActivity(request)),
  setInvisible: (service, args) => withRequest(args, (request: SetInvisibleRequest) => service.setInvisible(request)),
  getInvisibility: (service, args) => (args.length === 0 ? service.getInvisibility() : null),
};

function failure(code: 'transport' | 'invalid-argument' | 'internal', message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function handlerFor<K extends CommandName>(
  name: K,
  service: JabberService,
  isTrustedSender: SenderCheck,
): (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<Result<unknown>> {
  const invoker: Invoker<K> = INVOKERS[name];
  return async (event, ...args) => {
    if (!isTrustedSender(event.senderFrame)) {
      return failure('transport', 'This request did not come from the Jabber Desk window and was refused.');
    }
    try {
      const pending = invoker(service, args);
      if (pending === null) return failure('invalid-argument', `The ${name} command received arguments of the wrong shape.`);
      return await pending;
    } catch (error) {
      console.error(`[ipc] ${name} failed unexpectedly:`, error);
      return failure('internal', `Something went wrong inside Jabber Desk (${errorMessage(error)}).`);
    }
  };
}

/**
 * Serves the contract over IPC, registering on `ipc` (Electron's `ipcMain`). `getTarget` names the
 * window's WebContents that receives events (null while there is no window: events are then
 * dropped; the renderer catches up with `getSnapshot` when it starts). Returns a function that
 * removes every handler and the subscription.
 */
export function registerIpc(
  ipc: IpcHandlerRegistry,
  service: JabberService,
  isTrustedSender: SenderCheck,
  getTarget: () => WebContents | null,
): () => void {
  for (const name of COMMAND_NAMES) {
    ipc.handle(commandChannel(name), handlerFor(name, service, isTrustedSender));
  }

  const unsubscribe = service.subscribe((envelope: EventEnvelope) => {
    const target = getTarget();
    if (target === null || target.isDestroyed()) return;
    // Only our renderer gets events: never a page the window might have been steered to.
    if (!isTrustedSender(target.mainFrame)) return;
    try {
      target.send(EVENT_CHANNEL, envelope);
    } catch (error) {
      console.error(`[ipc] could not deliver ${envelope.event}:`, error);
    }
  });

  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    unsubscribe();
    for (const name of COMMAND_NAMES) ipc.removeHandler(commandChannel(name));
  };
}
