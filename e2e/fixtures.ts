/**
 * Playwright fixtures: the test server's details, and a fresh web host (the built `npm run web`
 * program, so the e2e tests drive what users run) per test, trusting the test server's CA, with a
 * fresh profile directory (no accounts) per test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { TestServerInfo } from './server/test-server-info.ts';

export interface WebHostProcess {
  readonly url: string;
  /** Where this web host keeps its account list. */
  readonly profile: string;
}

async function waitForFile(file: string, child: ChildProcess, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`web host exited with code ${child.exitCode}`);
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.length > 0) return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('web host did not start in time');
}

export interface WebHostOptions {
  readonly profile: string;
  /** PEM files to trust (--trust-cert). */
  readonly trust?: readonly string[];
  /** Opt in to the encrypted password file, opened with this passphrase (--save-passwords). */
  readonly passphrase?: string;
  /** The organisation's policy file (--policy). */
  readonly policy?: string;
}

export interface RunningWebHost extends WebHostProcess {
  stop(): Promise<void>;
}

/** Starts the built web host (`npm run web`'s program) on a free port. */
export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jabber-web-host-'));
  const infoFile = path.join(dir, 'info.json');
  const trust = (options.trust ?? []).flatMap((file) => ['--trust-cert', file]);
  const save = options.passphrase !== undefined ? ['--save-passwords'] : [];
  const policy = options.policy !== undefined ? ['--policy', options.policy] : [];
  const args = ['dist/web-host/web-host.js', '--port', '0', ...trust, ...save, ...policy, '--info', infoFile, '--profile', options.profile];
  const env = { ...process.env, JABBER_DESK_PASSPHRASE: options.passphrase ?? '' };
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'], env });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const { url } = JSON.parse(await waitForFile(infoFile, child, 10_000)) as { url: string };
    return { url, profile: options.profile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export const test = base.extend<{ server: TestServerInfo; webHost: WebHostProcess; trustTestCa: boolean }>({
  /** Whether the web host trusts the test server's CA (as a company CA would be); false to test the trust prompt. */
  trustTestCa: [true, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const info = process.env.TEST_SERVER_INFO;
    if (info === undefined) throw new Error('TEST_SERVER_INFO is not set: run through playwright.config.ts');
    await use(JSON.parse(info) as TestServerInfo);
  },
  webHost: async ({ server, trustTestCa }, use) => {
    const profile = await mkdtemp(path.join(tmpdir(), 'jabber-profile-'));
    const host = await startWebHost({ profile, trust: trustTestCa ? [server.caCertFile] : [] });
    try {
      await use(host);
    } finally {
      await host.stop();
      await rm(profile, { recursive: true, force: true });
    }
  },
});

export { expect };

export async function signIn(page: Page, server: TestServerInfo, account: { jid: string; password: string }): Promise<void> {
  await page.getByRole('textbox', { name: 'Jabber ID' }).fill(account.jid);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByText('Advanced').click();
  await page.getByRole('textbox', { name: 'Server' }).fill(server.host);
  await page.getByRole('textbox', { name: 'Port' }).or(page.getByRole('spinbutton', { name: 'Port' })).fill(String(server.c2sPort));
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens Add account from the main screen and signs another account in with the same form. */
export async function addAccount(page: Page, server: TestServerInfo, account: { jid: string; password: string }): Promise<void> {
  await page.getByRole('button', { name: 'Add account' }).click();
  await signIn(page, server, account);
}
