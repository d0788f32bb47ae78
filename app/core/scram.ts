/**
 * SCRAM (RFC 5802 / RFC 7677) with Node's native PBKDF2 and HMAC, as a mechanism for the
 * xmpp.js SASL factory. The stock SCRAM-SHA-1 derives its key in JavaScript and costs
 * seconds per sign-in; `crypto.pbkdf2` does the same work in milliseconds off the main thread.
 * The server's signature is verified (mutual authentication): a server that cannot prove it
 * knows the password is refused.
 */
import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { SaslCredentials, SaslMechanism } from 'saslmechanisms';

const pbkdf2Async = promisify(pbkdf2);

export type ScramHash = 'sha1' | 'sha256' | 'sha512';

const HASH_BYTES: Record<ScramHash, number> = { sha1: 20, sha256: 32, sha512: 64 };
export const SCRAM_MECHANISM_NAMES: Record<ScramHash, string> = {
  sha1: 'SCRAM-SHA-1',
  sha256: 'SCRAM-SHA-256',
  sha512: 'SCRAM-SHA-512',
};

/** RFC 5802 recommends at least 4096; fewer makes a stolen database cheap to crack. */
export const MIN_ITERATIONS = 4096;

export class ScramError extends Error {
  override readonly name = 'ScramError';
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
    throw new ScramError(`The server asked for only ${iterations} SCRAM iterations (at least ${MIN_ITERATIONS} are required).`);
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
): Promise<ScramProof> {
  // SASLprep is approximated by NFKC normalization, which covers what users type in practice.
  const salted = await pbkdf2Async(password.normalize('NFKC'), parsed.salt, parsed.iterations, HASH_BYTES[hash], hash);
  const clientKey = createHmac(hash, salted).update('Client Key').digest();
  const storedKey = createHash(hash).update(clientKey).digest();
  const withoutProof = `c=${Buffer.from(gs2Header).toString('base64')},r=${parsed.nonce}`;
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
  if (error !== undefined) throw new ScramError(`The server rejected the SCRAM proof (${error}).`);
  const verifier = attributes.get('v');
  const received = verifier === undefined ? Buffer.alloc(0) : Buffer.from(verifier, 'base64');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    throw new ScramError('The server could not prove it knows the password: it may be an impostor.');
  }
}

/** A SCRAM mechanism that can also check the data of `<success/>`. */
export interface VerifyingMechanism extends SaslMechanism {
  verifySuccess(additionalData: string): void;
}

type Step = 'initial' | 'awaiting-server-first' | 'awaiting-server-final' | 'done';

export function createScramMechanism(hash: ScramHash, makeNonce: () => string = () => randomBytes(18).toString('base64')): new () => VerifyingMechanism {
  const name = SCRAM_MECHANISM_NAMES[hash];
  return class ScramMechanism implements VerifyingMechanism {
    readonly name = name;
    readonly clientFirst = true;
    #step: Step = 'initial';
    #clientNonce = makeNonce();
    #clientFirstBare = '';
    #serverFirst = '';
    #expectedServerSignature: Buffer | null = null;

    async response(credentials: SaslCredentials): Promise<string> {
      if (this.#step === 'initial') {
        this.#clientFirstBare = `n=${escapeUsername(credentials.username)},r=${this.#clientNonce}`;
        this.#step = 'awaiting-server-first';
        return `n,,${this.#clientFirstBare}`;
      }
      if (this.#step === 'awaiting-server-final' && this.#serverFirst !== '' && this.#expectedServerSignature === null) {
        const parsed = parseServerFirst(this.#serverFirst, this.#clientNonce);
        const proof = await computeScramProof(hash, credentials.password, this.#clientFirstBare, this.#serverFirst, parsed);
        this.#expectedServerSignature = proof.serverSignature;
        return proof.clientFinal;
      }
      throw new ScramError('SCRAM exchange out of order.');
    }

    challenge(challenge: string): this {
      if (this.#step === 'awaiting-server-first') {
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
