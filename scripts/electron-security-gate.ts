/**
 * The gate over Electronegativity's findings (scripts/electron-security.mjs runs the scan):
 * reads its CSV, reads the table of explained findings in main/SECURITY.md, and says which HIGH or
 * MEDIUM findings nobody explained (they fail the check) and which explanations match nothing any
 * more (they fail it too, so the table stays true). Pure: text in, verdict out.
 */

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';

export interface Finding {
  /** Electronegativity's check id, e.g. `OPEN_EXTERNAL_JS_CHECK`. */
  readonly check: string;
  readonly severity: Severity;
  readonly confidence: string;
  /** Relative to the scanned folder (`main/main.ts`), or `N/A` for a finding about the whole app. */
  readonly file: string;
  /** `line:column` as Electronegativity reports it. */
  readonly location: string;
  readonly sample: string;
  readonly description: string;
}

/** One row of the "Electronegativity findings explained" table: this check in this file is fine, because… */
export interface Explanation {
  readonly check: string;
  readonly file: string;
  readonly why: string;
}

export interface Verdict {
  /** HIGH and MEDIUM findings without an explanation: each one fails the gate. */
  readonly unexplained: readonly Finding[];
  /** Explanations that match no finding: each one fails the gate (remove the row). */
  readonly stale: readonly Explanation[];
  /** Findings that matched an explanation. */
  readonly explained: readonly Finding[];
  /** LOW and INFORMATIONAL findings without an explanation: reported, not failed. */
  readonly notes: readonly Finding[];
  readonly passed: boolean;
}

/** The heading of the table in main/SECURITY.md. */
export const EXPLANATIONS_HEADING = 'Electronegativity findings explained';

const GATED: ReadonlySet<Severity> = new Set(['HIGH', 'MEDIUM']);
const SEVERITIES: ReadonlySet<string> = new Set(['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']);

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error('The CSV ends inside a quoted field.');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((fields) => fields.some((value) => value.trim() !== ''));
}

/**
 * Electronegativity's CSV (`-o findings.csv`, or the file scripts/electronegativity-offline.mjs
 * writes in the same layout): header `issue, severity, confidence, filename, location, sample,
 * description, url`. Columns are found by their header name. Throws on a file of another shape:
 * a report we cannot read must not pass as a report without findings.
 */
export function parseFindingsCsv(text: string): Finding[] {
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) throw new Error('The findings file is empty (not even a header).');
  const names = header.map((name) => name.trim().toLowerCase());
  const column = (name: string): number => {
    const index = names.indexOf(name);
    if (index === -1) throw new Error(`The findings file has no "${name}" column (header: ${header.join(',')}).`);
    return index;
  };
  const at = { check: column('issue'), severity: column('severity'), confidence: column('confidence'), file: column('filename'), location: column('location'), sample: column('sample'), description: column('description') };
  return rows.map((row, index) => {
    const value = (key: keyof typeof at): string => (row[at[key]] ?? '').trim();
    const severity = value('severity').toUpperCase();
    if (!SEVERITIES.has(severity)) throw new Error(`Finding ${index + 1} has an unknown severity "${value('severity')}".`);
    if (value('check') === '') throw new Error(`Finding ${index + 1} names no check.`);
    return {
      check: value('check'),
      severity: severity as Severity,
      confidence: value('confidence'),
      file: value('file'),
      location: value('location'),
      sample: value('sample'),
      description: value('description'),
    };
  });
}

function cells(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/u, '').replace(/\|$/u, '');
  return trimmed.split('|').map((cell) => cell.trim());
}

/** `` `TEXT` `` → TEXT; anything else is not a name the table may use. */
function codeSpan(cell: string): string | null {
  const match = /^`([^`]+)`$/u.exec(cell);
  return match?.[1]?.trim() ?? null;
}

/**
 * The rows of the table under the heading `## Electronegativity findings explained`: columns
 * Check | File | Why it is fine, check and file in backticks, a reason that is not empty.
 * Throws on a malformed row rather than skipping it (a skipped row would fail the gate for a
 * reason no one could see).
 */
