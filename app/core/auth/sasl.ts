/**
 * SASL (RFC 6120 §6) over the xmpp.js SASL factory, with our native SCRAM mechanisms registered
 * in order of strength: SCRAM-SHA-512-PLUS, -256-PLUS, -1-PLUS (bound to the TLS channel), then
 * SCRAM-SHA-512, -256, -1, then PLAIN, used only on an encrypted stream and only when nothing better
 * is offered.
 *
 * Downgrade protection, in the order it acts:
 * 1. XEP-0440: a server that lists channel-binding types we can compute, and offers SCRAM, but no
 *    SCRAM-*-PLUS, has had its mechanism list stripped: refused before anything is sent.
 * 2. RFC 5802 §6: when we can bind but the server offers no -PLUS mechanism, the GS2 flag is `y`, so a
 *    server that does support channel binding sees the stripped list and fails the exchange.
 * 3. XEP-0474: when the server-first message carries the server's hash of its mechanism and
 *    channel-binding lists, it must match what we received, or the exchange stops before the password is used.
 * PLAIN cannot be protected this way (XEP-0474 §3): it is chosen only when the server offers no SCRAM at all.
 */
import { phrase } from '../../shared/phrase.ts';
import type { Client } from '@xmpp/client-core';
import { xml, type Element } from '@xmpp/xml';
import saslPlain from '@xmpp/sasl-plain';
import SASLFactory, { type SaslMechanism } from 'saslmechanisms';
import { availableChannelBindings, type ChannelBinding, type TlsChannel } from './channel-binding.ts';
import type { ElementQueue } from '../stream/element-queue.ts';
import { authFailed, coreError, type CoreError, serverSaid } from '../errors.ts';
import { X_OAUTH2, XOAuth2Mechanism } from './oauth.ts';
import { NS } from '../xml/namespaces.ts';
import {
  createScramMechanism,
  DowngradeError,
  isScramMechanismClass,
  plusName,
  SCRAM_MECHANISM_NAMES,
  ScramError,
  type DowngradeProtection,
  type Gs2Flag,
  type VerifyingMechanism,
} from './scram.ts';

/** XEP-0440: SASL Channel-Binding Type Capability. */
export const NS_SASL_CB = 'urn:xmpp:sasl-cb:0';

const HASHES_STRONGEST_FIRST = ['sha512', 'sha256', 'sha1'] as const;

export function createSaslFactory(): SASLFactory {
  const factory = new SASLFactory();
  // Registration order is preference order: every -PLUS variant before every plain SCRAM.
  // Names are given explicitly: the factory otherwise reads them from the prototype.
  for (const hash of HASHES_STRONGEST_FIRST) factory.use(plusName(hash), createScramMechanism(hash, { plus: true }));
  for (const hash of HASHES_STRONGEST_FIRST) factory.use(SCRAM_MECHANISM_NAMES[hash], createScramMechanism(hash));
  saslPlain(factory);
  return factory;
}

export function offeredMechanisms(features: Element): string[] {
  return features.getChild('mechanisms', NS.sasl)?.getChildren('mechanism').map((m) => m.text().trim()) ?? [];
}

/** XEP-0440 channel-binding types from `<stream:features/>`, or null when the server does not advertise them. */
export function offeredChannelBindings(features: Element): string[] | null {
  const capability = features.getChild('sasl-channel-binding', NS_SASL_CB);
  if (capability === undefined) return null;
  return capability
    .getChildren('channel-binding')
    .map((binding) => binding.attrs.type?.trim() ?? '')
    .filter((type) => type.length > 0);
}

const isPlus = (mechanism: string): boolean => mechanism.endsWith('-PLUS');
const isScram = (mechanism: string): boolean => mechanism.startsWith('SCRAM-');

/**
 * The strongest registered mechanism the server offers. -PLUS variants only when `canBind` (we hold a
 * channel binding the server supports); PLAIN only on an encrypted stream.
 */
