/**
 * A contact's actions (WAI-ARIA menu pattern): Rename, Edit groups, the subscription actions its
 * state allows, Remove. Arrow keys move, Escape or a click elsewhere closes.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { AccountId, Contact, Jid } from '../../app/shared/contract.ts';
import type { ContactDialog, ConversationRef } from '../state/model.ts';
import { useT } from '../i18n/use-t.ts';

/**
 * What a contact's menu does: open a dialog or the profile, or run a subscription or blocking command
 * whose failure the contact list reports (the menu is gone by then).
 */
export interface ContactMenuCommands {
  openContactDialog(dialog: ContactDialog): void;
  openProfile(ref: ConversationRef): void;
  cancelSubscription(account: AccountId, jid: Jid): void;
  requestSubscription(account: AccountId, jid: Jid): void;
  denySubscription(account: AccountId, jid: Jid): void;
  blockContact(account: AccountId, jid: Jid): void;
  unblockContact(account: AccountId, jid: Jid): void;
}

interface MenuEntry {
  readonly label: string;
  readonly run: () => void;
}

export function ContactMenu({ account, contact, blocked, canBlock, commands, onClose }: {
  account: AccountId;
  contact: Contact;
  blocked: boolean;
  /** The account's server supports blocking. */
  canBlock: boolean;
  commands: ContactMenuCommands;
  onClose: () => void;
}) {
  const { blockContact, cancelSubscription, denySubscription, openContactDialog, openProfile, requestSubscription, unblockContact } = commands;
  const ref = useRef<HTMLDivElement>(null);
  // The item re-renders on every presence change: the latest callback, without re-running the effect.
  const close = useRef(onClose);
  close.current = onClose;
  const t = useT();
  const { jid } = contact;
  const seesPresence = contact.subscription === 'to' || contact.subscription === 'both';
  const sharesPresence = contact.subscription === 'from' || contact.subscription === 'both';
  const entries: MenuEntry[] = [
    { label: t('Rename'), run: () => openContactDialog({ kind: 'rename', account, jid }) },
    { label: t('Edit groups'), run: () => openContactDialog({ kind: 'groups', account, jid }) },
    ...(contact.pendingOut ? [{ label: t('Cancel request'), run: () => cancelSubscription(account, jid) }] : []),
    ...(!contact.pendingOut && !seesPresence ? [{ label: t('Ask to see presence'), run: () => requestSubscription(account, jid) }] : []),
    ...(seesPresence ? [{ label: t('Stop seeing presence'), run: () => cancelSubscription(account, jid) }] : []),
    ...(sharesPresence ? [{ label: t('Stop sharing my presence'), run: () => denySubscription(account, jid) }] : []),
    ...(blocked ? [{ label: t('Unblock'), run: () => unblockContact(account, jid) }] : []),
    ...(!blocked && canBlock ? [{ label: t('Block'), run: () => blockContact(account, jid) }] : []),
    { label: t('Profile'), run: () => openProfile({ account, peer: jid }) },
    { label: t('Remove'), run: () => openContactDialog({ kind: 'remove', account, jid }) },
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
    <div className="contact-menu" role="menu" aria-label={t('Actions for {{name}}', { name: contact.name })} ref={ref} onKeyDown={onKeyDown}>
      {entries.map((entry) => (
        <button
          key={entry.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          onClick={() => {
            // Focus back on the menu's button first: a dialog the entry opens returns focus there.
            (ref.current?.previousElementSibling as HTMLElement | null)?.focus();
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
