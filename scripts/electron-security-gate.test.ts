import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPLANATIONS_HEADING, formatVerdict, judge, parseCsv, parseExplanations, parseFindingsCsv } from './electron-security-gate.ts';

/** Rows as `electronegativity -o findings.csv` writes them (its own header, unquoted id and url). */
const CLI_CSV = [
  'issue, severity, confidence, filename, location, sample, description, url',
  'OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","main/main.ts","94:4","shell.openExternal(safe).catch((error: unknown) => console.warn(\'Could not open, said ""the shell""\', error));","Review the use of openExternal",https://github.com/doyensec/electronegativity/wiki/OPEN_EXTERNAL_JS_CHECK',
  'CSP_GLOBAL_CHECK,"LOW","FIRM","renderer/index.html","5:0","default-src \'none\'","One or more CSP directives detected seems to be vulnerable",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK',
  'NODE_INTEGRATION_JS_CHECK,"HIGH","FIRM","main/window-options.ts","40:6",N/A,"Disable nodeIntegration for untrusted origins",https://github.com/doyensec/electronegativity/wiki/NODE_INTEGRATION_JS_CHECK',
  '',
].join('\r\n');

const security = (rows: string[]) =>
  [`# Security`, '', `## ${EXPLANATIONS_HEADING}`, '', '| Check | File | Why it is fine |', '|---|---|---|', ...rows, '', '## Next section', '| `X` | `y` | not part of the table |'].join('\n');

const OPEN_EXTERNAL_EXPLAINED = '| `OPEN_EXTERNAL_JS_CHECK` | `main/main.ts` | Only URLs that pass `safeExternalUrl` (http/https, no credentials) reach it. |';

describe('reading Electronegativity findings', () => {
  it('reads its CSV: quoted commas and quotes, N/A, CRLF, columns by header name', () => {
    const findings = parseFindingsCsv(CLI_CSV);
    expect(findings.map((finding) => [finding.check, finding.severity, finding.file, finding.location])).toEqual([
      ['OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'main/main.ts', '94:4'],
      ['CSP_GLOBAL_CHECK', 'LOW', 'renderer/index.html', '5:0'],
      ['NODE_INTEGRATION_JS_CHECK', 'HIGH', 'main/window-options.ts', '40:6'],
    ]);
    expect(findings[0]?.sample).toContain(`Could not open, said "the shell"`);
  });

  it('reads a header-only file as no findings, and refuses what is not its CSV', () => {
    expect(parseFindingsCsv('issue, severity, confidence, filename, location, sample, description, url\n')).toEqual([]);
    expect(() => parseFindingsCsv('')).toThrow(/empty/u);
    expect(() => parseFindingsCsv('{"runs":[]}')).toThrow(/column/u);
    expect(() => parseFindingsCsv(CLI_CSV.replace('"HIGH"', '"SEVERE"'))).toThrow(/severity/u);
    expect(() => parseCsv('a,"b\n')).toThrow(/quoted/u);
  });
});

describe('reading the explanations in SECURITY.md', () => {
  it('reads check, file and reason from the table under its heading, and nothing after it', () => {
    expect(parseExplanations(security([OPEN_EXTERNAL_EXPLAINED]))).toEqual([
      { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/main.ts', why: 'Only URLs that pass `safeExternalUrl` (http/https, no credentials) reach it.' },
    ]);
  });

  it('refuses a missing section, a row without backticks and a row without a reason', () => {
    expect(() => parseExplanations('# Security\n')).toThrow(/no "## Electronegativity findings explained"/u);
    expect(() => parseExplanations(security(['| OPEN_EXTERNAL_JS_CHECK | main/main.ts | fine |']))).toThrow(/backticks/u);
    expect(() => parseExplanations(security(['| `OPEN_EXTERNAL_JS_CHECK` | `main/main.ts` |  |']))).toThrow(/why/u);
  });

  it('reads the real main/SECURITY.md', () => {
    const explanations = parseExplanations(readFileSync(path.resolve(import.meta.dirname, '..', 'main', 'SECURITY.md'), 'utf8'));
    expect(explanations.length).toBeGreaterThan(0);
    for (const explanation of explanations) expect(explanation.why.length, explanation.check).toBeGreaterThan(20);
  });
});

describe('the gate', () => {
  it('fails on a HIGH or MEDIUM finding that SECURITY.md does not explain, naming it', () => {
    const verdict = judge(parseFindingsCsv(CLI_CSV), parseExplanations(security([OPEN_EXTERNAL_EXPLAINED])));
    expect(verdict.passed).toBe(false);
    expect(verdict.unexplained.map((finding) => finding.check)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
    const report = formatVerdict(verdict);
    expect(report).toMatch(/^FAILED: 1 HIGH\/MEDIUM/u);
    expect(report).toContain('HIGH NODE_INTEGRATION_JS_CHECK in main/window-options.ts at 40:6');
  });

  it('fails on a MEDIUM finding explained for another file only', () => {
    const [openExternal] = parseFindingsCsv(CLI_CSV);
    if (openExternal === undefined) throw new Error('sample finding missing');
    const elsewhere = parseExplanations(security(['| `OPEN_EXTERNAL_JS_CHECK` | `main/menu.ts` | The menu opens only our own constant URLs. |']));
    const verdict = judge([openExternal], elsewhere);
    expect(verdict.passed).toBe(false);
    expect(verdict.unexplained).toEqual([openExternal]);
    expect(verdict.stale).toEqual(elsewhere);
  });

  it('passes when every HIGH and MEDIUM finding is explained; LOW ones are only noted', () => {
    const findings = parseFindingsCsv(CLI_CSV).filter((finding) => finding.check !== 'NODE_INTEGRATION_JS_CHECK');
    const verdict = judge(findings, parseExplanations(security([OPEN_EXTERNAL_EXPLAINED])));
    expect(verdict).toMatchObject({ passed: true, unexplained: [], stale: [] });
    expect(verdict.explained.map((finding) => finding.check)).toEqual(['OPEN_EXTERNAL_JS_CHECK']);
    expect(verdict.notes.map((finding) => finding.check)).toEqual(['CSP_GLOBAL_CHECK']);
    expect(formatVerdict(verdict)).toContain('Electron security checks passed');
  });

  it('fails on an explanation that matches no finding any more, so the table stays true', () => {
    const verdict = judge([], parseExplanations(security([OPEN_EXTERNAL_EXPLAINED])));
    expect(verdict.passed).toBe(false);
    expect(formatVerdict(verdict)).toContain('match no finding any more; remove them:\n  - OPEN_EXTERNAL_JS_CHECK in main/main.ts');
  });
});
