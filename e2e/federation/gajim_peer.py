#!/usr/bin/python3
"""Gajim (Debian's gajim) as a test peer: prepares its profile, and reports what it receives over D-Bus.

  gajim_peer.py setup JID PASSWORD HOST PORT SERVER_CERT_FILE
      With HOME/XDG_* pointing at an empty directory, as the user Gajim will run as: through Gajim's own
      settings API, enables remote control (gajim-remote, D-Bus), turns off the keyring, update checks, the
      start-chat help and auto-away, and adds one active account "lab" connecting to HOST:PORT with TLS. The
      server's certificate goes into Gajim's certificate store, which is how Gajim trusts a certificate whose CA
      it does not know (what its "trust this certificate" dialog does): the caller checks it against the lab's CA
      first. With an account configured, Gajim starts signed in, without its first-run assistant.
  gajim_peer.py listen
      On the session bus of DBUS_SESSION_BUS_ADDRESS, writes one JSON line per signal of Gajim's remote
      interface: {"signal": "NewMessage" | "MessageSent" | "GCMessage" | ..., "args": [...]}, flushed.
"""

import json
import shutil
import sys


def setup(jid, password, host, port, cert_file):
    from gajim.common import app, configpaths
    from gajim.common.settings import Settings

    user, domain = jid.split('@', 1)
    configpaths.init()
    configpaths.create_paths()
    app.settings = Settings()
    app.settings.init()
    for name, value in (('remote_control', True), ('use_keyring', False), ('check_for_update', False),
                        ('show_help_start_chat', False), ('autoaway', False), ('autoxa', False)):
        app.settings.set(name, value)
    account = 'lab'
    app.settings.add_account(account)
    for name, value in (('name', user), ('hostname', domain), ('password', password), ('savepass', True),
                        ('resource', 'gajim'), ('active', True), ('autoconnect', True),
                        ('use_custom_host', True), ('custom_host', host), ('custom_port', int(port)),
                        ('account_label', 'lab')):
        app.settings.set_account_setting(account, name, value)
    app.settings.save()
    shutil.copyfile(cert_file, configpaths.get('CERT_STORE') / 'lab-server.pem')
    print(account)


def listen():
    from gi.repository import Gio, GLib

    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def on_signal(_con, _sender, _path, _interface, name, params):
        sys.stdout.write(json.dumps({'signal': name, 'args': params.unpack()}, default=str) + '\n')
        sys.stdout.flush()

    bus.signal_subscribe(None, 'org.gajim.dbus.RemoteInterface', None, '/org/gajim/dbus/RemoteObject', None,
                         Gio.DBusSignalFlags.NONE, on_signal)
    sys.stdout.write(json.dumps({'signal': 'listening', 'args': []}) + '\n')
    sys.stdout.flush()
    GLib.MainLoop().run()


if __name__ == '__main__':
    if sys.argv[1] == 'setup':
        setup(*sys.argv[2:7])
    elif sys.argv[1] == 'listen':
        listen()
    else:
        sys.exit(f'unknown command {sys.argv[1]}')
