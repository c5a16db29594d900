// Thinking runs over HTTP: the planner, worker and synthesizer roles point at a fake
// OpenAI-compatible server (e2e/fake-upstream/thinking.ts) whose worker calls take a set time, so
// parallelism, the concurrency limit, stop, per-agent cancel and retry, failures and budgets are
// measured on the real provider code path, not assumed.
import { readUIMessageStream, tool, type UIMessageChunk } from 'ai';
import { z } from 'zod';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeThinkingUpstream, type FakeThinkingUpstream } from '@/e2e/fake-upstream/thinking';
import { resetProvidersForTests } from '@/lib/ai/providers';
import { resetEnvForTests } from '@/lib/env';
import type { AgentData, FlintUIMessage, RunBudgets, ThinkingPlanData, ThinkingRunData } from '@/lib/types';
import { agentControls } from './controls';
import { streamThinkingAnswer } from './run';

const MANAGED = /^(FLINT_|ANTHROPIC_|OPENAI_|GOOGLE_GENERATIVE_AI_|OLLAMA_)/;
const savedEnv = { ...process.env };

function useEnv(vars: Record<string, string>) {
  for (const key of Object.keys(process.env)) if (MANAGED.test(key)) delete process.env[key];
  Object.assign(process.env, { FLINT_OLLAMA_PROBE: 'off', FLINT_OFFLINE_TOKENS_PER_SECOND: '5000', ...vars });
  resetEnvForTests();
  resetProvidersForTests();
}

function restoreEnv() {
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  resetEnvForTests();
  resetProvidersForTests();
}

const history: FlintUIMessage[] = [
  { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Which rocks make sparks?' }] },
  { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'Flint and chert, struck against steel.' }] },
  { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'Compare how flint, chert and pyrite were used to make fire.' }] },
];

type Chunk = UIMessageChunk;

interface RunResult {
  status: string;
  chunks: Chunk[];
  message: FlintUIMessage;
  run: ThinkingRunData;
  plan?: ThinkingPlanData;
  agents: AgentData[];
  text: string;
  elapsed: number;
}

let counter = 0;

