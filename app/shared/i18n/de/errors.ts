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
  // A certificate's subject: t('Subject', { context: 'certificate' }) (a room's subject is 'Thema').
  Subject_certificate: 'Inhaber',
  Issuer: 'Aussteller',
  Reason: 'Grund',
  // The core's messages (app/core), shown through renderer/text/error-text.ts.
  'Enter a Jabber ID and a password.': 'Geben Sie eine Jabber-ID und ein Passwort ein.',
  'Enter the new password.': 'Geben Sie das neue Passwort ein.',
  'Sign-in was cancelled.': 'Die Anmeldung wurde abgebrochen.',
  'Jabber Desk is shutting down.': 'Jabber Desk wird beendet.',
  'The server must be a host name or an IP address.': 'Der Server muss ein Hostname oder eine IP-Adresse sein.',
  'The new password is too long.': 'Das neue Passwort ist zu lang.',
  'The proxy password is not valid.': 'Das Proxy-Passwort ist ungültig.',
  'The proxy needs a type (SOCKS5 or HTTP), a server name and a port from 1 to 65535.': 'Der Proxy braucht einen Typ (SOCKS5 oder HTTP), einen Servernamen und einen Port von 1 bis 65535.',
  'Paste the certificate in PEM form (-----BEGIN CERTIFICATE----- …).': 'Fügen Sie das Zertifikat im PEM-Format ein (-----BEGIN CERTIFICATE----- …).',
  'This is not a certificate in PEM form (-----BEGIN CERTIFICATE----- …).': 'Dies ist kein Zertifikat im PEM-Format (-----BEGIN CERTIFICATE----- …).',
  'The certificate could not be read: it is damaged or incomplete.': 'Das Zertifikat konnte nicht gelesen werden: Es ist beschädigt oder unvollständig.',
  'Only the certificate this account was just refused with can be trusted. Sign in again to see it.':
    'Nur dem Zertifikat, mit dem dieses Konto gerade abgelehnt wurde, kann vertraut werden. Melden Sie sich erneut an, um es zu sehen.',
  'This browser cannot show notifications.': 'Dieser Browser kann keine Benachrichtigungen anzeigen.',
  'Notifications are blocked for this page: allow them in the browser to be told of new messages.':
    'Benachrichtigungen sind für diese Seite blockiert: Erlauben Sie sie im Browser, um über neue Nachrichten informiert zu werden.',
};
