/**
 * Avatars and nicknames of contacts and of the account itself: XEP-0084 (PEP metadata notifications,
 * then the image from the data node), XEP-0153 (the photo hash in presence, then the vCard PHOTO) and
 * XEP-0172 nicknames. Every image is checked (size, SHA-1, type from its bytes) and kept on disk by
 * hash, so a restart shows it again without fetching it. Publishing our own goes both ways too.
 */
import { messageOf, phrase } from '../../../shared/phrase.ts';
import { xml } from '@xmpp/xml';
import type { AvatarImage, ContactCard, Jid } from '../../../shared/contract.ts';
import { toBareJid } from '../../../shared/jid.ts';
import type { AvatarStore } from '../../../store/avatar-store.ts';
import { checkAvatar, decodeAvatarBase64, MAX_AVATAR_BYTES } from './avatar-image.ts';
import type { AvatarIndex, KnownAvatar } from './avatar-index.ts';
import { coreError } from '../../errors.ts';
import type { IqRouter } from '../../session/iq.ts';
import type { StanzaClaim, StanzaObserver, StanzaRoutes } from '../../session/router.ts';
import type { FeatureEmitter } from '../../session/feature.ts';
import { createCardBook, type CardBook } from './card-book.ts';
import { NS } from '../../xml/namespaces.ts';
import { parseAvatarData, parsePepEvent, parsePhotoUpdate } from '../../xml/profile.ts';
import type { Element } from '@xmpp/xml';
import { fetchParsedVCard, storeOwnPhoto } from './vcard.ts';

/** Image fetches at once: a sign-in to a large roster must not flood the server. */
const MAX_PARALLEL_FETCHES = 4;

export interface Avatars extends StanzaRoutes {
  /** PEP notifications (XEP-0163) of the avatar metadata and nickname nodes. */
  readonly claims: readonly StanzaClaim[];
  /** Every presence, for its XEP-0153 photo hash. */
  readonly observers: readonly StanzaObserver[];
  publish(type: 'image/png' | 'image/jpeg', bytes: Buffer): Promise<AvatarImage>;
  remove(): Promise<void>;
  cards(): Record<Jid, ContactCard>;
}

interface Entry {
  avatar: AvatarImage | null;
  nickname: string;
  /** Where the avatar came from: a vCard hash never overrides a PEP avatar. */
  source: 'pep' | 'vcard' | null;
}

