/**
 * Ad-hoc commands (XEP-0050): the commands an entity (usually the account's server) offers to this
 * account — for an administrator, service administration (XEP-0133: add or delete a user, change a
 * password, send an announcement) — run step by step through data forms.
 */
import { phrase } from '../../../shared/phrase.ts';
import { xml, type Element } from '@xmpp/xml';
import type { AdHocCommand, AdHocNote, AdHocStep, DataForm, DataFormValues } from '../../../shared/business.ts';
import type { Jid } from '../../../shared/contract.ts';
import type { IqRequest } from './directory.ts';
import { coreError, CoreError } from '../../errors.ts';
import { NS_DATA, parseDataForm, submitForm } from '../../xml/data-form.ts';
import { NS } from '../../xml/namespaces.ts';

export const NS_COMMANDS = 'http://jabber.org/protocol/commands';
const MAX_COMMANDS = 200;
const ACTIONS = new Set(['next', 'prev', 'complete']);

function commandFailure(error: unknown, jid: Jid): CoreError {
  const condition = error instanceof CoreError ? error.appError.condition : undefined;
  if (condition === 'forbidden' || condition === 'not-authorized') return coreError('not-allowed', phrase('{{jid}} does not let this account run that command: it is for administrators.', { jid }), { condition });
  if (condition === 'item-not-found' || condition === 'service-unavailable' || condition === 'feature-not-implemented') {
    return coreError('unsupported', phrase('{{jid}} does not offer that command (any more).', { jid }), { condition });
  }
  if (condition === 'bad-request' || condition === 'not-acceptable') return coreError('invalid-argument', phrase('{{jid}} did not accept what was filled in ({{condition}}). Check the form and try again.', { jid, condition }), { condition });
  if (error instanceof CoreError && error.appError.code !== 'stream-error') return error;
  return coreError('unsupported', condition ? phrase('{{jid}} could not run the command ({{condition}}).', { jid, condition }) : phrase('{{jid}} could not run the command.', { jid }), condition ? { condition } : {});
}

/** The commands `jid` offers to us (disco#items on the commands node). */
export async function listCommands(request: IqRequest, jid: Jid): Promise<AdHocCommand[]> {
  let items: Element[];
  try {
    items = (await request('get', xml('query', { xmlns: NS.discoItems, node: NS_COMMANDS }), jid)).getChild('query', NS.discoItems)?.getChildren('item') ?? [];
  } catch (error) {
    throw commandFailure(error, jid);
  }
  return items
    .slice(0, MAX_COMMANDS)
    .filter((item) => typeof item.attrs.node === 'string' && item.attrs.node.length > 0)
    .map((item) => ({ jid: item.attrs.jid ?? jid, node: item.attrs.node ?? '', name: (item.attrs.name ?? item.attrs.node ?? '').slice(0, 200) }));
}

function parseNotes(command: Element): AdHocNote[] {
  return command.getChildren('note').map((note) => {
    const type = note.attrs.type;
    return { type: type === 'warn' || type === 'error' ? type : 'info', text: note.text().slice(0, 2_000) };
  });
}

function parseStep(reply: Element, jid: Jid, node: string): AdHocStep {
  const command = reply.getChild('command', NS_COMMANDS);
  if (command === undefined) throw coreError('unsupported', phrase('{{jid}} answered without a command.', { jid }));
  const status = command.attrs.status === 'completed' || command.attrs.status === 'canceled' ? command.attrs.status : 'executing';
  const form = parseDataForm(command.getChild('x', NS_DATA));
  const actions = (command.getChild('actions')?.getChildElements() ?? []).map((action) => action.name).filter((name) => ACTIONS.has(name)) as AdHocStep['actions'][number][];
  return {
    jid,
    node,
    sessionId: (command.attrs.sessionid ?? '').slice(0, 256),
    status,
    ...(form !== null ? { form } : {}),
    notes: parseNotes(command),
    // A form without an <actions/> element is completed with "execute" (XEP-0050 §3.4: single stage).
    actions: actions.length > 0 ? actions : status === 'executing' ? ['complete'] : [],
  };
}

export interface CommandRun {
  readonly jid: Jid;
  readonly node: string;
  readonly sessionId?: string;
  readonly action: 'execute' | 'next' | 'prev' | 'complete' | 'cancel';
  /** The form of the step being answered, and what the user filled in. */
  readonly form?: DataForm;
  readonly values?: DataFormValues;
}

/** Starts a command, or takes it one step further (submitting the filled form), or cancels it. */
export async function executeCommand(request: IqRequest, run: CommandRun): Promise<AdHocStep> {
  const submission = run.action !== 'cancel' && run.action !== 'prev' && run.form !== undefined ? submitForm(run.form, run.values ?? {}) : undefined;
  const payload = xml(
    'command',
    { xmlns: NS_COMMANDS, node: run.node, action: run.action, ...(run.sessionId !== undefined ? { sessionid: run.sessionId } : {}) },
    submission,
  );
  try {
    return parseStep(await request('set', payload, run.jid), run.jid, run.node);
  } catch (error) {
    throw commandFailure(error, run.jid);
  }
}
