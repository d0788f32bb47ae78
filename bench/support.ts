/** What the benchmarks share: medians, the built web host on a free port, Debian's Chromium. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** The machine, as every benchmark reports it next to its figures. */
export const machine = (): string => `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

export interface BenchWebHost {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts the built web host (`npm run web`'s program) trusting `caFile`, with `profile` as its profile
 * (default: a fresh one, removed at stop). `nodeArgs` go to Node (e.g. --cpu-prof for a diagnosis).
 */
export async function startWebHost(caFile: string, options: { readonly profile?: string; readonly nodeArgs?: readonly string[] } = {}): Promise<BenchWebHost> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jabber-bench-host-'));
  const info = path.join(dir, 'info.json');
  const profile = options.profile ?? path.join(dir, 'profile');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'dist/web-host/web-host.js', '--port', '0', '--trust-cert', caFile, '--info', info, '--profile', profile], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let waited = 0; waited < 20_000; waited += 50) {
    try {
      return { url: (JSON.parse(readFileSync(info, 'utf8')) as { url: string }).url, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await stop();
  throw new Error('the web host did not start');
}

/** Debian's Chromium, headless, with the flags that keep it off the network (CHROMIUM_PATH overrides it). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Fills the sign-in form for `account` on the test server (Advanced: its host and port), without pressing Sign in. */
export async function fillSignIn(page: Page, server: { readonly host: string; readonly c2sPort: number }, account: { readonly jid: string; readonly password: string }): Promise<void> {
  await page.getByRole('textbox', { name: 'Jabber ID' }).fill(account.jid);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByText('Advanced').click();
  await page.getByRole('textbox', { name: 'Server' }).fill(server.host);
  await page.getByRole('textbox', { name: 'Port' }).fill(String(server.c2sPort));
}

/** Signs `account` in through the form and waits until it is connected. */
export async function signInPage(page: Page, server: { readonly host: string; readonly c2sPort: number }, account: { readonly jid: string; readonly password: string }): Promise<void> {
  await fillSignIn(page, server, account);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Connected', { exact: true }).waitFor();
}
