#!/usr/bin/python3
"""A real third-party client as a test peer: a slixmpp (Debian's python3-slixmpp) bot driven over stdin/stdout.

Usage: slixmpp_bot.py JID PASSWORD HOST PORT CA_FILE

It signs in over STARTTLS (the certificate verified against CA_FILE), with slixmpp's own plugins for receipts
(XEP-0184, answered automatically, as slixmpp does by default), chat markers (XEP-0333), corrections (XEP-0308),
retractions (XEP-0424 as slixmpp implements it) and chat states (XEP-0085). It writes one JSON object a line:
  {"event": "ready", "jid": FULL_JID}
  {"event": "message", "from", "id", "type", "body", "replace", "retract", "receipt", "displayed", "markable",
   "request_receipt", "xml"}
  {"event": "presence", "from", "type", "show", "status"}
  {"event": "sent", "id", "ref"}          after a command that sent a message (ref: the command's "ref")
  {"event": "error", "text"}
and reads one JSON command a line:
  {"op": "send", "to", "body", "ref"}     a chat message (receipt requested, markable)
  {"op": "correct", "to", "id", "body", "ref"}
  {"op": "retract", "to", "id", "ref"}
  {"op": "marker", "to", "id", "marker"} ("received" | "displayed" | "acknowledged")
  {"op": "presence", "show", "status"}
  {"op": "stop"}
"""

import asyncio
import json
import logging
import sys

import slixmpp
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import StanzaPath

RETRACT_1 = 'urn:xmpp:message-retract:1'


def emit(**fields):
    sys.stdout.write(json.dumps(fields) + '\n')
    sys.stdout.flush()


class Bot(slixmpp.ClientXMPP):
    def __init__(self, jid, password, ca_file):
        super().__init__(jid, password)
        self.ca_certs = ca_file
        for plugin in ('xep_0030', 'xep_0085', 'xep_0184', 'xep_0199', 'xep_0308', 'xep_0333', 'xep_0334', 'xep_0424'):
            self.register_plugin(plugin)
        self.plugin['xep_0184'].auto_request = True
        self.plugin['xep_0184'].auto_ack = True
        self.add_event_handler('session_start', self.on_start)
        # Every message, with a body or not (slixmpp's 'message' event fires only for those with a body).
        self.register_handler(Callback('Every message', StanzaPath('message'), self.on_message))
        self.add_event_handler('presence', self.on_presence)
        self.add_event_handler('connection_failed', lambda error: emit(event='error', text=f'connection failed: {error}'))
        self.add_event_handler('failed_auth', lambda _: emit(event='error', text='authentication failed'))

    async def on_start(self, _event):
        self.send_presence()
        await self.get_roster()
        emit(event='ready', jid=str(self.boundjid))
        asyncio.ensure_future(self.read_commands())

    def on_message(self, msg):
        xml = str(msg)
        retract = None
        if msg.xml.find('{%s}retract' % RETRACT_1) is not None:
            retract = msg.xml.find('{%s}retract' % RETRACT_1).get('id')
        elif msg['apply_to']['id'] and msg.xml.find('.//{urn:xmpp:message-retract:0}retract') is not None:
            retract = msg['apply_to']['id']
        emit(event='message', **{
            'from': str(msg['from']), 'id': msg['id'], 'type': msg['type'], 'body': msg['body'],
            'replace': msg['replace']['id'] or None, 'retract': retract,
            'receipt': msg['receipt'] or None, 'displayed': msg['displayed']['id'] or None,
            'markable': msg.xml.find('{urn:xmpp:chat-markers:0}markable') is not None,
            'request_receipt': msg['request_receipt'], 'xml': xml,
        })

    def on_presence(self, pres):
        emit(event='presence', **{'from': str(pres['from']), 'type': pres['type'], 'show': pres['show'], 'status': pres['status']})

    async def read_commands(self):
        loop = asyncio.get_event_loop()
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        while True:
            line = await reader.readline()
            if not line:
                self.disconnect()
                return
            try:
                self.run_command(json.loads(line))
            except Exception as error:  # report, keep serving
                emit(event='error', text=f'{type(error).__name__}: {error}')

    def run_command(self, command):
        op = command['op']
        ref = command.get('ref')
        if op == 'send':
            msg = self.make_message(mto=command['to'], mbody=command['body'], mtype='chat')
            msg['id'] = self.new_id()
            msg.enable('markable')
            msg.send()
            emit(event='sent', id=msg['id'], ref=ref)
        elif op == 'correct':
            msg = self.make_message(mto=command['to'], mbody=command['body'], mtype='chat')
            msg['id'] = self.new_id()
            msg['replace']['id'] = command['id']
            msg.send()
            emit(event='sent', id=msg['id'], ref=ref)
        elif op == 'retract':
            self.plugin['xep_0424'].send_retraction(command['to'], command['id'])
            emit(event='sent', id=None, ref=ref)
        elif op == 'marker':
            self.plugin['xep_0333'].send_marker(command['to'], command['id'], command['marker'])
        elif op == 'presence':
            self.send_presence(pshow=command.get('show'), pstatus=command.get('status'))
        elif op == 'stop':
            self.disconnect()
        else:
            emit(event='error', text=f'unknown op {op}')


def main():
    jid, password, host, port, ca_file = sys.argv[1:6]
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    bot = Bot(jid, password, ca_file)
    bot.add_event_handler('disconnected', lambda _: bot.loop.stop())
    bot.connect((host, int(port)))
    bot.loop.run_forever()


if __name__ == '__main__':
    main()
