/**
 * The server's user directory (XEP-0055 Jabber Search): found through service discovery (the server
 * itself or one of its components), its form (a XEP-0004 data form, or the legacy first/last/nick/
 * email fields, shown as a data form either way), and the results as plain rows.
 */
import { phrase } from '../../../shared/phrase.ts';
import { xml, type Element } from '@xmpp/xml';
import type { DataForm, DataFormValues, DirectoryEntry, DirectoryForm, DirectoryResults } from '../../../shared/business.ts';
import type { Jid } from '../../../shared/contract.ts';
import { toBareJid } from '../../../shared/jid.ts';
import { coreError, CoreError } from '../../errors.ts';
import { NS_DATA, parseDataForm, submitForm } from '../../xml/data-form.ts';
import { NS } from '../../xml/namespaces.ts';

export const NS_SEARCH = 'jabber:iq:search';

/** Sends an IQ and resolves with the reply (rejects with a CoreError on an error reply). */
export type IqRequest = (type: 'get' | 'set', payload: Element, to: Jid) => Promise<Element>;

const LEGACY_FIELDS: readonly { readonly name: string; readonly label: string }[] = [
  { name: 'first', label: 'First name' },
  { name: 'last', label: 'Last name' },
  { name: 'nick', label: 'Nickname' },
  { name: 'email', label: 'E-mail' },
];
const MAX_ENTRIES = 1_000;
const MAX_SERVICES_PROBED = 20;

/** The directory of `domain`: the server itself, else the first of its components that offers search. */
export async function findDirectory(request: IqRequest, domain: string): Promise<Jid | null> {
  const offersSearch = async (jid: Jid): Promise<boolean> => {
    try {
      const info = await request('get', xml('query', { xmlns: NS.discoInfo }), jid);
      return (info.getChild('query', NS.discoInfo)?.getChildren('feature') ?? []).some((feature) => feature.attrs.var === NS_SEARCH);
    } catch {
      return false;
    }
  };
  if (await offersSearch(domain)) return domain;
  let items: Element[];
  try {
    items = (await request('get', xml('query', { xmlns: NS.discoItems }), domain)).getChild('query', NS.discoItems)?.getChildren('item') ?? [];
  } catch {
    return null;
  }
  for (const item of items.slice(0, MAX_SERVICES_PROBED)) {
    const jid = item.attrs.jid;
    if (typeof jid === 'string' && item.attrs.node === undefined && (await offersSearch(jid))) return jid;
  }
  return null;
}

/** The legacy fields a server offers, as the data form we show for every directory. */
function legacyForm(query: Element): DataForm {
  const instructions = query.getChildText('instructions');
  return {
    type: 'form',
    instructions: instructions === null ? [] : [instructions.slice(0, 2_000)],
    fields: LEGACY_FIELDS.filter((field) => query.getChild(field.name) !== undefined).map((field) => ({
      var: field.name,
      type: 'text-single',
      label: field.label,
      required: false,
      values: [],
      options: [],
    })),
  };
}

/** XEP-0055 errors in words a user can act on. */
function directoryFailure(error: unknown, service: Jid): CoreError {
  const condition = error instanceof CoreError ? error.appError.condition : undefined;
  if (condition === 'not-acceptable') return coreError('invalid-argument', 'Fill in at least one field with two characters or more.', { condition });
  if (condition === 'forbidden' || condition === 'not-allowed') return coreError('not-allowed', phrase('The directory {{service}} does not allow you to search it.', { service }), { condition });
  if (error instanceof CoreError && error.appError.code !== 'stream-error') return error;
  return coreError('unsupported', condition ? phrase('The directory {{service}} did not answer the search ({{condition}}). Try again later, or ask your administrator.', { service, condition }) : phrase('The directory {{service}} did not answer the search. Try again later, or ask your administrator.', { service }), condition ? { condition } : {});
}

export async function directoryForm(request: IqRequest, domain: string): Promise<DirectoryForm> {
  const service = await findDirectory(request, domain);
  if (service === null) throw coreError('unsupported', phrase("Your server ({{domain}}) offers no user directory. Ask your administrator for a colleague's address.", { domain }));
  let query: Element | undefined;
  try {
    query = (await request('get', xml('query', { xmlns: NS_SEARCH }), service)).getChild('query', NS_SEARCH);
  } catch (error) {
    throw directoryFailure(error, service);
  }
  if (query === undefined) throw coreError('unsupported', phrase('The directory {{service}} sent no search form.', { service }));
  return { service, form: parseDataForm(query.getChild('x', NS_DATA)) ?? legacyForm(query) };
}

const jidOf = (value: string | undefined): Jid | null => (value === undefined ? null : toBareJid(value));

/** Rows of a data-form result: the `jid` column names the entry. */
function formResults(form: DataForm): DirectoryResults {
  const columns = (form.columns ?? []).filter((column) => column.var !== undefined && column.var !== 'jid');
  const entries: DirectoryEntry[] = [];
  for (const row of form.rows ?? []) {
    const jid = jidOf(row['jid']?.[0]);
    if (jid === null) continue;
    entries.push({ jid, values: Object.fromEntries(columns.map((column) => [column.var ?? '', (row[column.var ?? ''] ?? []).join(', ')])) });
  }
  return { columns: columns.map((column) => ({ var: column.var ?? '', label: column.label ?? column.var ?? '' })), entries };
}

function legacyResults(query: Element): DirectoryResults {
  const entries: DirectoryEntry[] = [];
  for (const item of query.getChildren('item').slice(0, MAX_ENTRIES)) {
    const jid = jidOf(item.attrs.jid);
    if (jid === null) continue;
    entries.push({ jid, values: Object.fromEntries(LEGACY_FIELDS.map((field) => [field.name, (item.getChildText(field.name) ?? '').slice(0, 500)])) });
  }
  return { columns: LEGACY_FIELDS.map((field) => ({ var: field.name, label: field.label })), entries };
}

/** Searches `service` with `form` filled with `values`; a legacy form is sent back as legacy fields. */
export async function searchDirectory(request: IqRequest, service: Jid, form: DataForm, legacy: boolean, values: DataFormValues): Promise<DirectoryResults> {
  const payload = legacy
    ? xml(
        'query',
        { xmlns: NS_SEARCH },
        ...form.fields.filter((field) => field.var !== undefined).map((field) => xml(field.var ?? '', {}, (values[field.var ?? ''] ?? [])[0] ?? '')),
      )
    : xml('query', { xmlns: NS_SEARCH }, submitForm(form, values));
  let query: Element | undefined;
  try {
    query = (await request('set', payload, service)).getChild('query', NS_SEARCH);
  } catch (error) {
    throw directoryFailure(error, service);
  }
  if (query === undefined) return { columns: [], entries: [] };
  const resultForm = parseDataForm(query.getChild('x', NS_DATA));
  return resultForm !== null ? formResults(resultForm) : legacyResults(query);
}
