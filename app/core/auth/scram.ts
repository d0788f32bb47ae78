/**
 * SCRAM (RFC 5802 / RFC 7677) with Node's native PBKDF2 and HMAC, as a mechanism for the
 * xmpp.js SASL factory. The stock SCRAM-SHA-1 derives its key in JavaScript and costs
 * seconds per sign-in; `crypto.pbkdf2` does the same work in milliseconds off the main thread.
 * The server's signature is verified (mutual authentication): a server that cannot prove it
 * knows the password is refused.
 *
 * The -PLUS variants bind the exchange to the TLS channel (RFC 5802 §6, RFC 5056): the gs2 header
 * says `p=<type>` and `c=` carries the header plus the channel-binding data, so both ends prove they
 * see the same TLS connection. XEP-0474 (SASL SCRAM Downgrade Protection) is checked on the
 * server-first message when the server sends its hash of the mechanism and channel-binding lists.
 */
import { messageOf, phrase, type Words } from '../../shared/phrase.ts';
import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { SaslCredentials, SaslMechanism } from 'saslmechanisms';
import type { ChannelBinding } from './channel-binding.ts';

const pbkdf2Async = promisify(pbkdf2);

export type ScramHash = 'sha1' | 'sha256' | 'sha512';

const HASH_BYTES: Record<ScramHash, number> = { sha1: 20, sha256: 32, sha512: 64 };
export const SCRAM_MECHANISM_NAMES: Record<ScramHash, string> = {
  sha1: 'SCRAM-SHA-1',
  sha256: 'SCRAM-SHA-256',
  sha512: 'SCRAM-SHA-512',
};

/** The channel-binding variant of a SCRAM mechanism name. */
export function plusName(hash: ScramHash): string {
  return `${SCRAM_MECHANISM_NAMES[hash]}-PLUS`;
}

/** RFC 5802 recommends at least 4096; fewer makes a stolen database cheap to crack. */
export const MIN_ITERATIONS = 4096;

export class ScramError extends Error {
  override readonly name: string = 'ScramError';
  /** The message for people, translated where it is shown. */
  readonly words: Words;
  constructor(words: Words) {
    super(messageOf(words).message);
    this.words = words;
  }
}

/** The server's XEP-0474 hash does not match the lists we received: someone altered them on the way. */
export class DowngradeError extends ScramError {
  override readonly name = 'DowngradeError';
}

/** RFC 5802 §5.1: "=" and "," in the user name are escaped. */
export function escapeUsername(username: string): string {
  return username.replace(/=/gu, '=3D').replace(/,/gu, '=2C');
}

function parseAttributes(message: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) attributes.set(part.slice(0, 1), part.slice(2));
  }
  return attributes;
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i += 1) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out;
}

export interface ScramServerFirst {
  readonly nonce: string;
  readonly salt: Buffer;
  readonly iterations: number;
}

export function parseServerFirst(message: string, clientNonce: string): ScramServerFirst {
  const attributes = parseAttributes(message);
  if (attributes.has('m')) throw new ScramError('The server requires a SCRAM extension we do not support.');
  const nonce = attributes.get('r');
  const salt = attributes.get('s');
  const iterations = Number(attributes.get('i'));
  if (nonce === undefined || salt === undefined || !Number.isInteger(iterations)) {
    throw new ScramError('The server sent a malformed SCRAM challenge.');
  }
  if (!nonce.startsWith(clientNonce) || nonce.length <= clientNonce.length) {
    throw new ScramError('The server’s SCRAM nonce does not extend ours.');
  }
  if (iterations < MIN_ITERATIONS) {
    throw new ScramError(phrase('The server asked for only {{iterations}} SCRAM iterations (at least {{min}} are required).', { iterations, min: MIN_ITERATIONS }));
  }
  return { nonce, salt: Buffer.from(salt, 'base64'), iterations };
}

export interface ScramProof {
  readonly clientFinal: string;
  readonly serverSignature: Buffer;
}

/** Computes the client-final message and the server signature we expect back. */
export async function computeScramProof(
  hash: ScramHash,
  password: string,
  clientFirstBare: string,
  serverFirst: string,
  parsed: ScramServerFirst,
  gs2Header = 'n,,',
  channelBindingData: Buffer = Buffer.alloc(0),
): Promise<ScramProof> {
  // SASLprep is approximated by NFKC normalization, which covers what users type in practice.
  const salted = await pbkdf2Async(password.normalize('NFKC'), parsed.salt, parsed.iterations, HASH_BYTES[hash], hash);
  const clientKey = createHmac(hash, salted).update('Client Key').digest();
  const storedKey = createHash(hash).update(clientKey).digest();
  const withoutProof = `c=${channelBindingAttribute(gs2Header, channelBindingData)},r=${parsed.nonce}`;
  const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
  const clientSignature = createHmac(hash, storedKey).update(authMessage).digest();
  const serverKey = createHmac(hash, salted).update('Server Key').digest();
  return {
    clientFinal: `${withoutProof},p=${xor(clientKey, clientSignature).toString('base64')}`,
    serverSignature: createHmac(hash, serverKey).update(authMessage).digest(),
  };
}

