/** The dialogs of the contact list: Add contact, Rename, Edit groups, Remove, Blocked (one open at a time, the one its container names). */
import { createContext, useContext, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { AccountId, AppError, Contact, Jid, Result } from '../../app/shared/contract.ts';
import { parseGroupList } from '../forms/contact.ts';
import type { ContactDialog } from '../state/model.ts';
import { ErrorDetails } from './ErrorDetails.tsx';
import { Modal } from './Modal.tsx';
import { useT } from '../i18n/use-t.ts';
import { t } from '../i18n/i18n.ts';

/** What the contact dialogs ask of the core, and closing the open one. */
export interface ContactDialogCommands {
  addContact(account: AccountId, jid: string, name: string, groups: readonly string[]): Promise<Result<unknown>>;
  renameContact(account: AccountId, jid: Jid, name: string): Promise<Result<unknown>>;
  setContactGroups(account: AccountId, jid: Jid, groups: readonly string[]): Promise<Result<unknown>>;
  removeContact(account: AccountId, jid: Jid): Promise<Result<unknown>>;
  blockContact(account: AccountId, jid: Jid): Promise<Result<unknown>>;
  unblockContact(account: AccountId, jid: Jid): Promise<Result<unknown>>;
  closeContactDialog(): void;
}

/** The commands, handed to every dialog and its parts without threading them through each. */
const Commands = createContext<ContactDialogCommands | null>(null);

function useCommands(): ContactDialogCommands {
  const commands = useContext(Commands);
  if (commands === null) throw new Error('A contact dialog was drawn outside ContactDialogs.');
  return commands;
}

/**
 * `contact`: the roster entry the dialog is about (undefined for Add and Blocked, or when it is gone);
 * `blockingAccounts`: accounts whose server supports blocking; `blocked`: whom each account blocks.
 */
export function ContactDialogs({ dialog, accounts, contact, blockingAccounts, blocked, commands }: {
  dialog: ContactDialog | null;
  accounts: readonly AccountId[];
  contact: Contact | undefined;
  blockingAccounts: readonly AccountId[];
  blocked: Readonly<Record<AccountId, readonly Jid[]>>;
  commands: ContactDialogCommands;
}) {
  if (dialog === null) return null;
  const key = `${dialog.kind}\n${dialog.account}\n${dialog.jid}`;
  return <Commands.Provider value={commands}>{dialogOf(dialog, key, accounts, contact, blockingAccounts, blocked)}</Commands.Provider>;
}

function dialogOf(
  dialog: ContactDialog, key: string, accounts: readonly AccountId[], contact: Contact | undefined, blockingAccounts: readonly AccountId[], blocked: Readonly<Record<AccountId, readonly Jid[]>>,
): ReactNode {
  switch (dialog.kind) {
    case 'add':
      return <AddContactDialog key={key} account={dialog.account} accounts={accounts} />;
    case 'rename':
      return <RenameDialog key={key} account={dialog.account} jid={dialog.jid} contact={contact} />;
    case 'groups':
      return <GroupsDialog key={key} account={dialog.account} jid={dialog.jid} contact={contact} />;
    case 'remove':
      return <RemoveDialog key={key} account={dialog.account} jid={dialog.jid} contact={contact} />;
    case 'blocked':
      return <BlockedDialog key={key} initial={dialog.account} accounts={blockingAccounts} several={accounts.length > 1} blockedBy={blocked} />;
  }
}

/** Runs a command for a form: busy while it runs, closes on success, shows the error otherwise. */
function useSubmit(): { busy: boolean; error: AppError | null; setError: (error: AppError | null) => void; run: (command: () => Promise<Result<unknown>>) => Promise<void> } {
  const { closeContactDialog } = useCommands();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = async (command: () => Promise<Result<unknown>>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await command();
    setBusy(false);
    if (result.ok) closeContactDialog();
    else setError(result.error);
  };
  return { busy, error, setError, run };
}

function Field({ label, children, note }: { label: string; children: (id: string) => ReactNode; note?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {note !== undefined && <p className="note">{note}</p>}
    </div>
  );
}

function FormError({ error }: { error: AppError | null }) {
  if (error === null) return null;
  return (
    <div className="alert" role="alert">
      <ErrorDetails error={error} />
    </div>
  );
}

function Actions({ busy, submit, busyLabel, danger = false }: { busy: boolean; submit: string; busyLabel: string; danger?: boolean }) {
  const t = useT();
  const { closeContactDialog } = useCommands();
  return (
    <div className="form-actions">
      <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
        {busy ? busyLabel : submit}
      </button>
      <button type="button" className="secondary" onClick={closeContactDialog}>
        {t('Cancel')}
      </button>
    </div>
  );
}

const groupsNote = (): string => t('Separate several groups with commas; leave empty for none.');

function AddContactDialog({ account: initialAccount, accounts }: { account: AccountId; accounts: readonly AccountId[] }) {
  const t = useT();
  const { addContact, closeContactDialog } = useCommands();
  const [account, setAccount] = useState(initialAccount);
  const [jid, setJid] = useState('');
  const [name, setName] = useState('');
  const [groups, setGroups] = useState('');
  const { busy, error, setError, run } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (jid.trim() === '') {
      setError({ code: 'invalid-argument', message: t("Enter the contact's Jabber ID, like bob@example.com.") });
      return;
    }
    void run(() => addContact(account, jid.trim(), name.trim(), parseGroupList(groups)));
  };

  return (
    <Modal title={t('Add contact')} onClose={closeContactDialog}>
      <form onSubmit={submit} noValidate>
        <FormError error={error} />
        <Field label={t('Jabber ID')} note={t('They are asked to share their presence with you.')}>
          {(id) => <input id={id} type="text" autoComplete="off" spellCheck={false} placeholder="bob@example.com" value={jid} onChange={(event) => setJid(event.target.value)} />}
        </Field>
        <Field label={t('Name')}>{(id) => <input id={id} type="text" autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />}</Field>
        <Field label={t('Groups')} note={groupsNote()}>
          {(id) => <input id={id} type="text" autoComplete="off" value={groups} onChange={(event) => setGroups(event.target.value)} />}
        </Field>
        {accounts.length > 1 && (
          <Field label={t('Account')}>
            {(id) => (
              <select id={id} value={account} onChange={(event) => setAccount(event.target.value)}>
                {accounts.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Actions busy={busy} submit={t('Add')} busyLabel={t('Adding…')} />
      </form>
    </Modal>
  );
}

function RenameDialog({ account, jid, contact }: { account: AccountId; jid: Jid; contact: Contact | undefined }) {
  const t = useT();
  const { renameContact, closeContactDialog } = useCommands();
  const [name, setName] = useState(contact?.name ?? '');
  const { busy, error, run } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => renameContact(account, jid, name.trim()));
  };
  return (
    <Modal title={t('Rename {{name}}', { name: contact?.name ?? jid })} onClose={closeContactDialog}>
      <form onSubmit={submit} noValidate>
        <FormError error={error} />
        <Field label={t('Name')} note={t("Leave empty to show {{jid}}'s user name.", { jid })}>
          {(id) => <input id={id} type="text" autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <Actions busy={busy} submit={t('Save')} busyLabel={t('Saving…')} />
      </form>
    </Modal>
  );
}

function GroupsDialog({ account, jid, contact }: { account: AccountId; jid: Jid; contact: Contact | undefined }) {
  const t = useT();
  const { setContactGroups, closeContactDialog } = useCommands();
  const [groups, setGroups] = useState((contact?.groups ?? []).join(', '));
  const { busy, error, run } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => setContactGroups(account, jid, parseGroupList(groups)));
  };
  return (
    <Modal title={t('Groups of {{name}}', { name: contact?.name ?? jid })} onClose={closeContactDialog}>
      <form onSubmit={submit} noValidate>
        <FormError error={error} />
        <Field label={t('Groups')} note={groupsNote()}>
          {(id) => <input id={id} type="text" autoComplete="off" value={groups} onChange={(event) => setGroups(event.target.value)} />}
        </Field>
        <Actions busy={busy} submit={t('Save')} busyLabel={t('Saving…')} />
      </form>
    </Modal>
  );
}

function RemoveDialog({ account, jid, contact }: { account: AccountId; jid: Jid; contact: Contact | undefined }) {
  const t = useT();
  const { removeContact, closeContactDialog } = useCommands();
  const { busy, error, run } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => removeContact(account, jid));
  };
  return (
    <Modal title={t('Remove {{name}}?', { name: contact?.name ?? jid })} onClose={closeContactDialog}>
      <form onSubmit={submit} noValidate>
        <FormError error={error} />
        <p className="note">
          {t("{{jid}} leaves your contacts: you stop seeing each other's presence. Your conversation history stays.", { jid })}
        </p>
        <Actions busy={busy} submit={t('Remove')} busyLabel={t('Removing…')} danger />
      </form>
    </Modal>
  );
}

