/**
 * A button that opens a menu (WAI-ARIA menu button): Enter, Space or ArrowDown opens it with the first
 * item focused (ArrowUp: the last); ArrowUp/ArrowDown, Home and End move between the items; Escape or
 * Tab closes it and focus goes back to the button; a click outside closes it. Choosing an item closes
 * the menu and puts focus back on the button before the item runs, so a dialog the item opens returns
 * focus there when it closes.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuEntry {
  readonly label: string;
  readonly run: () => void;
}

export function MenuButton({ label, entries, className = '' }: { label: string; entries: readonly MenuEntry[]; className?: string }) {
  const [open, setOpen] = useState<'first' | 'last' | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();

  const items = (): HTMLElement[] => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (open === null) return;
    const list = items();
    (open === 'first' ? list[0] : list.at(-1))?.focus();
    const onPointerDown = (event: PointerEvent): void => {
      if (event.target instanceof Node && !menuRef.current?.contains(event.target) && !buttonRef.current?.contains(event.target)) setOpen(null);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = (): void => {
    setOpen(null);
    buttonRef.current?.focus();
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      list[(index + step + list.length) % list.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      (event.key === 'Home' ? list[0] : list.at(-1))?.focus();
    }
  };

  return (
    <div className={`menu-anchor ${className}`.trim()}>
      <button
        ref={buttonRef}
        type="button"
        className="secondary menu-button"
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open !== null ? menuId : undefined}
        onClick={() => setOpen((was) => (was === null ? 'first' : null))}
        onKeyDown={onButtonKeyDown}
      >
        {label}
      </button>
      {open !== null && (
        <ul id={menuId} role="menu" aria-label={label} className="menu" ref={menuRef} onKeyDown={onMenuKeyDown}>
          {entries.map((entry) => (
            <li key={entry.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  close();
                  entry.run();
                }}
              >
                {entry.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
