// Every text the renderer translates has its German, with the same {{placeholders}} (issue 11 item 6); so has
// every message of an AppError, fixed or a phrase built from parts, from the core and from the renderer.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { de } from '../app/shared/i18n/de/index.ts';
import { en } from '../app/shared/i18n/en/index.ts';
import { authFailed, streamError } from '../app/core/errors.ts';
import { protocolViolation } from '../app/core/stream/stream-parser.ts';
import { parseAccountJid, parseJid } from '../app/shared/jid.ts';

// The renderer's components and state, and the main process's tray, menus and notifications.
const root = path.resolve(import.meta.dirname, '..');
const translatedDirs = ['renderer', 'main'].map((dir) => path.join(root, dir));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'i18n' ? [] : sourceFiles(full);
    return /\.(tsx?|cts)$/u.test(name) && !/\.test\.tsx?$/u.test(name) ? [full] : [];
  });
}

/** The literal keys passed to t(…): `t('…')`, `t("…")`, `t(\`…\`)` without `${}`. */
function translatedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  const call = /\bt\(\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\$]|\\.)*)`)/gu;
  for (const file of translatedDirs.flatMap(sourceFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(call)) {
      const raw = match[1] ?? match[2] ?? match[3] ?? '';
      keys.set(raw.replace(/\\(.)/gu, '$1'), path.relative(root, file));
    }
  }
  return keys;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/gu)].map((m) => m[1] ?? '').sort();

// The core's error messages (app/, English): a fixed one becomes German in the renderer through
// renderer/text/error-text.ts when app/shared/i18n/de has that exact message, so each needs its German.
const coreDir = path.join(root, 'app');
/** Where the message is in a call (or `new`): an AppError's message as it is. ScramError and DowngradeError become `auth-failed`'s. */
const ERROR_BUILDERS: Readonly<Record<string, number>> = { fail: 1, coreError: 1, transportError: 0, ScramError: 0, DowngradeError: 0 };
/** Calls whose literal detail the core words into a longer message: that message is computed by the core's own function. */
const ERROR_COMPOSERS: Readonly<Record<string, { readonly index: number; readonly message: (detail: string) => string }>> = {
  protocolViolation: { index: 1, message: (detail) => protocolViolation('not-well-formed', detail).appError.message },
  StreamViolation: { index: 1, message: (detail) => protocolViolation('not-well-formed', detail).appError.message },
};
/** Files whose `{ ok: false, reason: '…' }` is thrown as a message of its own (an avatar that cannot be used). */
const REASON_FILES = new Set(['app/core/features/profile/avatar-image.ts']);
// Its reasons are parts of policy-file.ts's sentence (a template with the file's path), never a message of their own.
const MESSAGE_PARTS = new Set(['app/contract/policy-schema.ts']);
/** Where phrase(…) is given words made elsewhere (a message that is already a phrase's or a fixed one). */
const PHRASE_PLUMBING = new Set(['app/shared/phrase.ts', 'app/shared/result.ts']);
/** The ErrorCodes of app/shared/result.ts: `{ code, message }` with another code (a zod issue) is no AppError. */
const errorCodes = new Set([...readFileSync(path.join(root, 'app/shared/result.ts'), 'utf8').matchAll(/^\s*\| '([a-z-]+)'/gmu)].map((m) => m[1]));

function coreSourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return full === path.join(coreDir, 'shared', 'i18n') ? [] : coreSourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !MESSAGE_PARTS.has(path.relative(root, full)) ? [full] : [];
  });
}

interface ErrorMessages {
  readonly literal: Map<string, string>;
  /** Messages built with `${…}`: English only, where a phrase('… {{name}} …', { name }) would be translated. */
  readonly templates: string[];
  /** The templates of phrase(…) calls, with where they are and the names of the values given. */
  readonly phrases: Map<string, { readonly at: string; readonly names: readonly string[] | null }>;
}

/**
 * The fixed messages of AppErrors in app/: the message argument of fail(…)/coreError(…)/transportError(…),
 * and `message` in `{ code: '…', message: … }`. A message may be a literal, literals joined by `+`, a
 * constant of the same file (a string, or a table of strings), or `a ?? b` / `c ? a : b` of those.
 */
function coreErrorMessages(): ErrorMessages {
  const literal = new Map<string, string>();
  const templates: string[] = [];
  const phrases: ErrorMessages['phrases'] = new Map();
  // The renderer's own AppErrors are shown through the same errorText() as the core's.
  for (const file of [...coreSourceFiles(coreDir), ...sourceFiles(path.join(root, 'renderer'))]) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node): string => `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const constants = new Map<string, ts.Expression>();
    const collectConstants = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer !== undefined && ts.isVariableDeclarationList(node.parent) && (node.parent.flags & ts.NodeFlags.Const) !== 0) {
        constants.set(node.name.text, node.initializer);
      }
      ts.forEachChild(node, collectConstants);
    };
    collectConstants(source);
    const texts = (expression: ts.Expression, seen: ReadonlySet<string> = new Set()): string[] | null => {
      const e = ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) ? expression.expression : expression;
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
      if (ts.isTemplateExpression(e)) {
        templates.push(where(e));
        return [];
      }
      if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        const left = texts(e.left, seen);
        const right = texts(e.right, seen);
        if (left?.length === 1 && right?.length === 1) return [`${left[0]}${right[0]}`];
        if (left?.length === 0 || right?.length === 0) return [];
        return null;
      }
      if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) return [...(texts(e.left, seen) ?? []), ...(texts(e.right, seen) ?? [])];
      if (ts.isConditionalExpression(e)) return [...(texts(e.whenTrue, seen) ?? []), ...(texts(e.whenFalse, seen) ?? [])];
      if (ts.isElementAccessExpression(e)) return texts(e.expression, seen);
      if (ts.isObjectLiteralExpression(e)) {
        return e.properties.flatMap((property) => (ts.isPropertyAssignment(property) ? (texts(property.initializer, seen) ?? []) : []));
      }
      if (ts.isIdentifier(e) && !seen.has(e.text)) {
        const value = constants.get(e.text);
        return value === undefined ? null : texts(value, new Set([...seen, e.text]));
      }
      return null;
    };
    const add = (expression: ts.Expression, compose: (text: string) => string = (text) => text): void => {
      for (const text of texts(expression) ?? []) literal.set(compose(text), where(expression));
    };
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'phrase' && node.arguments[0] !== undefined) {
        const [template, values] = node.arguments;
        if (ts.isStringLiteral(template) || ts.isNoSubstitutionTemplateLiteral(template)) {
          // The value names, when given as an object literal of plain properties; null when computed.
          const names =
            values === undefined ? [] : ts.isObjectLiteralExpression(values) && values.properties.every((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && ts.isIdentifier(p.name))
              ? values.properties.map((p) => (p.name as ts.Identifier).text).sort()
              : null;
          phrases.set(template.text, { at: where(template), names });
        } else if (!PHRASE_PLUMBING.has(path.relative(root, file))) {
          templates.push(where(template));
        }
      }
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression)) {
        const index = ERROR_BUILDERS[node.expression.text];
        const argument = index === undefined ? undefined : node.arguments?.[index];
        if (argument !== undefined) add(argument);
        const composer = ERROR_COMPOSERS[node.expression.text];
        const detail = composer === undefined ? undefined : node.arguments?.[composer.index];
        if (composer !== undefined && detail !== undefined) add(detail, composer.message);
      }
      if (ts.isObjectLiteralExpression(node)) {
        const property = (name: string): ts.PropertyAssignment | undefined =>
          node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name);
        const code = property('code');
        const message = property('message');
        const codeValue = code === undefined ? undefined : ts.isAsExpression(code.initializer) ? code.initializer.expression : code.initializer;
        if (codeValue !== undefined && ts.isStringLiteral(codeValue) && errorCodes.has(codeValue.text) && message !== undefined) add(message.initializer);
        const reason = property('reason');
        if (reason !== undefined && property('ok')?.initializer.kind === ts.SyntaxKind.FalseKeyword && REASON_FILES.has(path.relative(root, file))) add(reason.initializer);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literal, templates, phrases };
}

