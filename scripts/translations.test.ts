// Every text the renderer translates has its German, with the same {{placeholders}} (issue 11 item 6).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { de } from '../app/shared/i18n/de/index.ts';
import { en } from '../app/shared/i18n/en/index.ts';

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
});
