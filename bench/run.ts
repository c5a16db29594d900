// `npm run bench`: every benchmark of docs/performance.md, one after another on a quiet machine,
// against a fresh production build. Prints a summary table against the budgets (bench/lib/budgets.ts)
// and writes bench/results.json (each benchmark also writes its own bench/results-<name>.json with
// the details). Benchmarks report; they never fail on a number. BENCH_SKIP_BUILD=1 reuses the last
// build; BENCH_ONLY=first-token,load runs only those; TEST_DATABASE_URL adds PostgreSQL to the
// history benchmark.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { budgets } from './lib/budgets';
import { firstLoadJs, kib } from './lib/first-load';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' };
const hooks = ['--import', './bench/support/hooks.ts'];
const vitest = (file: string) => [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'bench/vitest.config.ts', file];

const benchmarks: Array<{ name: string; args: string[] }> = [
  { name: 'first-token', args: [...hooks, 'bench/first-token.ts'] },
  { name: 'first-token-server', args: [...hooks, 'bench/first-token-server.ts'] },
  { name: 'load', args: [...hooks, 'bench/load.ts'] },
  { name: 'long-chat', args: [...hooks, 'bench/long-chat.ts'] },
  { name: 'thinking', args: vitest('bench/thinking.bench-run.ts') },
  { name: 'images', args: vitest('bench/images.bench-run.ts') },
  { name: 'history', args: [...hooks, 'bench/history.ts'] },
];
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());

function run(label: string, args: string[]): { ok: boolean; seconds: number } {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  console.log(result.status === 0 ? `✔ ${label} (${seconds} s)` : `✖ ${label} failed (${seconds} s)`);
  return { ok: result.status === 0, seconds };
}

if (process.env.BENCH_SKIP_BUILD !== '1' || !existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  if (!run('Production build', [path.join(root, 'node_modules/next/dist/bin/next'), 'build']).ok) process.exit(1);
}

const firstLoad = ['/(chat)/page', '/(chat)/c/[id]/page'].map((route) => firstLoadJs(path.join(root, '.next'), route));
const ran: Record<string, { ok: boolean; seconds: number }> = {};
for (const bench of benchmarks) if (!only || only.includes(bench.name)) ran[bench.name] = run(`bench:${bench.name}`, bench.args);

const read = (name: string) => {
  const file = path.join(root, 'bench', `results-${name}.json`);
  return ran[name]?.ok && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
};
const details = Object.fromEntries(benchmarks.map((b) => [b.name, read(b.name)]));

type Row = { metric: string; value: number | string; budget: string; within: boolean | null };
/** A figure and, where it has one, its budget (an upper limit). */
const row = (metric: string, value: number | undefined, unit: string, limit?: number): Row => ({
  metric,
  value: value === undefined || Number.isNaN(value) ? 'not run' : `${value} ${unit}`.trim(),
  budget: limit === undefined ? '' : `≤ ${limit} ${unit}`.trim(),
  within: value === undefined || limit === undefined ? null : value <= limit,
});

const ft = details['first-token'];
const fts = details['first-token-server'];
const load = details.load;
const long = details['long-chat'];
const thinking = details.thinking?.results as Array<{ agents: number; concurrency: number; ratio: number }> | undefined;
const images = details.images?.steps as Array<{ step: string; medianMs: number }> | undefined;
const history = details.history?.databases as Record<string, { results: { firstPage: { medianMs: number } } }> | undefined;

const rows: Row[] = [
  ...firstLoad.map((f) => row(`First-load JS ${f.route.replace('/page', '') || '/'} (gzip)`, kib(f.gzipBytes), 'KiB', budgets.firstLoadKiB)),
  row('First token, app-added p50', ft?.all.appAddedP50, 'ms', budgets.firstTokenP50Ms),
  row('First token, app-added p95', ft?.all.appAddedP95, 'ms', budgets.firstTokenP95Ms),
  row("First token, the server's share p50 (no browser)", fts?.serverShare.p50, 'ms', undefined),
  row(`${load?.chats ?? 200} concurrent streams: errors`, load?.errors, '', 0),
  row(`${load?.chats ?? 200} concurrent streams: answers saved`, load?.persisted, `of ${load?.chats ?? 200}`, undefined),
  row(`${load?.chats ?? 200} concurrent streams: token gap p95`, load?.tokenGapMsP95, 'ms', undefined),
  row(`${load?.chats ?? 200} concurrent streams: server RSS peak`, load?.serverRssMiBPeak, 'MiB', undefined),
  row(`${load?.chats ?? 200} concurrent streams: server CPU`, load?.serverCpuCoresAverage, 'cores', undefined),
  ...(thinking ?? [])
    .filter((r) => r.agents <= r.concurrency)
    .map((r) => row(`Thinking, ${r.agents} agent${r.agents === 1 ? '' : 's'}: total / ideal`, r.ratio, '×', budgets.thinkingRatio)),
  row(`Long chat (${long?.messages ?? 1000} messages): open`, long?.openMsMedian, 'ms', budgets.longChatOpenMs),
  // The Long Tasks API reports only tasks of 50 ms or more.
  long?.longTasks === 0
    ? { metric: 'Long chat: longest task while streaming', value: 'none of 50 ms or more', budget: `< ${budgets.longChatLongestTaskMs} ms`, within: true }
    : row('Long chat: longest task while streaming', long?.longestTaskMs, 'ms', budgets.longChatLongestTaskMs),
  ...(images ? [row('12 MP JPEG: validate, re-encode, thumbnail', images.find((s) => s.step.startsWith('12 MP JPEG, sideways'))?.medianMs, 'ms', budgets.imageMs)] : []),
  ...Object.entries(history ?? {}).map(([db, r]) => row(`History of 10,000 chats, first page (${db})`, r.results.firstPage.medianMs, 'ms', budgets.historyFirstPageMs)),
];
if (!thinking) rows.push(row('Thinking parallel efficiency', undefined, '', budgets.thinkingRatio));
if (!images) rows.push(row('12 MP JPEG: validate, re-encode, thumbnail', undefined, 'ms', budgets.imageMs));
if (!history) rows.push(row('History of 10,000 chats, first page', undefined, 'ms', budgets.historyFirstPageMs));

const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
console.log(`\nFlint benchmarks on ${machine.cpus} × ${machine.model}, ${machine.memoryGiB} GiB, Node ${machine.node}\n`);
console.table(rows.map((r) => ({ metric: r.metric, value: r.value, budget: r.budget, '': r.within === null ? '' : r.within ? '✓' : '✗' })));
const failed = Object.entries(ran).filter(([, r]) => !r.ok).map(([name]) => name);
if (failed.length) console.log(`Benchmarks that did not finish: ${failed.join(', ')}`);

await writeFile(
  path.join(root, 'bench', 'results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine, loadAverage: os.loadavg(), budgets, summary: rows, firstLoad, ran, details }, null, 2)}\n`,
);
