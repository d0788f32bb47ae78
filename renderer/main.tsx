/** The renderer's entry: binds the store to `window.jabber` and mounts the app. */
import { StrictMode } from 'react';
import { t } from './i18n/i18n.ts';
import { createRoot } from 'react-dom/client';
import { getApi, hasApi } from './api.ts';
import { App } from './containers/App.tsx';
import { bindEvents } from './state/bind-events.ts';
import { bindShortcuts } from './state/shortcuts.ts';
import { bindColorScheme } from './state/color-scheme.ts';
import { bindLanguage } from './state/language.ts';

function MissingHost() {
  return (
    <main className="fatal" role="alert">
      <h1>{t('Jabber Desk cannot start')}</h1>
      <p>{t('This page was opened without the Jabber Desk application behind it, so it cannot connect. Start Jabber Desk and open it from there.')}</p>
    </main>
  );
}

// The light or dark palette, from the first frame on.
bindColorScheme();
// The interface's language (Settings, else the system's), from the first frame on.
bindLanguage();

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const root = createRoot(container);

if (hasApi()) {
  bindEvents(getApi());
  bindShortcuts();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  root.render(<MissingHost />);
}
