/**
 * Burst benchmark: 10,000 incoming messages in one burst, received by alice in Chromium (Debian's,
 * headless) through the built web host, against a private Prosody on loopback.
 *  - bob (a scripted peer) writes the 10,000 messages as fast as the connection takes them, while
 *    alice has the conversation open;
 *  - measured: from the first message sent to the first frame painted with the last one in the log
 *    (by then the core has stored every message: it stores before it tells the UI), the throughput
 *    that makes, and the longest main-thread task Chromium saw meanwhile (Long Tasks API);
 *  - the test Prosody itself bounds the throughput (it archives every message): a bare scripted
 *    client of alice's (another resource, same priority) receives the same burst, and the client's
 *    own share is how much later than that client our UI paints the last message;
 *  - the main thread's tasks are also traced (Chromium's `toplevel` category): on a machine shared with
 *    the server and the scripted clients (2 cores here), a task's wall time includes the time the
 *    thread waited for a core, so the longest task's own CPU time and the most CPU any task took are
 *    reported too, as what the client itself costs;
 *  - then the number of messages in alice's history database, to show none was lost or doubled.
 * Run: npm run bench:burst   (builds first if needed; CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { startPeer } from '../e2e/peer.ts';
import { historyFile } from '../app/store/history-files.ts';
import { startProsody } from '../e2e/server/prosody.ts';
import { launchChromium, median, signInPage, startWebHost } from './support.ts';

const MESSAGES = Number(process.env.BURST_MESSAGES ?? 10_000);
const RUNS = Number(process.env.BURST_RUNS ?? 3);

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/** The renderer main thread's tasks in a trace: the longest by wall time (with its CPU time) and the most CPU any took, in ms. */
function mainThreadTasks(trace: Buffer): { longestWall: number; itsCpu: number; mostCpu: number } {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  let longestWall = 0;
  let itsCpu = 0;
  let mostCpu = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || !mains.has(`${e.pid}:${e.tid}`)) continue;
    const wall = (e.dur ?? 0) / 1000;
    const cpu = (e.tdur ?? 0) / 1000;
    if (wall > longestWall) [longestWall, itsCpu] = [wall, cpu];
    mostCpu = Math.max(mostCpu, cpu);
  }
  return { longestWall, itsCpu, mostCpu };
}



const server = await startProsody();
const browser = await launchChromium();
const totals: number[] = [];
const baselines: number[] = [];
const lags: number[] = [];
const longest: number[] = [];
const stored: number[] = [];
const tasks: { longestWall: number; itsCpu: number; mostCpu: number }[] = [];
try {
  const { alice, bob } = server.accounts;
  for (let run = 0; run < RUNS; run += 1) {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'jabber-bench-profile-'));
    const host = await startWebHost(server.caCertFile, { profile });
    const bobPeer = await startPeer(server, bob, { resource: `burst-${run}` });
    const baseline = await startPeer(server, alice, { resource: `baseline-${run}` });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(host.url);
      await signInPage(page, server, alice);
      await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: /Bob.*Online/u }).click();
      // Earlier runs' messages come back from the archive: let that settle before the burst.
      await page.waitForTimeout(1_500);

      const marker = `burst ${run} last`;
      const baselineGotLast = baseline.waitForMessage((message) => message.body === marker, 600_000).then(() => Date.now());
      const watching = page.evaluate(
        (expected) =>
          new Promise<{ painted: number; longestTask: number }>((resolve) => {
            let longestTask = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
            }).observe({ type: 'longtask' });
            const check = (): void => {
              if (document.querySelector('[role="log"]')?.textContent?.includes(expected) === true) {
                requestAnimationFrame(() => resolve({ painted: performance.timeOrigin + performance.now(), longestTask }));
              } else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          }),
        marker,
      );
      await browser.startTracing(page, { categories: ['toplevel'] });
      const started = Date.now();
      const sends: Promise<unknown>[] = [];
      for (let index = 1; index < MESSAGES; index += 1) sends.push(bobPeer.sendMessage(alice.jid, `burst ${run} message ${index}`));
      sends.push(bobPeer.sendMessage(alice.jid, marker));
      await Promise.all(sends);
      const { painted, longestTask } = await watching;
      const baselineAt = await baselineGotLast;
      tasks.push(mainThreadTasks(await browser.stopTracing()));
      totals.push(painted - started);
      baselines.push(baselineAt - started);
      lags.push(painted - baselineAt);
      longest.push(longestTask);
      await page.close();
    } finally {
      await bobPeer.stop();
      await baseline.stop();
      await host.stop();
    }
    const db = new DatabaseSync(historyFile(profile, alice.jid), { readOnly: true });
    stored.push(Number(db.prepare("SELECT count(*) AS n FROM messages WHERE body LIKE ?").get(`burst ${run} %`)?.['n']));
    db.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${browser.version()}`);
  console.log(`${MESSAGES.toLocaleString('en-US')} incoming messages in a burst, first sent → last painted, median of ${RUNS}: ${median(totals).toFixed(0)} ms (${Math.round(MESSAGES / (median(totals) / 1000)).toLocaleString('en-US')} messages/s)`);
  console.log(`the same burst at a bare scripted client of alice's (the server's pace), median: ${median(baselines).toFixed(0)} ms; our UI painted the last message ${median(lags).toFixed(0)} ms after it (median; each run: ${lags.map((value) => value.toFixed(0)).join(', ')} ms)`);
  console.log(`longest main-thread task meanwhile, median of ${RUNS}: ${median(longest).toFixed(0)} ms (each run: ${longest.map((value) => value.toFixed(0)).join(', ')} ms)`);
  console.log(
    `traced, the longest main-thread task's wall / CPU time: ${tasks.map((t) => `${t.longestWall.toFixed(0)} / ${t.itsCpu.toFixed(1)} ms`).join(', ')}; most CPU time any task took: ${tasks.map((t) => t.mostCpu.toFixed(1)).join(', ')} ms (each run)`,
  );
  console.log(`stored in alice's history per run: ${stored.join(', ')} (expected ${MESSAGES} each)`);
} finally {
  await browser.close();
  await server.stop();
}
