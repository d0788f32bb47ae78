/**
 * Managed deployment (issue 11 item 8): a company's policy file, as the core enforces it and the UI shows it.
 * The file is read by Electron main or the web host (app/core/policy/policy-file.ts), checked against its schema
 * (app/contract/policy-schema.ts), and handed to the core, which refuses every command that breaks a lock
 * (error code `policy-locked`). The UI marks each locked setting "Managed by your organisation".
 */
import type { AccountProxy, TrustedAuthority } from './contract.ts';
import type { Phrase } from './phrase.ts';

/** Updates as the organisation wants them: off, or from a channel (and optionally its own server). */
export interface PolicyUpdates {
  /** False: the app never checks for updates. */
  readonly enabled: boolean;
  /** electron-updater's channel (`latest`, `beta`…); absent: the app's default. */
  readonly channel?: string;
  /** A generic update server (https) instead of the app's own. */
  readonly url?: string;
}

/** The policy as the core enforces it. Absent fields lock nothing. */
export interface ManagedPolicy {
  /** The company's XMPP domain: accounts are on it (with `otherAccounts: false`, only on it). */
  readonly domain?: string;
  /** The server and port to connect to, pre-filled and locked for accounts on `domain`. */
  readonly server?: string;
  readonly port?: number;
  /** False: only accounts on `domain` can be added or signed in. */
  readonly otherAccounts: boolean;
  /** The company CA: for accounts on `domain` it is the only authority trusted (no system CAs, no certificates trusted by hand). */
  readonly certificateAuthority?: TrustedAuthority;
  /** Every account connects through this proxy (its user name and password stay the user's); null: direct, locked. */
  readonly proxy?: AccountProxy | null;
  /** False: no password (or token) is ever saved; saved ones are forgotten at start. */
  readonly savePasswords: boolean;
  /** False: no file upload (the UI hides Attach file). */
  readonly fileUpload: boolean;
  readonly updates?: PolicyUpdates;
}

/** Whether a policy applies: none, one in force (and where it came from), or one that could not be used. */
export type PolicyState =
  | { readonly state: 'none' }
  | { readonly state: 'active'; readonly source: string; readonly policy: ManagedPolicy }
  /** The file exists but is not valid: nothing can sign in until the administrator fixes it (failing closed). */
  | { readonly state: 'invalid'; readonly source: string; readonly message: string; readonly phrase?: Phrase };

export const NO_POLICY: PolicyState = { state: 'none' };

/** The text shown beside every locked setting. */
export const MANAGED_LABEL = 'Managed by your organisation';

/** The policy in force, or null (none, or invalid). */
export const activePolicy = (state: PolicyState | undefined): ManagedPolicy | null => (state?.state === 'active' ? state.policy : null);

/** What the UI needs to know, setting by setting. */
export interface PolicyLocks {
  readonly server: boolean;
  readonly port: boolean;
  readonly otherAccounts: boolean;
  readonly certificates: boolean;
  readonly proxy: boolean;
  readonly savePasswords: boolean;
  readonly fileUpload: boolean;
  readonly updates: boolean;
}

export function policyLocks(state: PolicyState | undefined): PolicyLocks {
  const policy = activePolicy(state);
  return {
    server: policy?.server !== undefined,
    port: policy?.port !== undefined,
    otherAccounts: policy !== null && !policy.otherAccounts,
    certificates: policy?.certificateAuthority !== undefined,
    proxy: policy?.proxy !== undefined,
    savePasswords: policy !== null && !policy.savePasswords,
    fileUpload: policy !== null && !policy.fileUpload,
    updates: policy?.updates !== undefined,
  };
}
