/** Search directory: the server's user directory (XEP-0055), its form as the server sent it, and results to add as contacts. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AccountId, AppError, DataFormValues, DirectoryForm, DirectoryResults, Jid, Result } from '../../app/shared/contract.ts';
import { usableContactName } from '../text/contact-name.ts';
import { DataFormView, initialValues } from './DataFormView.tsx';
import { ErrorAlert } from './ErrorDetails.tsx';
import { Modal } from './Modal.tsx';
import { useT } from '../i18n/use-t.ts';

/** A result's name: its first and last name, else its nickname, else its address. */
function nameOf(values: Readonly<Record<string, string>>, jid: string): string {
  const full = [values['first'], values['last']].filter((part) => part !== undefined && part.trim() !== '').join(' ');
  return full !== '' ? full : values['nick'] !== undefined && values['nick'] !== '' ? values['nick'] : jid;
}

/** What Search directory asks of the core (XEP-0055, and adding a result as a contact). */
export interface DirectoryCommands {
  directoryForm(account: AccountId): Promise<Result<DirectoryForm>>;
  searchDirectory(account: AccountId, service: Jid, values: DataFormValues): Promise<Result<DirectoryResults>>;
  addContact(account: AccountId, jid: string, name: string, groups: readonly string[]): Promise<Result<unknown>>;
}

export function DirectorySearchDialog({ account, commands, onClose }: { account: AccountId; commands: DirectoryCommands; onClose: () => void }) {
  const t = useT();
  const { directoryForm, searchDirectory, addContact } = commands;
  const id = useId();
  const [directory, setDirectory] = useState<DirectoryForm | null>(null);
  const [values, setValues] = useState<DataFormValues>({});
  const [results, setResults] = useState<DirectoryResults | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(true);
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    let current = true;
    void directoryForm(account).then((result) => {
      if (!current) return;
      setBusy(false);
      if (result.ok) {
        setDirectory(result.value);
        setValues(initialValues(result.value.form));
      } else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [account]);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (directory === null) return;
    setBusy(true);
    setError(null);
    const result = await searchDirectory(account, directory.service, values);
    setBusy(false);
    if (result.ok) setResults(result.value);
    else setError(result.error);
  };

  const add = async (jid: string, name: string) => {
    // The entry's name is the directory's (its users'): one with a tab or 1,000 characters is still addable.
    const result = await addContact(account, jid, usableContactName(name), []);
    if (result.ok) setAdded((current) => new Set([...current, jid]));
    else setError(result.error);
  };

  return (
    <Modal title={t('Search directory')} onClose={onClose}>
      {busy && directory === null && <p className="note">{t('Asking {{server}} for its directory…', { server: account.slice(account.indexOf('@') + 1) })}</p>}
      <ErrorAlert error={error} />
      {directory && (
        <form onSubmit={(event) => void search(event)} noValidate>
          <DataFormView form={directory.form} values={values} onChange={setValues} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('Searching…') : t('Search')}
            </button>
          </div>
        </form>
      )}
      {results && (
        <section aria-labelledby={`${id}-results`}>
          <h3 id={`${id}-results`}>{results.entries.length === 0 ? t('Nobody found') : t('{{count}} found', { count: results.entries.length })}</h3>
          <ul className="directory-results" aria-label={t('Directory results')}>
            {results.entries.map((entry) => {
              const name = nameOf(entry.values, entry.jid);
              return (
                <li key={entry.jid} aria-label={`${name}, ${entry.jid}`}>
                  <span className="directory-name">{name}</span> <span className="directory-jid">{entry.jid}</span>
                  {results.columns
                    .filter((column) => !['first', 'last'].includes(column.var) && (entry.values[column.var] ?? '') !== '')
                    .map((column) => (
                      <span key={column.var} className="directory-detail">
                        {column.label}: {entry.values[column.var]}
                      </span>
                    ))}
                  {added.has(entry.jid) ? (
                    <span className="note">{t('Request sent')}</span>
                  ) : (
                    <button type="button" className="secondary" aria-label={t('Add {{name}} as a contact', { name })} onClick={() => void add(entry.jid, name)}>
                      {t('Add')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onClose}>
          {t('Close')}
        </button>
      </div>
    </Modal>
  );
}
