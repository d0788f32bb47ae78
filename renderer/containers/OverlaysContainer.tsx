/** What the keyboard shortcuts open over the app: the quick switcher and the shortcut help. */
import { QuickSwitcher, ShortcutHelp } from '../components/QuickSwitcher.tsx';
import { closeOverlay, goToConversation, SHORTCUTS, switcherEntries, useOverlay } from '../state/shortcuts.ts';
import { useJabberStore } from '../state/store.ts';

export function OverlaysContainer() {
  const overlay = useOverlay();
  const several = useJabberStore((state) => state.accounts.length > 1);
  if (overlay === 'help') return <ShortcutHelp shortcuts={SHORTCUTS} onClose={closeOverlay} />;
  if (overlay === 'quick-switcher') {
    return <QuickSwitcher entriesFor={(query) => switcherEntries(useJabberStore.getState(), query)} several={several} onOpen={goToConversation} onClose={closeOverlay} />;
  }
  return null;
}
