import { describe, expect, it } from 'vitest';
import { chooseMechanism, createSaslFactory } from './sasl.ts';

describe('chooseMechanism', () => {
  const factory = createSaslFactory();

  it('prefers the strongest SCRAM the server offers', () => {
    expect(chooseMechanism(factory, ['PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256'], true)).toBe('SCRAM-SHA-256');
    expect(chooseMechanism(factory, ['PLAIN', 'SCRAM-SHA-1'], true)).toBe('SCRAM-SHA-1');
    expect(chooseMechanism(factory, ['SCRAM-SHA-512', 'SCRAM-SHA-256'], true)).toBe('SCRAM-SHA-512');
  });

  it('uses PLAIN only on an encrypted stream and only when nothing better is offered', () => {
    expect(chooseMechanism(factory, ['PLAIN'], true)).toBe('PLAIN');
    expect(chooseMechanism(factory, ['PLAIN'], false)).toBeNull();
  });

  it('creates working mechanisms for every registered name', () => {
    for (const name of ['SCRAM-SHA-512', 'SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN']) expect(factory.create([name])?.name).toBe(name);
  });

  it('returns null when nothing offered is supported', () => {
    expect(chooseMechanism(factory, ['DIGEST-MD5', 'X-UNKNOWN'], true)).toBeNull();
  });
});
