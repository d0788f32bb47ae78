/** Search directory and Server administration for the current account, each opening its dialog. */
import { useState } from 'react';
import type { AccountId } from '../../app/shared/contract.ts';
import { AdministrationDialog } from './AdministrationDialog.tsx';
import { DirectorySearchDialog } from './DirectorySearchDialog.tsx';

export function BusinessButtons({ account }: { account: AccountId }) {
  const [open, setOpen] = useState<'directory' | 'administration' | null>(null);
  return (
    <div className="business-buttons">
      <button type="button" className="secondary" onClick={() => setOpen('directory')}>
        Search directory
      </button>
      <button type="button" className="secondary" onClick={() => setOpen('administration')}>
        Server administration
      </button>
      {open === 'directory' && <DirectorySearchDialog account={account} onClose={() => setOpen(null)} />}
      {open === 'administration' && <AdministrationDialog account={account} onClose={() => setOpen(null)} />}
    </div>
  );
}