const NO_JIDS: readonly Jid[] = [];

/** Everyone each account blocks, with Unblock; and a way to block someone who is not a contact. */
function BlockedDialog({ initial, accounts, several, blockedBy }: { initial: AccountId; accounts: readonly AccountId[]; several: boolean; blockedBy: Readonly<Record<AccountId, readonly Jid[]>> }) {
  const t = useT();
  const { blockContact, unblockContact, closeContactDialog } = useCommands();
  const [account, setAccount] = useState(accounts.includes(initial) ? initial : (accounts[0] ?? ''));
  const blocked = blockedBy[account] ?? NO_JIDS;
  const [jid, setJid] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const act = async (command: () => Promise<Result<unknown>>, after?: () => void) => {
    setBusy(true);
    setError(null);
    const result = await command();
    setBusy(false);
    if (result.ok) after?.();
    else setError(result.error);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (jid.trim() === '') {
      setError({ code: 'invalid-argument', message: t('Enter the Jabber ID (or server) to block.') });
      return;
    }
    void act(() => blockContact(account, jid.trim()), () => setJid(''));
  };

  return (
    <Modal title={t('Blocked contacts')} onClose={closeContactDialog}>
      <FormError error={error} />
      {several && (
        <Field label={t('Account')}>
          {(id) => (
            <select id={id} value={account} onChange={(event) => setAccount(event.target.value)}>
              {accounts.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {blocked.length === 0 ? (
        <p className="note">{t('Nobody is blocked. Blocked people cannot send you messages or requests, nor see your presence.')}</p>
      ) : (
        <ul role="list" aria-label={t('Blocked')} className="blocked-list">
          {blocked.map((entry) => (
            <li key={entry} aria-label={entry} className="blocked-item">
              <span className="blocked-jid">{entry}</span>
              <button type="button" className="secondary" disabled={busy} onClick={() => void act(() => unblockContact(account, entry))}>
                {t('Unblock')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate className="block-form">
        <Field label={t('Jabber ID')} note={t('A person (bob@example.com) or a whole server (spam.example).')}>
          {(id) => <input id={id} type="text" autoComplete="off" spellCheck={false} value={jid} onChange={(event) => setJid(event.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="danger" disabled={busy}>
            {t('Block')}
          </button>
          <button type="button" className="secondary" onClick={closeContactDialog}>
            {t('Close')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
