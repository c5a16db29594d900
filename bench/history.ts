// Benchmark of the chat history at scale: the first history page, a later page through the cursor,
// and full-text search, over 10,000 chats of one user (with ~30,000 messages) next to another
// user's 10,000 chats as noise. Runs Flint's own lib/db/chats.ts on PGlite (in a temporary
// directory) and, when TEST_DATABASE_URL is set, on PostgreSQL (in a scratch database it creates
// and drops). Prints a table and writes bench/results-history.json.
//
//   npm run bench:history            (= node --import ./bench/support/hooks.ts bench/history.ts)
//   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:54329/postgres npm run bench:history
//   BENCH_KEEP_DATABASE=1 …           keeps the PostgreSQL database and prints its URL, for EXPLAIN
//
// Runs with bench/support/hooks.ts (the `@/` alias, extensionless imports, an empty `server-only`).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { prng } from '../e2e/support/prng';
import { runInfo } from './lib/run-info';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { closeDb, getDb } = await import('@/lib/db/client');
const { listChats, searchChats } = await import('@/lib/db/chats');
const { resetEnvForTests } = await import('@/lib/env');

const CHATS = 10_000;
const MESSAGES_PER_CHAT = 3;
const RUNS = 30;
const WARMUP = 3;
const USER = 'bench-user';
const NOISE = 'bench-noise';
const LATER_PAGE = 100; // the cursor after 100 pages of 40: chats 4,001–4,040
const QUERIES = { common: 'python', rare: 'quokka', prefix: 'pro' };

// ── Realistic, reproducible text ─────────────────────────────────────────────────────────────────


const FUNCTION_WORDS = 'the a to of and in is it you that for on with can this be as are i my how what do not or if at we use your so but from an by me about'.split(' ');
const GENERAL = 'time make good like just also need want more new first way work thing day help get example know see question answer better step next problem project process provide using idea simple case point change data list'.split(' ');
const TOPICS: Record<string, string[]> = {
  code: 'python function error database query react component api server deploy test array string loop class variable docker kubernetes typescript install package version build compile debug memory performance index program production promise prompt'.split(' '),
  cooking: 'recipe flour butter oven bake sugar garlic onion pasta sauce minutes chicken dough yeast sourdough salt pepper roast simmer protein'.split(' '),
  travel: 'flight hotel train museum beach itinerary visa passport budget ticket lisbon kyoto hiking ferry luggage booking lighthouse coast'.split(' '),
  writing: 'email letter draft paragraph summary essay tone outline headline proposal cover resume proofread audience argument style profile'.split(' '),
  health: 'sleep exercise protein running stretch knee posture breakfast hydration routine marathon injury yoga calories'.split(' '),
  money: 'invoice tax budget mortgage savings interest loan pension receipt expense refund salary rent insurance product'.split(' '),
};
const TOPIC_NAMES = Object.keys(TOPICS);

/** A Zipf-ish pick: the first words of a list are much more frequent than the last. */
const pick = (rand: () => number, words: string[]) => words[Math.floor(Math.pow(rand(), 1.8) * words.length)]!;

