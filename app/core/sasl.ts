/**
 * SASL (RFC 6120 §6) over the xmpp.js SASL factory, with our native SCRAM mechanisms registered
 * in order of strength. PLAIN is used only on an encrypted stream and only when nothing better is offered.
 */
import type { Client } from '@xmpp/client-core';
import type { TLSSocket } from 'node:tls';
import { xml, type Element } from '@xmpp/xml';
import saslPlain from '@xmpp/sasl-plain';
import SASLFactory from 'saslmechanisms';
import type { ElementQueue } from './element-queue.ts';
import { authFailed, coreError } from './errors.ts';
import { NS } from './parsers/namespaces.ts';
import { createScramMechanism, SCRAM_MECHANISM_NAMES, ScramError, type VerifyingMechanism } from './scram.ts';

export function createSaslFactory(): SASLFactory {
  const factory = new SASLFactory();
  // Registration order is preference order.
  // Names are given explicitly: the factory otherwise reads them from the prototype.
  for (const hash of ['sha512', 'sha256', 'sha1'] as const) factory.use(SCRAM_MECHANISM_NAMES[hash], createScramMechanism(hash));
  saslPlain(factory);
  return factory;
}

export function offeredMechanisms(features: Element): string[] {
  return features.getChild('mechanisms', NS.sasl)?.getChildren('mechanism').map((m) => m.text().trim()) ?? [];
}

export function chooseMechanism(factory: SASLFactory, offered: readonly string[], secure: boolean): string | null {
  const available = new Set(offered);
  for (const { name } of factory._mechs) {
    if (!available.has(name)) continue;
    if (name === 'PLAIN' && !secure) continue;
    return name;
  }
  return null;
}

const encode = (text: string): string => (text.length === 0 ? '=' : Buffer.from(text, 'utf8').toString('base64'));
const decode = (text: string): string => Buffer.from(text.trim(), 'base64').toString('utf8');

function isVerifying(mechanism: object): mechanism is VerifyingMechanism {
  return 'verifySuccess' in mechanism && typeof mechanism.verifySuccess === 'function';
}

export interface SaslCredentials {
  readonly username: string;
  readonly password: string;
}

export interface SaslContext {
  /** The verified TLS socket the stream runs on: the source of channel-binding data. */
  readonly tlsSocket: TLSSocket;
  readonly timeoutMs: number;
}

/** Runs the SASL exchange on `<stream:features/>` that offer `<mechanisms/>`. */
export async function authenticate(
  entity: Client,
  queue: ElementQueue,
  features: Element,
  credentials: SaslCredentials,
  factory: SASLFactory,
  context: SaslContext,
): Promise<void> {
  const { timeoutMs } = context;
  const offered = offeredMechanisms(features);
  const name = chooseMechanism(factory, offered, entity.isSecure());
  if (name === null) {
    throw coreError('auth-failed', `The server offers no sign-in method this app supports (it offers: ${offered.join(', ') || 'none'}).`, {
      condition: 'invalid-mechanism',
    });
  }
  const mechanism = factory.create([name]);
  if (mechanism === null) throw coreError('internal', `SASL mechanism ${name} is not registered.`);
  try {
    const initial = mechanism.clientFirst ? encode(await mechanism.response(credentials)) : undefined;
    await entity.send(xml('auth', { xmlns: NS.sasl, mechanism: name }, initial));
    for (;;) {
      const element = await queue.next(timeoutMs, 'an answer to the sign-in');
      if (element.getNS() !== NS.sasl) continue;
      if (element.name === 'challenge') {
        mechanism.challenge(decode(element.text()));
        await entity.send(xml('response', { xmlns: NS.sasl }, encode(await mechanism.response(credentials))));
      } else if (element.name === 'success') {
        if (isVerifying(mechanism)) mechanism.verifySuccess(decode(element.text()));
        return;
      } else if (element.name === 'failure') {
        const condition = element.getChildElements().find((child) => child.name !== 'text')?.name ?? 'not-authorized';
        throw authFailed(condition, (element.getChildText('text') ?? '').trim());
      }
    }
  } catch (error) {
    if (error instanceof ScramError) throw coreError('auth-failed', error.message, { condition: 'scram' });
    throw error;
  }
}
