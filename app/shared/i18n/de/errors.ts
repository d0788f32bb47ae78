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
  // The core's other fixed messages (scripts/translations.test.ts finds them in app/).
  'Say which account this is for.': 'Geben Sie an, für welches Konto das gilt.',
  'A certificate is named by its SHA-256 fingerprint (colon-separated uppercase hex).':
    'Ein Zertifikat wird durch seinen SHA-256-Fingerabdruck angegeben (Hexadezimal in Großbuchstaben, durch Doppelpunkte getrennt).',
  'The access token is not valid.': 'Das Zugangstoken ist ungültig.',
  'rememberPassword must be true or false.': 'rememberPassword muss true oder false sein.',
  'createOnServer must be true or false.': 'createOnServer muss true oder false sein.',
  'Say which account to sign in.': 'Geben Sie an, welches Konto angemeldet werden soll.',
  'enabled must be true or false.': 'enabled muss true oder false sein.',
  'Choose Online, Away, Do not disturb or Extended away.': 'Wählen Sie Online, Abwesend, Bitte nicht stören oder Länger abwesend.',
  'A message needs a recipient and a text.': 'Eine Nachricht braucht einen Empfänger und einen Text.',
  'The message is empty.': 'Die Nachricht ist leer.',
  'Say which message (its id).': 'Geben Sie an, welche Nachricht gemeint ist (ihre ID).',
  'A correction needs the message and its new text.': 'Eine Korrektur braucht die Nachricht und ihren neuen Text.',
  'Say which message to retract.': 'Geben Sie an, welche Nachricht zurückgezogen werden soll.',
  'A chat state is active, composing, paused or inactive.': 'Ein Chat-Status ist active, composing, paused oder inactive.',
  'Say which conversation was read.': 'Geben Sie an, welche Unterhaltung gelesen wurde.',
  'sendMarker is true or false.': 'sendMarker ist true oder false.',
  'Say which account to reconnect, or none for all.': 'Geben Sie an, welches Konto neu verbunden werden soll, oder keines für alle.',
  'Only your own messages can be corrected.': 'Nur Ihre eigenen Nachrichten können korrigiert werden.',
  'A retracted message cannot be corrected.': 'Eine zurückgezogene Nachricht kann nicht korrigiert werden.',
  'The message could not be corrected.': 'Die Nachricht konnte nicht korrigiert werden.',
  'Only your own messages can be retracted.': 'Nur Ihre eigenen Nachrichten können zurückgezogen werden.',
  'The message could not be retracted.': 'Die Nachricht konnte nicht zurückgezogen werden.',
  'Say which authority to remove (its SHA-256 fingerprint).': 'Geben Sie an, welche Zertifizierungsstelle entfernt werden soll (ihren SHA-256-Fingerabdruck).',
  'Say whether the app is in use (active: true or false).': 'Geben Sie an, ob die App benutzt wird (active: true oder false).',
  'This certificate is not a certificate authority (it cannot sign server certificates). Trust a server’s own certificate from the prompt shown when signing in.':
    'Dieses Zertifikat ist keine Zertifizierungsstelle (es kann keine Serverzertifikate signieren). Vertrauen Sie dem eigenen Zertifikat eines Servers über die Abfrage, die beim Anmelden erscheint.',
  'This user name is already taken on the server. Choose another one.': 'Dieser Benutzername ist auf dem Server bereits vergeben. Wählen Sie einen anderen.',
  'The server did not accept this user name or password (it may be too short or contain characters it does not allow).':
    'Der Server hat diesen Benutzernamen oder dieses Passwort nicht akzeptiert (vielleicht zu kurz oder mit Zeichen, die er nicht erlaubt).',
  'The server does not allow creating accounts from here, or not this often. Ask its administrator, or try again later.':
    'Der Server erlaubt es nicht, von hier aus oder so oft Konten anzulegen. Fragen Sie seinen Administrator oder versuchen Sie es später erneut.',
  'The server is too busy to create accounts right now. Try again later.':
    'Der Server ist gerade zu ausgelastet, um Konten anzulegen. Versuchen Sie es später erneut.',
  'This server does not allow creating accounts in the app. Create one on its website or ask its administrator.':
    'Dieser Server erlaubt es nicht, in der App Konten anzulegen. Legen Sie eines auf seiner Website an oder fragen Sie seinen Administrator.',
  'The server rejected the registration request.': 'Der Server hat die Registrierungsanfrage abgelehnt.',
  'The server refused to change the password: you are not allowed to.': 'Der Server hat die Änderung des Passworts abgelehnt: Sie dürfen das nicht.',
  'The server says it supports binding the sign-in to this encrypted connection, but the sign-in methods that do so were missing from its list. Someone may be intercepting the connection (a man-in-the-middle) and removed them, so signing in was stopped before your password was used. Try again from another network, and tell the server administrator.':
    'Der Server gibt an, die Anmeldung an diese verschlüsselte Verbindung binden zu können, aber die Anmeldeverfahren, die das tun, fehlten in seiner Liste. Möglicherweise fängt jemand die Verbindung ab (ein Man-in-the-Middle) und hat sie entfernt; daher wurde die Anmeldung abgebrochen, bevor Ihr Passwort verwendet wurde. Versuchen Sie es aus einem anderen Netzwerk erneut und informieren Sie den Serveradministrator.',
  'This server does not accept signing in with a token (X-OAUTH2). Sign in with your password instead.':
    'Dieser Server akzeptiert keine Anmeldung mit einem Token (X-OAUTH2). Melden Sie sich stattdessen mit Ihrem Passwort an.',
  'The server accepted the saved sign-in token but could not prove it knows it: it may be an impostor. Signing in was stopped.':
    'Der Server hat das gespeicherte Anmeldetoken akzeptiert, konnte aber nicht nachweisen, dass er es kennt: Es könnte ein Betrüger sein. Die Anmeldung wurde abgebrochen.',
  'The server no longer accepts this device\'s saved sign-in. Enter your password to sign in again.':
    'Der Server akzeptiert die gespeicherte Anmeldung dieses Geräts nicht mehr. Geben Sie Ihr Passwort ein, um sich erneut anzumelden.',
  'The server did not answer a request in time.': 'Der Server hat auf eine Anfrage nicht rechtzeitig geantwortet.',
  'The connection ended before the server answered.': 'Die Verbindung wurde beendet, bevor der Server geantwortet hat.',
  'The connection is down.': 'Die Verbindung ist unterbrochen.',
  'You are offline; this needs a connection.': 'Sie sind offline; dafür ist eine Verbindung nötig.',
  'You are offline; sign in again to change your contacts.': 'Sie sind offline; melden Sie sich erneut an, um Ihre Kontakte zu ändern.',
  'You are offline; group chat needs a connection.': 'Sie sind offline; Gruppenchats brauchen eine Verbindung.',
  'The server acknowledged messages it never received.': 'Der Server hat Nachrichten bestätigt, die er nie erhalten hat.',
  'No XMPP transport is registered.': 'Es ist kein XMPP-Transport registriert.',
  'The server did not offer resource binding.': 'Der Server hat keine Ressourcenbindung angeboten.',
  'The server did not assign a resource.': 'Der Server hat keine Ressource zugewiesen.',
  'The server resumed the session with an invalid count.': 'Der Server hat die Sitzung mit einem ungültigen Zähler fortgesetzt.',
  'The server closed the connection during sign-in.': 'Der Server hat die Verbindung während der Anmeldung geschlossen.',
  'Data was slipped into the connection after the server agreed to encrypt it and before it was encrypted. Someone on the network may be tampering with it, so the connection was closed and none of that data was used.':
    'In die Verbindung wurden Daten eingeschleust, nachdem der Server der Verschlüsselung zugestimmt hatte und bevor sie verschlüsselt war. Möglicherweise manipuliert jemand im Netzwerk die Verbindung; daher wurde sie geschlossen und keine dieser Daten verwendet.',
  'The window lost its connection to the Jabber Desk core. Restart Jabber Desk.':
    'Das Fenster hat die Verbindung zum Kern von Jabber Desk verloren. Starten Sie Jabber Desk neu.',
  'The connection to the Jabber Desk host was lost. Is `npm run web` still running? Reload the page to reconnect.':
    'Die Verbindung zum Jabber-Desk-Host wurde unterbrochen. Läuft `npm run web` noch? Laden Sie die Seite neu, um sich wieder zu verbinden.',
  'Not connected to the Jabber Desk host. Reload the page.': 'Keine Verbindung zum Jabber-Desk-Host. Laden Sie die Seite neu.',
  'This browser cannot save files.': 'Dieser Browser kann keine Dateien speichern.',
  'The core of Jabber Desk is restarting after it stopped unexpectedly; try again in a moment.':
    'Der Kern von Jabber Desk wird nach einem unerwarteten Abbruch neu gestartet; versuchen Sie es gleich noch einmal.',
  'The core of Jabber Desk stopped unexpectedly and was not restarted; quit and start Jabber Desk again.':
    'Der Kern von Jabber Desk wurde unerwartet beendet und nicht neu gestartet; beenden Sie Jabber Desk und starten Sie es erneut.',
  'Your server does not support blocking (XEP-0191).': 'Ihr Server unterstützt kein Blockieren (XEP-0191).',
  'You cannot block your own server.': 'Sie können Ihren eigenen Server nicht blockieren.',
  'Say which account and contact this is for.': 'Geben Sie an, für welches Konto und welchen Kontakt das gilt.',
  'That is your own Jabber ID: you cannot add yourself as a contact.': 'Das ist Ihre eigene Jabber-ID: Sie können sich nicht selbst als Kontakt hinzufügen.',
  'The name must be text.': 'Der Name muss Text sein.',
  'A name may not contain control characters.': 'Ein Name darf keine Steuerzeichen enthalten.',
  'Groups must be a list of names.': 'Gruppen müssen eine Liste von Namen sein.',
  'Give a new name or a new list of groups.': 'Geben Sie einen neuen Namen oder eine neue Liste von Gruppen an.',
  'subscribeBack must be true or false.': 'subscribeBack muss true oder false sein.',
  'Your server does not offer invisibility (XEP-0186): choose another status.':
    'Ihr Server bietet keine Unsichtbarkeit an (XEP-0186): Wählen Sie einen anderen Status.',
  'Say which status message to forget.': 'Geben Sie an, welche Statusnachricht vergessen werden soll.',
  'Report idle time as a number of seconds (0 or more).': 'Geben Sie die Inaktivitätszeit als Anzahl Sekunden an (0 oder mehr).',
  'Say where the idle time comes from: system or activity.': 'Geben Sie an, woher die Inaktivitätszeit stammt: system oder activity.',
  'Say whether to be invisible (true or false).': 'Geben Sie an, ob Sie unsichtbar sein möchten (true oder false).',
  'Say whose profile to show (a Jabber ID).': 'Geben Sie an, wessen Profil angezeigt werden soll (eine Jabber-ID).',
  'Give the profile to save.': 'Geben Sie das zu speichernde Profil an.',
  'An avatar is published as PNG or JPEG.': 'Ein Avatar wird als PNG oder JPEG veröffentlicht.',
  'The form values must be lists of text by field name.': 'Die Formularwerte müssen Textlisten je Feldname sein.',
  'Say which account searches, and what.': 'Geben Sie an, welches Konto sucht und wonach.',
  'Open the directory search again: its form is not known yet.': 'Öffnen Sie die Verzeichnissuche erneut: Ihr Formular ist noch nicht bekannt.',
  'Say which account asks.': 'Geben Sie an, welches Konto fragt.',
  'Say which command to run.': 'Geben Sie an, welcher Befehl ausgeführt werden soll.',
  'A command goes on with execute, next, prev, complete or cancel.': 'Ein Befehl wird mit execute, next, prev, complete oder cancel fortgesetzt.',
  'That command session is not valid.': 'Diese Befehlssitzung ist ungültig.',
  'That command is over, or was never started here: start it again.': 'Dieser Befehl ist beendet oder wurde hier nie gestartet: Starten Sie ihn erneut.',
  'Fill in at least one field with two characters or more.': 'Füllen Sie mindestens ein Feld mit zwei oder mehr Zeichen aus.',
  'That position is not in this conversation’s history: open the conversation again.':
    'Diese Position ist nicht im Verlauf dieser Unterhaltung: Öffnen Sie die Unterhaltung erneut.',
  'Say which conversation (the Jabber ID of the other party).': 'Geben Sie an, welche Unterhaltung gemeint ist (die Jabber-ID des Gegenübers).',
  'Say which conversation to load.': 'Geben Sie an, welche Unterhaltung geladen werden soll.',
  'Give at most one of before, after and around.': 'Geben Sie höchstens eines von before, after und around an.',
  'Type the words to search for.': 'Geben Sie die Suchbegriffe ein.',
  'Choose a nickname (not empty, no "/").': 'Wählen Sie einen Spitznamen (nicht leer, ohne „/“).',
  'Your server has no group chat service.': 'Ihr Server hat keinen Gruppenchat-Dienst.',
  'A nickname change is already under way.': 'Eine Änderung des Spitznamens läuft bereits.',
  'The correction is empty.': 'Die Korrektur ist leer.',
  'The room has not confirmed this message yet (it has no id from the room): try again in a moment.':
    'Der Raum hat diese Nachricht noch nicht bestätigt (sie hat noch keine ID vom Raum): Versuchen Sie es gleich noch einmal.',
  'That message is not in this room.': 'Diese Nachricht ist nicht in diesem Raum.',
  'The room gave this message no id, so it cannot be removed.': 'Der Raum hat dieser Nachricht keine ID gegeben, daher kann sie nicht entfernt werden.',
  'The message to reply to is not in this room.': 'Die Nachricht, auf die Sie antworten möchten, ist nicht in diesem Raum.',
  'The room gave this message no id, so it cannot be replied to.':
    'Der Raum hat dieser Nachricht keine ID gegeben, daher kann nicht auf sie geantwortet werden.',
  'The room gave this message no id, so it cannot be reacted to.': 'Der Raum hat dieser Nachricht keine ID gegeben, daher kann nicht auf sie reagiert werden.',
  'A retracted message cannot be replied to.': 'Auf eine zurückgezogene Nachricht kann nicht geantwortet werden.',
  'A reaction is one emoji, given once.': 'Eine Reaktion ist ein einzelnes Emoji, einmal vergeben.',
  'Say which conversation (a Jabber ID).': 'Geben Sie an, welche Unterhaltung gemeint ist (eine Jabber-ID).',
  'The message to reply to is not in this conversation.': 'Die Nachricht, auf die Sie antworten möchten, ist nicht in dieser Unterhaltung.',
  'That message cannot be replied to.': 'Auf diese Nachricht kann nicht geantwortet werden.',
  'The message to react to is not in this conversation.': 'Die Nachricht, auf die Sie reagieren möchten, ist nicht in dieser Unterhaltung.',
  'A retracted message cannot be reacted to.': 'Auf eine zurückgezogene Nachricht kann nicht reagiert werden.',
  'That message cannot be reacted to.': 'Auf diese Nachricht kann nicht reagiert werden.',
  'Say which message this replies to (its id).': 'Geben Sie an, auf welche Nachricht geantwortet wird (ihre ID).',
  'Reactions are a list of emoji.': 'Reaktionen sind eine Liste von Emojis.',
  'The transfer was cancelled.': 'Die Übertragung wurde abgebrochen.',
  'The file is larger than it was said to be.': 'Die Datei ist größer als angegeben.',
  'There is no such upload (it finished, or the account signed out since).':
    'Diesen Upload gibt es nicht (er ist abgeschlossen oder das Konto wurde inzwischen abgemeldet).',
  'Your server offers no file upload (XEP-0363).': 'Ihr Server bietet kein Hochladen von Dateien an (XEP-0363).',
  'The upload service gave an unusable upload slot (not https).': 'Der Upload-Dienst hat einen unbrauchbaren Upload-Platz vergeben (nicht https).',
  'Files are sent to a contact: give their bare Jabber ID.': 'Dateien werden an einen Kontakt gesendet: Geben Sie dessen Jabber-ID ohne Ressource an.',
  'The file needs a name.': 'Die Datei braucht einen Namen.',
  'The file is empty or too large to send.': 'Die Datei ist leer oder zu groß zum Senden.',
  'Your server offers no file upload (XEP-0363), so files cannot be sent.':
    'Ihr Server bietet kein Hochladen von Dateien an (XEP-0363), daher können keine Dateien gesendet werden.',
  'This upload has all its bytes already.': 'Dieser Upload hat bereits alle seine Bytes.',
  'The chunk is empty, too large, or runs past the file\'s size.': 'Der Abschnitt ist leer, zu groß oder reicht über die Dateigröße hinaus.',
  'There is no such transfer.': 'Diese Übertragung gibt es nicht.',
  'Only a failed upload can be tried again.': 'Nur ein fehlgeschlagener Upload kann wiederholt werden.',
  'That message holds no file to download.': 'Diese Nachricht enthält keine Datei zum Herunterladen.',
  'The file is not offered over https, so it is not downloaded (it could be read or changed on the way).':
    'Die Datei wird nicht über https angeboten und daher nicht heruntergeladen (sie könnte unterwegs gelesen oder verändert werden).',
  'The download was cancelled.': 'Der Download wurde abgebrochen.',
  'That download is not kept (download it again).': 'Dieser Download ist nicht gespeichert (laden Sie ihn erneut herunter).',
  'That position is past the end of the file.': 'Diese Position liegt hinter dem Ende der Datei.',
  'The server sent data where the stream had to restart. The connection was closed to protect the app; it will be tried again.':
    'Der Server hat Daten gesendet, wo der Stream neu beginnen musste. Die Verbindung wurde zum Schutz der App geschlossen; sie wird erneut versucht.',
  'The server sent data after accepting the sign-in, before the stream restarted. The connection was closed to protect the app; it will be tried again.':
    'Der Server hat nach dem Annehmen der Anmeldung Daten gesendet, bevor der Stream neu begann. Die Verbindung wurde zum Schutz der App geschlossen; sie wird erneut versucht.',
  'The server sent text that is not valid UTF-8. The connection was closed to protect the app; it will be tried again.':
    'Der Server hat Text gesendet, der kein gültiges UTF-8 ist. Die Verbindung wurde zum Schutz der App geschlossen; sie wird erneut versucht.',
  'The server sent text outside any element. The connection was closed to protect the app; it will be tried again.':
    'Der Server hat Text außerhalb jedes Elements gesendet. Die Verbindung wurde zum Schutz der App geschlossen; sie wird erneut versucht.',
  'The server sent an XML processing instruction inside the stream. The connection was closed to protect the app; it will be tried again.':
    'Der Server hat eine XML-Verarbeitungsanweisung innerhalb des Streams gesendet. Die Verbindung wurde zum Schutz der App geschlossen; sie wird erneut versucht.',
  'The server sent a malformed tag. The connection was closed to protect the app; it will be tried again.':
    'Der Server hat ein fehlerhaftes Tag gesendet. Die Verbindung wurde zum Schutz der App geschlossen; sie wird erneut versucht.',
  'The server sent an XML comment or document type declaration, which XMPP forbids. The connection was closed to protect the app; it will be tried again.':
    'Der Server hat einen XML-Kommentar oder eine Dokumenttyp-Deklaration gesendet, was XMPP verbietet. Die Verbindung wurde zum Schutz der App geschlossen; sie wird erneut versucht.',
  'The server sent character data outside any element. The connection was closed to protect the app; it will be tried again.':
    'Der Server hat Zeichendaten außerhalb jedes Elements gesendet. Die Verbindung wurde zum Schutz der App geschlossen; sie wird erneut versucht.',
  'The server sent "<" inside an attribute value. The connection was closed to protect the app; it will be tried again.':
    'Der Server hat „<“ innerhalb eines Attributwerts gesendet. Die Verbindung wurde zum Schutz der App geschlossen; sie wird erneut versucht.',
  'The server closed an element it never opened. The connection was closed to protect the app; it will be tried again.':
    'Der Server hat ein Element geschlossen, das er nie geöffnet hat. Die Verbindung wurde zum Schutz der App geschlossen; sie wird erneut versucht.',
  'The server sent data after closing the stream. The connection was closed to protect the app; it will be tried again.':
    'Der Server hat nach dem Schließen des Streams Daten gesendet. Die Verbindung wurde zum Schutz der App geschlossen; sie wird erneut versucht.',
  'The server requires a SCRAM extension we do not support.': 'Der Server verlangt eine SCRAM-Erweiterung, die diese App nicht unterstützt.',
  'The server sent a malformed SCRAM challenge.': 'Der Server hat eine fehlerhafte SCRAM-Challenge gesendet.',
  'The server’s SCRAM nonce does not extend ours.': 'Die SCRAM-Nonce des Servers setzt unsere nicht fort.',
  'The server could not prove it knows the password: it may be an impostor.':
    'Der Server konnte nicht nachweisen, dass er das Passwort kennt: Es könnte ein Betrüger sein.',
  'The list of sign-in methods the server sent was changed on the way to this app (it does not match what the server signed). Someone may be intercepting the connection (a man-in-the-middle), so signing in was stopped before your password was used. Try again from another network, and tell the server administrator.':
    'Die Liste der Anmeldeverfahren, die der Server gesendet hat, wurde auf dem Weg zu dieser App verändert (sie stimmt nicht mit dem überein, was der Server signiert hat). Möglicherweise fängt jemand die Verbindung ab (ein Man-in-the-Middle); daher wurde die Anmeldung abgebrochen, bevor Ihr Passwort verwendet wurde. Versuchen Sie es aus einem anderen Netzwerk erneut und informieren Sie den Serveradministrator.',
  'The server listed only channel-binding types this app cannot use, and not tls-server-end-point, which every server must support; without the server’s signature over that list (XEP-0474) this looks like tampering by someone intercepting the connection, so signing in was stopped.':
    'Der Server hat nur Channel-Binding-Typen angeboten, die diese App nicht nutzen kann, und nicht tls-server-end-point, das jeder Server unterstützen muss; ohne die Signatur des Servers über diese Liste (XEP-0474) sieht das nach einer Manipulation durch jemanden aus, der die Verbindung abfängt, daher wurde die Anmeldung abgebrochen.',
  'SCRAM exchange out of order.': 'Der SCRAM-Austausch lief in falscher Reihenfolge ab.',
  'Unexpected SCRAM challenge.': 'Unerwartete SCRAM-Challenge.',
  'The server accepted us before the SCRAM exchange finished.': 'Der Server hat die Anmeldung angenommen, bevor der SCRAM-Austausch abgeschlossen war.',
  'The avatar does not match its hash.': 'Der Avatar stimmt nicht mit seinem Hash überein.',
  'An avatar must be a PNG, JPEG, GIF or WebP image.': 'Ein Avatar muss ein PNG-, JPEG-, GIF- oder WebP-Bild sein.',
  'The server does not host this domain. Check the part after "@" in your Jabber ID.':
    'Der Server verwaltet diese Domain nicht. Prüfen Sie den Teil nach „@“ in Ihrer Jabber-ID.',
  'You signed in from somewhere else with the same resource, so this session was closed.':
    'Sie haben sich an anderer Stelle mit derselben Ressource angemeldet, daher wurde diese Sitzung geschlossen.',
  'The server redirected the connection elsewhere, which is not supported yet.':
    'Der Server hat die Verbindung anderswohin umgeleitet; das wird noch nicht unterstützt.',
  'The server is shutting down. Try again in a few minutes.': 'Der Server wird heruntergefahren. Versuchen Sie es in einigen Minuten erneut.',
  'The server closed the connection for a policy violation.': 'Der Server hat die Verbindung wegen eines Richtlinienverstoßes geschlossen.',
  'The server refused the connection: not authorized.': 'Der Server hat die Verbindung abgelehnt: nicht autorisiert.',
  'The server closed the connection because it was idle too long.': 'Der Server hat die Verbindung geschlossen, weil sie zu lange inaktiv war.',
  'The server reset the connection.': 'Der Server hat die Verbindung zurückgesetzt.',
  'Wrong Jabber ID or password.': 'Falsche Jabber-ID oder falsches Passwort.',
  'This account is disabled.': 'Dieses Konto ist deaktiviert.',
  'The server could not check your password right now. Try again later.': 'Der Server konnte Ihr Passwort gerade nicht prüfen. Versuchen Sie es später erneut.',
  // The organisation's policy refusing a setting (app/core/policy/policy-guard.ts, `locked`): the fixed ones.
};
