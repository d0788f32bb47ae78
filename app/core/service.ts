/**
 * The contract's implementation: one independent session per account. It checks every command's
 * input (it comes from a renderer we do not trust), keeps the account list (accounts.ts) and the
 * saved passwords (a SecretStore) in step, and fans each account's events out with its name.
 */
import { phrase } from '../shared/phrase.ts';
import { COMMAND_NAMES, type AccountId, type AccountSnapshot, type AccountSummary, type CertificateInfo, type CommandName, type EventEnvelope, type EventName, type JabberCommands, type JabberEventPayloads, type Result, type SignedIn, type Snapshot, type TrustedAuthority, type TrustedCertificate } from '../shared/contract.ts';
import { parseAccountJid } from '../shared/jid.ts';
import { fail, ok } from '../shared/result.ts';
import { createMemoryAccountStore, type AccountSettings, type AccountStore } from '../store/account-store.ts';
import { createMemoryHistory } from '../store/history-adapter.ts';
import type { MessageHistory } from '../store/message-history.ts';
import { createMemorySecretStore, type SecretStore } from '../store/secret-store.ts';
import { createMemorySettingsStore, type SettingsStore } from '../store/settings-store.ts';
import { describeAuthority } from './stream/authorities.ts';
import { AccountRegistry } from './accounts/accounts.ts';
import { parseSendReactions, parseSendReply } from './features/reactions/rich-input.ts';
import {
  parseAccountRequest, parseAddAccount, parseChangePassword, parseReconnect, parseSendMessage, parseCorrectMessage, parseRetractMessage, parseSendChatState, parseMarkRead, parseSetEnabled, parseSetPresence, parseSignIn,
  parseCertificateRequest, parseUpdateAccount, unknownAccount, isRecord, parseAccountId, type AddAccountInput,
} from './accounts/accounts-input.ts';
import type { AccountCommandName, AccountCommandRequest, AccountCommandValue } from './session/feature.ts';
import { createAccountRuntime, type AccountRuntime, type Credentials } from './accounts/accounts-runtime.ts';
import type { AvatarStore } from '../store/avatar-store.ts';
import type { AvatarIndex } from './features/profile/avatar-index.ts';
import type { CapsCache } from './features/profile/caps-cache.ts';
import { CoreError, toAppError } from './errors.ts';
import { createHistoryCommands } from './features/chat/history-commands.ts';
import type { FastToken } from './auth/fast.ts';
import { createFastTokenStore, type FastTokenStore } from './auth/fast-token-store.ts';
import { registerAccount } from './auth/registration.ts';
import type { Resolver, SrvResolver } from './stream/resolve.ts';
import type { RosterCache } from './features/roster/roster-cache.ts';
import type { JabberService, JabberServiceOptions } from './service-types.ts';
import { createMemoryPresencePreferencesStore, type PresencePreferencesStore } from '../store/presence-preferences-store.ts';
import { createMemoryAppSettingsStore, type AppSettingsStore } from '../store/app-settings-store.ts';
import { createAppSettingsSlice } from './features/settings/app-settings-commands.ts';
import { createPresenceSlice } from './features/presence/presence-commands.ts';
import { createPolicyGuard } from './policy/policy-guard.ts';
import { NO_POLICY } from '../shared/policy.ts';

export type { JabberService, JabberServiceOptions } from './service-types.ts';

export interface ServiceDependencies {
  /** Where the accounts are kept (default: in memory). */
  readonly accountStore?: AccountStore;
  /** Where saved passwords are kept (default: in memory). */
  readonly secretStore?: SecretStore;
  /** Profile-wide settings (company CAs). */
  readonly settingsStore?: SettingsStore;
  /** One history per account (default: in memory). */
  readonly openHistory?: (account: AccountId) => MessageHistory;
  readonly resolveSrv?: SrvResolver;
  /** A whole resolver (SRV and host addresses), e.g. a test's own DNS server; overrides `resolveSrv`. */
  readonly resolver?: Resolver;
  /** Where each account's versioned roster is kept between sign-ins (default: in memory). */
  readonly openRosterCache?: (account: AccountId) => RosterCache;
  /** Where avatars are kept by hash, for every account (default: in memory). */
  readonly avatarStore?: AvatarStore;
  /** Which avatar each of an account's contacts had last time (default: none kept). */
  readonly openAvatarIndex?: (account: AccountId) => AvatarIndex;
  /** XEP-0115 capabilities by ver, for every account (default: in memory). */
  readonly capsCache?: CapsCache;
  /** Recent status messages and automatic away, for the whole profile (default: in memory). */
  readonly presencePreferences?: PresencePreferencesStore;
  /** Theme, notifications, privacy and desktop settings, for the whole profile (default: in memory). */
  readonly appSettings?: AppSettingsStore;
  /** Problems nobody asked about (a store that cannot be read or written); default console.warn. */
  readonly log?: (message: string) => void;
}

