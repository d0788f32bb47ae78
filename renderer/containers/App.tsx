/**
 * Chooses the screen: nothing until the core has said which accounts exist, the sign-in form while
 * there are none (and for Add account), the main screen otherwise.
 */
import { useT } from '../i18n/use-t.ts';
import { closeAddAccount } from '../state/actions.ts';
import { useAccountCount, useAdding, useLoaded, usePolicy } from '../state/hooks.ts';
import { PolicyProblem } from '../components/Managed.tsx';
import { MainScreen } from './MainScreen.tsx';
import { SignInScreenContainer } from './SignInScreenContainer.tsx';
import { OverlaysContainer } from './OverlaysContainer.tsx';
import { SettingsDialogContainer } from './SettingsDialogContainer.tsx';
import { XmppLinkDialogContainer } from './XmppLinkDialogContainer.tsx';

export function App() {
  const t = useT();
  const loaded = useLoaded();
  const count = useAccountCount();
  const adding = useAdding();
  const policy = usePolicy();
  if (!loaded) {
    return (
      <main className="loading" aria-busy="true">
        <p className="hint">{t('Loading…')}</p>
      </main>
    );
  }
  const screen = count === 0 ? <SignInScreenContainer /> : adding ? <SignInScreenContainer onCancel={closeAddAccount} /> : <MainScreen />;
  return (
    <>
      <PolicyProblem policy={policy} />
      {screen}
      <SettingsDialogContainer />
      {count > 0 && !adding && <OverlaysContainer />}
      <XmppLinkDialogContainer />
    </>
  );
}
