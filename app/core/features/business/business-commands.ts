/**
 * The business feature: the contract's user-directory and ad-hoc commands (XEP-0055, XEP-0050) on one
 * account's session, on the generic feature path (session/feature.ts). The forms the server sent are
 * kept here, for the session (and per command session), so that a submission carries the server's own
 * hidden fields and is checked against the fields it offered.
 */
import { phrase } from '../../../shared/phrase.ts';
import type {
  AdHocCommand, AdHocStep, DataForm, DataFormValues, DirectoryForm, DirectoryResults,
} from '../../../shared/business.ts';
import type { Jid, Result } from '../../../shared/contract.ts';
import { formatFull, parseJid } from '../../../shared/jid.ts';
import { fail, ok } from '../../../shared/result.ts';
import { isRecord } from '../../accounts/accounts-input.ts';
import type { FeatureParts } from '../../session/feature.ts';
import { executeCommand, listCommands } from './adhoc.ts';
import { directoryForm, searchDirectory, type IqRequest } from './directory.ts';

const MAX_VALUES_PER_FIELD = 500;
const MAX_VALUE_LENGTH = 10_000;
const ACTIONS = new Set(['execute', 'next', 'prev', 'complete', 'cancel']);

function parseTarget(value: unknown): Result<Jid> {
  const parsed = typeof value === 'string' ? parseJid(value) : null;
  return parsed?.ok === true ? ok(formatFull(parsed.jid)) : fail('invalid-jid', phrase('“{{input}}” is not a valid Jabber ID.', { input: String(value) }));
}

/** What the user filled in: field names with lists of strings, nothing else, within bounds. */
function parseValues(value: unknown): Result<DataFormValues> {
  if (value === undefined) return ok({});
  if (!isRecord(value)) return fail('invalid-argument', 'The form values must be lists of text by field name.');
  const values: Record<string, readonly string[]> = {};
  for (const [name, list] of Object.entries(value)) {
    if (!Array.isArray(list) || list.length > MAX_VALUES_PER_FIELD || !list.every((item) => typeof item === 'string' && item.length <= MAX_VALUE_LENGTH)) {
      return fail('invalid-argument', phrase('The value of “{{field}}” is not valid.', { field: name }));
    }
    values[name] = list as string[];
  }
  return ok(values);
}

/** Only fields the form offered; required ones filled (the server checks again). */
function checkAgainst(form: DataForm, values: DataFormValues): Result<null> {
  const names = new Set(form.fields.map((field) => field.var).filter((name): name is string => name !== undefined));
  const unknown = Object.keys(values).find((name) => !names.has(name));
  if (unknown !== undefined) return fail('invalid-argument', phrase('The form has no field “{{field}}”.', { field: unknown }));
  const missing = form.fields.find((field) => field.required && field.type !== 'hidden' && field.type !== 'fixed' && (values[field.var ?? ''] ?? field.values).every((item) => item.trim() === ''));
  if (missing !== undefined) return fail('invalid-argument', phrase('Fill in “{{field}}”.', { field: missing.label ?? missing.var ?? '' }));
  return ok(null);
}

export function createBusiness(deps: {
  /** An IQ to `to` on the session; the reply, or a CoreError. */
  readonly request: IqRequest;
  /** Our account's domain: the server whose directory and commands are asked by default. */
  readonly domain: string;
}): FeatureParts {
  const { request: iq, domain } = deps;
  /** The directory form last shown, and whether it was the legacy kind. */
  let directory: { service: Jid; form: DataForm; legacy: boolean } | null = null;
  /** Per command session: the form of the step being shown. */
  const steps = new Map<string, DataForm>();
  const stepKey = (jid: Jid, sessionId: string): string => `${jid}\u0000${sessionId}`;

  async function getDirectoryForm(): Promise<Result<DirectoryForm>> {
    const found = await directoryForm(iq, domain);
    // A form without a data form (<x/>) is the legacy kind: its answers go back as plain elements.
    const legacy = found.form.fields.every((field) => ['first', 'last', 'nick', 'email'].includes(field.var ?? '')) && !found.form.fields.some((field) => field.var === 'FORM_TYPE');
    directory = { service: found.service, form: found.form, legacy };
    return ok(found);
  }

  async function searchDirectoryCommand(request: unknown): Promise<Result<DirectoryResults>> {
    if (!isRecord(request)) return fail('invalid-argument', 'Say which account searches, and what.');
    const values = parseValues(request.values);
    if (!values.ok) return values;
    const shown = directory;
    if (shown === null || shown.service !== request.service) return fail('invalid-argument', 'Open the directory search again: its form is not known yet.');
    const checked = checkAgainst(shown.form, values.value);
    if (!checked.ok) return checked;
    return ok(await searchDirectory(iq, shown.service, shown.form, shown.legacy, values.value));
  }

  async function listCommandsCommand(request: unknown): Promise<Result<readonly AdHocCommand[]>> {
    if (!isRecord(request)) return fail('invalid-argument', 'Say which account asks.');
    const target = request.jid === undefined ? ok(domain) : parseTarget(request.jid);
    if (!target.ok) return target;
    return ok(await listCommands(iq, target.value));
  }

  async function executeCommandCommand(request: unknown): Promise<Result<AdHocStep>> {
    if (!isRecord(request) || typeof request.node !== 'string' || request.node.length === 0 || request.node.length > 1_000) {
      return fail('invalid-argument', 'Say which command to run.');
    }
    const target = parseTarget(request.jid);
    if (!target.ok) return target;
    const action = request.action ?? 'execute';
    if (typeof action !== 'string' || !ACTIONS.has(action)) return fail('invalid-argument', 'A command goes on with execute, next, prev, complete or cancel.');
    const sessionId = request.sessionId;
    if (sessionId !== undefined && (typeof sessionId !== 'string' || sessionId.length > 256)) return fail('invalid-argument', 'That command session is not valid.');
    const values = parseValues(request.values);
    if (!values.ok) return values;
    const form = sessionId === undefined ? undefined : steps.get(stepKey(target.value, sessionId));
    if (sessionId !== undefined && form === undefined && action !== 'cancel') return fail('invalid-argument', 'That command is over, or was never started here: start it again.');
    if (form !== undefined && (action === 'execute' || action === 'next' || action === 'complete')) {
      const checked = checkAgainst(form, values.value);
      if (!checked.ok) return checked;
    }
    let step: AdHocStep;
    try {
      step = await executeCommand(iq, {
        jid: target.value,
        node: request.node as string,
        action: action as 'execute',
        ...(sessionId !== undefined ? { sessionId } : {}),
        ...(form !== undefined ? { form, values: values.value } : {}),
      });
    } finally {
      // Answered or failed, that step is over.
      if (sessionId !== undefined) steps.delete(stepKey(target.value, sessionId));
    }
    if (step.status === 'executing' && step.form !== undefined) steps.set(stepKey(step.jid, step.sessionId), step.form);
    return ok(step);
  }

  return {
    commands: {
      getDirectoryForm,
      searchDirectory: searchDirectoryCommand,
      listCommands: listCommandsCommand,
      executeCommand: executeCommandCommand,
    },
  };
}
