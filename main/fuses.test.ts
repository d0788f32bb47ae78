import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The `key: value` lines of one top-level block of electron-builder.yml (comments dropped). */
function block(yaml: string, name: string): Record<string, string> {
  const lines = yaml.split(/\r?\n/u);
  const start = lines.indexOf(`${name}:`);
  expect(start, `${name}: in electron-builder.yml`).toBeGreaterThan(-1);
  const entries: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (!/^\s/u.test(line) && line.trim() !== '') break; // the next top-level key
    const match = /^\s+([A-Za-z]+):\s*([^#\s]+)/u.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) entries[match[1]] = match[2];
  }
  return entries;
}

describe('the packaged app (Electron security checklist #19)', () => {
  const yaml = readFileSync(path.resolve(import.meta.dirname, '..', 'electron-builder.yml'), 'utf8');

  it('flips the fuses that close Node-level ways into the app', () => {
    expect(block(yaml, 'electronFuses')).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });

  it('packs the app into an asar archive (the integrity and asar-only fuses need one)', () => {
    expect(yaml).toMatch(/^asar: true$/mu);
  });
});
