import { describe, expect, it } from 'vitest';
import { consistentColour, hsluvToRgb, hueAngle, initials, sha1 } from './consistent-colour.ts';

const hex = (bytes: Uint8Array): string => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');

describe('XEP-0392 consistent colours', () => {
  it('hashes with SHA-1', () => {
    expect(hex(sha1(new TextEncoder().encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(new Uint8Array(0)))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex(sha1(new TextEncoder().encode('a'.repeat(1000))))).toBe('291e9a6c66994949b57ba5e650361e98fc36b1ba');
  });

  it('gives the XEP test vectors: hue angles and RGB', () => {
    const vectors: Array<[string, number, [number, number, number]]> = [
      ['Romeo', 327.255249, [0.865, 0.0, 0.686]],
      ['juliet@capulet.lit', 209.4104, [0.0, 0.515, 0.573]],
      ['😺', 331.199341, [0.872, 0.0, 0.659]],
      ['council', 359.994507, [0.918, 0.0, 0.394]],
    ];
    for (const [text, angle, rgb] of vectors) {
      expect(hueAngle(text)).toBeCloseTo(angle, 4);
      hsluvToRgb(angle, 100, 50).forEach((channel, index) => expect(channel).toBeCloseTo(rgb[index]!, 2));
    }
    expect(consistentColour('juliet@capulet.lit')).toBe(consistentColour('juliet@capulet.lit'));
  });

  it('makes initials from names and JIDs', () => {
    expect(initials('Bob Builder')).toBe('BB');
    expect(initials('alice@example.test')).toBe('AE');
    expect(initials('émile')).toBe('É');
    expect(initials('  ')).toBe('?');
  });
});
