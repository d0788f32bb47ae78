/**
 * "Tools" in the sidebar: a menu (not a column of buttons) with what an account's server offers beyond
 * chatting: Search directory, Server administration, Blocked contacts (where the server supports
 * blocking) and Server features, each opening its dialog.
 */
import { useState } from 'react';
import type { AccountId, Result, ServerFeatures } from '../../app/shared/contract.ts';
import { AdministrationDialog, type AdministrationCommands } from './AdministrationDialog.tsx';
import { DirectorySearchDialog, type DirectoryCommands } from './DirectorySearchDialog.tsx';
import { MenuButton, type MenuEntry } from './MenuButton.tsx';
import { Modal } from './Modal.tsx';
import { ServerFeaturesView } from './ServerFeaturesView.tsx';
import { useT } from '../i18n/use-t.ts';

export interface ToolsCommands extends AdministrationCommands, DirectoryCommands {
  getServerFeatures(account: AccountId): Promise<Result<ServerFeatures>>;
}

type Dialog = 'directory' | 'administration' | 'features' | null;

export function ToolsMenu({ account, connected, canBlock, commands, onOpenBlocked }: {
  account: AccountId;
  /** The account has a session: the server's tools can be asked. */
  connected: boolean;
  /** The account's server supports blocking (Blocked contacts). */
  canBlock: boolean;
  commands: ToolsCommands;
  onOpenBlocked: () => void;
}) {
  const t = useT();
  const [dialog, setDialog] = useState<Dialog>(null);
  const entries: MenuEntry[] = connected
    ? [
        { label: t('Search directory'), run: () => setDialog('directory') },
        { label: t('Server administration'), run: () => setDialog('administration') },
        ...(canBlock ? [{ label: t('Blocked contacts'), run: onOpenBlocked }] : []),
        { label: t('Server features'), run: () => setDialog('features') },
      ]
    : [];
  const close = (): void => setDialog(null);
  return (
    <>
      {entries.length > 0 && <MenuButton label={t('Tools')} entries={entries} className="tools-menu" />}
      {dialog === 'directory' && <DirectorySearchDialog account={account} commands={commands} onClose={close} />}
      {dialog === 'administration' && <AdministrationDialog account={account} commands={commands} onClose={close} />}
      {dialog === 'features' && (
        <Modal title={t('Server features')} onClose={close}>
          <ServerFeaturesView account={account} load={commands.getServerFeatures} headingLevel={3} />
          <div className="form-actions">
            <button type="button" className="secondary" onClick={close}>
              {t('Close')}
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
