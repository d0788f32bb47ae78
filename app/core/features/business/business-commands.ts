/**
 * The business commands of the contract (user directory, ad-hoc commands) over each account's
 * session. The forms the server sent are kept here, per account (and per command session), so that
 * a submission carries the server's own hidden fields and is checked against the fields it offered.
 */
import type {
  AdHocCommand, AdHocStep, BusinessCommands, DataForm, DataFormValues, DirectoryForm, DirectoryResults,
} from '../../../shared/business.ts';
import type { AccountId, Jid, Result } from '../../../shared/contract.ts';
import { formatFull, parseJid } from '../../../shared/jid.ts';
import { fail, ok } from '../../../shared/result.ts';
import { isRecord, parseAccountId } from '../../accounts/accounts-input.ts';
import type { AccountRuntime } from '../../accounts/accounts-runtime.ts';
import { executeCommand, listCommands } from './adhoc.ts';
import { directoryForm, searchDirectory } from './directory.ts';

const MAX_VALUES_PER_FIELD = 500;
const MAX_VALUE_LENGTH = 10_000;
const ACTIONS = new Set(['execute', 'next', 'prev', 'complete', 'cancel']);

/** The runtime of a configured account, or the error to answer with. */
export type RuntimeLookup = (account: AccountId) => Result<AccountRuntime>;

function parseTarget(value: unknown): Result<Jid> {
  const parsed = typeof value === 'string' ? parseJid(value) : null;
  return parsed?.ok === true ? ok(formatFull(parsed.jid)) : fail('invalid-jid', `“${String(value)}” is not a valid Jabber ID.`);
}

/** What the user filled in: field names with lists of strings, nothing else, within bounds. */
function parseValues(value: unknown): Result<DataFormValues> {
  if (value === undefined) return ok({});
  if (!isRecord(value)) return fail('invalid-argument', 'The form values must be lists of text by field name.');
  const values: Record<string, readonly string[]> = {};
  for (const [name, list] of Object.entries(value)) {
    if (!Array.isArray(list) || list.length > MAX_VALUES_PER_FIELD || !list.every((item) => typeof item === 'string' && item.length <= MAX_VALUE_LENGTH)) {
      return fail('invalid-argument', `The value of “${name}” is not valid.`);
    }
    values[name] = list as string[];
  }
  return ok(values);
}

/** Only fields the form offered; required ones filled (the server checks again). */
function checkAgainst(form: DataForm, values: DataFormValues): Result<null> {
  const names = new Set(form.fields.map((field) => field.var).filter((name): name is string => name !== undefined));
  const unknown = Object.keys(values).find((name) => !names.has(name));
  if (unknown !== undefined) return fail('invalid-argument', `The form has no field “${unknown}”.`);
  const missing = form.fields.find((field) => field.required && field.type !== 'hidden' && field.type !== 'fixed' && (values[field.var ?? ''] ?? field.values).every((item) => item.trim() === ''));
  if (missing !== undefined) return fail('invalid-argument', `Fill in “${missing.label ?? missing.var ?? ''}”.`);
  return ok(null);
}

