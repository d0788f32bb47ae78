// The language follows the system where we have it; text falls back to its English key.
import { describe, expect, it } from 'vitest';
import { i18n, languageFor, t } from './i18n.ts';

describe('languages', () => {
  it('follows the system language where it has it, English otherwise', () => {
    expect(languageFor('system', ['de-AT', 'en'])).toBe('de');
    expect(languageFor('system', ['fr-FR', 'en-GB'])).toBe('en');
    expect(languageFor('system', ['fr'])).toBe('en');
    expect(languageFor('de', ['en-US'])).toBe('de');
  });

  it('translates, and falls back to the English key', async () => {
    await i18n.changeLanguage('de');
    expect(t('Cancel')).toBe('Abbrechen');
    expect(t('A text nobody translated')).toBe('A text nobody translated');
    await i18n.changeLanguage('en');
    expect(t('Cancel')).toBe('Cancel');
  });

  it('tells one English word with two meanings apart by its context', async () => {
    await i18n.changeLanguage('de');
    expect(t('Subject', { context: 'certificate' })).toBe('Inhaber');
    expect(t('Subject')).toBe('Thema');
    await i18n.changeLanguage('en');
    expect(t('Subject', { context: 'certificate' })).toBe('Subject');
  });
});
