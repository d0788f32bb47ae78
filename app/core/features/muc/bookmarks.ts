/**
 * Bookmarks of group chat rooms (XEP-0402): one item per room in our PEP node `urn:xmpp:bookmarks:1`,
 * private to us (access model `whitelist`), so the rooms we joined come back after a restart and on
 * our other devices. Reads, publishes and retracts; the session's feature (muc.ts) decides when.
 */
import { xml, type Element } from '@xmpp/xml';
import type { IqRouter } from '../../session/iq.ts';
import { NS } from '../../xml/namespaces.ts';
import { NS_BOOKMARKS, parseBookmarkItem, type Bookmark } from '../../xml/muc.ts';
import { toBareJid } from '../../../shared/jid.ts';

function optionField(name: string, value: string, type?: string): Element {
  return xml('field', { var: name, ...(type !== undefined ? { type } : {}) }, xml('value', {}, value));
}

/** XEP-0402's publish options; `minimal`: only those ejabberd 23.01 knows (it refuses max_items and send_last_published_item). */
const publishOptions = (minimal = false): Element =>
  xml(
    'publish-options',
    {},
    xml(
      'x',
      { xmlns: NS.dataForms, type: 'submit' },
      optionField('FORM_TYPE', 'http://jabber.org/protocol/pubsub#publish-options', 'hidden'),
      optionField('pubsub#persist_items', 'true'),
      minimal ? undefined : optionField('pubsub#max_items', 'max'),
      minimal ? undefined : optionField('pubsub#send_last_published_item', 'never'),
      optionField('pubsub#access_model', 'whitelist'),
    ),
  );

/** Every bookmark; none when the node does not exist yet. */
export async function fetchBookmarks(iq: IqRouter, timeoutMs: number): Promise<Bookmark[]> {
  try {
    const reply = await iq.request('get', xml('pubsub', { xmlns: NS.pubsub }, xml('items', { node: NS_BOOKMARKS })), null, timeoutMs);
    const items = reply.getChild('pubsub', NS.pubsub)?.getChild('items')?.getChildren('item') ?? [];
    return items.map(parseBookmarkItem).filter((bookmark): bookmark is Bookmark => bookmark !== null);
  } catch (error) {
    const condition = (error as { appError?: { condition?: string } }).appError?.condition;
    if (condition === 'item-not-found') return [];
    throw error;
  }
}

export function bookmarkElement(bookmark: Bookmark): Element {
  return xml(
    'conference',
    { xmlns: NS_BOOKMARKS, autojoin: bookmark.autojoin ? 'true' : 'false', ...(bookmark.name !== '' ? { name: bookmark.name } : {}) },
    bookmark.nick !== '' ? xml('nick', {}, bookmark.nick) : undefined,
    bookmark.password !== undefined ? xml('password', {}, bookmark.password) : undefined,
  );
}

export async function publishBookmark(iq: IqRouter, bookmark: Bookmark, timeoutMs: number): Promise<void> {
  const publish = xml('publish', { node: NS_BOOKMARKS }, xml('item', { id: bookmark.room }, bookmarkElement(bookmark)));
  try {
    await iq.request('set', xml('pubsub', { xmlns: NS.pubsub }, publish, publishOptions()), null, timeoutMs);
  } catch (error) {
    // ejabberd 23.01 refuses publish options it does not know (resource-constraint, "Unknown field"): the minimal ones then.
    const condition = (error as { appError?: { condition?: string } }).appError?.condition;
    if (condition !== 'resource-constraint' && condition !== 'precondition-not-met' && condition !== 'bad-request' && condition !== 'not-acceptable') throw error;
    const again = xml('publish', { node: NS_BOOKMARKS }, xml('item', { id: bookmark.room }, bookmarkElement(bookmark)));
    await iq.request('set', xml('pubsub', { xmlns: NS.pubsub }, again, publishOptions(true)), null, timeoutMs);
  }
}

export async function retractBookmark(iq: IqRouter, room: string, timeoutMs: number): Promise<void> {
  const retract = xml('retract', { node: NS_BOOKMARKS, notify: 'true' }, xml('item', { id: room }));
  await iq.request('set', xml('pubsub', { xmlns: NS.pubsub }, retract), null, timeoutMs);
}

/** A PEP notification of our bookmarks node: bookmarks published, and rooms retracted. */
export function parseBookmarkEvent(message: Element): { readonly published: Bookmark[]; readonly retracted: string[] } | null {
  const items = message.getChild('event', NS.pubsubEvent)?.getChild('items');
  if (items?.attrs.node !== NS_BOOKMARKS) return null;
  return {
    published: items.getChildren('item').map(parseBookmarkItem).filter((bookmark): bookmark is Bookmark => bookmark !== null),
    retracted: items.getChildren('retract').map((retract) => retract.attrs.id ?? '').filter((id) => id !== ''),
  };
}

// ---- XEP-0048 in private XML storage (XEP-0049): the fallback where the server has no XEP-0402

export const NS_PRIVATE = 'jabber:iq:private';
export const NS_STORAGE_BOOKMARKS = 'storage:bookmarks';
/** The account's features that say the server keeps XEP-0048 and XEP-0402 in step (XEP-0411; `bookmarks-conversion:0` is its older name). */
export const BOOKMARKS_COMPAT = ['urn:xmpp:bookmarks:1#compat', 'urn:xmpp:bookmarks-conversion:0'];

/** XEP-0048 `<conference/>` elements of a private storage `<storage/>`. */
export function parseStorageBookmarks(storage: Element | undefined): Bookmark[] {
  const found: Bookmark[] = [];
  for (const conference of storage?.getChildren('conference') ?? []) {
    const room = toBareJid(conference.attrs.jid ?? '');
    if (room === null || found.some((bookmark) => bookmark.room === room)) continue;
    const password = conference.getChildText('password');
    found.push({
      room,
      name: (conference.attrs.name ?? '').trim().slice(0, 1024),
      nick: (conference.getChildText('nick') ?? '').trim().slice(0, 1024),
      autojoin: conference.attrs.autojoin === 'true' || conference.attrs.autojoin === '1',
      ...(password !== null ? { password } : {}),
    });
  }
  return found;
}

export async function fetchPrivateBookmarks(iq: IqRouter, timeoutMs: number): Promise<Bookmark[]> {
  const reply = await iq.request('get', xml('query', { xmlns: NS_PRIVATE }, xml('storage', { xmlns: NS_STORAGE_BOOKMARKS })), null, timeoutMs);
  return parseStorageBookmarks(reply.getChild('query', NS_PRIVATE)?.getChild('storage', NS_STORAGE_BOOKMARKS));
}

/** Private storage holds the whole list at once: every bookmark is written each time. */
export async function storePrivateBookmarks(iq: IqRouter, bookmarks: readonly Bookmark[], timeoutMs: number): Promise<void> {
  const conferences = bookmarks.map((bookmark) => xml(
    'conference',
    { jid: bookmark.room, autojoin: bookmark.autojoin ? 'true' : 'false', ...(bookmark.name !== '' ? { name: bookmark.name } : {}) },
    bookmark.nick !== '' ? xml('nick', {}, bookmark.nick) : undefined,
    bookmark.password !== undefined ? xml('password', {}, bookmark.password) : undefined,
  ));
  await iq.request('set', xml('query', { xmlns: NS_PRIVATE }, xml('storage', { xmlns: NS_STORAGE_BOOKMARKS }, ...conferences)), null, timeoutMs);
}
