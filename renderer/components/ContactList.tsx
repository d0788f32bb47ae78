/**
 * The contacts of every account (with its JID as a heading when there are several): requests awaiting
 * an answer first, then the roster by group (folding, online/total counts, "Ungrouped" last), each
 * group sorted by presence then name; then people who wrote without being in the roster.
 * "Filter contacts" narrows everything by name or JID.
 *
 * A long list is virtualized: only the rows near the viewport are in the DOM (with padding standing for
 * the others), so 5,000 contacts cost what 30 do. Heights are measured as rows show and estimated from
 * their kind elsewhere. Keyboard focus still walks the whole list: the browser scrolls a focused row into
 * view and the rows after it appear within the overscan.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AccountId, Contact, Jid } from '../../app/shared/contract.ts';
import { computeLayout, totalHeight, visibleRange } from '../history/virtual-layout.ts';
import { dismissContactError, filterContacts, openContactDialog, toggleContactGroup } from '../state/contact-actions.ts';
import { createContactGrouper, strangerJids } from '../state/contacts-derive.ts';
import { groupKey } from '../state/contacts-reducers.ts';
import { selectHasContacts } from '../state/derive.ts';
import { useAccountIds, useCurrentAccount } from '../state/hooks.ts';
import { useJabberStore } from '../state/store.ts';
import { ContactDialogs } from './ContactDialogs.tsx';
import { ContactItem } from './ContactItem.tsx';
import { contactRows, nestRows, type ContactRow } from './contact-rows.ts';
import { SubscriptionRequests } from './SubscriptionRequests.tsx';

const NO_CONTACTS: Readonly<Record<Jid, Contact>> = {};

export function ContactList() {
  const accounts = useAccountIds();
  const filter = useJabberStore((state) => state.contactFilter);
  const empty = useJabberStore((state) => !state.accounts.some(({ account }) => selectHasContacts(state, account)));
  const error = useJabberStore((state) => state.contactError);
  const canBlock = useJabberStore((state) => Object.keys(state.blockingSupported).length > 0);
  const current = useCurrentAccount();
  const several = accounts.length > 1;
  return (
    <div className="contacts">
      <div className="contact-filter">
        <input type="search" aria-label="Filter contacts" placeholder="Filter contacts" value={filter} onChange={(event) => filterContacts(event.target.value)} />
      </div>
      {error && (
        <div className="alert contact-error" role="alert">
          <p className="alert-message">{error.message}</p>
          <button type="button" className="secondary" onClick={dismissContactError}>
            Dismiss
          </button>
        </div>
      )}
      <SubscriptionRequests />
      <ContactRows accounts={accounts} showAccounts={several} />
      {empty && <p className="empty">No contacts yet. Use Add contact to ask someone to share their presence with you.</p>}
      {canBlock && current && (
        <div className="contacts-footer">
          <button type="button" className="link-button" onClick={() => openContactDialog({ kind: 'blocked', account: current.account, jid: '' })}>
            Blocked contacts
          </button>
        </div>
      )}
      <ContactDialogs />
    </div>
  );
}

/** Lists up to this many rows whole (every row in the DOM); longer ones are virtualized. */
const VIRTUAL_FROM = 250;
/** Rows drawn beyond each edge of the viewport, in pixels. */
const OVERSCAN_PX = 600;
/** First estimates of row heights by kind, replaced by what rows measure. */
const ESTIMATED_HEIGHT: Readonly<Record<ContactRow['kind'], number>> = { account: 28, group: 30, contact: 47, stranger: 47 };
/** Every row's element in the list, in row order (one each); see measure() below. */
const ROW_ELEMENTS = ':scope > li.contact-group, .group-toggle, li.contact';

function useContactRows(accounts: readonly AccountId[], showAccounts: boolean): ContactRow[] {
  const contacts = useJabberStore((state) => state.contacts);
  const filter = useJabberStore((state) => state.contactFilter);
  const collapsed = useJabberStore((state) => state.collapsedGroups);
  const online = useJabberStore(useShallow((state) => state.accounts.filter((summary) => summary.connection.status !== 'disconnected').map((summary) => summary.account)));
  const strangers = useJabberStore(useShallow((state) => online.flatMap((account) => strangerJids(state, account).map((jid) => `${account}\n${jid}`))));
  // One grouper per account: it keeps the account's contacts sorted between updates.
  const groupers = useRef(new Map<AccountId, ReturnType<typeof createContactGrouper>>());
  return useMemo(() => {
    const filtering = filter.trim() !== '';
    const parts = accounts.filter((account) => online.includes(account)).map((account) => {
      let grouper = groupers.current.get(account);
      if (grouper === undefined) {
        grouper = createContactGrouper();
        groupers.current.set(account, grouper);
      }
      const prefix = `${account}\n`;
      return {
        account,
        groups: grouper(contacts[account] ?? NO_CONTACTS, filter),
        strangers: strangers.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)),
        isFolded: (group: string) => Object.hasOwn(collapsed, groupKey(account, group)),
      };
    });
    for (const account of groupers.current.keys()) if (!accounts.includes(account)) groupers.current.delete(account);
    return contactRows(parts, showAccounts, filtering);
  }, [accounts, online, contacts, filter, collapsed, strangers, showAccounts]);
}

