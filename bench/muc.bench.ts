/**
 * Group chat benchmark: joining a room with 500 occupants and 5,000 archived messages, in Chromium
 * (Debian's, headless) through the built web host, against a private Prosody on loopback (started
 * here, stopped at the end), compared in the same run with a bare scripted client joining the same room.
 *
 * Seeding: 50 accounts (written straight into Prosody's storage) sign in 10 resources each as scripted
 * peers (xmpp.js over Prosody's loopback WebSocket), and each resource joins the room under its own
 * nickname: 500 occupants. The room's owner (one of them) made it persistent and sent 5,000 messages
 * before the others came in, the last one "final message"; Prosody's muc_mam archives them all.
 *
 * Measured, median of RUNS (each with a fresh web host, profile and account, so nothing is cached and no
 * bookmark joins before the click):
 *  - occupants: from the click on Join to the first frame painted with all 501 occupants listed;
 *  - last message: from the click to the first frame painted with "final message" in the room's log
 *    (the client joins with maxstanzas=0 and fetches the newest page of the room's archive);
 *  - longest main-thread task (Long Tasks API) from the click until both are shown.
 * The bare client (an xmpp.js client already signed in, so its sign-in is out of the figure) sends the
 * same join presence and the same archive query (newest 50, by the room): time to its own presence
 * (the room sends every occupant's presence before it) and to the archive's "final message".
 * BENCH_RUNS changes the count.
 * Run: npm run bench:muc   (builds first if needed; CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import { randomUUID } from 'node:crypto';
import { type Page } from 'playwright';
import { startPeer, type Peer } from '../e2e/peer.ts';
import { seedUsers, startProsody } from '../e2e/server/prosody.ts';
import { launchChromium, machine, median, signInPage, startWebHost } from './support.ts';

const OCCUPANT_ACCOUNTS = 50;
const RESOURCES = 10;
const OCCUPANTS = OCCUPANT_ACCOUNTS * RESOURCES;
const MESSAGES = 5_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PASSWORD = 'muc-bench-1';
const MUC = 'http://jabber.org/protocol/muc';
const MUC_USER = `${MUC}#user`;
const LAST = 'final message';

const ms = (value: number): string => `${value.toFixed(0)} ms`;

const recordLongTasks = (): void => {
  const tasks: { start: number; duration: number }[] = [];
  (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
};

const longestTaskSince = (page: Page, since: number): Promise<number> =>
  page.evaluate((from) => Math.max(0, ...(window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks.filter((task) => task.start + task.duration >= from).map((task) => task.duration)), since);

/** Clicks the dialog's Join; resolves with the page time of the click and the ms to each first painted frame. */
function joinAndWatch(page: Page, roomName: string, occupants: number, last: string): Promise<{ clickedAt: number; occupantsMs: number; lastMs: number }> {
  return page.evaluate(
    ({ name, count, text }) =>
      new Promise<{ clickedAt: number; occupantsMs: number; lastMs: number }>((resolve, reject) => {
        const dialog = document.querySelector('[role="dialog"]');
        const button = [...(dialog?.querySelectorAll('button') ?? [])].find((candidate) => candidate.textContent?.trim() === 'Join');
        if (button === undefined) {
          reject(new Error('no Join button'));
          return;
        }
        const clickedAt = performance.now();
        let occupantsMs = -1;
        let lastMs = -1;
        button.click();
        const check = (): void => {
          const list = document.querySelector('ul[aria-label="Occupants"]');
          const log = document.querySelector(`[role="log"][aria-label="Room ${name}"]`);
          // rAF callbacks run before a frame's paint: the next one runs after the frame that showed them.
          const occupantsShown = occupantsMs < 0 && list !== null && list.children.length >= count;
          const lastShown = lastMs < 0 && log !== null && (log.textContent ?? '').includes(text);
          if (occupantsShown || lastShown) {
            requestAnimationFrame(() => {
              const at = performance.now() - clickedAt;
              if (occupantsShown && occupantsMs < 0) occupantsMs = at;
              if (lastShown && lastMs < 0) lastMs = at;
              if (occupantsMs >= 0 && lastMs >= 0) resolve({ clickedAt, occupantsMs, lastMs });
              else requestAnimationFrame(check);
            });
          } else {
            requestAnimationFrame(check);
          }
        };
        requestAnimationFrame(check);
      }),
    { name: roomName, count: occupants, text: last },
  );
}

