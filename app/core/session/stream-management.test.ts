import { xml } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { parseH, StreamManagementState } from './stream-management.ts';

const stanza = (id: string) => xml('message', { id });

describe('StreamManagementState', () => {
  it('counts inbound stanzas only once enabled', () => {
    const sm = new StreamManagementState();
    sm.received();
    sm.enable({ resumeId: 'r1', maxSeconds: 300 });
    sm.received();
    sm.received();
    expect(sm.inbound).toBe(2);
  });

  it('drops acknowledged stanzas and keeps the rest for resending', () => {
    const sm = new StreamManagementState();
    sm.enable({ resumeId: 'r1', maxSeconds: null });
    for (const id of ['a', 'b', 'c']) sm.sent(stanza(id));
    expect(sm.acknowledge(1)?.map((s) => s.attrs.id)).toEqual(['a']);
    expect(sm.resumed(2).map((s) => s.attrs.id)).toEqual(['c']);
    expect(sm.unackedCount).toBe(0);
  });

  it('refuses an acknowledgement of more than was sent', () => {
    const sm = new StreamManagementState();
    sm.enable({ resumeId: null, maxSeconds: null });
    sm.sent(stanza('a'));
    expect(sm.acknowledge(2)).toBeNull();
  });

  it('wraps counters at 2^32', () => {
    const sm = new StreamManagementState();
    sm.enable({ resumeId: null, maxSeconds: null });
    sm.sent(stanza('a'));
    sm.acknowledge(1);
    // Pretend the server's counter is just below the wrap.
    const wrapped = new StreamManagementState();
    wrapped.enable({ resumeId: null, maxSeconds: null });
    wrapped.sent(stanza('x'));
    wrapped.sent(stanza('y'));
    expect(wrapped.acknowledge(2)?.length).toBe(2);
    expect(parseH(xml('a', { h: '4294967295' }))).toBe(4294967295);
    expect(parseH(xml('a', { h: '4294967296' }))).toBeNull();
    expect(parseH(xml('a', { h: '-1' }))).toBeNull();
  });

  it('returns the unacknowledged stanzas when the session cannot be resumed', () => {
    const sm = new StreamManagementState();
    sm.enable({ resumeId: 'r1', maxSeconds: null });
    sm.sent(stanza('a'));
    expect(sm.abandon().map((s) => s.attrs.id)).toEqual(['a']);
    expect(sm.enabled).toBe(false);
  });
});
