/**
 * X-OAUTH2: signing in with a token instead of a password, as Google Talk accounts did and ejabberd
 * still offers (tokens from its OAuth service, e.g. `ejabberdctl oauth_issue_token`). The initial
 * response is `authzid NUL user NUL token` (empty authzid), sent only over a verified TLS stream.
 */
import type { SaslMechanism } from 'saslmechanisms';

export const X_OAUTH2 = 'X-OAUTH2';

export class XOAuth2Mechanism implements SaslMechanism {
  readonly name = X_OAUTH2;
  readonly clientFirst = true;
  readonly #username: string;
  readonly #token: string;

  constructor(username: string, token: string) {
    this.#username = username;
    this.#token = token;
  }

  response(): string {
    return `\u0000${this.#username}\u0000${this.#token}`;
  }

  challenge(): this {
    return this;
  }
}