/** Checks the server-final message (`v=...`); throws unless the server proved it knows the password. */
export function verifyServerFinal(serverFinal: string, expected: Buffer): void {
  const attributes = parseAttributes(serverFinal);
  const error = attributes.get('e');
  if (error !== undefined) throw new ScramError(phrase('The server rejected the SCRAM proof ({{error}}).', { error }));
  const verifier = attributes.get('v');
  const received = verifier === undefined ? Buffer.alloc(0) : Buffer.from(verifier, 'base64');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    throw new ScramError('The server could not prove it knows the password: it may be an impostor.');
  }
}


// ---------------------------------------------------------------------------------------------------------
// Channel binding (RFC 5802 §6–7)

export type Gs2Flag = 'n' | 'y';

/**
 * The GS2 header: `p=<type>,,` when binding to the channel; otherwise `y,,` ("I support channel binding
 * but think the server does not", which lets a server that does support it detect a stripped mechanism
 * list) or `n,,` ("I do not support channel binding").
 */
export function gs2Header(binding: Pick<ChannelBinding, 'type'> | Gs2Flag): string {
  return typeof binding === 'string' ? `${binding},,` : `p=${binding.type},,`;
}

/** The `c=` value: base64 of the GS2 header followed by the channel-binding data (none unless `p=`). */
export function channelBindingAttribute(header: string, data: Buffer = Buffer.alloc(0)): string {
  return Buffer.concat([Buffer.from(header, 'utf8'), data]).toString('base64');
}

// ---------------------------------------------------------------------------------------------------------
// XEP-0474: SASL SCRAM Downgrade Protection

/**
 * The two wire forms in use: `h` (XEP-0474 ≥ 0.4.0: items joined by U+001E, the channel-binding list after
 * U+001F) and `d` (XEP-0474 0.3.0, as deployed by ejabberd and Monal 6: items joined by ",", lists by "|").
 */
export type DowngradeHashAttribute = 'h' | 'd';

const SEPARATORS: Record<DowngradeHashAttribute, { item: string; list: string }> = {
  h: { item: '\u001e', list: '\u001f' },
  d: { item: ',', list: '|' },
};

