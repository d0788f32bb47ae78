/**
 * Finds and reads the organisation's policy file (app/shared/policy.ts): the system-wide one, which only an
 * administrator can write, or else the one named by `--policy FILE`. Electron main and the web host call this
 * at start and hand the result to the core; a file that cannot be used comes back as an `invalid` state with a
 * message for the user, never as "no policy".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePolicyText, type PolicyFile } from '../../contract/policy-schema.ts';
import { NO_POLICY, type ManagedPolicy, type PolicyState } from '../../shared/policy.ts';
import { describeAuthority } from '../stream/authorities.ts';
import { messageOf, phrase } from '../../shared/phrase.ts';

/** Where an administrator puts the policy, per OS. */
export function systemPolicyPath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>> = {}): string {
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'JabberDesk', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/JabberDesk/policy.json';
  return '/etc/jabber-desk/policy.json';
}

/** The file of `--policy FILE` (or `--policy=FILE`) on a command line; undefined: not given. */
export function policyArgument(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--policy') return argv[index + 1];
    if (arg?.startsWith('--policy=') === true) return arg.slice('--policy='.length);
  }
  return undefined;
}

type ReadFile = (file: string) => string;
const readUtf8: ReadFile = (file) => readFileSync(file, 'utf8');

const isMissing = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && ((error as { code?: unknown }).code === 'ENOENT' || (error as { code?: unknown }).code === 'ENOTDIR');

// `why` names the setting in the file's own terms, for the administrator: it stays as it is in every language.
const invalid = (source: string, why: string): PolicyState => ({
  state: 'invalid',
  source,
  ...messageOf(phrase('The policy file of your organisation ({{source}}) cannot be used: {{why}}. Nothing can sign in until your administrator fixes it.', { source, why })),
});

/** The checked file as the core enforces it: the CA read (from the file beside it, where named) and checked. */
function toManagedPolicy(file: PolicyFile, source: string, readFile: ReadFile): { ok: true; policy: ManagedPolicy } | { ok: false; why: string } {
  let caText = file.certificateAuthority;
  if (file.certificateAuthorityFile !== undefined) {
    const caPath = path.resolve(path.dirname(source), file.certificateAuthorityFile);
    try {
      caText = readFile(caPath);
    } catch (error) {
      return { ok: false, why: `certificateAuthorityFile: ${caPath} cannot be read (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  let certificateAuthority: ManagedPolicy['certificateAuthority'];
  if (caText !== undefined) {
    const authority = describeAuthority(caText);
    if (!authority.ok) return { ok: false, why: `certificateAuthority: ${authority.error.message}` };
    certificateAuthority = authority.value;
  }
  return {
    ok: true,
    policy: {
      ...(file.domain !== undefined ? { domain: file.domain } : {}),
      ...(file.server !== undefined ? { server: file.server } : {}),
      ...(file.port !== undefined ? { port: file.port } : {}),
      otherAccounts: file.otherAccounts,
      ...(certificateAuthority !== undefined ? { certificateAuthority } : {}),
      ...(file.proxy !== undefined ? { proxy: file.proxy } : {}),
      savePasswords: file.savePasswords,
      fileUpload: file.fileUpload,
      ...(file.updates !== undefined ? { updates: file.updates } : {}),
    },
  };
}

/** One policy file read and checked. */
export function readPolicyFile(file: string, readFile: ReadFile = readUtf8): PolicyState {
  const source = path.resolve(file);
  let text: string;
  try {
    text = readFile(source);
  } catch (error) {
    return invalid(source, isMissing(error) ? 'the file does not exist' : `it cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = parsePolicyText(text);
  if (!parsed.ok) return invalid(source, parsed.error.message);
  const managed = toManagedPolicy(parsed.value, source, readFile);
  return managed.ok ? { state: 'active', source, policy: managed.policy } : invalid(source, managed.why);
}

export interface LoadedPolicy {
  readonly policy: PolicyState;
  /** Something the administrator should know (a `--policy` ignored because the system's applies). */
  readonly warning: string | null;
}

/**
 * The policy that applies: the system-wide file when it exists (a user cannot override what the administrator
 * set), else the file given with `--policy`, else none.
 */
export function loadPolicy(options: { readonly systemPath: string; readonly commandLinePath?: string; readonly readFile?: ReadFile }): LoadedPolicy {
  const readFile = options.readFile ?? readUtf8;
  let systemExists = true;
  try {
    readFile(options.systemPath);
  } catch (error) {
    // Unreadable is not absent: readPolicyFile says why it cannot be used.
    systemExists = !isMissing(error);
  }
  if (systemExists) {
    const warning = options.commandLinePath !== undefined ? `--policy ${options.commandLinePath} is ignored: the system-wide policy ${options.systemPath} applies.` : null;
    return { policy: readPolicyFile(options.systemPath, readFile), warning };
  }
  if (options.commandLinePath !== undefined) return { policy: readPolicyFile(options.commandLinePath, readFile), warning: null };
  return { policy: NO_POLICY, warning: null };
}
