/** German for the Tools menu and its dialogs (directory, administration, data forms), the quick switcher and shortcut help. */
export const tools: Readonly<Record<string, string>> = {
  Tools: 'Werkzeuge',
  'Search directory': 'Verzeichnis durchsuchen',
  'Server administration': 'Serververwaltung',
  'Server features': 'Serverfunktionen',
  // Directory search
  'Asking {{server}} for its directory…': 'Verzeichnis wird bei {{server}} angefragt…',
  Search: 'Suchen',
  'Nobody found': 'Niemand gefunden',
  '{{count}} found_one': '{{count}} gefunden',
  '{{count}} found_other': '{{count}} gefunden',
  'Directory results': 'Verzeichnisergebnisse',
  'Request sent': 'Anfrage gesendet',
  'Add {{name}} as a contact': '{{name}} als Kontakt hinzufügen',
  // Administration (ad-hoc commands)
  Finish: 'Fertigstellen',
  Next: 'Weiter',
  'Asking the server which commands you may run…': 'Der Server wird gefragt, welche Befehle Sie ausführen dürfen…',
  'Your server offers this account no commands (administration is for its administrators).':
    'Ihr Server bietet diesem Konto keine Befehle an (die Verwaltung ist seinen Administratoren vorbehalten).',
  Commands: 'Befehle',
  'Done.': 'Erledigt.',
  'Cancelled.': 'Abgebrochen.',
  'Cancel command': 'Befehl abbrechen',
  'Other commands': 'Andere Befehle',
  // Data forms
  '{{label}} (required)': '{{label}} (erforderlich)',
  // Quick switcher and shortcut help
  'Quick switcher': 'Schnellwechsel',
  'Go to': 'Wechseln zu',
  'Name or address': 'Name oder Adresse',
  'Contacts and conversations': 'Kontakte und Gespräche',
  'No contact or conversation matches.': 'Kein Kontakt und kein Gespräch passt.',
  'Keyboard shortcuts': 'Tastenkürzel',
};
