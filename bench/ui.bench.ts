/**
 * UI benchmark: a 100,000-message conversation in Chromium (Debian's, headless), through the built
 * web host, against a private Prosody on loopback (started here, stopped at the end).
 *  - the history of alice's profile is seeded directly through the SQLite store (100,000 messages with
 *    Bob over ~100 days, both directions);
 *  - first paint of the conversation: from the click on Bob in the contact list to the first frame
 *    painted with the newest message in the log (page reloaded between runs), median of N;
 *  - jump to a search hit 50,000 messages back: from the click on the hit to the first frame painted
 *    with that message in the log (its page read from the store around it), median of N;
 * Run: npm run bench:ui   (builds first if needed; CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Page } from 'playwright';
import type { StoredMessage } from '../app/store/message-store.ts';
import { historyFile } from '../app/store/history-files.ts';
import { openSqliteStore } from '../app/store/sqlite-store.ts';
import { startProsody } from '../e2e/server/prosody.ts';
import { launchChromium, median, signInPage, startWebHost } from './support.ts';

const MESSAGES = 100_000;
const RUNS = 11;
const NEEDLE_INDEX = 50_000;
const NEEDLE = 'zebracorn';

const ms = (value: number): string => `${value.toFixed(1)} ms`;

const WORDS = ['meeting', 'report', 'lunch', 'invoice', 'tomorrow', 'call', 'draft', 'review', 'budget', 'client', 'deadline', 'coffee', 'slides', 'ticket', 'release'];
const bodyOf = (index: number): string => {
  if (index === NEEDLE_INDEX) return `Message ${index}: the ${NEEDLE} contract is signed`;
  const words = Array.from({ length: 3 + (index % 17) }, (_, i) => WORDS[(index * 7 + i * 3) % WORDS.length]);
  return `Message ${index}: ${words.join(' ')}`;
};

/** Seeds `profile` with alice's history: MESSAGES messages with Bob, the newest now. */
function seedHistory(profile: string, alice: string, bob: string): void {
  const file = historyFile(profile, alice);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const store = openSqliteStore(file);
  const start = Date.now() - 100 * 86_400_000;
  const step = Math.floor((100 * 86_400_000) / MESSAGES);
  try {
    for (let from = 1; from <= MESSAGES; from += 1000) {
      const batch: StoredMessage[] = [];
      for (let index = from; index < from + 1000 && index <= MESSAGES; index += 1) {
        const incoming = index % 3 !== 0;
        batch.push({
          id: `seed-${index}`,
          conversation: bob,
          direction: incoming ? 'in' : 'out',
          from: incoming ? `${bob}/phone` : `${alice}/desk`,
          to: incoming ? alice : bob,
          body: bodyOf(index),
          timestamp: start + index * step,
        });
      }
      store.addMany(batch);
    }
  } finally {
    store.close();
  }
}


/** Runs `act` in the page and resolves with the ms until the first frame painted with `text` in the log. */
function timeToPaint(page: Page, act: string, text: string): Promise<number> {
  return page.evaluate(
    ([selector, expected]) =>
      new Promise<number>((resolve, reject) => {
        const target = document.querySelector<HTMLElement>(selector);
        if (target === null) {
          reject(new Error(`nothing matches ${selector}`));
          return;
        }
        const started = performance.now();
        target.click();
        const check = (): void => {
          const log = document.querySelector('[role="log"]');
          // rAF callbacks run before a frame's paint: the next one runs after the frame that showed it.
          if (log?.textContent?.includes(expected) === true) requestAnimationFrame(() => resolve(performance.now() - started));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    [act, text] as const,
  );
}

const server = await startProsody();
const profile = mkdtempSync(path.join(os.tmpdir(), 'jabber-bench-profile-'));
const browser = await launchChromium();
let host: { url: string; stop: () => Promise<void> } | null = null;
try {
  const { alice, bob } = server.accounts;
  const seeding = performance.now();
  seedHistory(profile, alice.jid, bob.jid);
  const seededMs = performance.now() - seeding;
  host = await startWebHost(server.caCertFile, { profile });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(host.url);
  await signInPage(page, server, alice);

  const newest = bodyOf(MESSAGES);
  const openMs: number[] = [];
  const rowsInDom: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    await page.reload();
    await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: /Bob/u }).waitFor();
    openMs.push(await timeToPaint(page, '.contact-button', newest));
    rowsInDom.push(await page.locator('[role="log"] .log-row').count());
  }

  const needle = bodyOf(NEEDLE_INDEX);
  const jumpMs: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    await page.reload();
    await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: /Bob/u }).click();
    await page.getByRole('searchbox', { name: 'Search messages' }).fill(NEEDLE);
    await page.getByRole('list', { name: 'Search results' }).getByRole('button').first().waitFor();
    jumpMs.push(await timeToPaint(page, '.search-hit-button', needle));
  }

  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${browser.version()}`);
  console.log(`seeded ${MESSAGES.toLocaleString('en-US')} messages in one conversation through the store: ${ms(seededMs)}`);
  console.log(`first paint of the ${MESSAGES.toLocaleString('en-US')}-message conversation after clicking it, median of ${RUNS}: ${ms(median(openMs))} (rows in the DOM: ${median(rowsInDom)})`);
  console.log(`jump to a search hit ${(MESSAGES - NEEDLE_INDEX).toLocaleString('en-US')} messages back, to its first paint, median of ${RUNS}: ${ms(median(jumpMs))}`);
} finally {
  await browser.close();
  await host?.stop();
  rmSync(profile, { recursive: true, force: true });
  await server.stop();
}