export function createAvatars(deps: {
  iq: IqRouter;
  ownBareJid: Jid;
  store: AvatarStore;
  /** Only contacts in the roster (and the account itself) get their images fetched. */
  isKnown: (bare: Jid) => boolean;
  /** Emits onContactCard for a card that changed. */
  emit: FeatureEmitter;
  /** The account's cards, across sessions (default: this session only). */
  book?: CardBook;
  timeoutMs: number;
  /** Which avatar each contact had last time: shown from the disk at once, before anything arrives. */
  index?: AvatarIndex;
  log?: (message: string) => void;
}): Avatars {
  const { iq, ownBareJid, store, emit } = deps;
  const book = deps.book ?? createCardBook();
  const entries = new Map<Jid, Entry>();
  /** The hash each contact's avatar should have: a fetch that finishes late for an older one is dropped. */
  const wanted = new Map<Jid, string | null>();
  /** What the index keeps: every contact's current avatar and where it comes from. */
  const known = new Map<Jid, KnownAvatar>();
  const queue: Array<() => Promise<void>> = [];
  let running = 0;

  const entry = (jid: Jid): Entry => {
    let found = entries.get(jid);
    if (found === undefined) {
      found = { avatar: null, nickname: '', source: null };
      entries.set(jid, found);
    }
    return found;
  };
  const announce = (jid: Jid, found: Entry): void => {
    const card = { avatar: found.avatar, nickname: found.nickname };
    if (book.set(jid, card)) emit('onContactCard', { account: ownBareJid, jid, card });
  };

  function schedule(job: () => Promise<void>): void {
    queue.push(job);
    pump();
  }
  function pump(): void {
    while (running < MAX_PARALLEL_FETCHES && queue.length > 0) {
      const job = queue.shift()!;
      running += 1;
      void job()
        .catch((error: unknown) => deps.log?.(`Could not fetch an avatar: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          running -= 1;
          pump();
        });
    }
  }

  function setAvatar(jid: Jid, avatar: AvatarImage | null, source: Entry['source']): void {
    const found = entry(jid);
    if (found.avatar?.hash === avatar?.hash && found.source === source) return;
    const changed = found.avatar?.hash !== avatar?.hash;
    found.avatar = avatar;
    found.source = source;
    if (avatar !== null && source !== null) known.set(jid, { hash: avatar.hash, source });
    else known.delete(jid);
    deps.index?.save(known);
    if (changed) announce(jid, found);
  }

  /** From the disk, or null. A damaged file is ignored (and fetched again). */
  async function fromStore(hash: string): Promise<AvatarImage | null> {
    const bytes = await store.read(hash).catch(() => null);
    if (bytes === null) return null;
    const checked = checkAvatar(bytes, hash);
    return checked.ok ? checked.image : null;
  }

  /** Brings the avatar with this hash: from the disk, else from the network through `download`. */
  function want(jid: Jid, hash: string, source: 'pep' | 'vcard', download: () => Promise<string | null>): void {
    if (entries.get(jid)?.avatar?.hash === hash) {
      if (source === 'pep') entry(jid).source = 'pep';
      return;
    }
    wanted.set(jid, hash);
    schedule(async () => {
      if (wanted.get(jid) !== hash) return;
      let image = await fromStore(hash);
      if (image === null) {
        const base64 = await download();
        const bytes = base64 === null ? null : decodeAvatarBase64(base64);
        if (bytes === null) return;
        const checked = checkAvatar(bytes, hash);
        if (!checked.ok) {
          deps.log?.(`Avatar of ${jid} refused: ${messageOf(checked.reason).message}`);
          return;
        }
        await store.write(hash, checked.bytes).catch((error: unknown) => deps.log?.(`Could not keep an avatar: ${String(error)}`));
        image = checked.image;
      }
      if (wanted.get(jid) === hash) setAvatar(jid, image, source);
    });
  }

  const fetchPepData = (jid: Jid, hash: string) => async (): Promise<string | null> => {
    const request = xml('pubsub', { xmlns: NS.pubsub }, xml('items', { node: NS.avatarData }, xml('item', { id: hash })));
    const reply = await iq.request('get', request, jid === ownBareJid ? null : jid, deps.timeoutMs);
    return parseAvatarData(reply);
  };
  const fetchVCardPhoto = (jid: Jid) => async (): Promise<string | null> => (await fetchParsedVCard(iq, jid === ownBareJid ? null : jid, deps.timeoutMs))?.photo?.base64 ?? null;

  // Last time's avatars, from the disk; whatever the server says meanwhile wins.
  void (async () => {
    const saved = (await deps.index?.load()) ?? new Map<Jid, KnownAvatar>();
    for (const [jid, { hash, source }] of saved) {
      if (wanted.has(jid)) continue;
      const image = await fromStore(hash);
      if (image !== null && !wanted.has(jid)) {
        wanted.set(jid, hash);
        setAvatar(jid, image, source);
      }
    }
  })().catch((error: unknown) => deps.log?.(`Could not restore avatars: ${String(error)}`));

  function accepts(from: string): Jid | null {
    const bare = toBareJid(from === '' ? ownBareJid : from);
    return bare !== null && (bare === ownBareJid || deps.isKnown(bare)) ? bare : null;
  }

  /** Takes a PEP notification (true: it was one of ours and is handled; false: the next claim gets it). */
  function receiveMessage(stanza: Element): boolean {
    const event = parsePepEvent(stanza);
    if (event === null) return false;
    // PEP notifications come from the owner's bare JID (XEP-0163 §4.3.3); anything else is not one.
    const jid = accepts(event.from);
    if (jid === null || (event.from !== '' && event.from !== jid)) return true;
    if (event.kind === 'nickname') {
      const found = entry(jid);
      if (found.nickname !== event.nickname) {
        found.nickname = event.nickname;
        announce(jid, found);
      }
      return true;
    }
    if (event.avatar === null) {
      wanted.set(jid, null);
      setAvatar(jid, null, null);
    } else if (event.avatar.bytes <= MAX_AVATAR_BYTES) {
      want(jid, event.avatar.hash, 'pep', fetchPepData(jid, event.avatar.hash));
    }
    return true;
  }

  function receivePresence(stanza: Element): void {
    if (stanza.attrs.type !== undefined) return;
    const hash = parsePhotoUpdate(stanza);
    if (hash === null) return;
    const jid = accepts(stanza.attrs.from ?? '');
    if (jid === null) return;
    const current = entries.get(jid);
    // PEP (XEP-0084) is authoritative where the contact uses it; the presence hash only fills in.
    if (current?.source === 'pep') return;
    if (hash === '') {
      if (current?.source === 'vcard') {
        wanted.set(jid, null);
        setAvatar(jid, null, null);
      }
      return;
    }
    if (wanted.get(jid) === hash) return;
    want(jid, hash, 'vcard', fetchVCardPhoto(jid));
  }

  // The sender is checked here, after parsing: a PEP event comes from a bare JID we know (XEP-0163 §4.3.3),
  // and one we cannot parse falls through to the next claim as it always has.
  const pepClaim = (node: string): StanzaClaim => ({ kind: 'message', child: { name: 'event', ns: NS.pubsubEvent, node }, from: 'anyone', handle: receiveMessage });

  return {
    claims: [pepClaim(NS.avatarMetadata), pepClaim(NS.nick)],
    observers: [{ kind: 'presence', from: 'anyone', observe: receivePresence }],
    async publish(type, bytes) {
      const checked = checkAvatar(bytes, null);
      if (!checked.ok) throw coreError('invalid-argument', checked.reason);
      if (checked.image.type !== type) throw coreError('invalid-argument', phrase('The image is not {{type}}.', { type }));
      const { hash } = checked.image;
      const base64 = bytes.toString('base64');
      const publish = (node: string, payload: Element) =>
        iq.request('set', xml('pubsub', { xmlns: NS.pubsub }, xml('publish', { node }, xml('item', { id: hash }, payload))), null, deps.timeoutMs);
      // XEP-0153 for clients that only read vCards. First: a server that mirrors the vCard photo into PEP
      // (Prosody's mod_vcard_legacy) publishes bare metadata of its own, which ours then replaces.
      await storeOwnPhoto(iq, { type, base64 }, deps.timeoutMs);
      // XEP-0084 §4.1: the data first, so that nobody is told of an image they cannot fetch yet.
      await publish(NS.avatarData, xml('data', { xmlns: NS.avatarData }, base64));
      // Width and height are recommended; a PNG says them in its header (IHDR).
      const size = type === 'image/png' && bytes.length >= 24 ? { width: String(bytes.readUInt32BE(16)), height: String(bytes.readUInt32BE(20)) } : {};
      await publish(NS.avatarMetadata, xml('metadata', { xmlns: NS.avatarMetadata }, xml('info', { id: hash, type, bytes: String(bytes.length), ...size })));
      await store.write(hash, bytes).catch(() => {});
      wanted.set(ownBareJid, hash);
      setAvatar(ownBareJid, checked.image, 'pep');
      return checked.image;
    },
    async remove() {
      // XEP-0084 §4.5: empty metadata says "no avatar".
      await iq.request('set', xml('pubsub', { xmlns: NS.pubsub }, xml('publish', { node: NS.avatarMetadata }, xml('item', { id: 'current' }, xml('metadata', { xmlns: NS.avatarMetadata })))), null, deps.timeoutMs);
      await storeOwnPhoto(iq, null, deps.timeoutMs);
      wanted.set(ownBareJid, null);
      setAvatar(ownBareJid, null, null);
    },
    cards: () => book.all(),
  };
}
