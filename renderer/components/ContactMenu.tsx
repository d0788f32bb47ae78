/**
 * A contact's actions (WAI-ARIA menu pattern): Rename, Edit groups, the subscription actions its
 * state allows, Remove. Arrow keys move, Escape or a click elsewhere closes.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { AccountId, Contact } from '../../app/shared/contract.ts';
import {
  blockContact, cancelSubscription, denySubscription, openContactDialog, reportingFailure, requestSubscription, unblockContact,
} from '../state/contact-actions.ts';
import { isBlocked } from '../state/contacts-derive.ts';
import { openProfile } from '../state/profiles.ts';
import { useJabberStore } from '../state/store.ts';

interface MenuEntry {
  readonly label: string;
  readonly run: () => void;
}

export function ContactMenu({ account, contact, onClose }: { account: AccountId; contact: Contact; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  // The item re-renders on every presence change: the latest callback, without re-running the effect.
  const close = useRef(onClose);
  close.current = onClose;
  const { jid } = contact;
  const seesPresence = contact.subscription === 'to' || contact.subscription === 'both';
  const sharesPresence = contact.subscription === 'from' || contact.subscription === 'both';
  const blocked = useJabberStore((state) => isBlocked(state, account, jid));
  const canBlock = useJabberStore((state) => Object.hasOwn(state.blockingSupported, account));
  const entries: MenuEntry[] = [
    { label: 'Rename', run: () => openContactDialog({ kind: 'rename', account, jid }) },
    { label: 'Edit groups', run: () => openContactDialog({ kind: 'groups', account, jid }) },
    ...(contact.pendingOut ? [{ label: 'Cancel request', run: () => void reportingFailure(() => cancelSubscription(account, jid)) }] : []),
    ...(!contact.pendingOut && !seesPresence ? [{ label: 'Ask to see presence', run: () => void reportingFailure(() => requestSubscription(account, jid)) }] : []),
    ...(seesPresence ? [{ label: 'Stop seeing presence', run: () => void reportingFailure(() => cancelSubscription(account, jid)) }] : []),
    ...(sharesPresence ? [{ label: 'Stop sharing my presence', run: () => void reportingFailure(() => denySubscription(account, jid)) }] : []),
    ...(blocked ? [{ label: 'Unblock', run: () => void reportingFailure(() => unblockContact(account, jid)) }] : []),
    ...(!blocked && canBlock ? [{ label: 'Block', run: () => void reportingFailure(() => blockContact(account, jid)) }] : []),
    { label: 'Profile', run: () => openProfile({ account, peer: jid }) },
    { label: 'Remove', run: () => openContactDialog({ kind: 'remove', account, jid }) },
  ];

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      // A click on the menu's own button toggles it there; anywhere else closes it.
      const trigger = ref.current?.previousElementSibling;
      if (event.target instanceof Node && !ref.current?.contains(event.target) && !trigger?.contains(event.target)) close.current();
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      (ref.current?.previousElementSibling as HTMLElement | null)?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      (event.key === 'Home' ? items[0] : items.at(-1))?.focus();
    }
  };

  return (
    <div className="contact-menu" role="menu" aria-label={`Actions for ${contact.name}`} ref={ref} onKeyDown={onKeyDown}>
      {entries.map((entry) => (
        <button
          key={entry.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          onClick={() => {
            onClose();
            entry.run();
          }}
        >
          {entry.label}
        </button>
      ))}
    </div>
  );
}