function ContactRows({ accounts, showAccounts }: { accounts: readonly AccountId[]; showAccounts: boolean }) {
  const rows = useContactRows(accounts, showAccounts);
  const virtual = rows.length > VIRTUAL_FROM;
  const listRef = useRef<HTMLUListElement>(null);
  const heights = useRef(new Map<string, number>());
  const typical = useRef({ ...ESTIMATED_HEIGHT });
  const [measured, setMeasured] = useState(0);
  // The viewport in the list's own coordinates (top may be negative: the list starts lower down).
  const [viewport, setViewport] = useState({ top: 0, height: 1000 });

  const layout = useMemo(
    () => (virtual ? computeLayout(rows.map((row) => row.key), (index, key) => heights.current.get(key) ?? typical.current[rows[index]!.kind]) : null),
    // `measured` counts the measurements that changed a height (they live in refs).
    [rows, virtual, measured],
  );
  const { start, end } = layout === null ? { start: 0, end: rows.length } : visibleRange(layout, viewport.top, viewport.height, OVERSCAN_PX);

  useEffect(() => {
    const list = listRef.current;
    const scroller = list?.closest<HTMLElement>('.contacts') ?? list?.parentElement;
    if (!virtual || list == null || scroller == null) return;
    let frame = 0;
    const read = (): void => {
      frame = 0;
      const top = scroller.scrollTop - (list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop);
      const height = scroller.clientHeight;
      setViewport((before) => (before.top === top && before.height === height ? before : { top, height }));
    };
    const schedule = (): void => {
      if (frame === 0) frame = requestAnimationFrame(read);
    };
    read();
    scroller.addEventListener('scroll', schedule, { passive: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', schedule);
      resize.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [virtual]);

  // Measure the rows drawn: a row's height is the distance to the next row's top (margins included).
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!virtual || list === null) return;
    const elements = [...list.querySelectorAll<HTMLElement>(ROW_ELEMENTS)];
    if (elements.length !== end - start) return;
    const rects = elements.map((element) => element.getBoundingClientRect());
    let changed = false;
    rects.forEach((rect, i) => {
      const row = rows[start + i]!;
      const height = i + 1 < rects.length ? rects[i + 1]!.top - rect.top : rect.height + 2;
      if (height <= 0) return;
      typical.current[row.kind] = height;
      if (Math.abs((heights.current.get(row.key) ?? ESTIMATED_HEIGHT[row.kind]) - height) > 0.5) changed = true;
      heights.current.set(row.key, height);
    });
    if (changed) setMeasured((count) => count + 1);
  });

  const style = layout === null ? undefined : { paddingTop: layout.offsets[start], paddingBottom: totalHeight(layout) - (layout.offsets[end] ?? 0) };
  return (
    <ul ref={listRef} role="list" aria-label="Contacts" className={`contact-list${virtual ? ' contact-list-virtual' : ''}`} style={style}>
      {nestRows(rows, start, end).map((block) => {
        if (block.kind === 'single') {
          const { row } = block;
          // Seen, not read out: every item's name already says its account.
          return row.kind === 'account' ? (
            <li key={row.key} className="contact-group" aria-hidden="true">
              {row.account}
            </li>
          ) : (
            <ContactItem key={row.key} account={row.account} jid={row.jid} showAccount={showAccounts} />
          );
        }
        const { group, headerShown, members, positions } = block;
        const { view, name, open, account } = group;
        return (
          <li key={group.key} className="roster-group" aria-label={`${name}, ${view.online} of ${view.total} online`}>
            {headerShown && (
              <button type="button" className="group-toggle" aria-expanded={open} onClick={() => toggleContactGroup(account, name)}>
                <span className="group-arrow" aria-hidden="true">
                  {open ? '▾' : '▸'}
                </span>
                <span className="group-name">{name}</span>
                <span className="group-count">
                  {view.online}/{view.total}
                </span>
              </button>
            )}
            {open && members.length > 0 && (
              <ul role="list" aria-label={name} className="group-members">
                {members.map((member, index) => (
                  <ContactItem
                    key={member.key}
                    account={member.account}
                    jid={member.jid}
                    showAccount={showAccounts}
                    position={positions[index] ?? index + 1}
                    setSize={view.jids.length}
                  />
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