async function main(): Promise<void> {
  console.log(`group chat benchmark: ${OCCUPANTS} occupants, ${MESSAGES} archived messages, ${RUNS} runs; ${machine()}`);
  const server = await startProsody(process.env.BENCH_KEEP_DIR === undefined ? {} : { keepDir: true });
  if (process.env.BENCH_KEEP_DIR !== undefined) console.log(`Prosody's run directory: ${server.dir}`);
  const peers: Peer[] = [];
  const browser = await launchChromium();
  try {
    const occupantAccounts = Array.from({ length: OCCUPANT_ACCOUNTS }, (_, index) => ({ username: `crowd${String(index).padStart(2, '0')}`, password: PASSWORD, roster: [] }));
    const joiners = Array.from({ length: RUNS }, (_, index) => ({ username: `joiner${index}`, password: PASSWORD, roster: [] }));
    await seedUsers(server, [...occupantAccounts, ...joiners, { username: 'bare', password: PASSWORD, roster: [] }]);
    const local = `townhall-${randomUUID().slice(0, 6)}`;
    const room = `${local}@${server.mucDomain}`;
    const seedStart = Date.now();

    // The owner makes the room persistent (so the archive outlives quiet moments) and open to many.
    const owner = await startPeer(server, { jid: `crowd00@${server.domain}`, password: PASSWORD }, { resource: 'r0', initialPresence: false });
    peers.push(owner);
    await owner.sendRaw(`<presence to='${room}/crowd00-0'><x xmlns='${MUC}'><history maxstanzas='0'/></x></presence>`);
    await owner.waitForPresence((presence) => presence.from === `${room}/crowd00-0`);
    const configured = await owner.iq(`<iq type='set' to='${room}'><query xmlns='${MUC}#owner'><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>${MUC}#roomconfig</value></field><field var='muc#roomconfig_persistentroom'><value>1</value></field><field var='muc#roomconfig_maxusers'><value>1000</value></field></x></query></iq>`);
    if (configured.type !== 'result') throw new Error(`the room could not be configured: ${configured.xml}`);
    // The archive first: sent before the crowd is in, so 500 clients do not each receive 5,000 messages.
    for (let index = 1; index < MESSAGES; index += 1) {
      await owner.sendRaw(`<message type='groupchat' to='${room}'><body>Message ${index} of the town hall</body></message>`);
      if (index % 500 === 0) await owner.waitForMessage((message) => message.body === `Message ${index} of the town hall`, 60_000);
    }
    await owner.sendRaw(`<message type='groupchat' to='${room}'><body>${LAST}</body></message>`);
    await owner.waitForMessage((message) => message.body === LAST, 60_000);
    // Every crowd client signs in first (a sign-in amid the join floods would time out), then they join, ten at a time.
    const crowd: Array<{ peer: Peer; nick: string }> = [];
    for (let account = 0; account < OCCUPANT_ACCOUNTS; account += 1) {
      const user = occupantAccounts[account]!;
      const signedIn = await Promise.all(Array.from({ length: RESOURCES }, async (_, resource) => {
        if (account === 0 && resource === 0) return null;
        const peer = await startPeer(server, { jid: `${user.username}@${server.domain}`, password: PASSWORD }, { resource: `r${resource}`, initialPresence: false });
        peers.push(peer);
        return { peer, nick: `${user.username}-${resource}` };
      }));
      for (const entry of signedIn) if (entry !== null) crowd.push(entry);
    }
    console.log(`  ${crowd.length + 1} clients signed in`);
    for (let index = 0; index < crowd.length; index += 10) {
      await Promise.all(crowd.slice(index, index + 10).map(async ({ peer, nick }) => {
        await peer.sendRaw(`<presence to='${room}/${nick}'><x xmlns='${MUC}'><history maxstanzas='0'/></x></presence>`);
        await peer.waitForPresence((presence) => presence.from === `${room}/${nick}`, 120_000);
      }));
      if ((index + 10) % 100 === 0) console.log(`  ${index + 11} occupants in`);
    }
    console.log(`seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    // The app, RUNS times.
    const occupantsMs: number[] = [];
    const lastMs: number[] = [];
    const longest: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const host = await startWebHost(server.caCertFile);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(recordLongTasks);
      const page = await context.newPage();
      try {
        await page.goto(host.url);
        await signInPage(page, server, { jid: `joiner${run}@${server.domain}`, password: PASSWORD });
        await page.getByRole('button', { name: 'Join room' }).click();
        const dialog = page.getByRole('dialog', { name: 'Join room' });
        await dialog.getByRole('textbox', { name: 'Room address' }).fill(room);
        await dialog.getByRole('textbox', { name: 'Nickname' }).fill(`joiner${run}`);
        const result = await joinAndWatch(page, local, OCCUPANTS + 1, LAST);
        occupantsMs.push(result.occupantsMs);
        lastMs.push(result.lastMs);
        await page.waitForTimeout(500);
        longest.push(await longestTaskSince(page, result.clickedAt));
        console.log(`  app run ${run + 1}: occupants ${ms(result.occupantsMs)}, last message ${ms(result.lastMs)}, longest task ${ms(longest.at(-1) ?? 0)}`);
      } finally {
        await context.close();
        await host.stop();
      }
    }

    // The bare client, RUNS times, the same room.
    const bare = await startPeer(server, { jid: `bare@${server.domain}`, password: PASSWORD }, { resource: 'bare', initialPresence: false });
    peers.push(bare);
    const bareOccupants: number[] = [];
    const bareLast: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const nick = `bare-${run}`;
      const queryId = randomUUID();
      const started = performance.now();
      await bare.sendRaw(`<presence to='${room}/${nick}'><x xmlns='${MUC}'><history maxstanzas='0'/></x></presence>`);
      await bare.waitForPresence((presence) => presence.from === `${room}/${nick}` && presence.stanza.getChild('x', MUC_USER)?.getChildren('status').some((status) => status.attrs.code === '110') === true, 60_000);
      bareOccupants.push(performance.now() - started);
      const lastResult = bare.waitForStanza((stanza) => stanza.name === 'message' && stanza.getChild('result', 'urn:xmpp:mam:2')?.attrs.queryid === queryId && stanza.toString().includes(LAST), 60_000);
      await bare.sendRaw(`<iq type='set' to='${room}' id='${queryId}'><query xmlns='urn:xmpp:mam:2' queryid='${queryId}'><set xmlns='http://jabber.org/protocol/rsm'><max>50</max><before/></set></query></iq>`);
      await lastResult;
      bareLast.push(performance.now() - started);
      await bare.sendRaw(`<presence to='${room}/${nick}' type='unavailable'/>`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      console.log(`  bare run ${run + 1}: occupants ${ms(bareOccupants.at(-1) ?? 0)}, last message ${ms(bareLast.at(-1) ?? 0)}`);
    }

    console.log('');
    console.log(`join a room of ${OCCUPANTS} occupants and ${MESSAGES} archived messages (median of ${RUNS}):`);
    console.log(`  app (Chromium, painted):   occupant list ${ms(median(occupantsMs))}, last message ${ms(median(lastMs))}, longest main-thread task ${ms(median(longest))}`);
    console.log(`  bare client (xmpp.js):     occupant list ${ms(median(bareOccupants))}, last message ${ms(median(bareLast))}`);
  } finally {
    // 500 WebSockets closing at once: a socket may report its close as an error after its client stopped.
    process.on('uncaughtException', (error) => console.error(`(while stopping) ${error.message}`));
    await browser.close();
    for (const peer of peers) await peer.stop().catch(() => {});
    await server.stop();
  }
}

await main();
