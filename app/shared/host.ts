/**
 * The host slice of the contract: what the window asks of the program around it (Electron main, or
 * in the browser mode the page's bridge), never of the XMPP core. The core does not implement these
 * commands and never emits these events; each host does (main/host-side.ts, app/web-host/browser/host-side.ts).
 */
import type { AccountId, Jid, Result } from './contract.ts';

/** Longest text a notification carries (title or body); longer is cut by the renderer, refused by the host. */
export const MAX_NOTIFICATION_TEXT = 1000;
/** Largest avatar data URL a notification may carry (256 KiB of image, base64-encoded, and the prefix). */
export const MAX_NOTIFICATION_ICON_URL = 360_000;

/** One native notification, already decided on by the renderer (what to show and whether to show it at all). */
export interface NotificationRequest {
  /** Names the conversation, handed back by onNotificationClicked. */
  readonly account: AccountId;
  readonly conversation: Jid;
  /** The sender's name. Plain text. */
  readonly title: string;
  /** The message preview, or a neutral line when previews are off. Plain text. */
  readonly body: string;
  /** The sender's avatar as a checked `data:image/…;base64,` URL; absent: the app's icon. */
  readonly icon?: string;
  /** True: no sound from the system (the user turned sounds off). */
  readonly silent: boolean;
}

export interface SetUnreadCountRequest {
  /** Unread messages across every account and conversation (0: none). */
  readonly count: number;
}

/** A downloaded file to save (issue 12): where is the user's choice (Electron's save dialog, the browser's download). */
export interface SaveFileRequest {
  /** The name offered; the host keeps only its last part. */
  readonly name: string;
  readonly mediaType: string;
  /** The bytes, base64. */
  readonly data: string;
}

/** The largest file saveFile takes, as base64 text (about 256 MiB of file). */
export const MAX_SAVE_FILE_BASE64 = 360 * 1024 * 1024;

/** Which host the window runs in, and what it offers. */
export interface HostInfo {
  readonly kind: 'electron' | 'browser';
  /** Close-to-tray and start-at-login can be offered (a system tray and login items exist). */
  readonly tray: boolean;
}

export interface HostCommands {
  getHostInfo(): Promise<Result<HostInfo>>;
  /**
   * The xmpp: links the app was opened with before the window could listen (command line, the macOS
   * open-url event, a `?uri=` in the browser mode's address); each is handed out once. Later ones come as onOpenUri.
   */
  takeOpenUris(): Promise<Result<readonly string[]>>;
  showNotification(request: NotificationRequest): Promise<Result<null>>;
  /** The dock/taskbar badge, the Windows overlay icon, the tray icon (browser mode: the tab title). */
  setUnreadCount(request: SetUnreadCountRequest): Promise<Result<null>>;
  /** Saves a downloaded file where the user chooses; `saved` false: the user cancelled. */
  saveFile(request: SaveFileRequest): Promise<Result<{ readonly saved: boolean }>>;
}

export interface HostEventPayloads {
  /** An xmpp: link to open (raw, as the system gave it: the renderer parses it and asks the user). */
  onOpenUri: { readonly uri: string };
  /** The user clicked a notification: open its conversation. */
  onNotificationClicked: { readonly account: AccountId; readonly conversation: Jid };
}

export const HOST_COMMAND_NAMES = ['getHostInfo', 'takeOpenUris', 'showNotification', 'setUnreadCount', 'saveFile'] as const satisfies readonly (keyof HostCommands)[];
export const HOST_EVENT_NAMES = ['onOpenUri', 'onNotificationClicked'] as const satisfies readonly (keyof HostEventPayloads)[];

export type HostCommandName = (typeof HOST_COMMAND_NAMES)[number];

export function isHostCommandName(value: unknown): value is HostCommandName {
  return typeof value === 'string' && (HOST_COMMAND_NAMES as readonly string[]).includes(value);
}
