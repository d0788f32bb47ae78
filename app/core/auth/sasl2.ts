/**
 * SASL2 (XEP-0388, Extensible SASL Profile): authentication in one `<authenticate/>` that also carries what
 * the stream should become — Bind 2 resource binding (XEP-0386), XEP-0198 resumption, a FAST token request
 * (XEP-0484) — answered by one `<success/>` with the results. No stream restart follows: the server sends
 * the new stream features right behind `<success/>`.
 *
 * The password mechanisms are those of RFC 6120 SASL (sasl.ts: SCRAM with channel binding and downgrade
 * protection, PLAIN only when nothing better is offered), chosen from the SASL2 mechanism list. FAST tokens
 * use the HT-SHA-256 mechanisms of fast.ts.
 */
import { phrase } from '../../shared/phrase.ts';
import type { Client } from '@xmpp/client-core';
import { xml, type Element } from '@xmpp/xml';
import type SASLFactory from 'saslmechanisms';
import type { SaslMechanism } from 'saslmechanisms';
import { parseBind2Offer, type Bind2Offer } from './bind2.ts';
import type { ElementQueue } from '../stream/element-queue.ts';
import { authFailed, coreError, type CoreError, serverSaid } from '../errors.ts';
import { fastInitialResponse, parseFastOffer, verifyFastResponder } from './fast.ts';
import { NS } from '../xml/namespaces.ts';
import {
  mechanismError,
  offeredChannelBindings,
  prepareMechanism,
  saslFailure,
  verifyMechanismSuccess,
  type SaslContext,
  type SaslCredentials,
  type SaslOffer,
} from './sasl.ts';
import { NS_SM } from '../session/stream-management.ts';

export const NS_SASL2 = 'urn:xmpp:sasl:2';

/** What the server offers in `<authentication xmlns='urn:xmpp:sasl:2'/>`. */
export interface Sasl2Offer {
  readonly mechanisms: readonly string[];
  /** XEP-0440 channel-binding types next to it in the features, or null when not advertised. */
  readonly channelBindings: readonly string[] | null;
  /** Bind 2, when offered inline. */
  readonly bind2: Bind2Offer | null;
  /** XEP-0198 resumption can be requested inline (`<inline><sm xmlns='urn:xmpp:sm:3'/></inline>`). */
  readonly inlineResumption: boolean;
  /** The FAST mechanisms, or null when FAST is not offered. */
  readonly fast: readonly string[] | null;
}

/** The SASL2 offer in `<stream:features/>`, or null when SASL2 is not offered (or offers no mechanism). */
export function parseSasl2Offer(features: Element): Sasl2Offer | null {
  const authentication = features.getChild('authentication', NS_SASL2);
  if (authentication === undefined) return null;
  const mechanisms = authentication
    .getChildren('mechanism')
    .map((mechanism) => mechanism.text().trim())
    .filter((name) => name.length > 0);
  if (mechanisms.length === 0) return null;
  const inline = authentication.getChild('inline');
  return {
    mechanisms,
    channelBindings: offeredChannelBindings(features),
    bind2: parseBind2Offer(inline),
    inlineResumption: inline?.getChild('sm', NS_SM) !== undefined,
    fast: parseFastOffer(inline),
  };
}

/** XEP-0388 `<user-agent/>`: `id` is a stable UUID v4 per installation and account (servers key FAST tokens and resources on it). */
export interface UserAgent {
  readonly id?: string;
  readonly software: string;
  readonly device?: string;
}

export function userAgentElement({ id, software, device }: UserAgent): Element {
  return xml('user-agent', id === undefined ? {} : { id }, xml('software', {}, software), device === undefined ? undefined : xml('device', {}, device));
}

/** SASL2 data is base64; an empty value is an empty element (XEP-0388 §2.2). */
function encode(data: Buffer): string {
  return data.toString('base64');
}

function decode(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/gu, ''), 'base64');
}

export interface AuthenticateRequest {
  readonly mechanism: string;
  /** Null when the mechanism has no initial response (the element is then left out). */
  readonly initialResponse: Buffer | null;
  readonly userAgent: UserAgent;
  /** Inline requests: `<bind/>`, `<resume/>`, `<fast/>`, `<request-token/>`… */
  readonly extensions?: readonly Element[];
}

export function buildAuthenticate({ mechanism, initialResponse, userAgent, extensions = [] }: AuthenticateRequest): Element {
  return xml(
    'authenticate',
    { xmlns: NS_SASL2, mechanism },
    initialResponse === null ? undefined : xml('initial-response', {}, encode(initialResponse)),
    userAgentElement(userAgent),
    ...extensions,
  );
}

/** A SASL2 `<success/>`, with the element itself for the inline results (bound, resumed, token…). */
export interface Sasl2Success {
  readonly additionalData: Buffer | null;
  /** The bare JID, or the full JID when a resource was bound or a session resumed. */
  readonly authorizationIdentifier: string | null;
  readonly element: Element;
}

export function parseSasl2Success(element: Element): Sasl2Success {
  const data = element.getChild('additional-data');
  const identifier = element.getChildText('authorization-identifier')?.trim() ?? '';
  return {
    additionalData: data === undefined ? null : decode(data.text()),
    authorizationIdentifier: identifier.length > 0 ? identifier : null,
    element,
  };
}

