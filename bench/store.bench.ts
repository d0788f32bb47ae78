/**
 * Message store benchmark (app/store/sqlite-store.ts), on a temporary database deleted at the end:
 *  - insert 1,000,000 messages (bodies of random words from a 4,000-word vocabulary, Zipf-distributed,
 *    some with diacritics; 200 conversations, one of them with 100,000 messages), in transactions of 1,000;
 *  - a burst of 10,000 incoming messages through the write queue: time until all are stored and the
 *    longest single write (the longest the event loop is blocked);
 *  - 50 varied full-text queries (words, prefixes, phrases, diacritics, per conversation): median time;
 *  - the latest page (50 messages) of the 100,000-message conversation, and a page deep inside it: median.
 * Run: node bench/store.bench.ts   (Node 24: the types are stripped natively)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoredMessage } from '../app/store/message-store.ts';
import { openSqliteStore } from '../app/store/sqlite-store.ts';
import { createWriteQueue } from '../app/store/write-queue.ts';
import { median } from './support.ts';
import { seededRandom } from '../e2e/seeded-random.ts';

const TOTAL = 1_000_000;
const CONVERSATIONS = 200;
const BIG_CONVERSATION_SIZE = 100_000;
const BATCH = 1_000;
const BURST = 10_000;
const VOCABULARY = 4_000;
const PAGE_RUNS = 51;
const ACCOUNT = 'alice@example.com';

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const count = (value: number): string => value.toLocaleString('en-US');

const random = seededRandom(20261123);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const hex = (length: number): string => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');

// ---- vocabulary: real words (with the diacritics users type or not) + generated ones, Zipf-ranked ----
const REAL_WORDS = [
  'meeting', 'meetings', 'résumé', 'café', 'naïve', 'façade', 'déjà', 'vu', 'über', 'jalapeño', 'smörgåsbord', 'crème', 'brûlée',
  'invoice', 'budget', 'deadline', 'report', 'quarterly', 'review', 'project', 'release', 'customer', 'contract', 'server',
  'deploy', 'lunch', 'tomorrow', 'today', 'thanks', 'please', 'schedule', 'agenda', 'office', 'travel', 'hotel', 'flight',
  'münchen', 'zürich', 'são', 'paulo', 'kraków', 'málaga', 'reykjavík', 'ångström', 'coöperate', 'fiancée', 'piñata',
];
const SYLLABLES = ['ka', 'lo', 'mi', 're', 'tu', 'sa', 'ne', 'vo', 'pi', 'da', 'gre', 'sto', 'lin', 'mar', 'ben', 'col', 'fer', 'trá', 'né', 'qui', 'zo', 'ül', 'ça', 'ñi', 'ho', 'ste', 'wen', 'dri'];
const vocabulary: string[] = [...REAL_WORDS];
const seen = new Set(vocabulary);
while (vocabulary.length < VOCABULARY) {
  const word = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join('');
  if (!seen.has(word)) {
    seen.add(word);
    vocabulary.push(word);
  }
}
// Shuffle so that the real words get a spread of frequencies (a Zipf rank each).
for (let i = vocabulary.length - 1; i > 0; i -= 1) {
  const j = Math.floor(random() * (i + 1));
  [vocabulary[i], vocabulary[j]] = [vocabulary[j] as string, vocabulary[i] as string];
}
// Zipf(1): cumulative weights, sampled by binary search.
const cumulative: number[] = [];
let total = 0;
for (let rank = 1; rank <= vocabulary.length; rank += 1) {
  total += 1 / rank;
  cumulative.push(total);
}
const word = (): string => {
  const target = random() * total;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((cumulative[mid] ?? 0) < target) low = mid + 1;
    else high = mid;
  }
  return vocabulary[low] as string;
};
const body = (): string => {
  const words = Array.from({ length: 3 + Math.floor(random() * 18) }, word);
  words[0] = (words[0] ?? '').charAt(0).toUpperCase() + (words[0] ?? '').slice(1);
  return `${words.join(' ')}${pick(['.', '.', '?', '!', '', ' :)'])}`;
};

// ---- conversations: one with 100,000 messages, the other 900,000 spread unevenly over 199 ----
const peers = Array.from({ length: CONVERSATIONS }, (_, i) => `contact${i}@example.net`);
const BIG = peers[0] as string;
const weights = peers.slice(1).map(() => 0.2 + random() * 2);
const weightSum = weights.reduce((a, b) => a + b, 0);
const otherPeer = (): string => {
  let target = random() * weightSum;
  for (let i = 0; i < weights.length; i += 1) {
    target -= weights[i] ?? 0;
    if (target <= 0) return peers[i + 1] as string;
  }
  return peers[CONVERSATIONS - 1] as string;
};

const START = Date.UTC(2024, 0, 1);
const SPAN = 2 * 365 * 24 * 3600 * 1000;
const message = (index: number, conversation: string): StoredMessage => {
  const out = random() < 0.45;
  const id = hex(16);
  return {
    id,
    conversation,
    direction: out ? 'out' : 'in',
    from: out ? `${ACCOUNT}/desktop` : `${conversation}/phone`,
    to: out ? conversation : ACCOUNT,
    body: body(),
    timestamp: START + Math.floor((index / TOTAL) * SPAN) + Math.floor(random() * 1000),
    stanzaId: hex(24), // random, as Prosody's archive ids are
    ...(random() < 0.7 ? { originId: id } : {}),
  };
};

/** A burst of BURST incoming messages through the write queue: time until all are stored, and the longest write. */
async function burstInto(target: ReturnType<typeof openSqliteStore>): Promise<{ readonly totalMs: number; readonly writes: number; readonly longestMs: number }> {
  const writes: number[] = [];
  const queue = createWriteQueue((items: readonly StoredMessage[]) => {
    const began = performance.now();
    const results = target.addMany(items);
    writes.push(performance.now() - began);
    return results;
  });
  const burst = Array.from({ length: BURST }, (_, i) => ({ ...message(TOTAL - 1, otherPeer()), timestamp: START + SPAN + i }));
  const began = performance.now();
  const results = await Promise.all(burst.map((item) => queue.push(item)));
  const totalMs = performance.now() - began;
  if (results.some((result) => result !== 'added')) throw new Error('burst: a message was not stored');
  return { totalMs, writes: writes.length, longestMs: Math.max(...writes) };
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'jabber-store-bench-'));
const file = path.join(dir, 'profile.sqlite');
// A burst into a fresh profile first, for comparison with the same burst into 1,000,000 messages.
const freshFile = path.join(dir, 'fresh.sqlite');
const fresh = openSqliteStore(freshFile);
const freshBurst = await burstInto(fresh);
fresh.close();
const store = openSqliteStore(file);
try {
  // ---- 1. insert 1,000,000 ----
  const bigEvery = TOTAL / BIG_CONVERSATION_SIZE;
  const sampleBodies: string[] = [];
  let insertMs = 0;
  let stored = 0;
  for (let start = 0; start < TOTAL; start += BATCH) {
    const batch: StoredMessage[] = [];
    for (let index = start; index < start + BATCH; index += 1) {
      batch.push(message(index, index % bigEvery === 0 ? BIG : otherPeer()));
    }
    if (start % 50_000 === 0) sampleBodies.push((batch[0] as StoredMessage).body);
    const began = performance.now();
    stored += store.addMany(batch).filter((result) => result === 'added').length;
    insertMs += performance.now() - began;
  }
  if (stored !== TOTAL) throw new Error(`stored ${stored} of ${TOTAL}`);
  const insertRate = TOTAL / (insertMs / 1000);

  // ---- 2. a burst of 10,000 through the write queue (as they would come off the socket) ----
  const bigBurst = await burstInto(store);

  // ---- 3. full-text queries ----
  const phraseOf = (text: string, words: number): string => {
    const tokens = text.replace(/[.?!:)]/g, '').split(' ');
    const from = Math.max(0, Math.floor(tokens.length / 2) - 1);
    return `"${tokens.slice(from, from + words).join(' ').toLowerCase()}"`;
  };
  const strip = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '');
  const rareWords = vocabulary.slice(-6);
  const midWords = vocabulary.slice(400, 406);
  const commonWords = vocabulary.slice(0, 4);
  const queries: { readonly query: string; readonly conversation?: string }[] = [
    ...commonWords.map((query) => ({ query })),
    ...midWords.map((query) => ({ query })),
    ...rareWords.map((query) => ({ query })),
    { query: 'resume' }, { query: 'cafe' }, { query: 'naive' }, { query: 'munchen' }, { query: 'creme brulee' }, { query: 'smorgasbord' },
    { query: 'meet' }, { query: 'dead' }, { query: 'inv' }, { query: 'sch' }, { query: 'ka' }, { query: 'tr' }, { query: 'zür' }, { query: 'quar' },
    ...sampleBodies.slice(0, 6).map((text) => ({ query: phraseOf(text, 2) })),
    ...sampleBodies.slice(6, 9).map((text) => ({ query: phraseOf(strip(text), 3) })),
    { query: 'meeting tomorrow' }, { query: 'budget report' }, { query: 'invoice "quarterly review"' }, { query: 'deploy server release' },
    { query: 'meeting', conversation: BIG }, { query: 'résumé', conversation: BIG }, { query: 'bud', conversation: BIG },
    { query: `${rareWords[0] ?? ''}`, conversation: BIG }, { query: 'meeting', conversation: peers[7] as string },
    { query: 'lunch', conversation: peers[42] as string }, { query: 'caf', conversation: peers[99] as string },
    { query: `${midWords[0] ?? ''}`, conversation: peers[150] as string }, { query: `${rareWords[1] ?? ''}`, conversation: peers[3] as string },
    { query: phraseOf(sampleBodies[10] ?? '', 2), conversation: peers[12] as string },
    { query: 'hotel flight', conversation: peers[60] as string }, { query: '"???"' }, { query: 'NEAR(' },
  ];
  const queryMs: number[] = [];
  let hits = 0;
  for (const { query, conversation } of queries) store.search(query, { conversation, limit: 50 }); // warm the cache once
  for (const { query, conversation } of queries) {
    const began = performance.now();
    hits += store.search(query, { conversation, limit: 50 }).length;
    queryMs.push(performance.now() - began);
  }
  const relevanceMs: number[] = [];
  for (const { query, conversation } of queries) {
    const began = performance.now();
    store.search(query, { conversation, limit: 50, order: 'relevance' });
    relevanceMs.push(performance.now() - began);
  }

  // ---- 4. pages of the 100,000-message conversation ----
  const latestMs: number[] = [];
  let latest = store.latest(BIG, 50);
  for (let run = 0; run < PAGE_RUNS; run += 1) {
    const began = performance.now();
    latest = store.latest(BIG, 50);
    latestMs.push(performance.now() - began);
  }
  const deepMs: number[] = [];
  let cursor = latest.older;
  for (let run = 0; run < PAGE_RUNS && cursor !== null; run += 1) {
    // Walk 1,000 messages back per run and time the page there.
    for (let skip = 0; skip < 19 && cursor !== null; skip += 1) cursor = store.page(BIG, { before: cursor, limit: 50 }).older;
    if (cursor === null) break;
    const began = performance.now();
    const deep = store.page(BIG, { before: cursor, limit: 50 });
    deepMs.push(performance.now() - began);
    cursor = deep.older;
  }

  const sizeMiB = (statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)) / 2 ** 20;
  console.log(`Machine: ${machine}`);
  console.log(`Database: ${count(TOTAL + BURST)} messages in ${CONVERSATIONS} conversations (largest ${count(BIG_CONVERSATION_SIZE)}), ${sizeMiB.toFixed(0)} MiB`);
  console.log(`insert ${count(TOTAL)} messages (addMany, ${count(BATCH)} per transaction, FTS included): ${(insertMs / 1000).toFixed(1)} s, ${count(Math.round(insertRate))} messages/s`);
  for (const [where, result] of [['an empty profile', freshBurst], [`the ${count(TOTAL)}-message profile`, bigBurst]] as const) {
    console.log(
      `burst of ${count(BURST)} incoming through the write queue into ${where}: all stored in ${ms(result.totalMs)} (${count(Math.round(BURST / (result.totalMs / 1000)))} messages/s), ${result.writes} writes, longest ${ms(result.longestMs)}`,
    );
  }
  console.log(`full-text search, ${queries.length} queries (50 hits, newest first, with snippets): median ${ms(median(queryMs))}, p90 ${ms(percentile(queryMs, 90))}, max ${ms(Math.max(...queryMs))} (${count(hits)} hits)`);
  console.log(`  same queries, best match first (bm25): median ${ms(median(relevanceMs))}, p90 ${ms(percentile(relevanceMs, 90))}, max ${ms(Math.max(...relevanceMs))}`);
  console.log(`latest page (50) of the ${count(BIG_CONVERSATION_SIZE)}-message conversation, median of ${PAGE_RUNS}: ${ms(median(latestMs))}`);
  console.log(`an older page (50) deep in that conversation, median of ${deepMs.length}: ${ms(median(deepMs))}`);
  if (process.env['STORE_BENCH_VERBOSE'] === '1') {
    queries.forEach(({ query, conversation }, i) => console.log(`  ${ms(queryMs[i] ?? 0).padStart(10)} ${ms(relevanceMs[i] ?? 0).padStart(10)}  ${query}${conversation === undefined ? '' : `  [in ${conversation}]`}`));
  }
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
