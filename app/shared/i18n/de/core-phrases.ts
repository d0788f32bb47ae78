/**
 * German for the core's messages built from parts (phrase('… {{name}} …', { name }) in app/): the names,
 * numbers and the server's own words stay as they are; renderer/text/error-text.ts fills them in.
 */
export const corePhrases: Readonly<Record<string, string>> = {
  // What the server or room added, after our sentence.
  '{{message}} The server said: {{text}}': '{{message}} Der Server sagte: {{text}}',
  '{{message}} The room said: {{text}}': '{{message}} Der Raum sagte: {{text}}',
  '{{message}} Reason: {{reason}}': '{{message}} Grund: {{reason}}',
  '{{message}} ({{text}})': '{{message}} ({{text}})',

  // The app's own plumbing.
  '{{name}} is not a command of Jabber Desk.': '{{name}} ist kein Befehl von Jabber Desk.',
  "This window's host does not answer {{command}}.": 'Der Host dieses Fensters beantwortet {{command}} nicht.',
  'The {{command}} command received arguments of the wrong shape ({{problems}}).': 'Der Befehl {{command}} hat Argumente in falscher Form erhalten ({{problems}}).',
  'Something went wrong inside Jabber Desk ({{problem}}).': 'In Jabber Desk ist etwas schiefgegangen ({{problem}}).',
  'The browser refused: {{problem}}': 'Der Browser hat abgelehnt: {{problem}}',
  'Unexpected failure: {{problem}}': 'Unerwarteter Fehler: {{problem}}',
  'The {{command}} result could not be sent to the window ({{problem}}).': 'Das Ergebnis von {{command}} konnte nicht an das Fenster gesendet werden ({{problem}}).',
  'The core of Jabber Desk stopped unexpectedly ({{reason}}); it is being restarted.': 'Der Kern von Jabber Desk wurde unerwartet beendet ({{reason}}); er wird neu gestartet.',
  'The core of Jabber Desk stopped unexpectedly ({{reason}}); it stopped too often to be restarted: quit and start Jabber Desk again.':
    'Der Kern von Jabber Desk wurde unerwartet beendet ({{reason}}); er ist zu oft ausgefallen, um neu gestartet zu werden: Beenden Sie Jabber Desk und starten Sie es erneut.',
  'The {{command}} command received arguments that cannot be sent to the core ({{problem}}).': 'Der Befehl {{command}} hat Argumente erhalten, die nicht an den Kern gesendet werden können ({{problem}}).',

  // Accounts and what was typed.
  '{{account}} is not one of your accounts.': '{{account}} ist keines Ihrer Konten.',
  "“{{input}}” is not an account's Jabber ID.": '„{{input}}“ ist keine Jabber-ID eines Kontos.',
  '“{{input}}” is not a valid Jabber ID: {{reason}}.': '„{{input}}“ ist keine gültige Jabber-ID: {{reason}}.',
  '“{{input}}” is not a valid Jabber ID.': '„{{input}}“ ist keine gültige Jabber-ID.',
  'The new password needs at least {{min}} characters.': 'Das neue Passwort braucht mindestens {{min}} Zeichen.',
  'A status message may have at most {{max}} characters.': 'Eine Statusnachricht darf höchstens {{max}} Zeichen haben.',
  'The message is too long (at most {{max}} characters).': 'Die Nachricht ist zu lang (höchstens {{max}} Zeichen).',
  '{{account}} is already signed in or signing in. Sign it out first.': '{{account}} ist bereits angemeldet oder meldet sich gerade an. Melden Sie es zuerst ab.',
  '{{account}} is not signed in.': '{{account}} ist nicht angemeldet.',
  '{{account}} is offline: the message was not sent. Sign in and send it again.': '{{account}} ist offline: Die Nachricht wurde nicht gesendet. Melden Sie sich an und senden Sie sie erneut.',
  '{{account}} is offline: sign in to correct a message.': '{{account}} ist offline: Melden Sie sich an, um eine Nachricht zu korrigieren.',
  '{{account}} is offline: sign in to retract a message.': '{{account}} ist offline: Melden Sie sich an, um eine Nachricht zurückzuziehen.',
  'Sign in to {{account}} first: the password is changed on the server.': 'Melden Sie sich zuerst bei {{account}} an: Das Passwort wird auf dem Server geändert.',
  '{{account}} is not signed in: sign in first.': '{{account}} ist nicht angemeldet: Melden Sie sich zuerst an.',
  "No feature of {{account}}'s session answers {{command}}.": 'Keine Funktion der Sitzung von {{account}} beantwortet {{command}}.',
  '{{account}} is already signed in.': '{{account}} ist bereits angemeldet.',
  '{{account}} is already being added.': '{{account}} wird bereits hinzugefügt.',
  '{{account}} is already signed in or connecting.': '{{account}} ist bereits angemeldet oder verbindet sich gerade.',
  'No password is saved for {{account}}. Enter it to sign in.': 'Für {{account}} ist kein Passwort gespeichert. Geben Sie es ein, um sich anzumelden.',
  'No password is saved for {{account}}. Sign in with your password to enable it.': 'Für {{account}} ist kein Passwort gespeichert. Melden Sie sich mit Ihrem Passwort an, um dies zu aktivieren.',
  '{{account}} is offline: the reply was not sent. Sign in and send it again.': '{{account}} ist offline: Die Antwort wurde nicht gesendet. Melden Sie sich an und senden Sie sie erneut.',
  '{{account}} is offline: sign in to react to a message.': '{{account}} ist offline: Melden Sie sich an, um auf eine Nachricht zu reagieren.',
  'At most {{max}} reactions to one message.': 'Höchstens {{max}} Reaktionen auf eine Nachricht.',

  // Signing in.
  'The server refused ({{condition}}).': 'Der Server hat abgelehnt ({{condition}}).',
  'This server asks for more than a user name and password ({{fields}}), which the app cannot provide yet.':
    'Dieser Server verlangt mehr als einen Benutzernamen und ein Passwort ({{fields}}), was die App noch nicht angeben kann.',
  'The server offers no sign-in method this app supports (it offers: {{mechanisms}}).': 'Der Server bietet kein Anmeldeverfahren an, das diese App unterstützt (er bietet an: {{mechanisms}}).',
  'The server offers no sign-in method this app supports (it offers: none).': 'Der Server bietet kein Anmeldeverfahren an, das diese App unterstützt (er bietet keines an).',
  'The server could not confirm that this encrypted connection is the one it set up (channel binding {{type}} failed). Someone may be intercepting the connection, or a proxy in between handles the encryption. Signing in was stopped.':
    'Der Server konnte nicht bestätigen, dass diese verschlüsselte Verbindung die ist, die er aufgebaut hat (Kanalbindung {{type}} fehlgeschlagen). Möglicherweise fängt jemand die Verbindung ab, oder ein Proxy dazwischen übernimmt die Verschlüsselung. Die Anmeldung wurde abgebrochen.',
  'SASL mechanism {{mechanism}} is not registered.': 'Das SASL-Verfahren {{mechanism}} ist nicht registriert.',
  'an answer to the sign-in': 'eine Antwort auf die Anmeldung',
  'The server sent a challenge to {{name}}, which has none: signing in with the saved token was stopped.':
    'Der Server hat eine Aufforderung zu {{name}} gesendet, das keine hat: Die Anmeldung mit dem gespeicherten Token wurde abgebrochen.',
  'The server needs an extra sign-in step ({{tasks}}) that this app does not support yet, such as a second factor or a password change. Complete it with another client or ask the server administrator.':
    'Der Server verlangt einen zusätzlichen Anmeldeschritt ({{tasks}}), den diese App noch nicht unterstützt, etwa einen zweiten Faktor oder eine Passwortänderung. Erledigen Sie ihn mit einem anderen Client oder fragen Sie die Serveradministration.',
  'The server asked for only {{iterations}} SCRAM iterations (at least {{min}} are required).': 'Der Server hat nur {{iterations}} SCRAM-Iterationen verlangt (mindestens {{min}} sind erforderlich).',
  'The server rejected the SCRAM proof ({{error}}).': 'Der Server hat den SCRAM-Nachweis abgelehnt ({{error}}).',
  '{{name}} needs the TLS channel-binding data, which is not available.': '{{name}} braucht die Kanalbindungsdaten von TLS, die nicht verfügbar sind.',
  'The server refused to sign you in ({{condition}}).': 'Der Server hat Ihre Anmeldung abgelehnt ({{condition}}).',

  // The connection.
  'The server closed the stream with the error "{{condition}}".': 'Der Server hat den Stream mit dem Fehler „{{condition}}“ geschlossen.',
  'The certificate of {{host}} is not trusted: {{reason}}. It was issued to "{{subject}}" by "{{issuer}}". Do not continue unless your administrator confirms this certificate (SHA-256 {{fingerprintSha256}}).':
    'Dem Zertifikat von {{host}} wird nicht vertraut: {{reason}}. Es wurde für „{{subject}}“ von „{{issuer}}“ ausgestellt. Fahren Sie nur fort, wenn Ihr Administrator dieses Zertifikat bestätigt (SHA-256 {{fingerprintSha256}}).',
  'Warning: the certificate of {{host}} has changed since you trusted it, and no trusted authority vouches for the new one. Someone may be intercepting the connection. Do not trust the new certificate unless your administrator confirms it (new SHA-256 {{fingerprintSha256}}).':
    'Warnung: Das Zertifikat von {{host}} hat sich geändert, seit Sie ihm vertraut haben, und keine vertrauenswürdige Stelle bürgt für das neue. Möglicherweise fängt jemand die Verbindung ab. Vertrauen Sie dem neuen Zertifikat nur, wenn Ihr Administrator es bestätigt (neuer SHA-256 {{fingerprintSha256}}).',
  '{{host}} did not answer in time. Check your network connection, or the server name and port.': '{{host}} hat nicht rechtzeitig geantwortet. Prüfen Sie Ihre Netzwerkverbindung oder den Servernamen und den Port.',
  'The server {{host}} could not be found. Check the part after "@" in your Jabber ID, or the server name in Advanced.':
    'Der Server {{host}} wurde nicht gefunden. Prüfen Sie den Teil nach „@“ in Ihrer Jabber-ID oder den Servernamen unter „Erweitert“.',
  '{{host}} refused the connection. The server may be down, or the port may be wrong.': '{{host}} hat die Verbindung abgelehnt. Der Server ist vielleicht nicht erreichbar, oder der Port ist falsch.',
  'The connection to {{host}} was interrupted. Try again.': 'Die Verbindung zu {{host}} wurde unterbrochen. Versuchen Sie es erneut.',
  '{{host}} cannot be reached from this network.': '{{host}} ist aus diesem Netzwerk nicht erreichbar.',
  'Something went wrong while talking to {{host}}: {{problem}}': 'Bei der Verbindung mit {{host}} ist etwas schiefgegangen: {{problem}}',
  '{{host}} stopped answering.': '{{host}} antwortet nicht mehr.',
  'The connection to {{host}} was lost.': 'Die Verbindung zu {{host}} ist abgebrochen.',
  'The connection to {{domain}} closed before TLS started.': 'Die Verbindung zu {{domain}} wurde geschlossen, bevor TLS begann.',
  '{{host}} (port {{port}}) did not answer in time. Check the server name and port, and your network.':
    '{{host}} (Port {{port}}) hat nicht rechtzeitig geantwortet. Prüfen Sie den Servernamen, den Port und Ihr Netzwerk.',
  'No server found for {{domain}}.': 'Für {{domain}} wurde kein Server gefunden.',
  'its stream features': 'seine Stream-Funktionen',
  '{{domain}} does not offer an encrypted connection (STARTTLS), so signing in was refused to protect your password. Ask the server administrator to enable TLS.':
    '{{domain}} bietet keine verschlüsselte Verbindung (STARTTLS) an, daher wurde die Anmeldung zum Schutz Ihres Passworts verweigert. Bitten Sie die Serveradministration, TLS einzuschalten.',
  'an answer to STARTTLS': 'eine Antwort auf STARTTLS',
  '{{domain}} failed to start an encrypted connection (STARTTLS). Signing in was refused to protect your password.':
    '{{domain}} konnte keine verschlüsselte Verbindung (STARTTLS) aufbauen. Die Anmeldung wurde zum Schutz Ihres Passworts verweigert.',
  'The server bound the session to another address ({{bound}}) than your account, {{account}}, so it was closed.':
    'Der Server hat die Sitzung an eine andere Adresse ({{bound}}) gebunden als an Ihr Konto {{account}}, daher wurde sie geschlossen.',
  'an answer': 'eine Antwort',
  'The server refused the request ({{condition}}).': 'Der Server hat die Anfrage abgelehnt ({{condition}}).',
  'an answer to the resumption request': 'eine Antwort auf die Bitte um Wiederaufnahme',
  'an answer to enabling stream management': 'eine Antwort auf das Einschalten der Stream-Verwaltung',
  "This device's saved sign-in cannot be used with {{domain}} on this connection. Enter your password to sign in.":
    'Die gespeicherte Anmeldung dieses Geräts kann bei {{domain}} über diese Verbindung nicht verwendet werden. Geben Sie Ihr Passwort ein, um sich anzumelden.',
  'The server could not bind a resource ({{condition}}).': 'Der Server konnte keine Ressource binden ({{condition}}).',
  'The server did not send {{what}} in time.': 'Der Server hat nicht rechtzeitig {{what}} gesendet.',
  'The {{kind}} proxy {{host}}:{{port}} could not connect you: {{reason}}. Check the proxy settings of this account.':
    'Der {{kind}}-Proxy {{host}}:{{port}} konnte Sie nicht verbinden: {{reason}}. Prüfen Sie die Proxy-Einstellungen dieses Kontos.',
  '{{detail}} The connection was closed to protect the app; it will be tried again.': '{{detail}} Die Verbindung wurde zum Schutz der App geschlossen; sie wird erneut versucht.',
  'The server sent malformed XML ({{problem}}).': 'Der Server hat fehlerhaftes XML gesendet ({{problem}}).',
  'The server sent elements nested more than {{max}} deep.': 'Der Server hat Elemente gesendet, die tiefer als {{max}} Ebenen verschachtelt sind.',
  'The server sent a stanza larger than {{max}} KiB.': 'Der Server hat ein Stanza gesendet, das größer als {{max}} KiB ist.',
  'The TLS handshake with {{domain}} did not finish in time.': 'Der TLS-Handshake mit {{domain}} wurde nicht rechtzeitig abgeschlossen.',
  '{{domain}} presented no certificate.': '{{domain}} hat kein Zertifikat vorgelegt.',
  'The request failed: {{condition}} ({{text}}).': 'Die Anfrage ist fehlgeschlagen: {{condition}} ({{text}}).',
  'The request failed: {{condition}}.': 'Die Anfrage ist fehlgeschlagen: {{condition}}.',

  // Administration commands and the directory.
  '{{jid}} does not let this account run that command: it is for administrators.': '{{jid}} lässt dieses Konto diesen Befehl nicht ausführen: Er ist der Administration vorbehalten.',
  '{{jid}} does not offer that command (any more).': '{{jid}} bietet diesen Befehl (nicht mehr) an.',
  '{{jid}} did not accept what was filled in ({{condition}}). Check the form and try again.': '{{jid}} hat die Eingaben nicht angenommen ({{condition}}). Prüfen Sie das Formular und versuchen Sie es erneut.',
  '{{jid}} could not run the command ({{condition}}).': '{{jid}} konnte den Befehl nicht ausführen ({{condition}}).',
  '{{jid}} could not run the command.': '{{jid}} konnte den Befehl nicht ausführen.',
  '{{jid}} answered without a command.': '{{jid}} hat ohne Befehl geantwortet.',
  'The value of “{{field}}” is not valid.': 'Der Wert von „{{field}}“ ist nicht gültig.',
  'The form has no field “{{field}}”.': 'Das Formular hat kein Feld „{{field}}“.',
  'Fill in “{{field}}”.': 'Füllen Sie „{{field}}“ aus.',
  'The directory {{service}} does not allow you to search it.': 'Das Verzeichnis {{service}} erlaubt Ihnen keine Suche.',
  'The directory {{service}} did not answer the search ({{condition}}). Try again later, or ask your administrator.':
    'Das Verzeichnis {{service}} hat die Suche nicht beantwortet ({{condition}}). Versuchen Sie es später erneut oder fragen Sie Ihren Administrator.',
  'The directory {{service}} did not answer the search. Try again later, or ask your administrator.':
    'Das Verzeichnis {{service}} hat die Suche nicht beantwortet. Versuchen Sie es später erneut oder fragen Sie Ihren Administrator.',
  "Your server ({{domain}}) offers no user directory. Ask your administrator for a colleague's address.":
    'Ihr Server ({{domain}}) bietet kein Benutzerverzeichnis an. Fragen Sie Ihren Administrator nach der Adresse einer Kollegin oder eines Kollegen.',
  'The directory {{service}} sent no search form.': 'Das Verzeichnis {{service}} hat kein Suchformular gesendet.',

  // History, contacts, profiles, presence.
  'The history of {{account}} could not be read ({{problem}}).': 'Der Verlauf von {{account}} konnte nicht gelesen werden ({{problem}}).',
  'The history of {{account}} could not be searched ({{problem}}).': 'Der Verlauf von {{account}} konnte nicht durchsucht werden ({{problem}}).',
  'The limit must be a whole number from 1 to {{max}}.': 'Die Grenze muss eine ganze Zahl von 1 bis {{max}} sein.',
  '“{{input}}” must be a position given by an earlier page or search hit.': '„{{input}}“ muss eine Position aus einer früheren Seite oder einem Suchtreffer sein.',
  'Search for at most {{max}} characters.': 'Suchen Sie nach höchstens {{max}} Zeichen.',
  '{{jid}} answered the last-activity request with something unreadable.': '{{jid}} hat die Frage nach der letzten Aktivität mit etwas Unlesbarem beantwortet.',
  'Automatic away needs whole minutes from 1 to {{max}}, extended away later than away.':
    'Automatisch abwesend braucht ganze Minuten von 1 bis {{max}}, länger abwesend später als abwesend.',
  'An avatar must be at most {{max}} KiB.': 'Ein Avatar darf höchstens {{max}} KiB groß sein.',
  'The image is not {{type}}.': 'Das Bild ist nicht {{type}}.',
  // A profile field, as in "The nickname must be text".
  name: 'Name',
  nickname: 'Spitzname',
  organisation: 'Organisation',
  title: 'Titel',
  'e-mail address': 'E-Mail-Adresse',
  'phone number': 'Telefonnummer',
  'The {{field}} must be text.': '{{field}}: Dies muss Text sein.',
  'The {{field}} may have at most {{max}} characters, on one line.': '{{field}}: höchstens {{max}} Zeichen in einer Zeile.',
  'The image is missing or larger than {{max}} KiB.': 'Das Bild fehlt oder ist größer als {{max}} KiB.',
  '{{jid}} is not in your contacts.': '{{jid}} ist nicht in Ihren Kontakten.',
  'A name may have at most {{max}} characters.': 'Ein Name darf höchstens {{max}} Zeichen haben.',
  'A contact may be in at most {{max}} groups.': 'Ein Kontakt darf in höchstens {{max}} Gruppen sein.',
  '“{{input}}” is not a usable group name (at most {{max}} characters, no control characters).': '„{{input}}“ ist kein verwendbarer Gruppenname (höchstens {{max}} Zeichen, keine Steuerzeichen).',

  // Files.
  '{{host}} (port {{port}}) did not answer in time.': '{{host}} (Port {{port}}) hat nicht rechtzeitig geantwortet.',
  'Could not reach {{host}} (port {{port}}): {{problem}}.': '{{host}} (Port {{port}}) war nicht erreichbar: {{problem}}.',
  'Only https addresses are used for files, not {{scheme}}.': 'Für Dateien werden nur https-Adressen verwendet, nicht {{scheme}}.',
  'The transfer with {{host}} failed: {{problem}}.': 'Die Übertragung mit {{host}} ist fehlgeschlagen: {{problem}}.',
  '{{host}} stopped answering during the transfer.': '{{host}} hat während der Übertragung aufgehört zu antworten.',
  'The file is larger ({{declared}} bytes) than it was said to be.': 'Die Datei ist größer ({{declared}} Byte) als angegeben.',
  'The upload service refused the file (HTTP {{status}}).': 'Der Upload-Dienst hat die Datei abgelehnt (HTTP {{status}}).',
  'The file could not be fetched (HTTP {{status}}).': 'Die Datei konnte nicht abgerufen werden (HTTP {{status}}).',
  '"{{name}}" is {{size}}; your server takes files of up to {{max}}. Nothing was sent.': '„{{name}}“ ist {{size}} groß; Ihr Server nimmt Dateien bis {{max}} an. Es wurde nichts gesendet.',
  'The upload service refused "{{name}}" (too large or not allowed). Nothing was sent.': 'Der Upload-Dienst hat „{{name}}“ abgelehnt (zu groß oder nicht erlaubt). Es wurde nichts gesendet.',
  'The upload service gave no upload slot: {{problem}}': 'Der Upload-Dienst hat keinen Upload-Platz vergeben: {{problem}}',
  'The upload failed: {{problem}}': 'Der Upload ist fehlgeschlagen: {{problem}}',
  'The next chunk starts at byte {{received}}, not {{offset}}.': 'Der nächste Teil beginnt bei Byte {{received}}, nicht bei {{offset}}.',
  '"{{name}}" is not the file that was sent: it is {{length}} bytes, not {{size}}. It was not kept.':
    '„{{name}}“ ist nicht die gesendete Datei: Sie hat {{length}} Byte statt {{size}}. Sie wurde nicht behalten.',
  '"{{name}}" is not the file that was sent (its checksum differs): it was not kept.': '„{{name}}“ ist nicht die gesendete Datei (die Prüfsumme weicht ab): Sie wurde nicht behalten.',
  'The download failed: {{problem}}': 'Der Download ist fehlgeschlagen: {{problem}}',

  // Rooms.
  "{{room}} needs a password. Enter the room's password and join again.": '{{room}} braucht ein Passwort. Geben Sie das Passwort des Raums ein und treten Sie erneut bei.',
  'Someone in {{room}} already uses the nickname "{{nick}}". Choose another nickname.': 'Jemand in {{room}} verwendet bereits den Spitznamen „{{nick}}“. Wählen Sie einen anderen Spitznamen.',
  '{{room}} is for members only, and you are not a member. Ask its owner or an admin for an invitation.':
    '{{room}} ist nur für Mitglieder, und Sie sind kein Mitglied. Bitten Sie den Eigentümer oder einen Admin um eine Einladung.',
  'You are banned from {{room}}.': 'Sie sind aus {{room}} verbannt.',
  '{{room}} is full: it has as many occupants as it allows. Try again later.': '{{room}} ist voll: Er hat so viele Teilnehmer, wie er zulässt. Versuchen Sie es später erneut.',
  '{{room}} is locked or does not exist, and could not be created.': '{{room}} ist gesperrt oder existiert nicht und konnte nicht erstellt werden.',
  'You may not create the room {{room}} on this server.': 'Sie dürfen den Raum {{room}} auf diesem Server nicht erstellen.',
  'The nickname "{{nick}}" is reserved in {{room}}. Use your registered nickname or choose another.':
    'Der Spitzname „{{nick}}“ ist in {{room}} reserviert. Verwenden Sie Ihren registrierten Spitznamen oder wählen Sie einen anderen.',
  'A nickname is needed to join {{room}}.': 'Zum Betreten von {{room}} wird ein Spitzname benötigt.',
  '{{room}} refused you ({{condition}}).': '{{room}} hat Sie abgewiesen ({{condition}}).',
  '{{room}} was destroyed by its owner.': '{{room}} wurde von seinem Eigentümer aufgelöst.',
  'You were banned from {{room}}.': 'Sie wurden aus {{room}} verbannt.',
  'You were kicked from {{room}}.': 'Sie wurden aus {{room}} hinausgeworfen.',
  'You were removed from {{room}}: your membership was taken away.': 'Sie wurden aus {{room}} entfernt: Ihre Mitgliedschaft wurde entzogen.',
  'You were removed from {{room}}: it is now for members only.': 'Sie wurden aus {{room}} entfernt: Er ist jetzt nur für Mitglieder.',
  '{{room}} closed: its service is shutting down.': '{{room}} wurde geschlossen: Sein Dienst wird heruntergefahren.',
  // A role or affiliation, as in "Set the role of bob to moderator".
  moderator: 'Moderator',
  participant: 'Teilnehmer',
  visitor: 'Besucher',
  owner: 'Eigentümer',
  admin: 'Admin',
  member: 'Mitglied',
  outcast: 'Verbannt',
  none: 'keine',
  'You may not {{what}}.': 'Das dürfen Sie nicht: {{what}}.',
  'Nobody to {{what}}: not found in the room.': 'Nicht möglich ({{what}}): im Raum nicht gefunden.',
  'kick {{nick}}': '{{nick}} hinauswerfen',
  'ban {{nick}}': '{{nick}} verbannen',
  'make {{nick}} a {{role}}': 'die Rolle von {{nick}} auf {{role}} setzen',
  'make {{jid}} {{affiliation}}': 'die Zugehörigkeit von {{jid}} auf {{affiliation}} setzen',
  'remove that message': 'diese Nachricht entfernen',
  'destroy {{room}}': '{{room}} auflösen',
  '"{{room}}" is not a room address: it looks like name@conference.example.com.': '„{{room}}“ ist keine Raumadresse: Sie sieht aus wie name@conference.example.com.',
  'You are not in {{room}}: join it first.': 'Sie sind nicht in {{room}}: Treten Sie zuerst bei.',
  '"{{nick}}" cannot be used as a nickname.': '„{{nick}}“ kann nicht als Spitzname verwendet werden.',
  'Already joining {{jid}}: wait a moment.': '{{jid}} wird bereits betreten: Warten Sie einen Moment.',
  '{{jid}} did not answer in time.': '{{jid}} hat nicht rechtzeitig geantwortet.',
  'Nobody called "{{nick}}" is in {{jid}}.': 'Niemand namens „{{nick}}“ ist in {{jid}}.',
  "The room does not show {{nick}}'s address to you, so they cannot be banned.": 'Der Raum zeigt Ihnen die Adresse von {{nick}} nicht, daher kann diese Person nicht verbannt werden.',
  '"{{jid}}" is not a valid address.': '„{{jid}}“ ist keine gültige Adresse.',
  'You already have voice in {{jid}}.': 'Sie haben in {{jid}} bereits Rederecht.',
  'Only moderators may remove messages in {{jid}}.': 'Nur Moderatoren dürfen in {{jid}} Nachrichten entfernen.',
  '{{jid}} does not offer message moderation (XEP-0425).': '{{jid}} bietet keine Moderation von Nachrichten an (XEP-0425).',
  'A retracted message cannot be retracted.': 'Eine zurückgezogene Nachricht kann nicht zurückgezogen werden.',

  // The organisation's policy.
  '{{setting}} (managed by your organisation).': '{{setting}} (von Ihrer Organisation verwaltet).',
  'Only accounts on {{domain}} can be used here, not {{account}}': 'Hier können nur Konten auf {{domain}} verwendet werden, nicht {{account}}',
  'Only accounts on your organisation’s domain can be used here, not {{account}}': 'Hier können nur Konten auf der Domain Ihrer Organisation verwendet werden, nicht {{account}}',
  'This computer connects directly, without a proxy': 'Dieser Computer verbindet sich direkt, ohne Proxy',
  'Connections go through the proxy {{host}}:{{port}}': 'Verbindungen laufen über den Proxy {{host}}:{{port}}',
  'The server is {{server}}': 'Der Server ist {{server}}',
  'The port is {{port}}': 'Der Port ist {{port}}',
  'Passwords are not saved on this computer': 'Passwörter werden auf diesem Computer nicht gespeichert',
  'Only certificates issued by {{authority}} are trusted for {{domain}}': 'Für {{domain}} werden nur Zertifikate vertraut, die von {{authority}} ausgestellt wurden',
  'The trusted certificate authority is set': 'Die vertrauenswürdige Zertifizierungsstelle ist festgelegt',
};
