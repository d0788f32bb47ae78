// The interface's language follows the settings as they load and change; the spell checker follows too.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS } from '../../app/shared/settings.ts';
import { currentLanguage, i18n, t } from '../i18n/i18n.ts';
import { formatFullTime } from '../text/time.ts';
import { bindLanguage, spellCheckAttributes } from './language.ts';
import { useSettingsStore } from './settings.ts';

afterEach(async () => {
  useSettingsStore.setState({ settings: DEFAULT_APP_SETTINGS });
  await i18n.changeLanguage('en');
});

describe('the language binding', () => {
  it('switches the interface language when the settings load or change, and back', () => {
    const root = { spellcheck: true } as HTMLElement;
    const unbind = bindLanguage(root);
    expect(currentLanguage()).toBe('en'); // "system" under Node: no navigator languages we have
    useSettingsStore.setState({ settings: { ...DEFAULT_APP_SETTINGS, language: 'de' } });
    expect(currentLanguage()).toBe('de');
    expect(t('Settings')).toBe('Einstellungen');
    expect(formatFullTime(Date.UTC(2026, 2, 5, 12))).toMatch(/Donnerstag, 5\. März 2026/u);
    useSettingsStore.setState({ settings: { ...DEFAULT_APP_SETTINGS, language: 'de', spellCheck: 'off' } });
    expect(root.spellcheck).toBe(false);
    useSettingsStore.setState({ settings: { ...DEFAULT_APP_SETTINGS, language: 'en' } });
    expect(currentLanguage()).toBe('en');
    expect(root.spellcheck).toBe(true);
    expect(formatFullTime(Date.UTC(2026, 2, 5, 12))).toMatch(/Thursday, March 5, 2026/u);
    unbind();
    useSettingsStore.setState({ settings: { ...DEFAULT_APP_SETTINGS, language: 'de' } });
    expect(currentLanguage()).toBe('en');
  });

  it('spell-checks in the interface language, a chosen one, or not at all', () => {
    expect(spellCheckAttributes({}, 'de')).toEqual({ spellCheck: true, lang: 'de' });
    expect(spellCheckAttributes({ spellCheck: 'en' }, 'de')).toEqual({ spellCheck: true, lang: 'en' });
    expect(spellCheckAttributes({ spellCheck: 'off' }, 'de')).toEqual({ spellCheck: false, lang: 'de' });
  });
});

describe('error texts', () => {
  it('shows the core’s message in German where it has German, as it came otherwise', async () => {
    const { errorText } = await import('../text/error-text.ts');
    await i18n.changeLanguage('de');
    expect(errorText({ message: 'Sign-in was cancelled.' })).toBe('Die Anmeldung wurde abgebrochen.');
    expect(errorText({ message: 'Something the server said {{x}}' })).toBe('Something the server said {{x}}');
    await i18n.changeLanguage('en');
    expect(errorText({ message: 'Sign-in was cancelled.' })).toBe('Sign-in was cancelled.');
  });
});
