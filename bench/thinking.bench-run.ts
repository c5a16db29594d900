// How close Thinking runs get to ideal parallelism. Against a fake OpenAI-compatible upstream whose
// worker calls each take WORKER_MS, it runs N = 1, 2, 4, 8 sub-agents through the real orchestrator
// and provider code and prints, per N: the total wall time, the ideal (plan + slowest agent +
// synthesis, as measured in that run), their ratio, and the ideal given the concurrency limit
// (plan + ceil(N / limit) rounds of the slowest agent + synthesis). Goal: ratio ≤ 1.10 for N ≤ limit.
// Writes bench/results-thinking.json as well.
//
//   npm run bench:thinking   (Vitest is only the TypeScript runner here: the orchestrator's imports
//                             need the `@/` alias and parameter properties, which plain Node lacks)
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'vitest';
import { startFakeThinkingUpstream } from '@/e2e/fake-upstream/thinking';
import { resetProvidersForTests } from '@/lib/ai/providers';
import { resetEnvForTests } from '@/lib/env';
import { streamThinkingAnswer } from '@/lib/modes/thinking/run';
import type { AgentData, FlintUIMessage, ThinkingRunData } from '@/lib/types';
import { runInfo } from './lib/run-info';

const WORKER_MS = 1000;
const REPEATS = 3;
const CASES = [
  { agents: 1, concurrency: 4 },
  { agents: 2, concurrency: 4 },
  { agents: 4, concurrency: 4 },
  { agents: 8, concurrency: 4 },
  { agents: 8, concurrency: 8 },
];

const history: FlintUIMessage[] = [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Look at several parts of a question.' }] }];

interface Sample {
  totalMs: number;
  idealMs: number;
  limitIdealMs: number;
  planMs: number;
  slowestMs: number;
  synthesisMs: number;
  maxInFlight: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

test('Thinking parallelism benchmark', async () => {
  const fake = await startFakeThinkingUpstream({ plan: 1, workerMs: WORKER_MS });
  const saved = { ...process.env };
  Object.assign(process.env, fake.roleEnv, { FLINT_OLLAMA_PROBE: 'off' });
  resetEnvForTests();
  resetProvidersForTests();
  const rows: string[][] = [];
  const results: Array<Record<string, number>> = [];
  try {
    let id = 0;
    for (const { agents, concurrency } of CASES) {
      const samples: Sample[] = [];
      for (let i = 0; i < REPEATS; i++) {
        fake.setThinkingScript({ plan: agents, workerMs: WORKER_MS });
        fake.reset();
        const parts: Array<{ type: string; data?: unknown }> = [];
        const started = performance.now();
        const status = await streamThinkingAnswer(
          { messageId: `bench-${++id}`, history, signal: new AbortController().signal, budgets: { maxAgents: agents, concurrency } },
          (chunk) => parts.push(chunk as { type: string; data?: unknown }),
        );
        const totalMs = performance.now() - started;
        if (status !== 'done') throw new Error(`run ended ${status}`);
        const run = parts.findLast((p) => p.type === 'data-run')!.data as ThinkingRunData;
        const finals = new Map<string, AgentData>();
        for (const p of parts) if (p.type === 'data-agent') finals.set((p.data as AgentData).id, p.data as AgentData);
        const slowestMs = Math.max(...[...finals.values()].map((a) => a.elapsedMs));
        const idealMs = run.planMs! + slowestMs + run.synthesisMs!;
        samples.push({
          totalMs,
          idealMs,
          limitIdealMs: run.planMs! + Math.ceil(agents / concurrency) * slowestMs + run.synthesisMs!,
          planMs: run.planMs!,
          slowestMs,
          synthesisMs: run.synthesisMs!,
          maxInFlight: fake.maxInFlight,
        });
      }
      const pick = (key: keyof Sample) => median(samples.map((s) => s[key]));
      const ratio = median(samples.map((s) => s.totalMs / s.idealMs));
      const limitRatio = median(samples.map((s) => s.totalMs / s.limitIdealMs));
      results.push({
        agents,
        concurrency,
        maxInFlight: pick('maxInFlight'),
        planMs: Math.round(pick('planMs')),
        slowestAgentMs: Math.round(pick('slowestMs')),
        synthesisMs: Math.round(pick('synthesisMs')),
        totalMs: Math.round(pick('totalMs')),
        idealMs: Math.round(pick('idealMs')),
        ratio: Number(ratio.toFixed(3)),
        ratioAtLimit: Number(limitRatio.toFixed(3)),
      });
      rows.push([
        String(agents),
        String(concurrency),
        String(pick('maxInFlight')),
        pick('planMs').toFixed(0),
        pick('slowestMs').toFixed(0),
        pick('synthesisMs').toFixed(0),
        pick('totalMs').toFixed(0),
        pick('idealMs').toFixed(0),
        ratio.toFixed(3),
        limitRatio.toFixed(3),
      ]);
    }
  } finally {
    await fake.close();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }

  const header = ['N agents', 'limit', 'max in flight', 'plan ms', 'slowest agent ms', 'synthesis ms', 'total ms', 'ideal ms', 'total / ideal', 'total / ideal at limit'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  console.log(`\nThinking runs against a fake upstream (each worker call ${WORKER_MS} ms; median of ${REPEATS})\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('\nideal = plan + slowest agent + synthesis; "at limit" counts ceil(N / limit) rounds of the slowest agent.\n');
  const file = path.join(import.meta.dirname, 'results-thinking.json');
  const report = { ...runInfo(), workerMs: WORKER_MS, repeats: REPEATS, results };
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Wrote ${path.relative(process.cwd(), file)}`);
});
