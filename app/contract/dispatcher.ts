/**
 * The server side of the contract, for every transport (Electron IPC in main/ipc.ts, the WebSocket in
 * app/web-host): takes a command name and its arguments as they arrived from an untrusted sender,
 * checks them against the command's schema, calls the service and answers its Result. It never throws
 * or rejects: an unknown command or arguments of the wrong shape are `invalid-argument`, a service that
 * throws is `internal`. Who may call at all is each transport's business, decided before this.
 */
import { phrase } from '../shared/phrase.ts';
import type { z } from 'zod';
import { isCommandName, isHostCommandName, type ApiCommandName, type HostCommands, type JabberCommands, type Result } from '../shared/contract.ts';
import { fail } from '../shared/result.ts';
import { COMMAND_SCHEMAS, HOST_COMMAND_SCHEMAS } from './command-schemas.ts';

export type CommandDispatcher = (command: unknown, args: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Told about a command that threw instead of answering a Result (a bug); default: console.error. */
  readonly onUnexpectedError?: (command: ApiCommandName, error: unknown) => void;
  /** Answers the host's commands (app/shared/host.ts); absent: they are `unsupported` (the browser bridge answers them in the page). */
  readonly host?: HostCommands;
}

/** At most this many problems are named in an `invalid-argument` message. */
const ISSUES_NAMED = 3;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, ISSUES_NAMED)
    .map((issue) => {
      // Path element 0 is the argument's position: name the field inside the request instead.
      const field = issue.path.slice(1).map(String).join('.');
      return field === '' ? issue.message : `${field}: ${issue.message}`;
    })
    .join('; ');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeName(command: unknown): string {
  return typeof command === 'string' ? `"${command.slice(0, 64)}"` : `A ${typeof command}`;
}

export function createCommandDispatcher(service: JabberCommands, options: DispatcherOptions = {}): CommandDispatcher {
  const report = options.onUnexpectedError ?? ((command, error) => console.error(`[contract] ${command} failed unexpectedly:`, error));
  const host = options.host;
  return async (command, args) => {
    const isHost = isHostCommandName(command);
    if (!isCommandName(command) && !isHost) return fail('invalid-argument', phrase('{{name}} is not a command of Jabber Desk.', { name: describeName(command) }));
    if (isHost && host === undefined) return fail('unsupported', phrase("This window's host does not answer {{command}}.", { command }));
    const schema: z.ZodType<readonly unknown[]> = isHost ? HOST_COMMAND_SCHEMAS[command] : COMMAND_SCHEMAS[command];
    const target: object = isHost ? (host as HostCommands) : service;
    try {
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        return fail('invalid-argument', phrase('The {{command}} command received arguments of the wrong shape ({{problems}}).', { command, problems: describeIssues(parsed.error) }));
      }
      // Called as a method of the service, with the parsed copy (unknown fields stripped), never the raw input.
      const method = (target as Record<ApiCommandName, (...request: readonly unknown[]) => Promise<Result<unknown>>>)[command];
      return await Reflect.apply(method, target, parsed.data);
    } catch (error) {
      report(command, error);
      return fail('internal', phrase('Something went wrong inside Jabber Desk ({{problem}}).', { problem: errorText(error) }));
    }
  };
}