/**
 * The commands the service answers itself: accounts, trust, messages and history, and the slices that
 * live above the sessions (the history, profile-wide presence settings).
 */
export const SERVICE_COMMAND_NAMES = [
  'addAccount', 'signIn', 'signOut', 'removeAccount', 'setAccountEnabled', 'updateAccount', 'listAccounts', 'setPresence',
  'sendMessage', 'correctMessage', 'retractMessage', 'sendChatState', 'markRead', 'getSnapshot', 'reconnectNow', 'setClientActive',
  'changePassword', 'trustCertificate', 'removeTrustedCertificate', 'addTrustedAuthority', 'removeTrustedAuthority',
  'loadMessages', 'searchMessages',
  'getPresencePreferences', 'setAutoAway', 'forgetRecentStatus', 'reportIdle', 'setInvisible', 'getInvisibility',
  'getAppSettings', 'setAppSettings',
  // replies and reactions: they write the history first, like chat's commands
  'sendReply', 'sendReactions',
] as const satisfies readonly CommandName[];
type ServiceCommandName = (typeof SERVICE_COMMAND_NAMES)[number];

/** Every other command of the contract: routed by its account to a feature of that account's session (session/feature.ts). */
type FeatureCommandName = Exclude<CommandName, ServiceCommandName>;
// A type error here names a contract command that the service does not answer and that no feature can (its request names no account).
const everyOtherIsAnAccountCommand: [FeatureCommandName] extends [AccountCommandName] ? true : FeatureCommandName = true;
void everyOtherIsAnAccountCommand;
export const FEATURE_COMMAND_NAMES: readonly (FeatureCommandName & AccountCommandName)[] = COMMAND_NAMES.filter(
  (name): name is FeatureCommandName & AccountCommandName => !(SERVICE_COMMAND_NAMES as readonly CommandName[]).includes(name),
);

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createJabberService(options: JabberServiceOptions = {}, deps: ServiceDependencies = {}): JabberService {
  const log = deps.log ?? ((message: string) => console.warn(`[jabber] ${message}`));
  const secrets = deps.secretStore ?? createMemorySecretStore();
  const settingsStore = deps.settingsStore ?? createMemorySettingsStore();
  const openHistory = deps.openHistory ?? (() => createMemoryHistory());
  const registry = new AccountRegistry(deps.accountStore ?? createMemoryAccountStore(), log);
  /** Every configured account has one, and so has an account being added (until it fails). */
  const runtimes = new Map<AccountId, AccountRuntime>();
  /** The certificate each account's last attempt was refused with, and pins for accounts not added yet. */
  const lastRefused = new Map<AccountId, CertificateInfo>();
  let authorities: readonly TrustedAuthority[] = [];
  const pendingPins = new Map<AccountId, TrustedCertificate[]>();
  /** XEP-0352 state for every account: false while the user cannot see the app. */
  let clientActive = true;
  /** Accounts whose password is in the secret store. */
  const saved = new Set<AccountId>();
  const listeners = new Set<(envelope: EventEnvelope) => void>();
  /** The organisation's locks: every command that would break one is refused (app/core/policy). */
  const policy = createPolicyGuard(options.policy ?? NO_POLICY);
  // ---- presence: recent statuses, automatic away, last activity
  const presenceSlice = createPresenceSlice({
    store: deps.presencePreferences ?? createMemoryPresencePreferencesStore(),
    runtimes: () => runtimes.values(),
    accounts: () => registry.list().map((settings) => settings.jid),
    configured: (account) => configured(account),
    ready: () => ready,
    changed: (preferences) => emit('onPresencePreferences', preferences),
    log,
  });

  // ---- app settings: theme, notifications, privacy, desktop
  const appSettingsSlice = createAppSettingsSlice({
    store: deps.appSettings ?? createMemoryAppSettingsStore(),
    changed: (settings) => emit('onAppSettings', settings),
    log,
  });

  function emit<E extends EventName>(event: E, payload: JabberEventPayloads[E]): void {
    const envelope = { event, payload } as EventEnvelope;
    for (const listener of listeners) {
      try {
        listener(envelope);
      } catch {
        // One broken listener must not starve the others.
      }
    }
  }

  function runtimeFor(account: AccountId): AccountRuntime {
    const existing = runtimes.get(account);
    if (existing !== undefined) return existing;
    const parsed = parseAccountJid(account);
    if (!parsed.ok) throw new Error(`not an account JID: ${account}`); // callers pass checked JIDs only
    const runtime = createAccountRuntime({
      account,
      jid: parsed.jid,
      options,
      history: openHistory(account),
      accountBare: account,
      resolveSrv: deps.resolveSrv,
      ...(deps.resolver !== undefined ? { resolver: deps.resolver } : {}),
      fastTokens: rememberedFastTokens(account),
      ...(deps.openRosterCache !== undefined ? { rosterCache: deps.openRosterCache(account) } : {}),
      ...(deps.avatarStore !== undefined ? { avatarStore: deps.avatarStore } : {}),
      ...(deps.openAvatarIndex !== undefined ? { avatarIndex: deps.openAvatarIndex(account) } : {}),
      ...(deps.capsCache !== undefined ? { capsCache: deps.capsCache } : {}),
      idle: presenceSlice.idle,
      events: {
        connection: (connection) => {
          // Remember which certificate was refused: only that one may be trusted (trustCertificate).
          const certificate = connection.status === 'disconnected' ? connection.error?.certificate : undefined;
          if (certificate !== undefined) lastRefused.set(account, certificate);
          emit('onConnectionState', { account, connection });
        },
        // The account's events are the contract's already: they go out as they came.
        emit: (event, payload) => emit(event, payload),
      },
    });
    runtime.setActive(clientActive);
    runtimes.set(account, runtime);
    return runtime;
  }

  /** Tokens received before the password was remembered (a first sign-in). */
  const unsavedTokens = new Map<AccountId, FastToken>();

  /**
   * FAST tokens sign in without a password, so they are kept only where the password is: for an
   * account whose password is not remembered, tokens live for the session alone.
   */
  function rememberedFastTokens(account: AccountId): FastTokenStore {
    const store = createFastTokenStore(secrets, account);
    return {
      userAgentId: () => store.userAgentId(),
      load: async () => (saved.has(account) ? store.load() : null),
      save: async (token) => {
        // The token of a first sign-in arrives before the password is remembered: keep it until then.
        unsavedTokens.set(account, token);
        if (saved.has(account)) await store.save(token);
      },
      forget: async () => {
        unsavedTokens.delete(account);
        await store.forget();
      },
    };
  }


  function summary(settings: AccountSettings): AccountSummary {
    const runtime = runtimeFor(settings.jid);
    return {
      account: settings.jid,
      ...(settings.host !== undefined ? { host: settings.host } : {}),
      ...(settings.port !== undefined ? { port: settings.port } : {}),
      enabled: settings.enabled,
      passwordSaved: saved.has(settings.jid),
      ...(settings.proxy !== undefined ? { proxy: settings.proxy } : {}),
      trustedCertificates: settings.trustedCertificates ?? [],
      connection: runtime.connection(),
      ownPresence: runtime.ownPresence(),
    };
  }

  const summaries = (): AccountSummary[] => registry.list().map(summary);
  const emitAccounts = (): void => emit('onAccounts', summaries());

  async function savedPassword(account: AccountId): Promise<string | undefined> {
    try {
      return await secrets.get(account);
    } catch (error) {
      log(`Could not read the saved password of ${account}: ${describe(error)}`);
      return undefined;
    }
  }

  /** Saves (a string) or forgets (null) the password. A failure is reported; the account keeps working. */
  async function storePassword(account: AccountId, password: string | null): Promise<void> {
    try {
      if (password === null) {
        await secrets.delete(account);
        saved.delete(account);
        unsavedTokens.delete(account);
        await createFastTokenStore(secrets, account).forget();
      } else {
        await secrets.set(account, password);
        saved.add(account);
        const token = unsavedTokens.get(account);
        if (token !== undefined) await createFastTokenStore(secrets, account).save(token);
      }
    } catch (error) {
      log(`Could not ${password === null ? 'forget' : 'save'} the password of ${account}: ${describe(error)}`);
    }
  }

  /** Proxy passwords, kept in the secret store and mirrored here so credentials can be put together at once. */
  const proxyPasswords = new Map<AccountId, string>();
  const proxyPasswordKey = (account: AccountId): AccountId => `proxy-password:${account}`;

  async function storeProxyPassword(account: AccountId, password: string | undefined): Promise<void> {
    try {
      if (password === undefined) {
        proxyPasswords.delete(account);
        await secrets.delete(proxyPasswordKey(account));
      } else {
        proxyPasswords.set(account, password);
        await secrets.set(proxyPasswordKey(account), password);
      }
    } catch (error) {
      log(`Could not store the proxy password of ${account}: ${describe(error)}`);
    }
  }

  /** OAuth tokens (X-OAUTH2) that stand in for an account's password, mirrored from the secret store. */
  const oauthTokens = new Map<AccountId, string>();
  const oauthTokenKey = (account: AccountId): AccountId => `oauth-token:${account}`;

  const credentials = (settings: AccountSettings, password: string): Credentials => policy.credentials(settings.jid, ownCredentials(settings, password));
  const ownCredentials = (settings: AccountSettings, password: string): Credentials => {
    const proxyPassword = proxyPasswords.get(settings.jid);
    const pins = [...(settings.trustedCertificates ?? []), ...(pendingPins.get(settings.jid) ?? [])];
    const oauthToken = oauthTokens.get(settings.jid);
    return {
      password,
      ...(oauthToken !== undefined ? { oauthToken } : {}),
      ...(pins.length > 0 ? { pinnedFingerprints: pins.map((pin) => pin.fingerprintSha256) } : {}),
      ...(authorities.length > 0 ? { authorities: authorities.map((authority) => authority.pem) } : {}),
      ...(settings.host !== undefined ? { host: settings.host } : {}),
      ...(settings.port !== undefined ? { port: settings.port } : {}),
      ...(settings.proxy !== undefined ? { proxy: { ...settings.proxy, ...(proxyPassword !== undefined ? { password: proxyPassword } : {}) } } : {}),
    };
  };

  // Loading and auto-connecting start now; every command waits for the accounts to be known.
  const ready = (async () => {
    authorities = (await settingsStore.load().catch(() => ({ trustedAuthorities: [] }))).trustedAuthorities;
    await registry.load();
    for (const settings of registry.list()) {
      runtimeFor(settings.jid);
      if (settings.proxy !== undefined) {
        const proxyPassword = await secrets.get(proxyPasswordKey(settings.jid)).catch(() => undefined);
        if (proxyPassword !== undefined) proxyPasswords.set(settings.jid, proxyPassword);
      }
      const token = await secrets.get(oauthTokenKey(settings.jid)).catch(() => undefined);
      if (token !== undefined) oauthTokens.set(settings.jid, token);
      let password = (await savedPassword(settings.jid)) ?? (token !== undefined ? '' : undefined);
      if (password !== undefined && !policy.savePasswords) {
        // The organisation forbids saved passwords: those kept from before are forgotten now.
        await storePassword(settings.jid, null);
        if (token !== undefined) await secrets.delete(oauthTokenKey(settings.jid)).catch(() => {});
        password = undefined;
      }
      if (password === undefined) continue;
      saved.add(settings.jid);
      if ((options.autoConnect ?? true) && settings.enabled && policy.allowsAccount(settings.jid).ok) runtimeFor(settings.jid).connectInBackground(credentials(settings, password));
    }
  })();

  async function addAccount(request: unknown): Promise<Result<SignedIn>> {
    await ready;
    const parsed = parseAddAccount(request);
    if (!parsed.ok) return parsed;
    const input = policy.addAccount(parsed.value, request);
    if (!input.ok) return input;
    const { account, password, rememberPassword } = input.value;
    const runtime = runtimeFor(account);
    if (!runtime.idle()) {
      return fail('already-connected', registry.has(account) ? phrase('{{account}} is already signed in.', { account }) : phrase('{{account}} is already being added.', { account }));
    }
    if (input.value.createOnServer) {
      const created = await createOnServer(input.value);
      if (!created.ok) return created;
    }
    const proxy = input.value.proxy;
    const settings: AccountSettings = {
      jid: account,
      ...(input.value.host !== undefined ? { host: input.value.host } : {}),
      ...(input.value.port !== undefined ? { port: input.value.port } : {}),
      enabled: true,
      ...(proxy !== undefined ? { proxy: { type: proxy.type, host: proxy.host, port: proxy.port, ...(proxy.username !== undefined ? { username: proxy.username } : {}) } } : {}),
      ...(pendingPins.has(account) ? { trustedCertificates: pendingPins.get(account) } : {}),
    };
    if (proxy?.password !== undefined) proxyPasswords.set(account, proxy.password);
    else proxyPasswords.delete(account);
    if (input.value.oauthToken !== undefined) oauthTokens.set(account, input.value.oauthToken);
    else oauthTokens.delete(account);
    const result = await runtime.signIn(credentials(settings, password));
    if (!result.ok) {
      // A failed first sign-in leaves nothing behind.
      if (!registry.has(account) && runtimes.get(account) === runtime) {
        runtimes.delete(account);
        await runtime.dispose();
      }
      return result;
    }
    await registry.put(settings);
    pendingPins.delete(account);
    if (input.value.oauthToken !== undefined) {
      // The token is the credential: kept (or not) exactly like a password.
      await storePassword(account, null);
      if (rememberPassword) {
        await secrets.set(oauthTokenKey(account), input.value.oauthToken).catch((error: unknown) => log(`Could not save the token of ${account}: ${describe(error)}`));
        saved.add(account);
      }
    } else {
      await secrets.delete(oauthTokenKey(account)).catch(() => {});
      await storePassword(account, rememberPassword ? password : null);
    }
    await storeProxyPassword(account, proxy?.password);
    emitAccounts();
    return result;
  }

  /** XEP-0077 registration over the same verified connection a sign-in uses. */
  async function createOnServer(input: AddAccountInput): Promise<Result<null>> {
    const trust = policy.credentials(input.account, { password: '' });
    try {
      await registerAccount({
        account: input.jid,
        password: input.password,
        ...(input.host !== undefined ? { host: input.host } : {}),
        ...(input.port !== undefined ? { port: input.port } : {}),
        trustedCertificates: trust.exclusiveTrust === true ? (trust.authorities ?? []) : (options.trustedCertificates ?? []),
        ...(trust.exclusiveTrust === true ? { exclusiveTrust: true } : {}),
        stepTimeoutMs: options.connectTimeoutMs ?? 20_000,
        resolveSrv: deps.resolveSrv,
      });
      return ok(null);
    } catch (error) {
      return { ok: false, error: error instanceof CoreError ? error.appError : toAppError(error, input.host ?? input.jid.domain) };
    }
  }

  async function trustCertificate(request: unknown): Promise<Result<TrustedCertificate>> {
    await ready;
    const input = parseCertificateRequest(request);
    if (!input.ok) return input;
    const { account, fingerprintSha256 } = input.value;
    const allowed = policy.trustCertificate(account);
    if (!allowed.ok) return allowed;
    const refused = lastRefused.get(account);
    if (refused === undefined || refused.fingerprintSha256 !== fingerprintSha256) {
      return fail('invalid-argument', 'Only the certificate this account was just refused with can be trusted. Sign in again to see it.');
    }
    const trusted: TrustedCertificate = {
      fingerprintSha256, subject: refused.subject, issuer: refused.issuer, validFrom: refused.validFrom, validTo: refused.validTo,
    };
    lastRefused.delete(account);
    const settings = registry.get(account);
    if (settings === undefined) {
      // Not added yet (its first sign-in was refused): the pin is stored when addAccount succeeds.
      pendingPins.set(account, [...(pendingPins.get(account) ?? []).filter((pin) => pin.fingerprintSha256 !== fingerprintSha256), trusted]);
      return ok(trusted);
    }
    const others = (settings.trustedCertificates ?? []).filter((pin) => pin.fingerprintSha256 !== fingerprintSha256);
    await registry.update(account, { trustedCertificates: [...others, trusted] });
    emitAccounts();
    return ok(trusted);
  }

  async function addTrustedAuthority(request: unknown): Promise<Result<TrustedAuthority>> {
    await ready;
    const allowed = policy.addTrustedAuthority();
    if (!allowed.ok) return allowed;
    const pem = typeof request === 'object' && request !== null ? (request as { pem?: unknown }).pem : undefined;
    if (typeof pem !== 'string' || pem.length > 100_000) return fail('invalid-argument', 'Paste the certificate in PEM form (-----BEGIN CERTIFICATE----- …).');
    const authority = describeAuthority(pem);
    if (!authority.ok) return authority;
    if (!authorities.some((known) => known.fingerprintSha256 === authority.value.fingerprintSha256)) {
      authorities = [...authorities, authority.value];
      await settingsStore.save({ trustedAuthorities: authorities }).catch((error: unknown) => log(`Could not save the trusted authorities: ${describe(error)}`));
      emit('onTrustedAuthorities', authorities);
    }
    return ok(authority.value);
  }

  async function removeTrustedAuthority(request: unknown): Promise<Result<null>> {
    await ready;
    const fingerprint = typeof request === 'object' && request !== null ? (request as { fingerprintSha256?: unknown }).fingerprintSha256 : undefined;
    if (typeof fingerprint !== 'string') return fail('invalid-argument', 'Say which authority to remove (its SHA-256 fingerprint).');
    authorities = authorities.filter((known) => known.fingerprintSha256 !== fingerprint);
    await settingsStore.save({ trustedAuthorities: authorities }).catch((error: unknown) => log(`Could not save the trusted authorities: ${describe(error)}`));
    emit('onTrustedAuthorities', authorities);
    return ok(null);
  }

  async function removeTrustedCertificate(request: unknown): Promise<Result<null>> {
    await ready;
    const input = parseCertificateRequest(request);
    if (!input.ok) return input;
    const { account, fingerprintSha256 } = input.value;
    const settings = registry.get(account);
    if (settings === undefined) return unknownAccount(account);
    await registry.update(account, { trustedCertificates: (settings.trustedCertificates ?? []).filter((pin) => pin.fingerprintSha256 !== fingerprintSha256) });
    emitAccounts();
    return ok(null);
  }

  async function changePassword(request: unknown): Promise<Result<null>> {
    await ready;
    const input = parseChangePassword(request);
    if (!input.ok) return input;
    const runtime = configured(input.value.account);
    if (!runtime.ok) return runtime;
    const changed = await runtime.value.changePassword(input.value.newPassword);
    // A remembered password follows the change, so the next start signs in.
    if (changed.ok && saved.has(input.value.account)) await storePassword(input.value.account, input.value.newPassword);
    return changed;
  }

  async function signIn(request: unknown): Promise<Result<SignedIn>> {
    await ready;
    const parsedSignIn = parseSignIn(request);
    const input = parsedSignIn.ok ? policy.signIn(parsedSignIn.value) : parsedSignIn;
    if (!input.ok) return input;
    const { account, password: typed, rememberPassword } = input.value;
    const settings = registry.get(account);
    if (settings === undefined) return unknownAccount(account);
    const runtime = runtimeFor(account);
    if (!runtime.idle()) return fail('already-connected', phrase('{{account}} is already signed in or connecting.', { account }));
    // An account that signs in with a token has no password: the token goes along in its credentials.
    const password = typed ?? (await savedPassword(account)) ?? (oauthTokens.has(account) ? '' : undefined);
    if (password === undefined) return fail('invalid-argument', phrase('No password is saved for {{account}}. Enter it to sign in.', { account }));
    const result = await runtime.signIn(credentials(settings, password));
    if (!result.ok || !registry.has(account)) return result;
    if (!settings.enabled) await registry.update(account, { enabled: true });
    if (typed !== undefined && rememberPassword !== undefined) await storePassword(account, rememberPassword ? typed : null);
    emitAccounts();
    return result;
  }

  /** Disconnects and disables; for an account still being added, cancels the attempt. */
  async function disable(account: AccountId): Promise<Result<null>> {
    const runtime = runtimes.get(account);
    if (runtime === undefined) return unknownAccount(account);
    const stopped = runtime.stop();
    if (registry.get(account)?.enabled === true) {
      await registry.update(account, { enabled: false });
      emitAccounts();
    }
    await stopped;
    return ok(null);
  }

  async function signOut(request: unknown): Promise<Result<null>> {
    await ready;
    const account = parseAccountRequest(request);
    return account.ok ? disable(account.value) : account;
  }

  async function removeAccount(request: unknown): Promise<Result<null>> {
    await ready;
    const account = parseAccountRequest(request);
    if (!account.ok) return account;
    const id = account.value;
    if (!registry.has(id)) return unknownAccount(id);
    const runtime = runtimes.get(id);
    runtimes.delete(id);
    await registry.remove(id);
    await storePassword(id, null);
    await storeProxyPassword(id, undefined);
    oauthTokens.delete(id);
    await secrets.delete(oauthTokenKey(id)).catch(() => {});
    emitAccounts();
    await runtime?.dispose();
    return ok(null);
  }

  async function setAccountEnabled(request: unknown): Promise<Result<null>> {
    await ready;
    const input = parseSetEnabled(request);
    if (!input.ok) return input;
    const { account, enabled } = input.value;
    if (!enabled) return disable(account);
    const allowed = policy.allowsAccount(account);
    if (!allowed.ok) return allowed;
    const settings = registry.get(account);
    if (settings === undefined) return unknownAccount(account);
    const runtime = runtimeFor(account);
    if (settings.enabled && !runtime.idle()) return ok(null);
    const password = await savedPassword(account);
    if (password === undefined) return fail('invalid-argument', phrase('No password is saved for {{account}}. Sign in with your password to enable it.', { account }));
    const enabledSettings = (await registry.update(account, { enabled: true })) ?? settings;
    emitAccounts();
    runtime.connectInBackground(credentials(enabledSettings, password));
    return ok(null);
  }

  async function updateAccount(request: unknown): Promise<Result<AccountSummary>> {
    await ready;
    const parsedChange = parseUpdateAccount(request);
    const input = parsedChange.ok ? policy.updateAccount(parsedChange.value) : parsedChange;
    if (!input.ok) return input;
    const { account, proxy, ...change } = input.value;
    const previousProxy = registry.get(account)?.proxy;
    const updated = await registry.update(account, {
      ...change,
      ...(proxy === undefined
        ? {}
        : { proxy: proxy === null ? null : { type: proxy.type, host: proxy.host, port: proxy.port, ...(proxy.username !== undefined ? { username: proxy.username } : {}) } }),
    });
    if (updated === undefined) return unknownAccount(account);
    // No password typed for the same proxy user: the saved one stays.
    const keepsPassword = proxy !== undefined && proxy !== null && proxy.password === undefined && previousProxy !== undefined && previousProxy.username === proxy.username;
    if (proxy !== undefined && !keepsPassword) await storeProxyPassword(account, proxy?.password);
    emitAccounts();
    return ok(summary(updated));
  }

  /** The runtime of a configured account, or the error to answer with. */
  function configured(account: AccountId): Result<AccountRuntime> {
    const runtime = registry.has(account) ? runtimes.get(account) : undefined;
    return runtime === undefined ? unknownAccount(account) : ok(runtime);
  }

  async function setPresence(request: unknown): Promise<Result<null>> {
    await ready;
    const input = parseSetPresence(request);
    if (!input.ok) return input;
    const runtime = configured(input.value.account);
    if (!runtime.ok) return runtime;
    const result = await runtime.value.setPresence(input.value.show, input.value.status);
    // A status message set is offered again later.
    if (result.ok && input.value.status !== undefined) await presenceSlice.remember(input.value.status);
    return result;
  }

  /** A command of one configured account: its input checked, then run on that account's runtime. */
  function accountCommand<I extends { readonly account: AccountId }, T>(parse: (request: unknown) => Result<I>, run: (runtime: AccountRuntime, input: I) => Promise<Result<T>>) {
    return async (request: unknown): Promise<Result<T>> => {
      await ready;
      const input = parse(request);
      if (!input.ok) return input;
      const runtime = configured(input.value.account);
      return runtime.ok ? run(runtime.value, input.value) : runtime;
    };
  }

  const sendMessage = accountCommand(parseSendMessage, (runtime, { to, body }) => runtime.sendMessage(to, body));
  const correctMessage = accountCommand(parseCorrectMessage, (runtime, { conversation, id, body }) => runtime.correctMessage(conversation, id, body));
  const retractMessage = accountCommand(parseRetractMessage, (runtime, { conversation, id }) => runtime.retractMessage(conversation, id));
  const sendChatState = accountCommand(parseSendChatState, (runtime, { conversation, state }) => runtime.sendChatState(conversation, state));
  const markRead = accountCommand(parseMarkRead, (runtime, { conversation, sendMarker }) => runtime.markRead(conversation, sendMarker));
  const sendReply = accountCommand(parseSendReply, (runtime, { to, body, replyTo }) => runtime.sendReply(to, body, replyTo));
  const sendReactions = accountCommand(parseSendReactions, (runtime, { conversation, id, reactions }) => runtime.sendReactions(conversation, id, reactions));

  async function setClientActive(request: unknown): Promise<Result<null>> {
    if (typeof request !== 'object' || request === null || typeof (request as { active?: unknown }).active !== 'boolean') {
      return fail('invalid-argument', 'Say whether the app is in use (active: true or false).');
    }
    clientActive = (request as { active: boolean }).active;
    for (const runtime of runtimes.values()) runtime.setActive(clientActive);
    return ok(null);
  }

  async function reconnectNow(request?: unknown): Promise<Result<null>> {
    await ready;
    const input = parseReconnect(request);
    if (!input.ok) return input;
    if (input.value === null) {
      for (const runtime of runtimes.values()) runtime.reconnectNow();
      return ok(null);
    }
    const runtime = configured(input.value);
    if (!runtime.ok) return runtime;
    runtime.value.reconnectNow();
    return ok(null);
  }

  // ---- message history: paging and search ----
  const historyCommands = createHistoryCommands({
    accounts: () => registry.list().map((settings) => settings.jid),
    history: (account) => (registry.has(account) ? runtimes.get(account)?.history : undefined),
    fetchOlder: async (account, conversation, beforeMs) => (await runtimes.get(account)?.fetchOlder(conversation, beforeMs)) ?? 0,
  });
  /** A command that needs the stored accounts loaded first. */
  function whenReady<R>(command: (request: unknown) => Promise<R>): (request: unknown) => Promise<R> {
    return async (request) => {
      await ready;
      return command(request);
    };
  }

  async function getSnapshot(): Promise<Result<Snapshot>> {
    await ready;
    const accounts = registry.list().map((settings): AccountSnapshot => {
      const runtime = runtimeFor(settings.jid);
      return { ...summary(settings), contacts: runtime.contacts(), messages: [...runtime.messages()], cards: runtime.cards(), unread: runtime.unread(), ...runtime.featureSnapshot() };
    });
    return ok({ accounts, trustedAuthorities: authorities, ...(policy.state.state !== 'none' ? { policy: policy.state } : {}) });
  }

  /**
   * The one path of every account command a feature declares (session/feature.ts): the account is checked
   * and looked up here, then the account's runtime runs the command on its session. No code here names
   * such a command: each contract command not implemented above comes this way.
   */
  function featureCommand<K extends AccountCommandName>(command: K) {
    return async (request: AccountCommandRequest<K>): Promise<Result<AccountCommandValue<K>>> => {
      await ready;
      const account = parseAccountId(isRecord(request) ? request.account : undefined);
      if (!account.ok) return account;
      const runtime = configured(account.value);
      return runtime.ok ? runtime.value.run(command, request) : runtime;
    };
  }

  const ownCommands = {
    addAccount,
    signIn,
    signOut,
    removeAccount,
    setAccountEnabled,
    updateAccount,
    async listAccounts() {
      await ready;
      return ok(summaries());
    },
    setPresence,
    sendMessage,
    correctMessage,
    retractMessage,
    sendReply,
    sendReactions,
    sendChatState,
    markRead,
    getSnapshot,
    reconnectNow,
    setClientActive,
    changePassword,
    trustCertificate,
    removeTrustedCertificate,
    addTrustedAuthority,
    removeTrustedAuthority,
    loadMessages: whenReady(historyCommands.loadMessages),
    searchMessages: whenReady(historyCommands.searchMessages),
    ...presenceSlice.commands,
    ...appSettingsSlice.commands,
  };
  // A type error here names a command listed in SERVICE_COMMAND_NAMES but not implemented above, or the reverse.
  const ownMatchesList: [keyof typeof ownCommands] extends [ServiceCommandName] ? ([ServiceCommandName] extends [keyof typeof ownCommands] ? true : never) : never = true;
  void ownMatchesList;
  // Each entry is its own command's router; TypeScript cannot follow that pairing through the list.
  const featureCommands = Object.fromEntries(FEATURE_COMMAND_NAMES.map((name) => [name, featureCommand(name)])) as unknown as Pick<JabberCommands, FeatureCommandName>;

  return {
    ...ownCommands,
    ...featureCommands,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      await ready;
      // Quitting is not signing out: the accounts stay enabled and connect again at the next start.
      await Promise.all([...runtimes.values()].map((runtime) => runtime.close()));
      presenceSlice.dispose();
      listeners.clear();
    },
  };
}

