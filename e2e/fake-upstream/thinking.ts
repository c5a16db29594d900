// A fake OpenAI-compatible server that plays the three roles of a Thinking run, each under its own
// model id: `planner` answers with a plan in JSON, `worker` answers each sub-agent after a set delay
// (recognising which sub-agent from its brief), `synth` writes a short synthesis citing [1]…[n].
// Used by the Thinking integration tests, the end-to-end specs and the benchmark.
import { startFakeOpenAICompatible, type FakeOpenAICompatible } from './openai-compatible';
import type { FakeReply, RecordedRequest } from './server';

export interface FakePlan {
  approach: string;
  subtasks: Array<{ title: string; goal: string; returns: string }>;
}

export interface ThinkingScript {
  /** Number of subtasks the planner returns (named "Part 1"…), or a whole plan, or an HTTP error status. */
  plan: number | FakePlan | { status: number };
  /** How long each worker call takes, in ms, from request to last byte (default 1000). */
  workerMs?: number | ((index: number) => number);
  /** Replaces a worker's reply, e.g. `{ status: 500 }` for one that fails. */
  worker?: (index: number, attempt: number) => FakeReply | undefined;
  plannerMs?: number;
  synthMs?: number;
}

export interface FakeThinkingUpstream extends FakeOpenAICompatible {
  /** Variables that point the planner, worker and synthesizer roles at this fake (titles stay offline). */
  roleEnv: Record<string, string>;
  setThinkingScript(script: ThinkingScript): void;
  /** Chat requests of one role, in order of arrival. */
  requestsOf(role: 'planner' | 'worker' | 'synth'): RecordedRequest[];
  /** The sub-agent index a worker request was for (from its brief). */
  agentIndexOf(request: RecordedRequest): number | undefined;
}

export function makePlan(count: number): FakePlan {
  return {
    approach: `Look at ${count} parts separately, then combine them.`,
    subtasks: Array.from({ length: count }, (_, i) => ({ title: `Part ${i + 1}`, goal: `Work out part ${i + 1} of the request.`, returns: `A paragraph about part ${i + 1}.` })),
  };
}

function lastUserText(request: RecordedRequest): string {
  const messages = ((request.body as { messages?: Array<{ role: string; content: unknown }> })?.messages ?? []).filter((m) => m.role === 'user');
  const content = messages.at(-1)?.content;
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? content.map((p: { text?: string }) => p.text ?? '').join('') : '';
}

const CHUNKS = 5;

/** A reply that streams `text` in CHUNKS pieces over about `ms` milliseconds. */
function timed(text: string, ms: number): FakeReply {
  const step = Math.max(0, Math.round(ms / (CHUNKS + 1)));
  return { text, chunks: CHUNKS, firstTokenDelayMs: step, chunkDelayMs: step };
}

export async function startFakeThinkingUpstream(initial: ThinkingScript): Promise<FakeThinkingUpstream> {
  let script = initial;
  const attempts = new Map<number, number>();
  const agentIndexOf = (request: RecordedRequest) => {
    const match = /sub-agent (\d+) of (\d+)/.exec(lastUserText(request));
    return match ? Number(match[1]) : undefined;
  };
  const fake = await startFakeOpenAICompatible({
    models: ['planner', 'worker', 'synth'],
    script: (request) => {
      if (request.model === 'planner') {
        const plan = script.plan;
        if (typeof plan === 'object' && 'status' in plan) return { status: plan.status };
        return timed(JSON.stringify(typeof plan === 'number' ? makePlan(plan) : plan), script.plannerMs ?? 50);
      }
      if (request.model === 'worker') {
        const index = agentIndexOf(request) ?? 0;
        const attempt = (attempts.get(index) ?? 0) + 1;
        attempts.set(index, attempt);
        const custom = script.worker?.(index, attempt);
        if (custom) return custom;
        const ms = typeof script.workerMs === 'function' ? script.workerMs(index) : (script.workerMs ?? 1000);
        return timed(`Result of sub-agent ${index}: the part is worked out and explained in a few words here.`, ms);
      }
      const cited = [...lastUserText(request).matchAll(/^### \[(\d+)\]/gm)].map((m) => `[${m[1]}]`).join('');
      return timed(`Combined answer drawing on every part ${cited}.`, script.synthMs ?? 50);
    },
  });
  return Object.assign(fake, {
    roleEnv: {
      ...fake.env,
      OPENAI_COMPATIBLE_MODELS: 'planner,worker,synth',
      FLINT_PLANNER_MODEL: 'openai-compatible:planner',
      FLINT_WORKER_MODEL: 'openai-compatible:worker',
      FLINT_SYNTHESIZER_MODEL: 'openai-compatible:synth',
      FLINT_THINKING_MODEL: 'openai-compatible:synth',
      FLINT_INSTANT_MODEL: 'openai-compatible:synth',
      FLINT_TITLE_MODEL: 'offline:demo',
    },
    setThinkingScript(next: ThinkingScript) {
      script = next;
      attempts.clear();
    },
    requestsOf: (role: 'planner' | 'worker' | 'synth') => fake.chatRequests.filter((r) => r.model === role),
    agentIndexOf,
  });
}