describe('translations', () => {
  it('has German for every translated text, plural forms included', () => {
    const missing = [...translatedKeys()]
      .filter(([key]) => de[key] === undefined && (de[`${key}_one`] === undefined || de[`${key}_other`] === undefined))
      .map(([key, file]) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });

  it('keeps the placeholders of the English text in the German', () => {
    const english = (key: string): string => en[key] ?? key.replace(/_(one|other|zero|two|few|many)$/u, '');
    const differing = Object.entries(de).filter(([key, german]) => placeholders(german).join() !== placeholders(english(key)).join());
    expect(differing).toEqual([]);
  });

  it('gives English plural forms for every German one', () => {
    const germanPlurals = Object.keys(de).filter((key) => key.endsWith('_one'));
    expect(germanPlurals.filter((key) => en[key] === undefined)).toEqual([]);
  });

  it('gives a text the same German in every area file that has it', async () => {
    const dir = path.join(root, 'app/shared/i18n/de');
    const seen = new Map<string, { file: string; german: string }>();
    const differing: string[] = [];
    for (const file of readdirSync(dir).filter((name) => name !== 'index.ts')) {
      const tables = Object.values((await import(path.join(dir, file))) as Record<string, Record<string, string>>);
      for (const [key, german] of tables.flatMap((table) => Object.entries(table))) {
        const earlier = seen.get(key);
        if (earlier !== undefined && earlier.german !== german) differing.push(`${key}: ${earlier.file} "${earlier.german}", ${file} "${german}"`);
        seen.set(key, { file, german });
      }
    }
    expect(differing).toEqual([]);
  });

  it('has German for every fixed error message of the core', () => {
    const { literal } = coreErrorMessages();
    const missing = [...literal].filter(([message]) => de[message] === undefined).map(([message, at]) => `${at}: ${message}`);
    expect(missing).toEqual([]);
    // The scan still finds the core's messages (not a test that passes for finding none).
    expect(literal.size).toBeGreaterThan(100);
    // The stream errors and sign-in refusals the core words itself, when the server adds no text of its own.
    const conditions = ['host-unknown', 'conflict', 'see-other-host', 'system-shutdown', 'policy-violation', 'not-authorized', 'connection-timeout', 'reset'];
    const worded = [
      ...conditions.map((condition) => streamError(condition).appError.message),
      ...['not-authorized', 'credentials-expired', 'account-disabled', 'temporary-auth-failure'].map((condition) => authFailed(condition).appError.message),
    ];
    expect(worded.filter((message) => de[message] === undefined)).toEqual([]);
  });

  it('has German for every reason a Jabber ID is refused (shown inside the core’s and the sign-in form’s sentences)', () => {
    const long = 'x'.repeat(1100);
    const inputs = ['', 'a\u0007b', 'alice@example.com/', `alice@example.com/${long}`, '@example.com', `${long}@example.com`, 'a b@example.com', 'alice@', `alice@${long}`, 'alice@a..b', 'alice@exa_mple.com'];
    const reasons = new Set([...inputs.map(parseJid), parseAccountJid('example.com')].flatMap((parsed) => (parsed.ok ? [] : [parsed.reason])));
    expect(reasons.size).toBe(inputs.length + 1);
    expect([...reasons].filter((reason) => de[reason] === undefined)).toEqual([]);
  });

  it('builds every core message with parts as a phrase, with German and the values its template names', () => {
    const { templates, phrases } = coreErrorMessages();
    // `${…}` in a message would reach people in English only: phrase('… {{name}} …', { name }) is translated.
    expect(templates).toEqual([]);
    expect(phrases.size).toBeGreaterThan(100);
    const missing = [...phrases].filter(([template]) => de[template] === undefined).map(([template, { at }]) => `${at}: ${template}`);
    expect(missing).toEqual([]);
    const mismatched = [...phrases]
      .filter(([template, { names }]) => names !== null && placeholders(template).join() !== names.join())
      .map(([template, { at, names }]) => `${at}: ${template} given ${names?.join(', ')}`);
    expect(mismatched).toEqual([]);
  });
});
