// Main's language and the spell checker: which dictionaries to set, the context menu for a right click, the tray in German.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { AppSettings, EventEnvelope } from '../app/shared/contract.ts';
import { translator } from '../app/shared/i18n/translate.ts';
import { DEFAULT_APP_SETTINGS } from '../app/shared/settings.ts';
import { contextMenuTemplate, followLanguage, mainLanguage, spellCheckerLanguages, type MenuParams } from './language.ts';
import { applicationMenuTemplate } from './menu-template.ts';
import { trayMenuTemplate, trayTooltip } from './tray.ts';

const AVAILABLE = ['af', 'de-DE', 'en-AU', 'en-GB', 'en-US', 'fr'];
const de = translator('de');
const en = translator('en');

describe('the language main speaks', () => {
  it('is the chosen one, else the first of the system languages we have', () => {
    expect(mainLanguage({ language: 'de' }, ['en-US'])).toBe('de');
    expect(mainLanguage({ language: 'system' }, ['fr-FR', 'de-CH'])).toBe('de');
    expect(mainLanguage({}, ['fr-FR'])).toBe('en');
  });

  it('translates with placeholders and plural forms in both languages', () => {
    expect(de('Jabber Desk: {{status}} — {{count}} unread messages', { status: 'Online', count: 1 })).toBe('Jabber Desk: Online — 1 ungelesene Nachricht');
    expect(de('Jabber Desk: {{status}} — {{count}} unread messages', { status: 'Online', count: 3 })).toBe('Jabber Desk: Online — 3 ungelesene Nachrichten');
    expect(en('Jabber Desk: {{status}} — {{count}} unread messages', { status: 'Away', count: 1 })).toBe('Jabber Desk: Away — 1 unread message');
    expect(de('A text nobody translated')).toBe('A text nobody translated');
  });

  it('shows the tray and the application menu in German', () => {
    const actions = { show: () => {}, setStatus: () => {}, signOut: () => {}, quit: () => {} };
    const labels = (template: MenuItemConstructorOptions[]) => template.filter((item) => item.type !== 'separator').map((item) => item.label);
    expect(labels(trayMenuTemplate({ status: 'online', unread: 0, invisibleSupported: true, signedIn: true }, actions, de))).toEqual([
      'Jabber Desk anzeigen', 'Online', 'Abwesend', 'Bitte nicht stören', 'Unsichtbar', 'Abmelden', 'Beenden',
    ]);
    expect(trayTooltip({ status: 'dnd', unread: 2, invisibleSupported: false, signedIn: true }, de)).toBe('Jabber Desk: Bitte nicht stören — 2 ungelesene Nachrichten');
    expect(labels(applicationMenuTemplate({ isMac: false, isDevelopment: false }, de))).toEqual(['Datei', 'Bearbeiten', 'Ansicht', 'Fenster']);
  });
});

describe('the spell checker languages', () => {
  it('sets the dictionary of the interface language, a chosen one, or none', () => {
    expect(spellCheckerLanguages({}, 'de', AVAILABLE)).toEqual(['de-DE']);
    expect(spellCheckerLanguages({ spellCheck: 'interface' }, 'en', AVAILABLE)).toEqual(['en-US']);
    expect(spellCheckerLanguages({ spellCheck: 'en' }, 'de', AVAILABLE, ['en-GB', 'de-DE'])).toEqual(['en-GB']);
    expect(spellCheckerLanguages({ spellCheck: 'off' }, 'de', AVAILABLE)).toEqual([]);
  });

  it('sets only dictionaries the session has', () => {
    expect(spellCheckerLanguages({ spellCheck: 'de' }, 'en', ['en-US', 'fr'])).toEqual([]);
    expect(spellCheckerLanguages({ spellCheck: 'de' }, 'en', ['de-AT'])).toEqual(['de-AT']);
  });

  it('follows the settings: languages set, the checker off, menus rebuilt on a language change', async () => {
    const calls: string[] = [];
    let listener: ((envelope: EventEnvelope) => void) | null = null;
    const service = {
      subscribe: (next: (envelope: EventEnvelope) => void) => {
        listener = next;
        return () => undefined;
      },
      getAppSettings: async () => ({ ok: true as const, value: { ...DEFAULT_APP_SETTINGS, language: 'de' } as AppSettings }),
    };
    const followed = followLanguage(service, {
      session: {
        availableSpellCheckerLanguages: AVAILABLE,
        setSpellCheckerLanguages: (languages: string[]) => void calls.push(`languages ${languages.join()}`),
        setSpellCheckerEnabled: (enabled: boolean) => void calls.push(`enabled ${enabled}`),
      },
      preferredSystemLanguages: () => ['en-US'],
      platform: 'linux',
      onLanguage: (language) => void calls.push(`language ${language}`),
    });
    expect(followed.language).toBe('en');
    await followed.loaded;
    expect(followed.language).toBe('de');
    expect(followed.t('Quit')).toBe('Beenden');
    expect(calls).toEqual(['enabled true', 'languages de-DE', 'language de']);
    calls.length = 0;
    (listener as unknown as (envelope: EventEnvelope) => void)({ event: 'onAppSettings', payload: { ...DEFAULT_APP_SETTINGS, language: 'de', spellCheck: 'off' } } as EventEnvelope);
    expect(calls).toEqual(['enabled false']);
  });
});

describe('the context menu', () => {
  const params = (change: Partial<MenuParams>): MenuParams => ({
    misspelledWord: '',
    dictionarySuggestions: [],
    isEditable: true,
    selectionText: '',
    editFlags: { canCut: false, canCopy: false, canPaste: true, canUndo: false, canRedo: false, canDelete: false, canSelectAll: true, canEditRichly: false },
    ...change,
  });

  it('offers the suggestions for a misspelled word and adds it to the dictionary, then Cut/Copy/Paste, in German', () => {
    const done: string[] = [];
    const template = contextMenuTemplate(params({ misspelledWord: 'Hallo0', dictionarySuggestions: ['Hallo', 'Halo'] }), de, {
      replaceMisspelling: (word) => void done.push(`replace ${word}`),
      addToDictionary: (word) => void done.push(`add ${word}`),
    });
    expect(template.map((item) => item.label ?? item.type)).toEqual(['Hallo', 'Halo', 'Zum Wörterbuch hinzufügen', 'separator', 'Ausschneiden', 'Kopieren', 'Einfügen']);
    expect(template.filter((item) => item.role !== undefined).map((item) => [item.role, item.enabled])).toEqual([['cut', false], ['copy', false], ['paste', true]]);
    for (const item of template) (item.click as (() => void) | undefined)?.();
    expect(done).toEqual(['replace Hallo', 'replace Halo', 'add Hallo0']);
  });

  it('says when there is no suggestion, offers Copy only on selected text, and nothing elsewhere', () => {
    const actions = { replaceMisspelling: () => {}, addToDictionary: () => {} };
    expect(contextMenuTemplate(params({ misspelledWord: 'xqzt' }), en, actions)[0]).toEqual({ label: 'No spelling suggestions', enabled: false });
    expect(contextMenuTemplate(params({ isEditable: false, selectionText: 'some text' }), en, actions).map((item) => item.label)).toEqual(['Copy']);
    expect(contextMenuTemplate(params({ isEditable: false }), en, actions)).toEqual([]);
  });
});
