import { describe, expect, it } from 'vitest';
import { XOAuth2Mechanism } from './oauth.ts';

describe('X-OAUTH2', () => {
  it('sends an empty authzid, the user name and the token, NUL-separated', () => {
    expect(new XOAuth2Mechanism('alice', 'tok3n').response()).toBe('\u0000alice\u0000tok3n');
  });
});
