/**
 * Managed deployment in the UI (app/shared/policy.ts): the note beside every setting the organisation's policy
 * locks, and the alert shown while its policy file cannot be used.
 */
import type { PolicyState } from '../../app/shared/policy.ts';
import { useT } from '../i18n/use-t.ts';
import { errorText } from '../text/error-text.ts';

/** "Managed by your organisation", to be named by the locked field's aria-describedby. */
export function ManagedNote({ id, detail }: { id?: string; detail?: string }) {
  const t = useT();
  return (
    <span className="managed-note" id={id}>
      {t('Managed by your organisation')}
      {detail !== undefined ? `: ${detail}` : ''}
    </span>
  );
}

/** Shown on every screen while the policy file is invalid (nothing signs in until it is fixed). */
export function PolicyProblem({ policy }: { policy: PolicyState | undefined }) {
  if (policy?.state !== 'invalid') return null;
  return (
    <div className="alert policy-problem" role="alert">
      <p className="alert-message">{errorText(policy)}</p>
    </div>
  );
}
