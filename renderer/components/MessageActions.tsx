/**
 * A message's actions behind one button, **Message actions** (WAI-ARIA menu button): Reply, React, and
 * for one's own messages Edit and Retract. React opens a small emoji picker (a menu of checkable items:
 * checked where we reacted with it). Enter/Space open, arrows move, Escape closes and gives focus back
 * to the button.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ChatMessage, ReactionRestrictions } from '../../app/shared/contract.ts';
import { useT } from '../i18n/use-t.ts';

/** What a message's actions do; stable callbacks, so the memoized rows stay drawn. */
export interface MessageActionCommands {
  onReply: (message: ChatMessage) => void;
  onToggleReaction: (message: ChatMessage, emoji: string) => void;
  /** The picker is about to open: the conversation's restrictions are wanted. */
  onPickReaction: (message: ChatMessage) => void;
}

/** The emoji the picker offers: the common ones and those on the message, within the conversation's allowlist. */
export function pickerChoices(message: ChatMessage, common: readonly string[], restrictions: ReactionRestrictions | undefined): string[] {
  const used = (message.reactions ?? []).map((reaction) => reaction.emoji);
  const all = [...new Set([...common, ...used])];
  const allow = restrictions?.allowlist;
  return allow === undefined ? all : [...new Set([...allow, ...used.filter((emoji) => allow.includes(emoji))])];
}

function useMenuKeys(onClose: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp' || event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' || event.key === 'ArrowRight' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      (event.key === 'Home' ? items[0] : items.at(-1))?.focus();
    }
  };
  return { ref, onKeyDown };
}

export function MessageActions({ message, own, account, common, restrictions, onEdit, onRetract, onReply, onToggleReaction, onPickReaction, canReply = true, canReact = true, more = [] }: {
  message: ChatMessage;
  own: boolean;
  /** Our bare JID: the reactions that are ours. */
  account: string;
  common: readonly string[];
  restrictions: ReactionRestrictions | undefined;
  onEdit: (message: ChatMessage) => void;
  onRetract: (message: ChatMessage) => void;
  canReply?: boolean;
  canReact?: boolean;
  /** Further items after these (a room moderator's Remove). */
  more?: readonly { readonly label: string; readonly run: (message: ChatMessage) => void }[];
} & MessageActionCommands) {
  const t = useT();
  const [open, setOpen] = useState<'menu' | 'picker' | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const close = (): void => {
    setOpen(null);
    button.current?.focus();
  };
  const menu = useMenuKeys(close);
  const picker = useMenuKeys(close);

  useEffect(() => {
    if (open === null) return;
    const current = open === 'menu' ? menu.ref.current : picker.ref.current;
    current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !current?.contains(event.target) && !button.current?.contains(event.target)) setOpen(null);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const entries: { label: string; run: () => void }[] = [
    ...(canReply ? [{ label: t('Reply'), run: () => { setOpen(null); onReply(message); } }] : []),
    ...(canReact ? [{ label: t('React'), run: () => { onPickReaction(message); setOpen('picker'); } }] : []),
    ...(own ? [
      { label: t('Edit'), run: () => { setOpen(null); onEdit(message); } },
      { label: t('Retract'), run: () => { setOpen(null); onRetract(message); } },
    ] : []),
    ...more.map((item) => ({ label: item.label, run: () => { setOpen(null); item.run(message); } })),
  ];
  const ours = new Set((message.reactions ?? []).filter((reaction) => reaction.from.includes(account)).map((reaction) => reaction.emoji));
  const max = restrictions?.maxReactionsPerUser;

  return (
    <div className="message-actions">
      <button
        ref={button}
        type="button"
        className="link-button message-actions-button"
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open !== null ? menuId : undefined}
        onClick={() => setOpen(open === null ? 'menu' : null)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && open === null) {
            event.preventDefault();
            setOpen('menu');
          }
        }}
      >
        {t('Message actions')}
      </button>
      {open === 'menu' && (
        <div id={menuId} className="message-menu" role="menu" aria-label={t('Message actions')} ref={menu.ref} onKeyDown={menu.onKeyDown}>
          {entries.map((entry) => (
            <button key={entry.label} type="button" role="menuitem" tabIndex={-1} onClick={entry.run}>
              {entry.label}
            </button>
          ))}
        </div>
      )}
      {open === 'picker' && (
        <div id={menuId} className="message-menu reaction-picker" role="menu" aria-label={t('Pick a reaction')} ref={picker.ref} onKeyDown={picker.onKeyDown}>
          {pickerChoices(message, common, restrictions).map((emoji) => {
            const mine = ours.has(emoji);
            // A conversation that allows only so many reactions per person: more are not offered.
            const full = max !== undefined && !mine && ours.size >= max;
            return (
              <button
                key={emoji}
                type="button"
                role="menuitemcheckbox"
                aria-checked={mine}
                aria-disabled={full || undefined}
                tabIndex={-1}
                onClick={() => {
                  if (full) return;
                  close();
                  onToggleReaction(message, emoji);
                }}
              >
                {emoji}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}

/** The reactions under a message: one button per emoji, named by the emoji and its count; pressed where one of them is ours. */
export function ReactionBar({ message, account, nameOf, onToggleReaction }: {
  message: ChatMessage;
  account: string;
  /** How to call a reactor in the list of who reacted. */
  nameOf: (jid: string) => string;
  onToggleReaction: (message: ChatMessage, emoji: string) => void;
}) {
  const t = useT();
  const reactions = message.reactions ?? [];
  if (reactions.length === 0) return null;
  return (
    <ul className="reactions" aria-label={t('Reactions')}>
      {reactions.map((reaction) => {
        const who = reaction.from.map((jid) => (jid === account ? t('You') : nameOf(jid))).join(', ');
        return (
          <li key={reaction.emoji}>
            <button
              type="button"
              className="reaction"
              aria-pressed={reaction.from.includes(account)}
              title={t('{{who}} reacted with {{emoji}}', { who, emoji: reaction.emoji })}
              onClick={() => onToggleReaction(message, reaction.emoji)}
            >
              {`${reaction.emoji} ${reaction.from.length}`}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