export function chooseMechanism(factory: SASLFactory, offered: readonly string[], secure: boolean, canBind = false): string | null {
  const available = new Set(offered);
  for (const { name } of factory._mechs) {
    if (!available.has(name)) continue;
    if (isPlus(name) && !canBind) continue;
    if (name === 'PLAIN' && !secure) continue;
    return name;
  }
  return null;
}

/** What the server offered for authentication, as received. */
export interface SaslOffer {
  readonly mechanisms: readonly string[];
  /** XEP-0440 types, or null when the server did not advertise `<sasl-channel-binding/>`. */
  readonly channelBindings: readonly string[] | null;
}

/** How to authenticate on this connection. */
export interface SaslPlan {
  readonly mechanism: string;
  /** Set exactly when `mechanism` is a -PLUS variant. */
  readonly channelBinding: ChannelBinding | null;
  /** For SCRAM without channel binding. */
  readonly gs2Flag: Gs2Flag;
  /** For SCRAM: what the server's XEP-0474 hash must match. */
  readonly downgradeProtection: DowngradeProtection;
}

/**
 * The binding to use with a -PLUS mechanism. With XEP-0440, the strongest of the server's types that this
 * connection can provide. Without it, only tls-unique on TLS 1.2, which every server of that era
 * implements (Prosody 0.12 among them). On TLS 1.3 without XEP-0440 servers disagree — ejabberd 23.01
 * accepts only its own tls-unique-on-1.3, others only tls-exporter — so we do not guess: no binding.
 */
export function chooseChannelBinding(available: readonly ChannelBinding[], advertised: readonly string[] | null): ChannelBinding | null {
  if (advertised !== null) return available.find((binding) => advertised.includes(binding.type)) ?? null;
  return available.find((binding) => binding.type === 'tls-unique') ?? null;
}

const STRIPPED =
  'The server says it supports binding the sign-in to this encrypted connection, but the sign-in methods that do so were missing from its list. ' +
  'Someone may be intercepting the connection (a man-in-the-middle) and removed them, so signing in was stopped before your password was used. ' +
  'Try again from another network, and tell the server administrator.';

/**
 * Chooses mechanism, channel binding and GS2 flag, or throws `auth-failed` when the offer shows a
 * stripped mechanism list. `available` is what this connection can bind to, strongest first.
 */
export function planAuthentication(factory: SASLFactory, offer: SaslOffer, available: readonly ChannelBinding[], secure: boolean): SaslPlan {
  const { mechanisms, channelBindings } = offer;
  const binding = chooseChannelBinding(available, channelBindings);
  const serverBinds = mechanisms.some(isPlus);
  const mutual = channelBindings !== null && available.some((b) => channelBindings.includes(b.type));

  // XEP-0440 says the server can bind on this connection with a type we share; a server that can bind
  // offers SCRAM-*-PLUS next to SCRAM. Only SCRAM without -PLUS left means the list was stripped.
  // (A server with no SCRAM at all, e.g. PLAIN against LDAP, is not refused: that cannot be told apart.)
  if (mutual && !serverBinds && mechanisms.some(isScram)) {
    throw coreError('auth-failed', STRIPPED, { condition: 'downgrade-detected' });
  }

  const mechanism = chooseMechanism(factory, mechanisms, secure, binding !== null);
  if (mechanism === null) {
    throw coreError('auth-failed', mechanisms.length > 0 ? phrase('The server offers no sign-in method this app supports (it offers: {{mechanisms}}).', { mechanisms: mechanisms.join(', ') }) : 'The server offers no sign-in method this app supports (it offers: none).', {
      condition: 'invalid-mechanism',
    });
  }
  const plus = isPlus(mechanism);
  // RFC 5802 §6: "y" = we can bind but believe the server cannot; "n" = we cannot (or share no type with it).
  const gs2Flag: Gs2Flag = !plus && available.length > 0 && !serverBinds ? 'y' : 'n';
  // XEP-0440/XEP-0474 business rule 6: the server offers -PLUS and lists types, none of which we can
  // provide, and not even tls-server-end-point (which every server must implement): continue without
  // binding only if the server signs its lists (XEP-0474), otherwise the list was likely rewritten.
  const required = serverBinds && channelBindings !== null && !mutual && !channelBindings.includes('tls-server-end-point');
  return {
    mechanism,
    channelBinding: plus ? binding : null,
    gs2Flag,
    downgradeProtection: { mechanisms: [...mechanisms], channelBindings: channelBindings === null ? null : [...channelBindings], required },
  };
}

