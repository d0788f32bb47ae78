/** German for errors and the certificate they may carry. */
export const errors: Readonly<Record<string, string>> = {
  'Untrusted certificate': 'Nicht vertrauenswürdiges Zertifikat',
  'The server’s certificate is not trusted: {{reason}}. Trust it only if your administrator confirms this fingerprint.':
    'Dem Zertifikat des Servers wird nicht vertraut: {{reason}}. Vertrauen Sie ihm nur, wenn Ihr Administrator diesen Fingerabdruck bestätigt.',
  'Issued to': 'Ausgestellt für',
  'Issued by': 'Ausgestellt von',
  Valid: 'Gültig',
  '{{from}} to {{to}}': '{{from}} bis {{to}}',
  'SHA-256 fingerprint': 'SHA-256-Fingerabdruck',
  'Trust this certificate': 'Diesem Zertifikat vertrauen',
  Subject: 'Inhaber',
  Issuer: 'Aussteller',
  Reason: 'Grund',
};
