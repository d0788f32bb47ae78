/**
 * Roster benchmark: a 5,000-contact roster in Chromium (Debian's, headless), through the built web host,
 * against a private Prosody on loopback (started here, stopped at the end).
 *
 * The roster: "me" has 5,000 contacts in eight departments. 250 of them are real accounts and mutual
 * contacts (subscription "both" on both sides), one of them alone in a "Board" group at the top of the
 * list (the marker); the other 4,750 are address-book entries without subscription. Accounts and
 * rosters are written straight into Prosody's storage (seedUsers), so setting up takes a second.
 *
 *  (a) sign-in to the roster visible: from the click on Sign in to the first frame painted with contacts
 *      listed (a fresh profile each run, so the whole roster is fetched; the 250 peers are online, so
 *      their presence arrives during sign-in too), median of RUNS; with the longest main-thread task
 *      (Long Tasks API) from the click until the list has settled.
 *  (b) a presence flood: 5,000 presence changes within one second. Why 250 peers × 20 changes and not
 *      5,000 peers: 5,000 scripted clients would take minutes to sign in and more memory than this
 *      machine has, yet the client cannot tell the difference: each change is a real <presence/> stanza
 *      a real peer sends to Prosody, which broadcasts it to "me" as it would any contact's; the client
 *      parses, aggregates and renders each one. The peers send 20 rounds 50 ms apart (all 250 peers per
 *      round, the last round "unavailable"); then the marker sends its final change ("Do not disturb",
 *      status "final N"), after every other stanza of the flood was written. Measured, median of
 *      FLOODS floods: the time from that last send to the first frame painted with the marker's final
 *      state; the same against the moment a bare scripted client of the same account, signed in beside
 *      the app, received that change (what the server took is then out of the figure: on this machine
 *      Prosody needs seconds to fan a 5,000-stanza second out, so "after it was sent" measures Prosody);
 *      and the longest main-thread task during each flood. At the end the groups are folded and their
 *      counts checked, so the figures are only trusted if every peer's last change reached the UI.
 * BENCH_RUNS and BENCH_FLOODS change the counts; BENCH_PAGE_PROFILE=DIR and BENCH_HOST_PROFILE=DIR write
 * CPU profiles of the page and of the web host, for diagnosis.
 * Run: npm run bench:roster   (builds first if needed; CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type Page } from 'playwright';
import { startPeer, type Peer } from '../e2e/peer.ts';
import { seedUsers, startProsody, type SeededUser, type TestServer } from '../e2e/server/prosody.ts';
import { fillSignIn, launchChromium, median, startWebHost } from './support.ts';

const CONTACTS = 5_000;
const PEERS = 250;
const ROUNDS = 20;
const ROUND_GAP_MS = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FLOODS = Number(process.env.BENCH_FLOODS ?? 5);
const DEPARTMENTS = ['Sales', 'Support', 'Finance', 'Legal', 'Research', 'Operations', 'Marketing', 'IT'];
const PASSWORD = 'roster-bench-1';
const ME = 'me';

const ms = (value: number): string => `${value.toFixed(0)} ms`;

const peerName = (i: number): string => `peer${String(i).padStart(3, '0')}`;
const departmentOf = (i: number): string => DEPARTMENTS[i % DEPARTMENTS.length]!;

/** "me" with 5,000 contacts (peer000 is the marker, in "Board"), and the 250 peers with "me" as their contact. */
function users(domain: string): SeededUser[] {
  const roster: SeededUser['roster'][number][] = [];
  for (let i = 0; i < CONTACTS; i += 1) {
    if (i === 0) roster.push({ jid: `${peerName(0)}@${domain}`, name: 'Board Chair', groups: ['Board'], subscription: 'both' });
    else if (i < PEERS) roster.push({ jid: `${peerName(i)}@${domain}`, name: `Colleague ${String(i).padStart(4, '0')}`, groups: [departmentOf(i)], subscription: 'both' });
    else roster.push({ jid: `employee${i}@${domain}`, name: `Employee ${String(i).padStart(4, '0')}`, groups: [departmentOf(i)] });
  }
  const peers = Array.from({ length: PEERS }, (_, i) => ({
    username: peerName(i), password: PASSWORD, roster: [{ jid: `${ME}@${domain}`, name: 'Me', groups: [], subscription: 'both' as const }],
  }));
  return [{ username: ME, password: PASSWORD, roster }, ...peers];
}