/** Sign-in with a token: only X-OAUTH2, only on TLS (the token is a bearer credential). */
function planTokenAuthentication(offer: SaslOffer, secure: boolean): SaslPlan {
  if (!secure || !offer.mechanisms.includes(X_OAUTH2)) {
    throw coreError('auth-failed', 'This server does not accept signing in with a token (X-OAUTH2). Sign in with your password instead.', {
      condition: 'invalid-mechanism',
    });
  }
  return { mechanism: X_OAUTH2, channelBinding: null, gs2Flag: 'n', downgradeProtection: { mechanisms: [...offer.mechanisms], channelBindings: null, required: false } };
}

const encode = (text: string): string => (text.length === 0 ? '=' : Buffer.from(text, 'utf8').toString('base64'));
const decode = (text: string): string => Buffer.from(text.trim(), 'base64').toString('utf8');

function isVerifying(mechanism: object): mechanism is VerifyingMechanism {
  return 'verifySuccess' in mechanism && typeof mechanism.verifySuccess === 'function';
}

/** Our SCRAM classes get this connection's binding, flag and lists; anything else (PLAIN) comes from the factory as is. */
function createMechanism(factory: SASLFactory, plan: SaslPlan): SaslMechanism | null {
  const entry = factory._mechs.find(({ name }) => name === plan.mechanism);
  if (entry !== undefined && isScramMechanismClass(entry.mech)) {
    return new entry.mech({
      ...(plan.channelBinding !== null ? { channelBinding: plan.channelBinding } : {}),
      gs2Flag: plan.gs2Flag,
      downgradeProtection: plan.downgradeProtection,
    });
  }
  return factory.create([plan.mechanism]);
}

/** Turns a SASL `<failure/>` into an error that says what it most likely means for this plan. */
function failure(element: Element, plan: SaslPlan): CoreError {
  const condition = element.getChildElements().find((child) => child.name !== 'text')?.name ?? 'not-authorized';
  const text = (element.getChildText('text') ?? '').trim();
  if (condition === 'malformed-request' && plan.channelBinding !== null) {
    return coreError(
      'auth-failed',
      serverSaid(
        phrase('The server could not confirm that this encrypted connection is the one it set up (channel binding {{type}} failed). Someone may be intercepting the connection, or a proxy in between handles the encryption. Signing in was stopped.', { type: plan.channelBinding.type }), text),
      { condition },
    );
  }
  if (condition === 'malformed-request' && plan.gs2Flag === 'y') {
    return coreError(
      'auth-failed',
      serverSaid(
        'The server supports binding the sign-in to this encrypted connection, but the list of sign-in methods that reached this app did not offer it. Someone may be intercepting the connection (a man-in-the-middle), so signing in was stopped.',
        text,
      ),
      { condition: 'downgrade-detected' },
    );
  }
  return authFailed(condition, text);
}

export interface SaslCredentials {
  readonly username: string;
  readonly password: string;
  /** An OAuth token: when set, X-OAUTH2 is used instead of the password. */
  readonly token?: string;
}

export interface SaslContext {
  /** The verified TLS socket the stream runs on (a `TLSSocket`): the source of channel-binding data. */
  readonly tlsSocket: TlsChannel;
  readonly timeoutMs: number;
}