export function createBusinessCommands(runtimeOf: RuntimeLookup): { [K in keyof BusinessCommands]: (request: unknown) => ReturnType<BusinessCommands[K]> } {
  /** Per account: the directory form last shown, and whether it was the legacy kind. */
  const directories = new Map<AccountId, { service: Jid; form: DataForm; legacy: boolean }>();
  /** Per account and command session: the form of the step being shown. */
  const steps = new Map<string, DataForm>();
  const stepKey = (account: AccountId, jid: Jid, sessionId: string): string => `${account}\u0000${jid}\u0000${sessionId}`;

  async function getDirectoryForm(request: unknown): Promise<Result<DirectoryForm>> {
    const account = parseAccountId(isRecord(request) ? request.account : undefined);
    if (!account.ok) return account;
    const runtime = runtimeOf(account.value);
    if (!runtime.ok) return runtime;
    const domain = account.value.slice(account.value.indexOf('@') + 1);
    const result = await runtime.value.query(async (iq) => {
      const found = await directoryForm(iq, domain);
      // A form without a data form (<x/>) is the legacy kind: its answers go back as plain elements.
      const legacy = found.form.fields.every((field) => ['first', 'last', 'nick', 'email'].includes(field.var ?? '')) && !found.form.fields.some((field) => field.var === 'FORM_TYPE');
      directories.set(account.value, { service: found.service, form: found.form, legacy });
      return found;
    });
    return result;
  }

  async function searchDirectoryCommand(request: unknown): Promise<Result<DirectoryResults>> {
    if (!isRecord(request)) return fail('invalid-argument', 'Say which account searches, and what.');
    const account = parseAccountId(request.account);
    if (!account.ok) return account;
    const values = parseValues(request.values);
    if (!values.ok) return values;
    const directory = directories.get(account.value);
    if (directory === undefined || directory.service !== request.service) return fail('invalid-argument', 'Open the directory search again: its form is not known yet.');
    const checked = checkAgainst(directory.form, values.value);
    if (!checked.ok) return checked;
    const runtime = runtimeOf(account.value);
    if (!runtime.ok) return runtime;
    return runtime.value.query((iq) => searchDirectory(iq, directory.service, directory.form, directory.legacy, values.value));
  }

  async function listCommandsCommand(request: unknown): Promise<Result<readonly AdHocCommand[]>> {
    if (!isRecord(request)) return fail('invalid-argument', 'Say which account asks.');
    const account = parseAccountId(request.account);
    if (!account.ok) return account;
    const target = request.jid === undefined ? ok(account.value.slice(account.value.indexOf('@') + 1)) : parseTarget(request.jid);
    if (!target.ok) return target;
    const runtime = runtimeOf(account.value);
    if (!runtime.ok) return runtime;
    return runtime.value.query((iq) => listCommands(iq, target.value));
  }

  async function executeCommandCommand(request: unknown): Promise<Result<AdHocStep>> {
    if (!isRecord(request) || typeof request.node !== 'string' || request.node.length === 0 || request.node.length > 1_000) {
      return fail('invalid-argument', 'Say which command to run.');
    }
    const account = parseAccountId(request.account);
    if (!account.ok) return account;
    const target = parseTarget(request.jid);
    if (!target.ok) return target;
    const action = request.action ?? 'execute';
    if (typeof action !== 'string' || !ACTIONS.has(action)) return fail('invalid-argument', 'A command goes on with execute, next, prev, complete or cancel.');
    const sessionId = request.sessionId;
    if (sessionId !== undefined && (typeof sessionId !== 'string' || sessionId.length > 256)) return fail('invalid-argument', 'That command session is not valid.');
    const values = parseValues(request.values);
    if (!values.ok) return values;
    const form = sessionId === undefined ? undefined : steps.get(stepKey(account.value, target.value, sessionId));
    if (sessionId !== undefined && form === undefined && action !== 'cancel') return fail('invalid-argument', 'That command is over, or was never started here: start it again.');
    if (form !== undefined && (action === 'execute' || action === 'next' || action === 'complete')) {
      const checked = checkAgainst(form, values.value);
      if (!checked.ok) return checked;
    }
    const runtime = runtimeOf(account.value);
    if (!runtime.ok) return runtime;
    const result = await runtime.value.query((iq) =>
      executeCommand(iq, {
        jid: target.value,
        node: request.node as string,
        action: action as 'execute',
        ...(sessionId !== undefined ? { sessionId } : {}),
        ...(form !== undefined ? { form, values: values.value } : {}),
      }),
    );
    if (sessionId !== undefined) steps.delete(stepKey(account.value, target.value, sessionId));
    if (result.ok && result.value.status === 'executing' && result.value.form !== undefined) {
      steps.set(stepKey(account.value, result.value.jid, result.value.sessionId), result.value.form);
    }
    return result;
  }

  return {
    getDirectoryForm,
    searchDirectory: searchDirectoryCommand,
    listCommands: listCommandsCommand,
    executeCommand: executeCommandCommand,
  };
}
