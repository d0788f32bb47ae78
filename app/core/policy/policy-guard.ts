/**
 * Enforces the organisation's policy (app/shared/policy.ts) in the core: every command that would break a lock
 * is refused with `policy-locked`, whatever the UI shows; while the policy file is invalid nothing signs in
 * (`policy-invalid`). Pre-filled values (server, port, proxy) are applied to the connection itself, so an account
 * stored before the policy came still connects as the policy says.
 */
import { phrase, type Phrase } from '../../shared/phrase.ts';
import type { AccountId, AccountProxyInput, Result } from '../../shared/contract.ts';
import { activePolicy, type ManagedPolicy, type PolicyState } from '../../shared/policy.ts';
import { fail, ok } from '../../shared/result.ts';
import type { AddAccountInput, ServerChange, SignInInput } from '../accounts/accounts-input.ts';
import type { Credentials } from '../accounts/accounts-runtime.ts';

export interface PolicyGuard {
  readonly state: PolicyState;
  /** Whether accounts may sign in at all (not while the policy file is invalid). */
  usable(): Result<null>;
  /** The account may be used here (its domain, with `otherAccounts: false`). */
  allowsAccount(account: AccountId): Result<null>;
  /** The add-account input as the policy completes it (server, port, proxy, no saved password), or why not. */
  addAccount(input: AddAccountInput, request: unknown): Result<AddAccountInput>;
  signIn(input: SignInInput): Result<SignInInput>;
  updateAccount(change: ServerChange): Result<ServerChange>;
  /** Trusting a server's certificate by hand for this account. */
  trustCertificate(account: AccountId): Result<null>;
  /** Adding a company authority for every account. */
  addTrustedAuthority(): Result<null>;
  readonly savePasswords: boolean;
  /** The connection's settings as the policy sets them. */
  credentials(account: AccountId, credentials: Credentials): Credentials;
}

