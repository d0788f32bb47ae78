/**
 * Server administration: the ad-hoc commands the server offers this account (XEP-0050; for an
 * administrator, XEP-0133 add user, delete user, change password, announce…), run step by step.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { AccountId, AdHocCommand, AdHocStep, AppError, DataFormValues, ExecuteCommandRequest, Result } from '../../app/shared/contract.ts';
import { DataFormView, initialValues } from './DataFormView.tsx';
import { ErrorAlert } from './ErrorDetails.tsx';
import { Modal } from './Modal.tsx';
import { useT } from '../i18n/use-t.ts';
import { t } from '../i18n/i18n.ts';

function actionWord(action: 'complete' | 'next' | 'prev'): string {
  switch (action) {
    case 'complete':
      return t('Finish');
    case 'next':
      return t('Next');
    case 'prev':
      return t('Back');
  }
}

/** What Server administration asks of the core (XEP-0050 ad-hoc commands). */
export interface AdministrationCommands {
  listCommands(account: AccountId): Promise<Result<readonly AdHocCommand[]>>;
  executeCommand(request: ExecuteCommandRequest): Promise<Result<AdHocStep>>;
}

export function AdministrationDialog({ account, commands: { listCommands, executeCommand }, onClose }: { account: AccountId; commands: AdministrationCommands; onClose: () => void }) {
  const t = useT();
  const [commands, setCommands] = useState<readonly AdHocCommand[] | null>(null);
  const [step, setStep] = useState<AdHocStep | null>(null);
  const [values, setValues] = useState<DataFormValues>({});
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    void listCommands(account).then((result) => {
      if (!current) return;
      if (result.ok) setCommands(result.value);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [account]);

  const show = (result: Result<AdHocStep>) => {
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setStep(result.value);
    setValues(result.value.form ? initialValues(result.value.form) : {});
  };

  const start = async (command: AdHocCommand) => {
    setBusy(true);
    show(await executeCommand({ account, jid: command.jid, node: command.node }));
  };

  const go = async (action: 'complete' | 'next' | 'prev' | 'cancel', event?: FormEvent) => {
    event?.preventDefault();
    if (step === null) return;
    setBusy(true);
    show(await executeCommand({ account, jid: step.jid, node: step.node, sessionId: step.sessionId, action, values }));
  };

  const finished = step !== null && step.status !== 'executing';
  const title = step === null ? t('Server administration') : (commands?.find((command) => command.node === step.node)?.name ?? t('Server administration'));
  return (
    <Modal title={title} onClose={onClose}>
      <ErrorAlert error={error} />
      {step === null && commands === null && error === null && <p className="note">{t('Asking the server which commands you may run…')}</p>}
      {step === null && commands !== null && (
        commands.length === 0 ? (
          <p className="note">{t('Your server offers this account no commands (administration is for its administrators).')}</p>
        ) : (
          <ul className="command-list" aria-label={t('Commands')}>
            {commands.map((command) => (
              <li key={`${command.jid} ${command.node}`}>
                <button type="button" className="secondary" disabled={busy} onClick={() => void start(command)}>
                  {command.name}
                </button>
              </li>
            ))}
          </ul>
        )
      )}
      {step !== null && (
        <>
          {step.notes.map((note, index) => (
            <p key={index} className={note.type === 'error' ? 'alert' : 'note'} role={note.type === 'error' ? 'alert' : 'status'}>
              {note.text}
            </p>
          ))}
          {finished && step.notes.length === 0 && <p role="status">{step.status === 'completed' ? t('Done.') : t('Cancelled.')}</p>}
          {step.form && step.status === 'executing' && (
            <form onSubmit={(event) => void go(step.actions.includes('complete') ? 'complete' : 'next', event)} noValidate>
              <DataFormView form={step.form} values={values} onChange={setValues} />
              <div className="form-actions">
                {step.actions.map((action) => (
                  <button key={action} type="button" className={action === 'prev' ? 'secondary' : 'primary'} disabled={busy} onClick={() => void go(action)}>
                    {actionWord(action)}
                  </button>
                ))}
                <button type="button" className="secondary" disabled={busy} onClick={() => void go('cancel')}>
                  {t('Cancel command')}
                </button>
              </div>
            </form>
          )}
          {finished && (
            <div className="form-actions">
              <button type="button" className="secondary" onClick={() => setStep(null)}>
                {t('Other commands')}
              </button>
            </div>
          )}
        </>
      )}
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onClose}>
          {t('Close')}
        </button>
      </div>
    </Modal>
  );
}
