import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { accountFile, createPrivateTextFile } from './private-text-file.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('private text file', () => {
  it('names a file per account safely, writes it owner-only, keeps the newest of a burst and deletes on null', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'jabber-text-file-'));
    dirs.push(dir);
    const file = accountFile(dir, 'rosters', "o'brien@example.test", '.json');
    expect(path.basename(file)).toBe('o%27brien%40example.test.json');
    const text = createPrivateTextFile(file);
    expect(await text.read()).toBeNull();
    await Promise.all(['one', 'two', 'three'].map((content) => text.write(content)));
    expect(await readFile(file, 'utf8')).toBe('three');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await text.write(null);
    expect(await text.read()).toBeNull();
  });
});