async function think(
  options: {
    budgets?: Partial<RunBudgets>;
    onChunk?: (chunk: Chunk, controls: { stop(): void; messageId: string }) => void;
    extra?: Partial<Parameters<typeof streamThinkingAnswer>[0]>;
  } = {},
): Promise<RunResult> {
  const controller = new AbortController();
  const messageId = `m${++counter}`;
  const chunks: Chunk[] = [];
  const started = performance.now();
  const status = await streamThinkingAnswer({ messageId, history, signal: controller.signal, budgets: options.budgets, ...options.extra }, (chunk) => {
    chunks.push(chunk as Chunk);
    options.onChunk?.(chunk as Chunk, { stop: () => controller.abort(), messageId });
  });
  const elapsed = performance.now() - started;
  let message: FlintUIMessage | undefined;
  const stream = new ReadableStream<Chunk>({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
  for await (const m of readUIMessageStream<FlintUIMessage>({ stream })) message = m;
  const parts = message!.parts;
  return {
    status,
    chunks,
    message: message!,
    run: parts.flatMap((p) => (p.type === 'data-run' ? [p.data] : []))[0]!,
    plan: parts.flatMap((p) => (p.type === 'data-plan' ? [p.data] : []))[0],
    agents: parts.flatMap((p) => (p.type === 'data-agent' ? [p.data] : [])),
    text: parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join(''),
    elapsed,
  };
}

let fake: FakeThinkingUpstream;

beforeAll(async () => {
  fake = await startFakeThinkingUpstream({ plan: 4 });
});
afterAll(async () => fake?.close());
beforeEach(() => {
  fake.reset();
  useEnv(fake.roleEnv);
});
afterEach(restoreEnv);

describe('parallelism (measured against a fake upstream)', () => {
  it('runs 4 sub-agents of 1 s each in about 1 s, not 4 s, with all 4 requests in flight together', async () => {
    fake.setThinkingScript({ plan: 4, workerMs: 1000 });
    const result = await think({ budgets: { concurrency: 4 } });

    expect(result.status).toBe('done');
    expect(result.agents.map((a) => a.status)).toEqual(['done', 'done', 'done', 'done']);
    const slowest = Math.max(...result.agents.map((a) => a.elapsedMs));
    expect(slowest).toBeGreaterThanOrEqual(950);
    // The work phase costs about the slowest agent, not the sum of all four.
    expect(result.run.workMs!).toBeLessThanOrEqual(1.5 * slowest);
    expect(fake.requestsOf('worker')).toHaveLength(4);
    expect(fake.maxInFlight).toBe(4);
  });

  it('respects the concurrency limit: 6 agents, 2 at a time, take three rounds', async () => {
    fake.setThinkingScript({ plan: 6, workerMs: 600 });
    const result = await think({ budgets: { concurrency: 2 } });

    expect(result.status).toBe('done');
    expect(result.agents).toHaveLength(6);
    expect(fake.maxInFlight).toBe(2);
    expect(result.run.workMs!).toBeGreaterThanOrEqual(3 * 600 - 50);
    expect(result.run.workMs!).toBeLessThanOrEqual(1.5 * 3 * 600);
  });

  it('streams every agent live as deltas, with throttled snapshots rather than the whole text per token', async () => {
    const words = Array.from({ length: 120 }, (_, i) => `w${i}`).join(' ');
    fake.setThinkingScript({ plan: 3, worker: () => ({ text: words, chunks: 120, firstTokenDelayMs: 10, chunkDelayMs: 10 }) });
    const result = await think();
    const deltas = result.chunks.filter((c) => c.type === 'data-agent-delta');
    const snapshots = result.chunks.filter((c) => c.type === 'data-agent');
    expect(deltas.length).toBeGreaterThan(200);
    expect(deltas.every((c) => 'transient' in c && c.transient)).toBe(true);
    // Queued, running and done, plus one every half second while text changes: not one per token.
    expect(snapshots.length).toBeLessThanOrEqual(3 * 3 + 3 * 4);
    for (const agent of result.agents) expect(agent.text).toBe(words);
  });
});

describe('what each role sees', () => {
  it('plans with the planner model, works with the worker model, writes the answer with the synthesizer model', async () => {
    fake.setThinkingScript({ plan: 2, workerMs: 100 });
    const result = await think();
    expect(fake.requestsOf('planner')).toHaveLength(1);
    expect(fake.requestsOf('worker')).toHaveLength(2);
    expect(fake.requestsOf('synth')).toHaveLength(1);
    expect(result.message.metadata?.model).toBe('openai-compatible:synth');
    expect(result.plan?.model).toBe('openai-compatible:planner');
    expect(result.agents.every((a) => a.model === 'openai-compatible:worker')).toBe(true);
    // The plan was asked for as JSON.
    expect((fake.requestsOf('planner')[0]!.body as { response_format?: { type: string } }).response_format?.type).toMatch(/json/);
    // The answer is normal text parts with citations of the agents.
    expect(result.text).toBe('Combined answer drawing on every part [1][2].');
    expect(result.message.parts.filter((p) => p.type === 'text').every((p) => p.state === 'done')).toBe(true);
  });

  it("gives sub-agents the conversation and their own brief, never another agent's draft", async () => {
    fake.setThinkingScript({ plan: 2, workerMs: 100 });
    await think({ budgets: { concurrency: 1 } });
    const [first, second] = fake.requestsOf('worker').map((r) => JSON.stringify(r.body));
    expect(first).toContain('Compare how flint, chert and pyrite were used to make fire.');
    expect(first).toContain('Flint and chert, struck against steel.');
    expect(first).toContain('Subtask: Part 1');
    expect(second).toContain('Subtask: Part 2');
    // Agent 2 started after agent 1 finished, and still never saw its result.
    expect(second).not.toContain('Result of sub-agent 1');
    const synthesis = JSON.stringify(fake.requestsOf('synth')[0]!.body);
    expect(synthesis).toContain('Result of sub-agent 1');
    expect(synthesis).toContain('Result of sub-agent 2');
  });

  it('tells every role what the user told Flint; only the answer gets the memory tools', async () => {
    fake.setThinkingScript({ plan: 1, workerMs: 100 });
    const remember = tool({ description: 'Remember a fact about the user.', inputSchema: z.object({ memory: z.string() }), execute: async () => ({ saved: true }) });
    const result = await think({
      extra: {
        personal: { aboutMe: 'A zeppelin pilot', responseStyle: 'Short answers', memories: [{ id: 'mem1', content: 'Is vegetarian' }], canRemember: true },
        tools: { remember },
      },
    });
    expect(result.message.metadata?.memories).toEqual([{ id: 'mem1', content: 'Is vegetarian' }]);
    for (const role of ['planner', 'worker', 'synth'] as const) {
      const body = JSON.stringify(fake.requestsOf(role)[0]!.body);
      expect(body, role).toContain('A zeppelin pilot');
      expect(body, role).toContain('Short answers');
      expect(body, role).toContain('Is vegetarian');
    }
    for (const role of ['planner', 'worker'] as const) {
      const body = fake.requestsOf(role)[0]!.body as { tools?: unknown };
      expect(body.tools, role).toBeUndefined();
      expect(JSON.stringify(body), role).not.toContain('call `remember`');
    }
    const synth = fake.requestsOf('synth')[0]!.body as { tools?: Array<{ function: { name: string } }> };
    expect(synth.tools?.map((t) => t.function.name)).toEqual(['remember']);
  });

  it('mixes roles: the offline model can be the worker while planner and synthesizer are real', async () => {
    useEnv({ ...fake.roleEnv, FLINT_WORKER_MODEL: 'offline:demo' });
    fake.setThinkingScript({ plan: 2 });
    const result = await think();
    expect(result.status).toBe('done');
    expect(fake.requestsOf('worker')).toHaveLength(0);
    expect(result.agents.map((a) => a.model)).toEqual(['offline:demo', 'offline:demo']);
    expect(result.agents[0]!.text).toContain('**Part 1**');
    expect(result.agents[0]!.reasoning).toContain('My part is “Part 1”');
  });

  it('degrades to one direct answer when the planner sees no need to fan out', async () => {
    fake.setThinkingScript({ plan: { approach: 'A greeting: no fan-out needed.', subtasks: [] } });
    const result = await think();
    expect(result.status).toBe('done');
    expect(result.plan?.direct).toBe(true);
    expect(result.agents).toHaveLength(0);
    expect(fake.requestsOf('worker')).toHaveLength(0);
    expect(fake.requestsOf('synth')).toHaveLength(1);
    expect(result.text.length).toBeGreaterThan(0);
  });
});

describe('control', () => {
  it('stop aborts every upstream request and leaves every agent in a final state', async () => {
    fake.setThinkingScript({ plan: 6, workerMs: 3000 });
    const result = await think({
      budgets: { concurrency: 4 },
      onChunk: (chunk, { stop }) => {
        if (chunk.type === 'data-agent-delta') stop();
      },
    });
    expect(result.status).toBe('stopped');
    expect(result.run.phase).toBe('stopped');
    expect(result.agents.map((a) => a.status)).toEqual(Array(6).fill('cancelled'));
    expect(result.elapsed).toBeLessThan(2500);
    await fake.waitFor((f) => f.inFlight === 0, 3000, 'every upstream request to close');
    expect(fake.requestsOf('worker')).toHaveLength(4);
    expect(fake.requestsOf('worker').every((r) => r.outcome === 'client-closed')).toBe(true);
    expect(fake.requestsOf('synth')).toHaveLength(0);
  });

  it('cancels one agent; the synthesis goes on with the others and says what is missing', async () => {
    fake.setThinkingScript({ plan: 3, workerMs: (i) => (i === 2 ? 5000 : 800) });
    let cancelled = false;
    const result = await think({
      onChunk: (chunk, { messageId }) => {
        if (!cancelled && chunk.type === 'data-agent-delta' && (chunk.data as { agentId: string }).agentId === 'a2') {
          cancelled = true;
          expect(agentControls(messageId)!.cancel('a2')).toBe(true);
        }
      },
    });
    expect(result.status).toBe('done');
    expect(result.agents.map((a) => a.status)).toEqual(['done', 'cancelled', 'done']);
    expect(result.run.workMs!).toBeLessThan(2000);
    const brief = JSON.stringify(fake.requestsOf('synth')[0]!.body);
    expect(brief).toContain('[2] Part 2 — cancelled');
    expect(brief).not.toContain('Result of sub-agent 2');
  });

  it('retries a failed agent while the others still work', async () => {
    fake.setThinkingScript({ plan: 3, workerMs: 1200, worker: (i, attempt) => (i === 3 && attempt === 1 ? { status: 500 } : undefined) });
    let retried = false;
    const result = await think({
      onChunk: (chunk, { messageId }) => {
        if (!retried && chunk.type === 'data-agent' && (chunk.data as AgentData).id === 'a3' && (chunk.data as AgentData).status === 'failed') {
          retried = true;
          expect(agentControls(messageId)!.retry('a3')).toBe(true);
        }
      },
    });
    expect(retried).toBe(true);
    expect(result.status).toBe('done');
    expect(result.agents.map((a) => a.status)).toEqual(['done', 'done', 'done']);
    expect(result.agents[2]!.attempt).toBe(2);
    expect(fake.requestsOf('worker')).toHaveLength(4);
  });

  it('a failing agent does not sink the run: its card shows the error and the synthesis notes the gap', async () => {
    fake.setThinkingScript({ plan: 3, workerMs: 200, worker: (i) => (i === 1 ? { status: 503 } : undefined) });
    const result = await think();
    expect(result.status).toBe('done');
    const failed = result.agents[0]!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/HTTP 503/);
    expect(JSON.stringify(fake.requestsOf('synth')[0]!.body)).toContain('[1] Part 1 — failed');
  });

  it('ends with an error, and no synthesis, when every agent fails', async () => {
    fake.setThinkingScript({ plan: 2, worker: () => ({ status: 500 }) });
    const result = await think();
    expect(result.status).toBe('error');
    expect(result.message.metadata?.error).toMatch(/None of the sub-agents could finish/);
    expect(fake.requestsOf('synth')).toHaveLength(0);
  });

  it('falls back to one agent on the whole request when planning fails', async () => {
    fake.setThinkingScript({ plan: { status: 500 }, workerMs: 100 });
    const result = await think();
    expect(result.status).toBe('done');
    expect(result.agents).toHaveLength(1);
    expect(result.agents[0]!.title).toBe('The whole request');
    expect(result.run.notes?.[0]).toMatch(/^Planning failed/);
  });
});

describe('budgets', () => {
  it('keeps at most maxAgents sub-agents and says so', async () => {
    fake.setThinkingScript({ plan: 7, workerMs: 100 });
    const result = await think({ budgets: { maxAgents: 3 } });
    expect(result.agents).toHaveLength(3);
    expect(result.plan?.proposed).toBe(7);
    expect(result.run.notes?.join(' ')).toContain('The planner proposed 7 subtasks; the limit is 3');
    expect(fake.requestsOf('worker')).toHaveLength(3);
  });

  it('ends an agent at its token budget even when the server ignores max_tokens', async () => {
    fake.setThinkingScript({ plan: 1, workerMs: 300 });
    const result = await think({ budgets: { agentMaxTokens: 6 } });
    const [agent] = result.agents;
    expect((fake.requestsOf('worker')[0]!.body as { max_tokens?: number }).max_tokens).toBe(6);
    expect(agent!.status).toBe('done');
    expect(agent!.limit).toBe('tokens');
    expect(agent!.text.length).toBeLessThan(80);
    expect(result.status).toBe('done');
  });

  it('ends unfinished agents at the wall-time limit, keeps their partial text and still answers', async () => {
    fake.setThinkingScript({ plan: 2, workerMs: (i) => (i === 1 ? 200 : 10_000) });
    const result = await think({ budgets: { maxSeconds: 4 } });
    expect(result.run.limit).toBe('time');
    expect(result.agents[0]!.status).toBe('done');
    expect(result.agents[1]!).toMatchObject({ status: 'cancelled', limit: 'time' });
    expect(result.agents[1]!.text.length).toBeGreaterThan(0);
    expect(result.run.workMs!).toBeLessThan(3500);
    expect(result.status).toBe('done');
    expect(JSON.stringify(fake.requestsOf('synth')[0]!.body)).toContain('cut off at the time limit');
    await fake.waitFor((f) => f.inFlight === 0, 3000, 'the cut-off request to close');
  });
});