/** Runs the SASL exchange on `<stream:features/>` that offer `<mechanisms/>`; resolves with the mechanism used. */
export async function authenticate(
  entity: Client,
  queue: ElementQueue,
  features: Element,
  credentials: SaslCredentials,
  factory: SASLFactory,
  context: SaslContext,
): Promise<string> {
  const { timeoutMs } = context;
  const offer: SaslOffer = { mechanisms: offeredMechanisms(features), channelBindings: offeredChannelBindings(features) };
  const token = credentials.token;
  const plan: SaslPlan =
    token === undefined
      ? planAuthentication(factory, offer, availableChannelBindings(context.tlsSocket), entity.isSecure())
      : planTokenAuthentication(offer, entity.isSecure());
  const mechanism = token === undefined ? createMechanism(factory, plan) : new XOAuth2Mechanism(credentials.username, token);
  if (mechanism === null) throw coreError('internal', phrase('SASL mechanism {{mechanism}} is not registered.', { mechanism: plan.mechanism }));
  try {
    const initial = mechanism.clientFirst ? encode(await mechanism.response(credentials)) : undefined;
    await entity.send(xml('auth', { xmlns: NS.sasl, mechanism: plan.mechanism }, initial));
    for (;;) {
      const element = await queue.next(timeoutMs, phrase('an answer to the sign-in'));
      if (element.getNS() !== NS.sasl) continue;
      if (element.name === 'challenge') {
        mechanism.challenge(decode(element.text()));
        await entity.send(xml('response', { xmlns: NS.sasl }, encode(await mechanism.response(credentials))));
      } else if (element.name === 'success') {
        if (isVerifying(mechanism)) mechanism.verifySuccess(decode(element.text()));
        return plan.mechanism;
      } else if (element.name === 'failure') {
        throw failure(element, plan);
      }
    }
  } catch (error) {
    if (error instanceof DowngradeError) throw coreError('auth-failed', error.words, { condition: 'downgrade-detected' });
    if (error instanceof ScramError) throw coreError('auth-failed', error.words, { condition: 'scram' });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// For SASL2 (sasl2.ts): the same mechanism choice, instances and failure messages as `authenticate` above.

/** A mechanism instance for `offer`, chosen exactly as `authenticate` chooses it (SCRAM, -PLUS, PLAIN or X-OAUTH2). */
export interface PreparedMechanism {
  readonly plan: SaslPlan;
  readonly mechanism: SaslMechanism;
}

/** Plans and instantiates the mechanism for `offer` (throws `auth-failed` on a stripped list or no usable mechanism). */
export function prepareMechanism(factory: SASLFactory, offer: SaslOffer, credentials: SaslCredentials, context: SaslContext, secure: boolean): PreparedMechanism {
  const token = credentials.token;
  const plan: SaslPlan =
    token === undefined ? planAuthentication(factory, offer, availableChannelBindings(context.tlsSocket), secure) : planTokenAuthentication(offer, secure);
  const mechanism = token === undefined ? createMechanism(factory, plan) : new XOAuth2Mechanism(credentials.username, token);
  if (mechanism === null) throw coreError('internal', phrase('SASL mechanism {{mechanism}} is not registered.', { mechanism: plan.mechanism }));
  return { plan, mechanism };
}

/** Checks the server's success data with a mechanism that verifies the server (SCRAM); others accept any. */
export function verifyMechanismSuccess(mechanism: SaslMechanism, additionalData: string): void {
  if (isVerifying(mechanism)) mechanism.verifySuccess(additionalData);
}

/** The error for a failed exchange: a SASL `<failure/>` (RFC 6120 namespace, condition child first) for `plan`. */
export function saslFailure(element: Element, plan: SaslPlan): CoreError {
  return failure(element, plan);
}

/** Maps what SCRAM throws (downgrade detected, bad server proof…) to `auth-failed`; anything else unchanged. */
export function mechanismError(error: unknown): unknown {
  if (error instanceof DowngradeError) return coreError('auth-failed', error.words, { condition: 'downgrade-detected' });
  if (error instanceof ScramError) return coreError('auth-failed', error.words, { condition: 'scram' });
  return error;
}
