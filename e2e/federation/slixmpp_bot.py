#!/usr/bin/python3
"""A real third-party client as a test peer: a slixmpp (Debian's python3-slixmpp) bot driven over stdin/stdout.

Usage: slixmpp_bot.py JID PASSWORD HOST PORT CA_FILE

It signs in over STARTTLS (the certificate verified against CA_FILE), with slixmpp's own plugins for receipts
(XEP-0184, answered automatically, as slixmpp does by default), chat markers (XEP-0333), corrections (XEP-0308),
retractions (XEP-0424 as slixmpp implements it) and chat states (XEP-0085). It writes one JSON object a line:
  {"event": "ready", "jid": FULL_JID}
  {"event": "message", "from", "id", "type", "body", "replace", "retract", "receipt", "displayed", "markable",
   "request_receipt", "xml"}
  {"event": "presence", "from", "type", "show", "status", "codes", "role"}   (codes, role: a room's, XEP-0045)
  {"event": "sent", "id", "ref", "url"}   after a command that sent a message (ref: the command's "ref"; url: upload)
  {"event": "retracted", "from", "id"}   slixmpp's own XEP-0424 plugin applied a retraction (its message_retract)
  {"event": "downloaded", "ref", "size", "sha256"}   a download (sha256 in base64)
  {"event": "joined", "ref", "room"}     a room joined (slixmpp's XEP-0045 plugin)
  {"event": "error", "text", "ref"}
and reads one JSON command a line:
  {"op": "send", "to", "body", "ref"}     a chat message (receipt requested, markable)
  {"op": "correct", "to", "id", "body", "ref"}
  {"op": "retract", "to", "id", "ref"}
  {"op": "marker", "to", "id", "marker"} ("received" | "displayed" | "acknowledged")
  {"op": "presence", "show", "status"}
  {"op": "upload", "to", "name", "data", "media_type", "mtype", "ref"}   XEP-0363 with slixmpp's plugin (data in base64),
                                          then the URL as body with XEP-0066 OOB and XEP-0446 metadata (slixmpp 1.8
                                          has no XEP-0446 plugin: that element is built here); mtype chat|groupchat
  {"op": "download", "url", "ref"}       an https GET (the CA file trusted), hashed
  {"op": "join", "room", "nick", "ref"}
  {"op": "groupchat", "room", "body", "ref"}
  {"op": "invite", "to", "room", "reason"}   a direct invitation (XEP-0249, slixmpp's plugin)
  {"op": "stop"}

Messages' extra fields: "oob" (the XEP-0066 URL), "file" (XEP-0446: name, size, media_type, sha256), "delayed"
(XEP-0203: room history), "invite" (a XEP-0249 or XEP-0045 invitation: room, from, reason).
With the environment's SSL_CERT_FILE set to the CA file, slixmpp's upload (aiohttp) trusts it too.
"""

import asyncio
import base64
import hashlib
import io
import json
import logging
import os
import ssl
import sys
import xml.etree.ElementTree as ET

import aiohttp

import slixmpp
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import StanzaPath

RETRACT_1 = 'urn:xmpp:message-retract:1'
FILE_METADATA = 'urn:xmpp:file:metadata:0'
HASHES = 'urn:xmpp:hashes:2'


def emit(**fields):
    sys.stdout.write(json.dumps(fields) + '\n')
    sys.stdout.flush()


def file_metadata(xml):
    meta = xml.find('{%s}file' % FILE_METADATA)
    if meta is None:
        return None
    digest = meta.find("{%s}hash[@algo='sha-256']" % HASHES)
    return {'name': meta.findtext('{%s}name' % FILE_METADATA), 'size': meta.findtext('{%s}size' % FILE_METADATA),
            'media_type': meta.findtext('{%s}media-type' % FILE_METADATA), 'sha256': None if digest is None else digest.text}


