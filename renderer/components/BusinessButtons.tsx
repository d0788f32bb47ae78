/** Search directory and Server administration for the current account, each opening its dialog. */
import { useState } from 'react';
import type { AccountId } from '../../app/shared/contract.ts';
import { AdministrationDialog, type AdministrationCommands } from './AdministrationDialog.tsx';
import { DirectorySearchDialog, type DirectoryCommands } from './DirectorySearchDialog.tsx';

export function BusinessButtons({ account, commands }: { account: AccountId; commands: AdministrationCommands & DirectoryCommands }) {
  const [open, setOpen] = useState<'directory' | 'administration' | null>(null);
  return (
    <div className="business-buttons">
      <button type="button" className="secondary" onClick={() => setOpen('directory')}>
        Search directory
      </button>
      <button type="button" className="secondary" onClick={() => setOpen('administration')}>
        Server administration
      </button>
      {open === 'directory' && <DirectorySearchDialog account={account} commands={commands} onClose={() => setOpen(null)} />}
      {open === 'administration' && <AdministrationDialog account={account} commands={commands} onClose={() => setOpen(null)} />}
    </div>
  );
}
