import { describe, expect, it } from 'vitest';
import { capsVerification } from './disco.ts';

describe('capsVerification', () => {
  it('reproduces the XEP-0115 §5.2 simple example', () => {
    const ver = capsVerification([{ category: 'client', type: 'pc', name: 'Exodus 0.9.1' }], [
      'http://jabber.org/protocol/caps',
      'http://jabber.org/protocol/disco#info',
      'http://jabber.org/protocol/disco#items',
      'http://jabber.org/protocol/muc',
    ]);
    expect(ver).toBe('QgayPKawpkPSDYmwT/WM94uAlu0=');
  });
});