def invitation(msg):
    # Mediated first: Prosody adds a jabber:x:conference element (without the reason) to the invitations it relays.
    mediated = msg.xml.find('{http://jabber.org/protocol/muc#user}x/{http://jabber.org/protocol/muc#user}invite')
    if mediated is not None:
        return {'room': str(msg['from'].bare), 'from': mediated.get('from') or '',
                'reason': mediated.findtext('{http://jabber.org/protocol/muc#user}reason') or ''}
    direct = msg.xml.find('{jabber:x:conference}x')
    if direct is not None:
        return {'room': direct.get('jid'), 'from': str(msg['from']), 'reason': direct.get('reason') or ''}
    return None


class Bot(slixmpp.ClientXMPP):
    def __init__(self, jid, password, ca_file):
        super().__init__(jid, password)
        self.ca_certs = ca_file
        self.ca_file = ca_file
        self.tasks = set()
        for plugin in ('xep_0030', 'xep_0045', 'xep_0066', 'xep_0085', 'xep_0184', 'xep_0199', 'xep_0249', 'xep_0308',
                       'xep_0333', 'xep_0334', 'xep_0363', 'xep_0424'):
            self.register_plugin(plugin)
        self.plugin['xep_0184'].auto_request = True
        self.plugin['xep_0184'].auto_ack = True
        self.add_event_handler('session_start', self.on_start)
        # Every message, with a body or not (slixmpp's 'message' event fires only for those with a body).
        self.register_handler(Callback('Every message', StanzaPath('message'), self.on_message))
        # Every presence: slixmpp's XEP-0045 plugin takes a room's unavailable ones without a 'presence' event.
        self.register_handler(Callback('Every presence', StanzaPath('presence'), self.on_presence))
        self.add_event_handler('message_retract', lambda msg: emit(event='retracted', **{'from': str(msg['from']), 'id': msg['apply_to']['id']}))
        self.add_event_handler('connection_failed', lambda error: emit(event='error', text=f'connection failed: {error}'))
        self.add_event_handler('failed_auth', lambda _: emit(event='error', text='authentication failed'))

    async def on_start(self, _event):
        self.send_presence()
        await self.get_roster()
        emit(event='ready', jid=str(self.boundjid))
        self.keep(self.read_commands())

    def keep(self, coroutine):
        # asyncio holds tasks weakly: one nobody references can be garbage-collected while it waits (the command
        # reader was, once a join or an upload made garbage), so each is kept until it is done.
        task = asyncio.ensure_future(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

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
            'oob': msg['oob']['url'] or None, 'file': file_metadata(msg.xml),
            'delayed': msg.xml.find('{urn:xmpp:delay}delay') is not None, 'invite': invitation(msg),
        })

    def on_presence(self, pres):
        user = pres.xml.find('{http://jabber.org/protocol/muc#user}x')
        codes = [] if user is None else [int(s.get('code')) for s in user.findall('{http://jabber.org/protocol/muc#user}status') if (s.get('code') or '').isdigit()]
        item = None if user is None else user.find('{http://jabber.org/protocol/muc#user}item')
        emit(event='presence', **{'from': str(pres['from']), 'type': pres['type'], 'show': pres['show'], 'status': pres['status'],
                                  'codes': codes, 'role': None if item is None else item.get('role')})

    async def read_commands(self):
        loop = asyncio.get_event_loop()
        reader = asyncio.StreamReader(limit=16 * 1024 * 1024)  # upload commands carry a file in base64
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        while True:
            line = await reader.readline()
            if not line:
                self.disconnect()
                return
            logging.debug('bot command: %s', line[:120])
            try:
                command = json.loads(line)
            except ValueError as error:
                emit(event='error', text=f'bad command: {error}')
                continue
            self.keep(self.guarded(command))

    async def guarded(self, command):
        try:
            if command['op'] in ('upload', 'download', 'join'):
                await self.run_async_command(command)
            else:
                self.run_command(command)
        except Exception as error:  # report, keep serving
            emit(event='error', text=f'{type(error).__name__}: {error}', ref=command.get('ref'))

    async def find_upload_service(self):
        # slixmpp 1.8.3's own discovery (xep_0030 get_info_from_domain) fails on Python 3.11 ("Passing coroutines
        # is forbidden"): the service is found here with the same plugin's disco#items and disco#info, and handed
        # to its XEP-0363 plugin, which then skips its discovery.
        upload = self.plugin['xep_0363']
        if upload.upload_service is not None:
            return
        items = await self.plugin['xep_0030'].get_items(jid=self.boundjid.domain, timeout=10)
        for item in items['disco_items']['items']:
            info = await self.plugin['xep_0030'].get_info(jid=item[0], timeout=10)
            if 'urn:xmpp:http:upload:0' not in info['disco_info']['features']:
                continue
            upload.upload_service = info['from']
            upload.max_file_size = float('+inf')
            for form in info['disco_info'].iterables:
                values = form['values']
                if values.get('FORM_TYPE') in (['urn:xmpp:http:upload:0'], 'urn:xmpp:http:upload:0') and values.get('max-file-size'):
                    upload.max_file_size = int(values['max-file-size'])
            return
        raise RuntimeError('no HTTP upload service on ' + self.boundjid.domain)

    async def run_async_command(self, command):
        op = command['op']
        ref = command.get('ref')
        if op == 'upload':
            data = base64.b64decode(command['data'])
            await self.find_upload_service()
            url = await self.plugin['xep_0363'].upload_file(
                command['name'], size=len(data), content_type=command['media_type'], input_file=io.BytesIO(data))
            msg = self.make_message(mto=command['to'], mbody=url, mtype=command.get('mtype', 'chat'))
            msg['id'] = self.new_id()
            msg['oob']['url'] = url
            meta = ET.SubElement(msg.xml, '{%s}file' % FILE_METADATA)
            ET.SubElement(meta, '{%s}name' % FILE_METADATA).text = command['name']
            ET.SubElement(meta, '{%s}media-type' % FILE_METADATA).text = command['media_type']
            ET.SubElement(meta, '{%s}size' % FILE_METADATA).text = str(len(data))
            digest = ET.SubElement(meta, '{%s}hash' % HASHES, {'algo': 'sha-256'})
            digest.text = base64.b64encode(hashlib.sha256(data).digest()).decode()
            msg.send()
            emit(event='sent', id=msg['id'], ref=ref, url=url)
        elif op == 'download':
            context = ssl.create_default_context(cafile=self.ca_file)
            async with aiohttp.ClientSession() as session:
                async with session.get(command['url'], ssl=context) as response:
                    if response.status != 200:
                        raise RuntimeError(f'HTTP {response.status}')
                    body = await response.read()
            emit(event='downloaded', ref=ref, size=len(body), sha256=base64.b64encode(hashlib.sha256(body).digest()).decode())
        elif op == 'join':
            await self.plugin['xep_0045'].join_muc_wait(command['room'], command['nick'], maxstanzas=50, timeout=15)
            emit(event='joined', ref=ref, room=command['room'])

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
        elif op == 'groupchat':
            msg = self.make_message(mto=command['room'], mbody=command['body'], mtype='groupchat')
            msg['id'] = self.new_id()
            msg.send()
            emit(event='sent', id=msg['id'], ref=ref)
        elif op == 'invite':
            self.plugin['xep_0249'].send_invitation(command['to'], command['room'], reason=command.get('reason'))
        elif op == 'stop':
            self.disconnect()
        else:
            emit(event='error', text=f'unknown op {op}')


def main():
    jid, password, host, port, ca_file = sys.argv[1:6]
    if os.environ.get('JABBER_SLIXMPP_LOG'):  # a file for the whole debug log
        logging.basicConfig(level=logging.DEBUG, filename=os.environ['JABBER_SLIXMPP_LOG'])
    else:
        logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    bot = Bot(jid, password, ca_file)
    bot.add_event_handler('disconnected', lambda _: bot.loop.stop())
    bot.connect((host, int(port)))
    bot.loop.run_forever()


if __name__ == '__main__':
    main()
