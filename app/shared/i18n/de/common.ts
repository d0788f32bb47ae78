/** German for text used all over the app. */
export const common: Readonly<Record<string, string>> = {
  Cancel: 'Abbrechen',
  Close: 'Schließen',
  Save: 'Speichern',
  OK: 'OK',
};