/** Sorted with "i;octet" collation (RFC 4790 §9.3): by UTF-8 bytes. */
function octetSorted(values: readonly string[]): string[] {
  return [...values].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

/**
 * XEP-0474 §4.1: the hash (with the SCRAM mechanism's own hash function, base64) of the server's SASL
 * mechanisms and, when it advertised them with XEP-0440, its channel-binding types.
 */
export function downgradeProtectionHash(
  hash: ScramHash,
  mechanisms: readonly string[],
  channelBindings: readonly string[] | null,
  attribute: DowngradeHashAttribute = 'h',
): string {
  const { item, list } = SEPARATORS[attribute];
  let text = octetSorted(mechanisms).join(item);
  if (channelBindings !== null) text += list + octetSorted(channelBindings).join(item);
  return createHash(hash).update(text, 'utf8').digest('base64');
}

/** What the client saw in `<stream:features/>`, to check the server's XEP-0474 hash against. */
export interface DowngradeProtection {
  /** The SASL mechanisms the server advertised, as received. */
  readonly mechanisms: readonly string[];
  /** The XEP-0440 channel-binding types the server advertised, or null when it advertised none. */
  readonly channelBindings: readonly string[] | null;
  /** Refuse a server-first message that carries no XEP-0474 hash (the lists already looked tampered with). */
  readonly required?: boolean;
}

const TAMPERED =
  'The list of sign-in methods the server sent was changed on the way to this app (it does not match what the server signed). ' +
  'Someone may be intercepting the connection (a man-in-the-middle), so signing in was stopped before your password was used. ' +
  'Try again from another network, and tell the server administrator.';

/** Throws a DowngradeError unless every XEP-0474 hash in the server-first message matches what we received. */
export function verifyDowngradeProtection(hash: ScramHash, serverFirst: string, protection: DowngradeProtection): void {
  const attributes = parseAttributes(serverFirst);
  let checked = false;
  for (const attribute of ['h', 'd'] as const) {
    const received = attributes.get(attribute);
    if (received === undefined) continue;
    const expected = Buffer.from(downgradeProtectionHash(hash, protection.mechanisms, protection.channelBindings, attribute), 'base64');
    if (!Buffer.from(received, 'base64').equals(expected)) throw new DowngradeError(TAMPERED);
    checked = true;
  }
  if (!checked && protection.required === true) {
    throw new DowngradeError(
      'The server listed only channel-binding types this app cannot use, and not tls-server-end-point, which every server must support; ' +
        'without the server’s signature over that list (XEP-0474) this looks like tampering by someone intercepting the connection, so signing in was stopped.',
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// The mechanism

/** A SCRAM mechanism that can also check the data of `<success/>`. */
export interface VerifyingMechanism extends SaslMechanism {
  verifySuccess(additionalData: string): void;
}

/** Per sign-in settings of a SCRAM mechanism. */
export interface ScramSessionOptions {
  /** Required by the -PLUS variants: the binding of this TLS connection. Ignored by the others. */
  readonly channelBinding?: ChannelBinding;
  /** Non-PLUS only: `y` when we can bind but the server offered no -PLUS mechanism. Default `n`. */
  readonly gs2Flag?: Gs2Flag;
  /** Check the server's XEP-0474 hash against these lists (when absent, a hash is ignored). */
  readonly downgradeProtection?: DowngradeProtection;
  readonly makeNonce?: () => string;
}

export interface ScramMechanismOptions extends ScramSessionOptions {
  /** Build the -PLUS variant. Implied by `channelBinding`. */
  readonly plus?: boolean;
}

/** A SCRAM mechanism class; the factory calls `new M()`, the sign-in code passes per-connection options. */
export interface ScramMechanismClass {
  new (options?: ScramSessionOptions): VerifyingMechanism;
  readonly scramHash: ScramHash;
  readonly plus: boolean;
}

export function isScramMechanismClass(value: unknown): value is ScramMechanismClass {
  return typeof value === 'function' && 'scramHash' in value && 'plus' in value;
}

type Step = 'initial' | 'awaiting-server-first' | 'awaiting-server-final' | 'done';

/**
 * A SCRAM mechanism class for the xmpp.js SASL factory. `defaults` apply to every instance; options given
 * to the constructor override them (the sign-in code passes the binding of the actual connection).
 */
export function createScramMechanism(hash: ScramHash, defaults: ScramMechanismOptions = {}): ScramMechanismClass {
  const plus = defaults.plus === true || defaults.channelBinding !== undefined;
  const name = plus ? plusName(hash) : SCRAM_MECHANISM_NAMES[hash];
  return class ScramMechanism implements VerifyingMechanism {
    static readonly scramHash = hash;
    static readonly plus = plus;
    readonly name = name;
    readonly clientFirst = true;
    readonly #options: ScramSessionOptions;
    #step: Step = 'initial';
    readonly #clientNonce: string;
    #gs2Header = '';
    #channelBindingData: Buffer = Buffer.alloc(0);
    #clientFirstBare = '';
    #serverFirst = '';
    #parsed: ScramServerFirst | null = null;
    #expectedServerSignature: Buffer | null = null;

    constructor(options: ScramSessionOptions = {}) {
      this.#options = { ...defaults, ...options };
      this.#clientNonce = (this.#options.makeNonce ?? (() => randomBytes(18).toString('base64')))();
    }

    async response(credentials: SaslCredentials): Promise<string> {
      if (this.#step === 'initial') {
        if (plus) {
          const binding = this.#options.channelBinding;
          if (binding === undefined) throw new ScramError(phrase('{{name}} needs the TLS channel-binding data, which is not available.', { name }));
          this.#gs2Header = gs2Header(binding);
          this.#channelBindingData = binding.data;
        } else {
          this.#gs2Header = gs2Header(this.#options.gs2Flag ?? 'n');
        }
        this.#clientFirstBare = `n=${escapeUsername(credentials.username)},r=${this.#clientNonce}`;
        this.#step = 'awaiting-server-first';
        return `${this.#gs2Header}${this.#clientFirstBare}`;
      }
      if (this.#step === 'awaiting-server-final' && this.#parsed !== null && this.#expectedServerSignature === null) {
        const proof = await computeScramProof(
          hash,
          credentials.password,
          this.#clientFirstBare,
          this.#serverFirst,
          this.#parsed,
          this.#gs2Header,
          this.#channelBindingData,
        );
        this.#expectedServerSignature = proof.serverSignature;
        return proof.clientFinal;
      }
      throw new ScramError('SCRAM exchange out of order.');
    }

    challenge(challenge: string): this {
      if (this.#step === 'awaiting-server-first') {
        // Checked before the password is used: a tampered list stops the exchange here.
        this.#parsed = parseServerFirst(challenge, this.#clientNonce);
        if (this.#options.downgradeProtection !== undefined) verifyDowngradeProtection(hash, challenge, this.#options.downgradeProtection);
        this.#serverFirst = challenge;
        this.#step = 'awaiting-server-final';
      } else if (this.#step === 'awaiting-server-final' && this.#expectedServerSignature !== null) {
        // Some servers send server-final as a challenge before an empty <success/>.
        this.verifySuccess(challenge);
      } else {
        throw new ScramError('Unexpected SCRAM challenge.');
      }
      return this;
    }

    verifySuccess(additionalData: string): void {
      if (this.#step === 'done') return;
      if (this.#expectedServerSignature === null) throw new ScramError('The server accepted us before the SCRAM exchange finished.');
      verifyServerFinal(additionalData, this.#expectedServerSignature);
      this.#step = 'done';
    }
  };
}
