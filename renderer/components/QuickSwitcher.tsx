/** Ctrl/Cmd+K: type a few letters of a name or address, Enter (or a click) opens that conversation. */
import { useId, useState, type KeyboardEvent } from 'react';
import type { SwitcherEntry } from '../state/shortcuts.ts';
import { Modal } from './Modal.tsx';
import { useT } from '../i18n/use-t.ts';

/** At most this many entries are listed. */
const LISTED = 30;

export function QuickSwitcher({ entriesFor, several, onOpen, onClose }: {
  /** The entries that match what was typed, best first. */
  entriesFor: (query: string) => readonly SwitcherEntry[];
  /** Several accounts: each entry names its account. */
  several: boolean;
  onOpen: (entry: SwitcherEntry) => void;
  onClose: () => void;
}) {
  const t = useT();
  const inputId = useId();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const entries = entriesFor(query).slice(0, LISTED);
  const current = Math.min(selected, Math.max(entries.length - 1, 0));
  const optionId = (index: number): string => `${listId}-${index}`;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setSelected(Math.min(current + 1, entries.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setSelected(Math.max(current - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const entry = entries[current];
      if (entry !== undefined) onOpen(entry);
    }
  };

  return (
    <Modal title={t('Quick switcher')} onClose={onClose}>
      <label htmlFor={inputId} className="sr-only">
        {t('Go to')}
      </label>
      <input
        id={inputId}
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={entries.length > 0 ? optionId(current) : undefined}
        placeholder={t('Name or address')}
        autoComplete="off"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setSelected(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={t('Contacts and conversations')} className="switcher-list">
        {entries.map((entry, index) => (
          <li
            key={`${entry.account}\n${entry.peer}`}
            id={optionId(index)}
            role="option"
            aria-selected={index === current}
            className={index === current ? 'switcher-entry switcher-entry-selected' : 'switcher-entry'}
            onClick={() => onOpen(entry)}
          >
            <span className="switcher-name">{entry.name}</span> <span className="switcher-jid">{entry.peer}</span>
            {several && <span className="switcher-account"> · {entry.account}</span>}
          </li>
        ))}
      </ul>
      {entries.length === 0 && <p className="note">{t('No contact or conversation matches.')}</p>}
    </Modal>
  );
}

export function ShortcutHelp({ shortcuts, onClose }: { shortcuts: readonly { readonly keys: string; readonly action: string }[]; onClose: () => void }) {
  const t = useT();
  return (
    <Modal title={t('Keyboard shortcuts')} onClose={onClose}>
      <dl className="shortcut-list">
        {shortcuts.map((shortcut) => (
          <div key={shortcut.keys} className="shortcut">
            <dt>
              <kbd>{shortcut.keys}</kbd>
            </dt>
            <dd>{shortcut.action}</dd>
          </div>
        ))}
      </dl>
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onClose}>
          {t('Close')}
        </button>
      </div>
    </Modal>
  );
}
