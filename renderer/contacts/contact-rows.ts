/**
 * The contact list flattened into rows (account headings, group headers, contacts), the unit the
 * virtualized list measures and windows; and how rows of a window nest back into groups.
 */
import type { AccountId, Jid } from '../../app/shared/contract.ts';
import { UNGROUPED, type ContactGroupView } from '../state/contacts-derive.ts';

export type ContactRow =
  | { readonly kind: 'account'; readonly key: string; readonly account: AccountId }
  | { readonly kind: 'group'; readonly key: string; readonly account: AccountId; readonly view: ContactGroupView; readonly name: string; readonly open: boolean }
  /** A roster contact in a group; `header` is the index of its group's header row. */
  | { readonly kind: 'contact'; readonly key: string; readonly account: AccountId; readonly jid: Jid; readonly header: number }
  /** Someone who wrote without being in the roster (no group). */
  | { readonly kind: 'stranger'; readonly key: string; readonly account: AccountId; readonly jid: Jid };

export interface AccountPart {
  readonly account: AccountId;
  readonly groups: readonly ContactGroupView[];
  readonly strangers: readonly Jid[];
  /** Whether the group is folded (ignored while filtering: matches show even in folded groups). */
  readonly isFolded: (group: string) => boolean;
}

export function contactRows(parts: readonly AccountPart[], showAccounts: boolean, filtering: boolean): ContactRow[] {
  const rows: ContactRow[] = [];
  for (const { account, groups, strangers, isFolded } of parts) {
    if (groups.length === 0 && strangers.length === 0) continue;
    if (showAccounts) rows.push({ kind: 'account', key: `a\n${account}`, account });
    for (const view of groups) {
      const name = view.group ?? UNGROUPED;
      const open = filtering || !isFolded(name);
      const header = rows.length;
      const groupKey = `${account}\n${view.group === null ? '' : `g${name}`}`;
      rows.push({ kind: 'group', key: `g\n${groupKey}`, account, view, name, open });
      if (open) for (const jid of view.jids) rows.push({ kind: 'contact', key: `c\n${groupKey}\n${jid}`, account, jid, header });
    }
    for (const jid of strangers) rows.push({ kind: 'stranger', key: `s\n${account}\n${jid}`, account, jid });
  }
  return rows;
}

/** A window's rows as the DOM nests them: a group (its header shown or not) holds its contacts in view. */
export type RowBlock =
  | { readonly kind: 'single'; readonly row: ContactRow & { kind: 'account' | 'stranger' } }
  | {
      readonly kind: 'group';
      readonly group: ContactRow & { kind: 'group' };
      readonly headerShown: boolean;
      readonly members: readonly (ContactRow & { kind: 'contact' })[];
      /** Each member's place in its whole group (1-based), for screen readers when only some are drawn. */
      readonly positions: readonly number[];
    };

export function nestRows(rows: readonly ContactRow[], start: number, end: number): RowBlock[] {
  const blocks: RowBlock[] = [];
  let members: (ContactRow & { kind: 'contact' })[] | null = null;
  let positions: number[] = [];
  for (let index = start; index < end; index += 1) {
    const row = rows[index]!;
    if (row.kind === 'group') {
      members = [];
      positions = [];
      blocks.push({ kind: 'group', group: row, headerShown: true, members, positions });
    } else if (row.kind === 'contact') {
      if (members === null) {
        // The window starts inside a group: its wrapper is drawn without its header.
        members = [];
        positions = [];
        blocks.push({ kind: 'group', group: rows[row.header] as ContactRow & { kind: 'group' }, headerShown: false, members, positions });
      }
      members.push(row);
      positions.push(index - row.header);
    } else {
      members = null;
      blocks.push({ kind: 'single', row });
    }
  }
  return blocks;
}
