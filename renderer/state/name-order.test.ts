// Names are ordered in the interface's language, not the system's default locale (issue 11 item 6).
// English and German order letters alike (ä next to a), so what is checked is the collator's language:
// with a collator built without a locale, one of the two languages below would read the default one.
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n.ts';
import { createContactGrouper } from './contacts-derive.ts';
import { nameOrder, sortContacts } from './derive.ts';
import { conversationOrder, switcherEntries } from './shortcuts.ts';
import { initialState } from './model.ts';
import { contact } from './test-data.ts';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('the order of names', () => {
  it('follows the interface language, one collator per language', async () => {
    await i18n.changeLanguage('de');
    const german = nameOrder();
    expect(german.resolvedOptions().locale).toBe('de');
    expect(nameOrder()).toBe(german);
    await i18n.changeLanguage('en');
    expect(nameOrder().resolvedOptions().locale).toBe('en');
    expect(nameOrder()).not.toBe(german);
  });

  it('sorts contacts ignoring case and accents, numbers by value, in either language', async () => {
    const names = ['Zoë', 'ärger', 'Apfel', 'Employee 10', 'Employee 9', 'Öl', 'oma'];
    const expected = ['Apfel', 'ärger', 'Employee 9', 'Employee 10', 'Öl', 'oma', 'Zoë'];
    for (const language of ['de', 'en']) {
      await i18n.changeLanguage(language);
      expect(sortContacts(names.map((name, i) => contact(`u${i}@x.org`, name))).map((c) => c.name)).toEqual(expected);
    }
  });

  it('orders the roster groups again when the language changes', async () => {
    const grouper = createContactGrouper();
    const roster = {
      'a@x.org': { ...contact('a@x.org', 'A'), groups: ['Zoo'] },
      'b@x.org': { ...contact('b@x.org', 'B'), groups: ['Ärzte'] },
      'c@x.org': { ...contact('c@x.org', 'C'), groups: ['arbeit'] },
    };
    await i18n.changeLanguage('de');
    const german = grouper(roster, '');
    expect(german.map((view) => view.group)).toEqual(['arbeit', 'Ärzte', 'Zoo']);
    await i18n.changeLanguage('en');
    const english = grouper(roster, '');
    // Same order for these two languages, but worked out again rather than kept from German.
    expect(english).not.toBe(german);
    expect(english.map((view) => view.group)).toEqual(['arbeit', 'Ärzte', 'Zoo']);
  });

  it('orders the quick switcher and conversations with the same collator', async () => {
    await i18n.changeLanguage('de');
    const state = {
      ...initialState,
      contacts: { 'me@x.org': { 'z@x.org': contact('z@x.org', 'Zora'), 'o@x.org': contact('o@x.org', 'Öztürk'), 'a@x.org': contact('a@x.org', 'anna') } },
    };
    expect(switcherEntries(state, '').map((entry) => entry.name)).toEqual(['anna', 'Öztürk', 'Zora']);
    expect(conversationOrder({ ...state, active: null })).toEqual([]);
  });
});