/** Records every long task (over 50 ms) from the page's start in `window.longTasks`. */
const recordLongTasks = (): void => {
  const tasks: { start: number; duration: number }[] = [];
  (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
};

const longestTaskSince = (page: Page, since: number): Promise<number> =>
  page.evaluate((from) => Math.max(0, ...(window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks.filter((task) => task.start + task.duration >= from).map((task) => task.duration)), since);


/** Clicks Sign in; resolves with the page time of the click and the ms until the first frame painted with contacts listed. */
function signInToContacts(page: Page): Promise<{ clickedAt: number; visibleMs: number }> {
  return page.evaluate(
    () =>
      new Promise<{ clickedAt: number; visibleMs: number }>((resolve, reject) => {
        const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === 'Sign in');
        if (button === undefined) {
          reject(new Error('no Sign in button'));
          return;
        }
        const clickedAt = performance.now();
        button.click();
        const check = (): void => {
          // rAF callbacks run before a frame's paint: the next one runs after the frame that showed them.
          if (document.querySelector('ul[aria-label="Contacts"] li.contact') !== null) requestAnimationFrame(() => resolve({ clickedAt, visibleMs: performance.now() - clickedAt }));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
}

async function signInRun(browser: Browser, server: TestServer): Promise<{ visibleMs: number; longestMs: number; page: Page; stop: () => Promise<void> }> {
  // BENCH_HOST_PROFILE=DIR writes a CPU profile of each web host there (core and transport), for diagnosis.
  const profiling = process.env.BENCH_HOST_PROFILE === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_HOST_PROFILE];
  const host = await startWebHost(server.caCertFile, { nodeArgs: profiling });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(recordLongTasks);
  const page = await context.newPage();
  await page.goto(host.url);
  await fillSignIn(page, server, { jid: `${ME}@${server.domain}`, password: PASSWORD });
  const profiler = await startPageProfile(page);
  const { clickedAt, visibleMs } = await signInToContacts(page);
  // Settled: the peers' presence has arrived (the marker shows online) and a second has passed quietly.
  await page.getByRole('listitem', { name: /^Board Chair, Online/u }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1_000);
  const longestMs = await longestTaskSince(page, clickedAt);
  await profiler?.save('sign-in');
  return { visibleMs, longestMs, page, stop: async () => { await context.close(); await host.stop(); } };
}

/** BENCH_PAGE_PROFILE=DIR writes CPU profiles of the page (sign-in, flood) there, for diagnosis. */
async function startPageProfile(page: Page): Promise<{ save: (name: string) => Promise<void> } | null> {
  const dir = process.env.BENCH_PAGE_PROFILE;
  if (dir === undefined) return null;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    save: async (name) => {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    },
  };
}

/** Resolves with Date.now() at the first frame painted with a list item whose accessible name matches. */
function paintedWhen(page: Page, labelPattern: string): Promise<number> {
  return page.evaluate(
    (pattern) =>
      new Promise<number>((resolve) => {
        const wanted = new RegExp(pattern, 'u');
        const check = (): void => {
          const found = [...document.querySelectorAll('ul[aria-label="Contacts"] li.contact')].some((item) => wanted.test(item.getAttribute('aria-label') ?? ''));
          if (found) requestAnimationFrame(() => resolve(Date.now()));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    labelPattern,
  );
}

const SHOWS = ['away', 'dnd', 'xa', 'chat'] as const;

/** 5,000 presence changes in about a second; resolves with Date.now() when the marker's last one was sent. */
async function flood(peers: readonly Peer[], finalStatus: string): Promise<number> {
  const [marker, ...others] = peers;
  const started = Date.now();
  for (let round = 0; round < ROUNDS; round += 1) {
    const last = round === ROUNDS - 1;
    await Promise.all(others.map((peer) => peer.sendPresence(last ? { type: 'unavailable' } : { show: SHOWS[round % SHOWS.length], status: `round ${round}` })));
    if (!last) await marker!.sendPresence({ show: SHOWS[round % SHOWS.length], status: `round ${round}` });
    const next = started + (round + 1) * ROUND_GAP_MS;
    if (!last && next > Date.now()) await new Promise((resolve) => setTimeout(resolve, next - Date.now()));
  }
  await marker!.sendPresence({ show: 'dnd', status: finalStatus });
  return Date.now();
}

const server = await startProsody();
const browser = await launchChromium();
const peers: Peer[] = [];
let last: Awaited<ReturnType<typeof signInRun>> | null = null;
try {
  const seeding = performance.now();
  await seedUsers(server, users(server.domain));
  const seededMs = performance.now() - seeding;
  const connecting = performance.now();
  for (let i = 0; i < PEERS; i += 25) {
    peers.push(...(await Promise.all(Array.from({ length: Math.min(25, PEERS - i) }, (_, j) => startPeer(server, { jid: `${peerName(i + j)}@${server.domain}`, password: PASSWORD })))));
  }
  const connectedMs = performance.now() - connecting;

  // What the server takes: a bare scripted client of "me" signing in (WebSocket, PLAIN) and fetching the roster.
  const bareSignIn: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    const bare = await startPeer(server, { jid: `${ME}@${server.domain}`, password: PASSWORD }, { initialPresence: false });
    const items = await bare.rosterGet();
    bareSignIn.push(performance.now() - started);
    await bare.stop();
    if (items.length !== CONTACTS) throw new Error(`the roster has ${items.length} items, not ${CONTACTS}`);
  }

  const visible: number[] = [];
  const longest: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    await last?.stop();
    last = await signInRun(browser, server);
    visible.push(last.visibleMs);
    longest.push(last.longestMs);
  }

  const page = last!.page;
  await page.locator('.contacts').evaluate((scroller) => scroller.scrollTo(0, 0));
  // A bare scripted client of "me" signed in beside the app gets every broadcast too: when it receives
  // the last change is when the server delivered it, so the app's own share of the delay shows.
  const bare = await startPeer(server, { jid: `${ME}@${server.domain}`, password: PASSWORD });
  await bare.waitForPresence((presence) => presence.from.startsWith(`${peerName(0)}@`) && presence.type === undefined);
  const afterSend: number[] = [];
  const afterServer: number[] = [];
  const floodLongest: number[] = [];
  let floodMs = 0;
  for (let run = 0; run < FLOODS; run += 1) {
    const finalStatus = `final ${run}`;
    const floodProfile = run === FLOODS - 1 ? await startPageProfile(page) : null;
    const floodStart = await page.evaluate(() => performance.now());
    const painted = paintedWhen(page, `^Board Chair, Do not disturb, ${finalStatus}$`);
    const bareReceived = bare.waitForPresence((presence) => presence.from.startsWith(`${peerName(0)}@`) && presence.status === finalStatus, 60_000).then(() => Date.now());
    const floodBegan = Date.now();
    const lastSent = await flood(peers, finalStatus);
    floodMs = lastSent - floodBegan;
    const [paintedAt, receivedAt] = await Promise.all([painted, bareReceived]);
    afterSend.push(paintedAt - lastSent);
    afterServer.push(paintedAt - receivedAt);
    floodLongest.push(await longestTaskSince(page, floodStart));
    await floodProfile?.save('flood');
    // Everyone back online before the next flood.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    if (run < FLOODS - 1) {
      await Promise.all(peers.slice(1).map((peer) => peer.sendPresence()));
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
  }
  await bare.stop();

  // Every peer's last change reached the UI: folded groups show their counts (only the marker online).
  // In list order, so that each next header is on screen once the one before is folded.
  for (const group of ['Board', ...[...DEPARTMENTS].sort()]) await page.getByRole('button', { name: new RegExp(`^${group} \\d+/\\d+$`, 'u') }).click();
  const counts = await page.locator('li.roster-group').evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')));
  const expected = ['Board, 1 of 1 online', ...[...DEPARTMENTS].sort().map((group) => `${group}, 0 of ${CONTACTS / DEPARTMENTS.length - (group === 'Sales' ? 1 : 0)} online`)];
  const complete = JSON.stringify(counts) === JSON.stringify(expected);

  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${browser.version()}`);
  console.log(`seeded ${CONTACTS.toLocaleString('en-US')} roster items and ${PEERS} peer accounts: ${ms(seededMs)}; ${PEERS} peers signed in: ${ms(connectedMs)}`);
  console.log(`(a) sign-in to the ${CONTACTS.toLocaleString('en-US')}-contact roster visible, from the click on Sign in to the first frame with contacts, median of ${RUNS}: ${ms(median(visible))} (runs: ${visible.map(ms).join(', ')}); longest main-thread task until settled, median: ${ms(median(longest))} (max ${ms(Math.max(...longest))})`);
  console.log(`    a bare scripted client signing in and fetching the same roster, median of 3: ${ms(median(bareSignIn))}`);
  console.log(`(b) ${(PEERS * ROUNDS).toLocaleString('en-US')} presence changes from ${PEERS} peers, sent in ${ms(floodMs)}, median of ${FLOODS} floods: the last change painted ${ms(median(afterSend))} after it was sent (${afterSend.map(ms).join(', ')}), ${ms(median(afterServer))} after a bare client of the same account received it (${afterServer.map(ms).join(', ')}); longest main-thread task during a flood: median ${ms(median(floodLongest))}, max ${ms(Math.max(...floodLongest))}`);
  if (!complete) {
    console.log(`NOT every change reached the UI: group counts ${JSON.stringify(counts)}, expected ${JSON.stringify(expected)}`);
    process.exitCode = 1;
  } else console.log('every peer\'s last change reached the UI (group counts checked)');
} finally {
  await last?.stop();
  await Promise.all(peers.map((peer) => peer.stop()));
  await browser.close();
  await server.stop();
}
