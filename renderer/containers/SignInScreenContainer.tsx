/** The sign-in form, with the store's sign-in state. */
import type { AccountId } from '../../app/shared/contract.ts';
import { SignInScreen } from '../components/SignInScreen.tsx';
import { usePolicy, useSignIn } from '../state/hooks.ts';
import { signInCommands } from './commands.ts';

export function SignInScreenContainer({ onCancel }: { onCancel?: (pending: AccountId | null) => void }) {
  const { signingIn, signInError } = useSignIn();
  const policy = usePolicy();
  return <SignInScreen signingIn={signingIn} signInError={signInError} commands={signInCommands} policy={policy} {...(onCancel !== undefined ? { onCancel } : {})} />;
}
