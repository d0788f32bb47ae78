/**
 * The contacts of every account (with its JID as a heading when there are several): requests awaiting
 * an answer first, then the roster by group (folding, online/total counts, "Ungrouped" last), each
 * group sorted by presence then name; then people who wrote without being in the roster.
 * "Filter contacts" narrows everything by name or JID. Its container builds the rows and says what
 * is known of each contact; this draws them.
 *
 * A long list is virtualized: only the rows near the viewport are in the DOM (with padding standing for
 * the others), so 5,000 contacts cost what 30 do. Heights are measured as rows show and estimated from
 * their kind elsewhere. Keyboard focus still walks the whole list: the browser scrolls a focused row into
 * view and the rows after it appear within the overscan.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AccountId, AppError, Jid } from '../../app/shared/contract.ts';
import { nestRows, type ContactRow } from '../contacts/contact-rows.ts';
import { computeLayout, totalHeight, visibleRange } from '../history/virtual-layout.ts';
import { ContactItem, type ContactItemCommands, type ContactItemData } from './ContactItem.tsx';
import { useT } from '../i18n/use-t.ts';
import { errorText } from '../text/error-text.ts';

/** What the list does besides what its rows do. */
export interface ContactListCommands extends ContactItemCommands {
  filterContacts(text: string): void;
  dismissContactError(): void;
  toggleContactGroup(account: AccountId, group: string): void;
}

export function ContactList({ filter, error, empty, rows, showAccounts, itemData, commands, requests, dialogs }: {
  /** What the "Filter contacts" box holds. */
  filter: string;
  /** Why the last contact action started from a menu failed. */
  error: AppError | null;
  /** No account shows any contact. */
  empty: boolean;
  rows: readonly ContactRow[];
  showAccounts: boolean;
  /** What is known of a contact, for its row: asked of the rows drawn only. */
  itemData: (account: AccountId, jid: Jid) => ContactItemData;
  commands: ContactListCommands;
  /** The contact requests (a container), above the roster. */
  requests: ReactNode;
  /** The contact dialogs (a container). */
  dialogs: ReactNode;
}) {
  const t = useT();
  return (
    <div className="contacts">
      <div className="contact-filter">
        <input type="search" aria-label={t('Filter contacts')} placeholder={t('Filter contacts')} value={filter} onChange={(event) => commands.filterContacts(event.target.value)} />
      </div>
      {error && (
        <div className="alert contact-error" role="alert">
          <p className="alert-message">{errorText(error)}</p>
          <button type="button" className="secondary" onClick={commands.dismissContactError}>
            {t('Dismiss')}
          </button>
        </div>
      )}
      {requests}
      <ContactRows rows={rows} showAccounts={showAccounts} itemData={itemData} commands={commands} />
      {empty && <p className="empty">{t('No contacts yet. Use Add contact to ask someone to share their presence with you.')}</p>}
      {dialogs}
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

function ContactRows({ rows, showAccounts, itemData, commands }: {
  rows: readonly ContactRow[];
  showAccounts: boolean;
  itemData: (account: AccountId, jid: Jid) => ContactItemData;
  commands: ContactListCommands;
}) {
  const t = useT();
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
    <ul ref={listRef} role="list" aria-label={t('Contacts')} className={`contact-list${virtual ? ' contact-list-virtual' : ''}`} style={style}>
      {nestRows(rows, start, end).map((block) => {
        if (block.kind === 'single') {
          const { row } = block;
          // Seen, not read out: every item's name already says its account.
          return row.kind === 'account' ? (
            <li key={row.key} className="contact-group" aria-hidden="true">
              {row.account}
            </li>
          ) : (
            <ContactItem key={row.key} account={row.account} jid={row.jid} showAccount={showAccounts} commands={commands} {...itemData(row.account, row.jid)} />
          );
        }
        const { group, headerShown, members, positions } = block;
        const { view, name, open, account } = group;
        // `name` is the group's key (folding); the roster's own group names are never translated.
        const shown = view.group ?? t('Ungrouped');
        return (
          <li key={group.key} className="roster-group" aria-label={t('{{group}}, {{online}} of {{total}} online', { group: shown, online: view.online, total: view.total })}>
            {headerShown && (
              <button type="button" className="group-toggle" aria-expanded={open} onClick={() => commands.toggleContactGroup(account, name)}>
                <span className="group-arrow" aria-hidden="true">
                  {open ? '▾' : '▸'}
                </span>
                <span className="group-name">{shown}</span>
                <span className="group-count">
                  {view.online}/{view.total}
                </span>
              </button>
            )}
            {open && members.length > 0 && (
              <ul role="list" aria-label={shown} className="group-members">
                {members.map((member, index) => (
                  <ContactItem
                    key={member.key}
                    account={member.account}
                    jid={member.jid}
                    showAccount={showAccounts}
                    position={positions[index] ?? index + 1}
                    setSize={view.jids.length}
                    commands={commands}
                    {...itemData(member.account, member.jid)}
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
