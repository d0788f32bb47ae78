/** `npm run web --info FILE`: the file holds the host's token, so only its owner may read it. */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function waitForJson(file: string, timeoutMs: number): Promise<{ url: string; port: number; token: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.includes('"token"')) return JSON.parse(text) as { url: string; port: number; token: string };
    if (Date.now() > deadline) throw new Error(`no info in ${file} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the web host CLI', () => {
  it('writes the --info file (url, port, token) for its owner only, replacing a readable one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'web-cli-test-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const info = path.join(dir, 'info.json');
    await writeFile(info, 'stale', { mode: 0o644 });
    const child = spawn(process.execPath, [path.resolve('app/web-host/cli.ts'), '--port', '0', '--info', info, '--profile', path.join(dir, 'profile')], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, JABBER_DESK_PASSPHRASE: '' },
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    cleanups.push(async () => {
      child.kill('SIGTERM');
      await exited;
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

    const written = await waitForJson(info, 15_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; stderr: ${stderr}`);
    });
    expect(written.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//u);
    expect(written.token.length).toBeGreaterThanOrEqual(16);
    expect((await stat(info)).mode & 0o777).toBe(0o600);
  }, 30_000);
});