/** A refusal naming what the policy sets, as a phrase (translated where it is shown). */
const locked = <T>(setting: Phrase): Result<T> => fail('policy-locked', phrase('{{setting}} (managed by your organisation).', { setting }));
const domainOf = (account: AccountId): string => account.slice(account.lastIndexOf('@') + 1).toLowerCase();
const sameHost = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function createPolicyGuard(state: PolicyState): PolicyGuard {
  const policy: ManagedPolicy | null = activePolicy(state);
  const onDomain = (account: AccountId): boolean => policy?.domain !== undefined && domainOf(account) === policy.domain;

  const usable = (): Result<null> => (state.state === 'invalid' ? fail('policy-invalid', state.phrase ?? state.message) : ok(null));

  function allowsAccount(account: AccountId): Result<null> {
    const check = usable();
    if (!check.ok) return check;
    if (policy !== null && !policy.otherAccounts && !onDomain(account)) {
      return locked(
        policy.domain !== undefined
          ? phrase('Only accounts on {{domain}} can be used here, not {{account}}', { domain: policy.domain, account })
          : phrase('Only accounts on your organisation’s domain can be used here, not {{account}}', { account }),
      );
    }
    return ok(null);
  }

  /** The proxy a connection uses: the policy's server with the user's own credentials. */
  function proxyFor(given: AccountProxyInput | undefined): Result<AccountProxyInput | undefined> {
    if (policy === null || policy.proxy === undefined) return ok(given);
    if (policy.proxy === null) return given === undefined ? ok(undefined) : locked(phrase('This computer connects directly, without a proxy'));
    const required = policy.proxy;
    if (given !== undefined && (given.type !== required.type || !sameHost(given.host, required.host) || given.port !== required.port)) {
      return locked(phrase('Connections go through the proxy {{host}}:{{port}}', { host: required.host, port: required.port }));
    }
    return ok({ ...required, ...(given?.username !== undefined ? { username: given.username } : {}), ...(given?.password !== undefined ? { password: given.password } : {}) });
  }

  function serverFor(account: AccountId, host: string | undefined | null, port: number | undefined | null): Result<null> {
    if (policy === null || !onDomain(account)) return ok(null);
    if (policy.server !== undefined && host !== undefined && (host === null || !sameHost(host, policy.server))) return locked(phrase('The server is {{server}}', { server: policy.server }));
    if (policy.port !== undefined && port !== undefined && port !== policy.port) return locked(phrase('The port is {{port}}', { port: policy.port }));
    return ok(null);
  }

  const savePasswords = policy?.savePasswords ?? true;

  return {
    state,
    usable,
    allowsAccount,
    savePasswords,
    addAccount(input, request) {
      const allowed = allowsAccount(input.account);
      if (!allowed.ok) return allowed;
      if (policy === null) return ok(input);
      const server = serverFor(input.account, input.host, input.port);
      if (!server.ok) return server;
      const proxy = proxyFor(input.proxy);
      if (!proxy.ok) return proxy;
      const asked = typeof request === 'object' && request !== null ? (request as { rememberPassword?: unknown }).rememberPassword : undefined;
      if (!savePasswords && asked === true) return locked(phrase('Passwords are not saved on this computer'));
      const { proxy: _given, ...rest } = input;
      return ok({
        ...rest,
        ...(onDomain(input.account) && policy.server !== undefined ? { host: policy.server } : {}),
        ...(onDomain(input.account) && policy.port !== undefined ? { port: policy.port } : {}),
        ...(proxy.value !== undefined ? { proxy: proxy.value } : {}),
        rememberPassword: savePasswords && input.rememberPassword,
      });
    },
    signIn(input) {
      const allowed = allowsAccount(input.account);
      if (!allowed.ok) return allowed;
      if (!savePasswords && input.rememberPassword === true) return locked(phrase('Passwords are not saved on this computer'));
      return ok(input);
    },
    updateAccount(change) {
      const check = usable();
      if (!check.ok) return check;
      const server = serverFor(change.account, change.host, change.port);
      if (!server.ok) return server;
      if (change.proxy === undefined || policy === null || policy.proxy === undefined) return ok(change);
      const proxy = proxyFor(change.proxy ?? undefined);
      if (!proxy.ok) return proxy;
      if (change.proxy === null && policy.proxy !== null) return locked(phrase('Connections go through the proxy {{host}}:{{port}}', { host: policy.proxy.host, port: policy.proxy.port }));
      return ok({ ...change, proxy: proxy.value ?? null });
    },
    trustCertificate(account) {
      if (policy?.certificateAuthority !== undefined && onDomain(account)) {
        return locked(phrase('Only certificates issued by {{authority}} are trusted for {{domain}}', { authority: policy.certificateAuthority.subject, domain: policy.domain ?? account }));
      }
      return ok(null);
    },
    addTrustedAuthority() {
      return policy?.certificateAuthority !== undefined ? locked(phrase('The trusted certificate authority is set')) : ok(null);
    },
    credentials(account, credentials) {
      if (policy === null) return credentials;
      let result: Credentials = credentials;
      if (onDomain(account)) {
        const { host: _host, port: _port, ...rest } = result;
        const host = policy.server ?? credentials.host;
        const port = policy.port ?? credentials.port;
        result = { ...rest, ...(host !== undefined ? { host } : {}), ...(port !== undefined ? { port } : {}) };
        if (policy.certificateAuthority !== undefined) {
          const { pinnedFingerprints: _pins, ...unpinned } = result;
          result = { ...unpinned, authorities: [policy.certificateAuthority.pem], exclusiveTrust: true };
        }
      }
      if (policy.proxy !== undefined) {
        const { proxy: given, ...rest } = result;
        result = policy.proxy === null
          ? rest
          : { ...rest, proxy: { ...policy.proxy, ...(given?.username !== undefined ? { username: given.username } : {}), ...(given?.password !== undefined ? { password: given.password } : {}) } };
      }
      return result;
    },
  };
}
