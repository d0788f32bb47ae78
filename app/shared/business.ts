/**
 * The contract's business features (issue 5): the server's user directory (XEP-0055) and ad-hoc
 * commands such as service administration (XEP-0050, XEP-0133), both driven by data forms (XEP-0004)
 * carried here as plain data. Part of the contract (contract.ts extends these).
 */
import type { AccountId, Jid } from './contract.ts';
import type { Result } from './result.ts';

export type DataFormFieldType =
  | 'boolean' | 'fixed' | 'hidden' | 'jid-multi' | 'jid-single' | 'list-multi' | 'list-single' | 'text-multi' | 'text-private' | 'text-single';

export interface DataFormOption {
  readonly label: string;
  readonly value: string;
}

export interface DataFormField {
  /** The field's name; absent only on `fixed` fields (plain text). */
  readonly var?: string;
  readonly type: DataFormFieldType;
  readonly label?: string;
  readonly description?: string;
  readonly required: boolean;
  /** Current or default values (one for single-value fields; lines for text-multi). */
  readonly values: readonly string[];
  readonly options: readonly DataFormOption[];
}

/** XEP-0004: a form to fill (`form`) or a result (`result`, possibly a table). */
export interface DataForm {
  readonly type: 'form' | 'result' | 'submit' | 'cancel';
  readonly title?: string;
  readonly instructions: readonly string[];
  readonly fields: readonly DataFormField[];
  /** Result tables: the columns, then one row per item (values by field name). */
  readonly columns?: readonly DataFormField[];
  readonly rows?: readonly Readonly<Record<string, readonly string[]>>[];
}

/** What the user filled in, by field name. */
export type DataFormValues = Readonly<Record<string, readonly string[]>>;

// ---- user directory (XEP-0055) ----

export interface DirectoryForm {
  /** The search service (the server itself, or one of its components). */
  readonly service: Jid;
  readonly form: DataForm;
}

export interface DirectoryEntry {
  readonly jid: Jid;
  /** Display values by column (e.g. first, last, nick, email). */
  readonly values: Readonly<Record<string, string>>;
}

export interface DirectoryResults {
  readonly columns: readonly { readonly var: string; readonly label: string }[];
  readonly entries: readonly DirectoryEntry[];
}

export interface DirectoryFormRequest {
  readonly account: AccountId;
}

export interface SearchDirectoryRequest {
  readonly account: AccountId;
  readonly service: Jid;
  readonly values: DataFormValues;
}

// ---- ad-hoc commands (XEP-0050) ----

export interface AdHocCommand {
  /** Who runs it: the server, usually. */
  readonly jid: Jid;
  readonly node: string;
  readonly name: string;
}

export interface AdHocNote {
  readonly type: 'info' | 'warn' | 'error';
  readonly text: string;
}

/** One step of a command's run: a form to fill (executing), or the outcome (completed / canceled). */
export interface AdHocStep {
  readonly jid: Jid;
  readonly node: string;
  readonly sessionId: string;
  readonly status: 'executing' | 'completed' | 'canceled';
  readonly form?: DataForm;
  readonly notes: readonly AdHocNote[];
  /** What the form may do next (`complete` when it is the last step; `next`/`prev` for several). */
  readonly actions: readonly ('next' | 'prev' | 'complete')[];
}

export interface ListCommandsRequest {
  readonly account: AccountId;
  /** Whose commands; default: the account's server. */
  readonly jid?: Jid;
}

export interface ExecuteCommandRequest {
  readonly account: AccountId;
  readonly jid: Jid;
  readonly node: string;
  /** Absent: start the command. */
  readonly sessionId?: string;
  /** Default `execute` (start, or go on with the form's default action). */
  readonly action?: 'execute' | 'next' | 'prev' | 'complete' | 'cancel';
  readonly values?: DataFormValues;
}

export interface BusinessCommands {
  /** The directory search form of the account's server (XEP-0055), found through service discovery. */
  getDirectoryForm(request: DirectoryFormRequest): Promise<Result<DirectoryForm>>;
  searchDirectory(request: SearchDirectoryRequest): Promise<Result<DirectoryResults>>;
  /** Ad-hoc commands the account may run (XEP-0050): for an administrator, the server's administration (XEP-0133). */
  listCommands(request: ListCommandsRequest): Promise<Result<readonly AdHocCommand[]>>;
  executeCommand(request: ExecuteCommandRequest): Promise<Result<AdHocStep>>;
}

export const BUSINESS_COMMAND_NAMES = ['getDirectoryForm', 'searchDirectory', 'listCommands', 'executeCommand'] as const satisfies readonly (keyof BusinessCommands)[];
