/** A modal dialog: named by its title, focus moved in on open and back on close, Escape closes. */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    return () => previous?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={id} ref={ref} onKeyDown={onKeyDown}>
        <h2 id={id} className="modal-title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