function sentence(rand: () => number, topic: string[], length: number) {
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const r = rand();
    words.push(pick(rand, r < 0.45 ? FUNCTION_WORDS : r < 0.6 ? GENERAL : topic));
  }
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}${rand() < 0.2 ? '?' : '.'}`;
}

function messageText(rand: () => number, topic: string[], role: 'user' | 'assistant') {
  const sentences = role === 'user' ? 1 + Math.floor(rand() * 3) : 4 + Math.floor(rand() * 10);
  return Array.from({ length: sentences }, () => sentence(rand, topic, 6 + Math.floor(rand() * 14))).join(' ');
}

function title(rand: () => number, topic: string[]) {
  if (rand() < 0.05) return null; // a chat whose title was never generated
  const words = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pick(rand, topic));
  return `${words[0]![0]!.toUpperCase()}${words.join(' ').slice(1)}`;
}

// ── Seeding ──────────────────────────────────────────────────────────────────────────────────────

type Db = Awaited<ReturnType<typeof getDb>>;

async function seedUser(db: Db, userId: string, seed: number, rareWordIn: number[]) {
  const rand = prng(seed);
  const now = Date.now();
  const chats = { id: [] as string[], title: [] as Array<string | null>, at: [] as string[] };
  const messages = { id: [] as string[], chatId: [] as string[], role: [] as string[], text: [] as string[], at: [] as string[] };
  for (let i = 0; i < CHATS; i++) {
    const topic = TOPICS[TOPIC_NAMES[Math.floor(rand() * TOPIC_NAMES.length)]!]!;
    const chatId = `${userId}-chat-${String(i).padStart(5, '0')}`;
    // Pairs of chats share a timestamp, as chats touched in the same millisecond do.
    const at = now - Math.floor(i / 2) * 37_000;
    chats.id.push(chatId);
    chats.title.push(title(rand, topic));
    chats.at.push(new Date(at).toISOString());
    for (let m = 0; m < MESSAGES_PER_CHAT; m++) {
      const role = m % 2 === 0 ? 'user' : 'assistant';
      let text = messageText(rand, topic, role);
      if (m === 1 && rareWordIn.includes(i)) text += ` A ${QUERIES.rare} is a small wallaby from Rottnest Island.`;
      messages.id.push(`${chatId}-m${m}`);
      messages.chatId.push(chatId);
      messages.role.push(role);
      messages.text.push(text);
      messages.at.push(new Date(at - (MESSAGES_PER_CHAT - m) * 1000).toISOString());
    }
  }
  await db.user.create({ data: { id: userId, name: userId, email: `${userId}@example.com` } });
  const BATCH = 2_000;
  for (let start = 0; start < chats.id.length; start += BATCH) {
    const end = start + BATCH;
    await db.$executeRawUnsafe(
      `INSERT INTO "Chat" ("id", "userId", "title", "createdAt", "updatedAt")
       SELECT id, $1, title, at::timestamp(3), at::timestamp(3) FROM unnest($2::text[], $3::text[], $4::text[]) AS t(id, title, at)`,
      userId,
      chats.id.slice(start, end),
      chats.title.slice(start, end),
      chats.at.slice(start, end),
    );
  }
  for (let start = 0; start < messages.id.length; start += BATCH) {
    const end = start + BATCH;
    await db.$executeRawUnsafe(
      `INSERT INTO "Message" ("id", "chatId", "role", "parts", "status", "searchText", "createdAt", "updatedAt")
       SELECT id, chat_id, role, jsonb_build_array(jsonb_build_object('type', 'text', 'text', body)), 'done', body, at::timestamp(3), at::timestamp(3)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, chat_id, role, body, at)`,
      messages.id.slice(start, end),
      messages.chatId.slice(start, end),
      messages.role.slice(start, end),
      messages.text.slice(start, end),
      messages.at.slice(start, end),
    );
  }
  return { chats: chats.id.length, messages: messages.id.length, chars: messages.text.reduce((sum, t) => sum + t.length, 0) };
}

// ── Measuring ────────────────────────────────────────────────────────────────────────────────────

interface Measurement {
  medianMs: number;
  p95Ms: number;
  minMs: number;
  results: number;
}

function quantile(sorted: number[], q: number) {
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

async function measure(run: () => Promise<number>): Promise<Measurement> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  let results = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    results = await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { medianMs: round(quantile(times, 0.5)), p95Ms: round(quantile(times, 0.95)), minMs: round(times[0]!), results };
}

/** How many of the user's chats a search matches in all (the page shows at most 30). */
async function matchingChats(db: Db, text: string) {
  const rows = await db.$queryRawUnsafe<Array<{ n: number }>>(
    `SELECT count(DISTINCT c.id)::int AS n FROM "Chat" c LEFT JOIN "Message" m ON m."chatId" = c.id
     WHERE c."userId" = $1 AND (to_tsvector('simple', coalesce(c.title, '')) @@ to_tsquery('simple', $2) OR to_tsvector('simple', m."searchText") @@ to_tsquery('simple', $2))`,
    USER,
    `${text}:*`,
  );
  return rows[0]!.n;
}

async function benchmark(label: string) {
  const db = await getDb();
  const seedStart = performance.now();
  const mine = await seedUser(db, USER, 1, [17, 4_321, 9_876]);
  const noise = await seedUser(db, NOISE, 2, [5, 6_000]);
  await db.$executeRawUnsafe('ANALYZE');
  const seedSeconds = Math.round((performance.now() - seedStart) / 100) / 10;
  console.log(`${label}: seeded ${mine.chats + noise.chats} chats and ${mine.messages + noise.messages} messages in ${seedSeconds} s`);

  let cursor: string | undefined;
  for (let page = 0; page < LATER_PAGE; page++) cursor = (await listChats(USER, { cursor })).nextCursor ?? undefined;
  if (!cursor) throw new Error('the history ended before the later page');

  const results = {
    firstPage: await measure(async () => (await listChats(USER)).chats.length),
    laterPage: await measure(async () => (await listChats(USER, { cursor })).chats.length),
    searchCommon: await measure(async () => (await searchChats(USER, QUERIES.common)).length),
    searchRare: await measure(async () => (await searchChats(USER, QUERIES.rare)).length),
    searchPrefix: await measure(async () => (await searchChats(USER, QUERIES.prefix)).length),
  };
  const matches = {
    common: await matchingChats(db, QUERIES.common),
    rare: await matchingChats(db, QUERIES.rare),
    prefix: await matchingChats(db, QUERIES.prefix),
  };
  return { seedSeconds, dataset: { user: mine, noise }, matches, results };
}

async function onPglite() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flint-bench-'));
  delete process.env.DATABASE_URL;
  process.env.FLINT_DATA_DIR = dir;
  resetEnvForTests();
  try {
    return await benchmark('PGlite');
  } finally {
    await closeDb();
    await rm(dir, { recursive: true, force: true });
  }
}

async function asAdmin(adminUrl: string, sql: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function onPostgres(adminUrl: string) {
  const name = `flint_bench_${Date.now().toString(36)}`;
  await asAdmin(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  resetEnvForTests();
  try {
    return await benchmark('PostgreSQL');
  } finally {
    await closeDb();
    if (process.env.BENCH_KEEP_DATABASE) console.log(`kept ${url}`);
    else await asAdmin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

const adminUrl = process.env.TEST_DATABASE_URL;
const runs: Record<string, Awaited<ReturnType<typeof benchmark>>> = { pglite: await onPglite() };
if (adminUrl) runs.postgres = await onPostgres(adminUrl);
else console.log('TEST_DATABASE_URL is not set: PostgreSQL skipped.');

const rows: Array<[string, keyof (typeof runs)['pglite']['results']]> = [
  ['first history page (40)', 'firstPage'],
  [`page ${LATER_PAGE + 1} via cursor`, 'laterPage'],
  [`search common "${QUERIES.common}"`, 'searchCommon'],
  [`search rare "${QUERIES.rare}"`, 'searchRare'],
  [`search prefix "${QUERIES.prefix}"`, 'searchPrefix'],
];
const kinds = Object.keys(runs);
const header = ['query', ...kinds.flatMap((k) => [`${k} median ms`, `${k} p95 ms`]), 'results'];
const table = rows.map(([label, key]) => [label, ...kinds.flatMap((k) => [runs[k]!.results[key].medianMs.toFixed(1), runs[k]!.results[key].p95Ms.toFixed(1)]), String(runs[kinds[0]!]!.results[key].results)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
console.log(`\n${RUNS} runs each after ${WARMUP} warm-up runs; ${CHATS} chats and ${CHATS * MESSAGES_PER_CHAT} messages per user, 2 users; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs.`);
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const row of table) console.log(line(row));
const m = runs[kinds[0]!]!.matches;
console.log(`Chats of the user matching: "${QUERIES.common}" ${m.common}, "${QUERIES.rare}" ${m.rare}, "${QUERIES.prefix}" ${m.prefix} (a search returns at most 30).`);

const output = path.join(root, 'bench', 'results-history.json');
await writeFile(
  output,
  `${JSON.stringify({ ...runInfo(), runs: RUNS, warmup: WARMUP, queries: QUERIES, laterPage: LATER_PAGE + 1, databases: runs }, null, 2)}\n`,
);
console.log(`\nWrote ${path.relative(process.cwd(), output)}`);
