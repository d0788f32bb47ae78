/** German for files in conversations: attaching, uploads, file cards. */
export const files: Readonly<Record<string, string>> = {
  'Attach file': 'Datei anhängen',
  'Your server offers no file upload.': 'Ihr Server bietet kein Hochladen von Dateien an.',
  'Files of any size.': 'Dateien jeder Größe.',
  'Files up to {{size}}.': 'Dateien bis {{size}}.',
  'The file was not sent.': 'Die Datei wurde nicht gesendet.',
  Failed: 'Fehlgeschlagen',
  '{{percent}}% of {{size}}': '{{percent}} % von {{size}}',
  'The upload failed.': 'Das Hochladen ist fehlgeschlagen.',
  Retry: 'Erneut versuchen',
  'Unknown type': 'Unbekannter Typ',
  'File {{name}}': 'Datei {{name}}',
  Show: 'Anzeigen',
  Download: 'Herunterladen',
  '{{count}} bytes_one': '{{count}} Byte',
  '{{count}} bytes_other': '{{count}} Byte',
};
