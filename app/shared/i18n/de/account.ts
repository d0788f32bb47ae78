/** German for the account screens: account settings, presence, automatic away, server features, the account list. */
export const account: Readonly<Record<string, string>> = {
  'Sign in to {{account}}': 'Bei {{account}} anmelden',
  'Automatic away': 'Automatisch abwesend',
  'Go away when I am idle': 'Abwesend, wenn ich inaktiv bin',
  'Away after (minutes)': 'Abwesend nach (Minuten)',
  'Extended away after (minutes)': 'Länger abwesend nach (Minuten)',
  'Your own choice of Away, Extended away or Do not disturb is never changed; Online comes back when you do.':
    'Ein selbst gewähltes „Abwesend“, „Länger abwesend“ oder „Bitte nicht stören“ wird nie geändert; „Online“ kehrt zurück, sobald Sie es tun.',
  'Save automatic away': 'Automatisch abwesend speichern',
  'Saved.': 'Gespeichert.',
  Accounts: 'Konten',
};
