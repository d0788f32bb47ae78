/**
 * XEP-0313 Message Archive Management with XEP-0059 result set paging: fetch a page of our own
 * archive, forwards (catching up after a known id) or backwards (older history). Results arrive as
 * messages before the IQ result; they are collected by query id, and only from our own archive.
 */
import { randomUUID } from 'node:crypto';
import { xml, type Element } from '@xmpp/xml';
import type { Jid } from '../../../shared/contract.ts';
import type { IqRouter } from '../../session/iq.ts';
import { parseArchiveResult, type ArchiveResult } from '../../xml/forwarded.ts';
import { NS } from '../../xml/namespaces.ts';

export interface ArchiveQuery {
  /** Only the conversation with this JID; the whole archive when absent. */
  readonly with?: Jid;
  /** Forwards: results after this archive id (catching up). */
  readonly after?: string;
  /** Backwards: results before this archive id, or `true` for the newest page. */
  readonly before?: string | true;
  /** Only results archived before this time (ms since the epoch): paging back from the oldest message we hold. */
  readonly end?: number;
  readonly max: number;
}

export interface ArchivePage {
  /** Oldest first. */
  readonly results: readonly ArchiveResult[];
  /** The archive says there is nothing more in the direction asked. */
  readonly complete: boolean;
  readonly first: string | null;
  readonly last: string | null;
}

/** Routes incoming archive results to the query that asked for them. */
export class ArchiveCollector {
  readonly #pending = new Map<string, ArchiveResult[]>();
  readonly #ownBareJid: Jid;

  /** `ownBareJid`: the archive whose results it takes (our account, or a room's bare JID). */
  constructor(ownBareJid: Jid) {
    this.#ownBareJid = ownBareJid;
  }

  /** Takes the stanza when it is a result for one of our queries; returns whether it did. */
  receive(stanza: Element): boolean {
    if (stanza.getChild('result', NS.mam) === undefined) return false;
    const result = parseArchiveResult(stanza, this.#ownBareJid);
    if (result !== null) this.#pending.get(result.queryId)?.push(result);
    return true; // Wrapped results (forged or for nobody) are never plain messages.
  }

  start(queryId: string): ArchiveResult[] {
    const results: ArchiveResult[] = [];
    this.#pending.set(queryId, results);
    return results;
  }

  finish(queryId: string): void {
    this.#pending.delete(queryId);
  }
}

function field(name: string, value: string): Element {
  return xml('field', { var: name }, xml('value', {}, value));
}

export function archiveQueryElement(queryId: string, query: ArchiveQuery): Element {
  const form = xml(
    'x',
    { xmlns: NS.dataForms, type: 'submit' },
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS.mam)),
    query.with === undefined ? undefined : field('with', query.with),
    query.end === undefined ? undefined : field('end', new Date(query.end).toISOString()),
  );
  const set = xml(
    'set',
    { xmlns: NS.rsm },
    xml('max', {}, String(query.max)),
    query.after === undefined ? undefined : xml('after', {}, query.after),
    query.before === undefined ? undefined : xml('before', {}, query.before === true ? '' : query.before),
  );
  return xml('query', { xmlns: NS.mam, queryid: queryId }, form, set);
}

/**
 * One page of an archive: our own account's (`archive` null), or another entity's such as a group chat
 * room's (XEP-0313 §5.1.2: its collector then accepts results only from that room's bare JID).
 */
export async function queryArchive(iq: IqRouter, collector: ArchiveCollector, query: ArchiveQuery, timeoutMs: number, archive: Jid | null = null): Promise<ArchivePage> {
  const queryId = randomUUID();
  const results = collector.start(queryId);
  try {
    const reply = await iq.request('set', archiveQueryElement(queryId, query), archive, timeoutMs);
    const fin = reply.getChild('fin', NS.mam);
    const set = fin?.getChild('set', NS.rsm);
    return {
      results: [...results],
      complete: fin?.attrs.complete === 'true' || fin?.attrs.complete === '1',
      first: set?.getChildText('first') ?? null,
      last: set?.getChildText('last') ?? null,
    };
  } finally {
    collector.finish(queryId);
  }
}