/** The condition and text of a SASL2 `<failure/>` (the condition is an RFC 6120 SASL error element). */
export function parseSasl2Failure(element: Element): { condition: string; text: string } {
  const children = element.getChildElements();
  const condition =
    children.find((child) => child.getNS() === NS.sasl && child.name !== 'text') ??
    children.find((child) => child.name !== 'text' && (child.getNS() === NS_SASL2 || child.getNS() === undefined));
  return { condition: condition?.name ?? 'not-authorized', text: (element.getChildText('text') ?? '').trim() };
}

/** One side of a SASL2 exchange, whatever the mechanism (password or FAST token). */
export interface Sasl2Mechanism {
  readonly name: string;
  initialResponse(): Promise<Buffer | null>;
  respond(challenge: Buffer): Promise<Buffer>;
  /** Throws unless the success data proves the server is the one that knows the secret (when the mechanism can tell). */
  verifySuccess(additionalData: Buffer | null): void;
  /** The error a `<failure/>` means for this mechanism. */
  failure(element: Element): CoreError;
}

/** The password mechanism (SCRAM…, PLAIN, or X-OAUTH2 with an OAuth token) for a SASL2 offer, as RFC 6120 SASL would choose it. */
export function passwordMechanism(factory: SASLFactory, offer: Sasl2Offer, credentials: SaslCredentials, context: SaslContext, secure: boolean): Sasl2Mechanism {
  const saslOffer: SaslOffer = { mechanisms: offer.mechanisms, channelBindings: offer.channelBindings };
  const { plan, mechanism } = prepareMechanism(factory, saslOffer, credentials, context, secure);
  const respond = async (instance: SaslMechanism): Promise<Buffer> => Buffer.from(await instance.response(credentials), 'utf8');
  return {
    name: plan.mechanism,
    initialResponse: async () => (mechanism.clientFirst ? respond(mechanism) : null),
    async respond(challenge) {
      mechanism.challenge(challenge.toString('utf8'));
      return respond(mechanism);
    },
    verifySuccess(additionalData) {
      verifyMechanismSuccess(mechanism, additionalData?.toString('utf8') ?? '');
    },
    failure(element) {
      const { condition, text } = parseSasl2Failure(element);
      return saslFailure(xml('failure', { xmlns: NS.sasl }, xml(condition), text.length > 0 ? xml('text', {}, text) : undefined), plan);
    },
  };
}

/** An HT-SHA-256-* mechanism with a FAST token (single round trip; the server proves it knows the token). */
export function fastMechanism(name: string, username: string, token: string, channelBindingData: Buffer): Sasl2Mechanism {
  return {
    name,
    initialResponse: () => Promise.resolve(fastInitialResponse(username, token, channelBindingData)),
    respond: () => Promise.reject(coreError('auth-failed', phrase('The server sent a challenge to {{name}}, which has none: signing in with the saved token was stopped.', { name }), { condition: 'malformed-request' })),
    verifySuccess(additionalData) {
      if (additionalData === null || !verifyFastResponder(additionalData, token, channelBindingData)) {
        throw coreError('auth-failed', 'The server accepted the saved sign-in token but could not prove it knows it: it may be an impostor. Signing in was stopped.', {
          condition: 'fast-responder',
        });
      }
    },
    failure(element) {
      const { condition, text } = parseSasl2Failure(element);
      return authFailed(condition, text);
    },
  };
}

/** The server asked for a task (XEP-0388 `<continue/>`: second factor, password change…) that this app cannot do. */
function continueError(element: Element): CoreError {
  const tasks = element
    .getChild('tasks')
    ?.getChildren('task')
    .map((task) => task.text().trim())
    .filter((task) => task.length > 0) ?? [];
  const text = (element.getChildText('text') ?? '').trim();
  return coreError(
    'auth-failed',
    serverSaid(tasks.length > 0 ? phrase('The server needs an extra sign-in step ({{tasks}}) that this app does not support yet, such as a second factor or a password change. Complete it with another client or ask the server administrator.', { tasks: tasks.join(', ') }) : 'The server needs an extra sign-in step that this app does not support yet, such as a second factor or a password change. Complete it with another client or ask the server administrator.', text),
    { condition: 'continue' },
  );
}

/**
 * Runs one SASL2 exchange: `<authenticate/>`, challenges and responses, then `<success/>` (verified) or an
 * error for `<failure/>` and `<continue/>`. The stream features the server sends after `<success/>` are left
 * in the queue.
 */
export async function runSasl2(
  entity: Client,
  queue: ElementQueue,
  mechanism: Sasl2Mechanism,
  request: { readonly userAgent: UserAgent; readonly extensions: readonly Element[] },
  timeoutMs: number,
): Promise<Sasl2Success> {
  try {
    const initialResponse = await mechanism.initialResponse();
    await entity.send(buildAuthenticate({ mechanism: mechanism.name, initialResponse, userAgent: request.userAgent, extensions: request.extensions }));
    for (;;) {
      const element = await queue.next(timeoutMs, phrase('an answer to the sign-in'));
      if (element.getNS() !== NS_SASL2) continue;
      if (element.name === 'challenge') {
        const response = await mechanism.respond(decode(element.text()));
        await entity.send(xml('response', { xmlns: NS_SASL2 }, encode(response)));
      } else if (element.name === 'success') {
        const success = parseSasl2Success(element);
        mechanism.verifySuccess(success.additionalData);
        return success;
      } else if (element.name === 'failure') {
        throw mechanism.failure(element);
      } else if (element.name === 'continue') {
        throw continueError(element);
      }
    }
  } catch (error) {
    throw mechanismError(error);
  }
}