export function parseExplanations(markdown: string): Explanation[] {
  const lines = markdown.split(/\r?\n/u);
  const start = lines.findIndex((line) => /^#{2,}\s+/u.test(line) && line.replace(/^#+\s+/u, '').trim() === EXPLANATIONS_HEADING);
  if (start === -1) throw new Error(`main/SECURITY.md has no "## ${EXPLANATIONS_HEADING}" section.`);
  const table: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,6}\s/u.test(line)) break;
    if (line.trim().startsWith('|')) table.push(line);
    else if (table.length > 0 && line.trim() === '') break;
  }
  const [header, separator, ...rows] = table;
  if (header === undefined || separator === undefined) throw new Error(`The "${EXPLANATIONS_HEADING}" section has no table.`);
  const names = cells(header).map((name) => name.toLowerCase());
  if (names[0] !== 'check' || names[1] !== 'file' || names.length < 3) {
    throw new Error(`The "${EXPLANATIONS_HEADING}" table must have the columns Check | File | Why it is fine (found: ${cells(header).join(' | ')}).`);
  }
  return rows.map((row) => {
    const [checkCell = '', fileCell = '', ...whyCells] = cells(row);
    const check = codeSpan(checkCell);
    const file = codeSpan(fileCell);
    const why = whyCells.join(' | ').trim();
    if (check === null || file === null) throw new Error(`This explanation must name its check and file in backticks: ${row.trim()}`);
    if (why === '') throw new Error(`This explanation says nothing about why ${check} in ${file} is fine: ${row.trim()}`);
    return { check, file, why };
  });
}

function explains(explanation: Explanation, finding: Finding): boolean {
  return explanation.check === finding.check && explanation.file === finding.file;
}

/** Matches findings to explanations by check and file (not by line, which moves with every edit). */
export function judge(findings: readonly Finding[], explanations: readonly Explanation[]): Verdict {
  const explained = findings.filter((finding) => explanations.some((explanation) => explains(explanation, finding)));
  const unexplained = findings.filter((finding) => GATED.has(finding.severity) && !explained.includes(finding));
  const notes = findings.filter((finding) => !GATED.has(finding.severity) && !explained.includes(finding));
  const stale = explanations.filter((explanation) => !findings.some((finding) => explains(explanation, finding)));
  return { unexplained, stale, explained, notes, passed: unexplained.length === 0 && stale.length === 0 };
}

const describeFinding = (finding: Finding): string =>
  `${finding.severity} ${finding.check} in ${finding.file}${finding.location === '' ? '' : ` at ${finding.location}`}: ${finding.description}${finding.sample === '' || finding.sample === 'N/A' ? '' : `\n      ${finding.sample}`}`;

/** What the check prints: failures first, each with what to do. */
export function formatVerdict(verdict: Verdict): string {
  const lines: string[] = [];
  if (verdict.unexplained.length > 0) {
    lines.push(`FAILED: ${verdict.unexplained.length} HIGH/MEDIUM Electronegativity finding(s) not explained in main/SECURITY.md.`);
    lines.push(`Fix the code, or (if it is truly fine) add a row to the "${EXPLANATIONS_HEADING}" table: | \`CHECK_ID\` | \`file\` | why it is fine |`);
    for (const finding of verdict.unexplained) lines.push(`  - ${describeFinding(finding)}`);
  }
  if (verdict.stale.length > 0) {
    lines.push(`FAILED: ${verdict.stale.length} explanation(s) in main/SECURITY.md match no finding any more; remove them:`);
    for (const explanation of verdict.stale) lines.push(`  - ${explanation.check} in ${explanation.file}`);
  }
  for (const finding of verdict.explained) lines.push(`explained: ${finding.severity} ${finding.check} in ${finding.file} ${finding.location}`);
  for (const finding of verdict.notes) lines.push(`note (${finding.severity}, not gated): ${finding.check} in ${finding.file} ${finding.location}`);
  if (verdict.passed) lines.push('Electron security checks passed: no HIGH or MEDIUM finding left unexplained.');
  return lines.join('\n');
}
