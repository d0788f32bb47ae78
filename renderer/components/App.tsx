/** Chooses the screen: the main screen while a session exists, the sign-in screen otherwise. */
import { useAccount, useConnection } from '../state/hooks.ts';
import { MainScreen } from './MainScreen.tsx';
import { SignInScreen } from './SignInScreen.tsx';

export function App() {
  const { status } = useConnection();
  const account = useAccount();
  const inSession = status === 'connected' || (account !== null && status !== 'disconnected');
  return inSession ? <MainScreen /> : <SignInScreen />;
}
