import { describe, expect, it } from 'vitest';
import { contactRows, nestRows } from './contact-rows.ts';

const parts = [
  {
    account: 'me@x.org',
    groups: [
      { group: 'Sales', jids: ['ann@x.org', 'bob@x.org'], online: 1, total: 2 },
      { group: 'Legal', jids: ['cy@x.org'], online: 0, total: 1 },
      { group: null, jids: ['dan@x.org'], online: 0, total: 1 },
    ],
    strangers: ['eve@y.org'],
    isFolded: (group: string) => group === 'Legal',
  },
];

describe('contactRows', () => {
  it('flattens accounts, group headers and contacts (folded groups without their contacts unless filtering)', () => {
    expect(contactRows(parts, true, false).map((row) => `${row.kind}:${row.kind === 'contact' || row.kind === 'stranger' ? row.jid : row.kind === 'group' ? row.name : row.account}`)).toEqual([
      'account:me@x.org', 'group:Sales', 'contact:ann@x.org', 'contact:bob@x.org', 'group:Legal', 'group:Ungrouped', 'contact:dan@x.org', 'stranger:eve@y.org',
    ]);
    expect(contactRows(parts, false, true).filter((row) => row.kind === 'contact').map((row) => row.jid)).toEqual(['ann@x.org', 'bob@x.org', 'cy@x.org', 'dan@x.org']);
  });
});

describe('nestRows', () => {
  it('puts a window starting inside a group into that group, its header not shown', () => {
    const rows = contactRows(parts, false, false);
    const blocks = nestRows(rows, 2, rows.length);
    expect(blocks.map((block) => (block.kind === 'group' ? `${block.group.name}${block.headerShown ? '' : ' (no header)'}: ${block.members.map((row) => row.jid).join(' ')}` : block.row.key))).toEqual([
      'Sales (no header): bob@x.org', 'Legal: ', 'Ungrouped: dan@x.org', 's\nme@x.org\neve@y.org',
    ]);
  });

  it("gives each drawn contact its place in the whole group, not in the window", () => {
    const rows = contactRows(parts, false, false);
    const [sales] = nestRows(rows, 2, rows.length);
    expect(sales?.kind === 'group' ? sales.positions : null).toEqual([2]); // bob is Sales' second, ann is not drawn
    const [whole] = nestRows(rows, 0, rows.length);
    expect(whole?.kind === 'group' ? whole.positions : null).toEqual([1, 2]);
  });
});
