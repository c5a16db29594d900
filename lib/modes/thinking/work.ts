// Work: sub-agents run their subtasks concurrently, at most `concurrency` at a time, each streaming
// its own text (and reasoning, where the model gives it) with the worker role. Each agent has its
// own AbortController, so one can be cancelled or retried without touching the others; the run's
// signal and the work phase's deadline reach every one of them. A failing agent only fails itself.
import 'server-only';
import { streamText, type ModelMessage } from 'ai';
import { workerBrief, workerInstructions } from '@/lib/ai/prompts/worker';
import { modelForRole, reasoningOptionsFor } from '@/lib/ai/routing';
import { describeProviderError, FlintError } from '@/lib/errors';
import { estimateTokens, type AgentData, type AgentStatus, type BudgetLimit, type PlannedSubtask, type Usage } from '@/lib/types';
import type { AgentSource, BoardWriter } from './board-events';

/** Why an attempt was aborted from inside the run (the run's stop and the deadline have their own signals). */
type AbortCause = 'cancel' | 'retry' | 'tokens';

export interface WorkOptions {
  messages: ModelMessage[];
  approach: string;
  subtasks: PlannedSubtask[];
  concurrency: number;
  agentMaxTokens: number;
  preferredModel?: string;
  /** The history holds images: route to a model that can see them. */
  needsVision?: boolean;
  /** What the user told Flint about themselves (custom instructions, memories), if anything. */
  personal?: string;
  /** The whole run (stop). */
  signal: AbortSignal;
  /** The work phase's share of the run's wall time. */
  deadline: AbortSignal;
  board: BoardWriter;
}

export class Agent implements AgentSource {
  readonly id: string;
  status: AgentStatus = 'queued';
  attempt = 1;
  text = '';
  reasoning = '';
  error?: string;
  limit?: BudgetLimit;
  model?: string;
  modelLabel?: string;
  /** Usage of the current attempt. */
  usage?: Usage;
  /** Usage of every attempt, for the run's total. */
  readonly spent: Required<Pick<Usage, 'inputTokens' | 'outputTokens'>> = { inputTokens: 0, outputTokens: 0 };
  startedAt?: number;
  endedAt?: number;
  controller?: AbortController;

  constructor(
    readonly subtask: PlannedSubtask,
    readonly index: number,
  ) {
    this.id = subtask.id;
  }

  snapshot(): AgentData {
    const end = this.endedAt ?? Date.now();
    return {
      ...this.subtask,
      index: this.index,
      status: this.status,
      attempt: this.attempt,
      text: this.text,
      ...(this.reasoning ? { reasoning: this.reasoning } : {}),
      elapsedMs: this.startedAt === undefined ? 0 : end - this.startedAt,
      ...(this.usage ? { usage: this.usage } : {}),
      ...(this.error ? { error: this.error } : {}),
      ...(this.limit ? { limit: this.limit } : {}),
      ...(this.model ? { model: this.model, modelLabel: this.modelLabel } : {}),
    };
  }

  reset() {
    this.status = 'queued';
    this.attempt += 1;
    this.text = '';
    this.reasoning = '';
    this.error = undefined;
    this.limit = undefined;
    this.usage = undefined;
    this.startedAt = undefined;
    this.endedAt = undefined;
    this.controller = undefined;
  }
}

export class WorkPhase {
  readonly agents: Agent[];
  private readonly queue: Agent[] = [];
  private running = 0;
  private open = true;
  private finished!: () => void;
  private readonly done = new Promise<void>((resolve) => (this.finished = resolve));
  /** Agents whose running attempt was aborted to be retried. */
  private readonly retrying = new Set<Agent>();

  constructor(private readonly options: WorkOptions) {
    this.agents = options.subtasks.map((subtask, i) => new Agent(subtask, i + 1));
  }

  /** Runs every agent to a final state; resolves when none is running or queued. */
  async run(): Promise<Agent[]> {
    const { signal, deadline, board } = this.options;
    for (const agent of this.agents) board.agent(agent);
    const endAll = () => this.endQueued(signal.aborted ? undefined : 'time');
    signal.addEventListener('abort', endAll, { once: true });
    deadline.addEventListener('abort', endAll, { once: true });
    if (signal.aborted || deadline.aborted) endAll();
    this.queue.push(...this.agents.filter((a) => a.status === 'queued'));
    this.schedule();
    this.settle();
    await this.done;
    signal.removeEventListener('abort', endAll);
    deadline.removeEventListener('abort', endAll);
    return this.agents;
  }

  /** Cancels one agent: a running one is aborted, a queued one never starts. */
  cancel(agentId: string): boolean {
    const agent = this.agents.find((a) => a.id === agentId);
    if (!this.open || !agent) return false;
    if (agent.status === 'running') {
      agent.controller?.abort('cancel' satisfies AbortCause);
      return true;
    }
    if (agent.status === 'queued') {
      const position = this.queue.indexOf(agent);
      if (position >= 0) this.queue.splice(position, 1);
      this.finish(agent, 'cancelled');
      this.settle();
      return true;
    }
    return false;
  }

  /** Starts an agent over: a running one is aborted first; a failed or cancelled one is queued again. */
  retry(agentId: string): boolean {
    const agent = this.agents.find((a) => a.id === agentId);
    if (!this.open || !agent || this.options.signal.aborted || this.options.deadline.aborted) return false;
    if (agent.status === 'running') {
      this.retrying.add(agent);
      agent.controller?.abort('retry' satisfies AbortCause);
      return true;
    }
    if (agent.status === 'failed' || agent.status === 'cancelled') {
      this.requeue(agent);
      return true;
    }
    return false;
  }

  private requeue(agent: Agent) {
    agent.reset();
    this.options.board.agent(agent);
    this.queue.push(agent);
    this.schedule();
  }

  private endQueued(limit: BudgetLimit | undefined) {
    for (const agent of this.queue.splice(0)) {
      agent.limit = limit;
      this.finish(agent, 'cancelled');
    }
    this.settle();
  }

  private schedule() {
    while (this.open && this.running < this.options.concurrency && this.queue.length > 0) {
      const agent = this.queue.shift()!;
      this.running += 1;
      void this.execute(agent).finally(() => {
        this.running -= 1;
        if (this.retrying.delete(agent) && !this.options.signal.aborted && !this.options.deadline.aborted) this.requeue(agent);
        this.schedule();
        this.settle();
      });
    }
  }

  private settle() {
    if (this.open && this.running === 0 && this.queue.length === 0) {
      this.open = false;
      this.finished();
    }
  }

  private finish(agent: Agent, status: AgentStatus, error?: string) {
    agent.status = status;
    agent.error = error;
    agent.endedAt = Date.now();
    if (agent.startedAt === undefined) agent.startedAt = agent.endedAt;
    this.options.board.agent(agent);
  }

  private async execute(agent: Agent) {
    const { board, signal, deadline, agentMaxTokens } = this.options;
    const controller = new AbortController();
    agent.controller = controller;
    agent.status = 'running';
    agent.startedAt = Date.now();
    board.agent(agent);
    const attempt = agent.attempt;
    const abortSignal = AbortSignal.any([signal, deadline, controller.signal]);

    let error: string | undefined;
    let truncated = false;
    try {
      const { model, options } = await modelForRole('worker', {
        preferred: this.options.preferredModel,
        needsVision: this.options.needsVision,
        onSelected: (option) => {
          agent.model = option.id;
          agent.modelLabel = option.label;
        },
      });
      const canReason = [...options.values()].some((o) => o.capabilities.reasoning);
      const result = streamText({
        model,
        instructions: [workerInstructions({ now: new Date() }), this.options.personal].filter(Boolean).join('\n\n'),
        messages: [
          ...this.options.messages,
          { role: 'user', content: workerBrief({ index: agent.index, total: this.agents.length, approach: this.options.approach, subtask: agent.subtask }) },
        ],
        abortSignal,
        maxRetries: 0,
        maxOutputTokens: agentMaxTokens,
        ...(canReason ? { reasoning: 'low' as const } : {}),
        providerOptions: { ...(canReason ? reasoningOptionsFor([...options.values()].map((o) => o.provider)) : {}), offline: { task: 'worker' } } as never,
        onError: () => {},
      });
      for await (const part of result.stream) {
        if (part.type === 'text-delta' || part.type === 'reasoning-delta') {
          if (part.type === 'text-delta') agent.text += part.text;
          else agent.reasoning += part.text;
          board.delta(agent, attempt, part.type === 'text-delta' ? { text: part.text } : { reasoning: part.text });
          // Some servers ignore max_tokens: the budget is also enforced here.
          if (estimateTokens(agent.text.length + agent.reasoning.length) > agentMaxTokens && !controller.signal.aborted) {
            controller.abort('tokens' satisfies AbortCause);
          }
        } else if (part.type === 'error') {
          error = errorText(part.error);
        } else if (part.type === 'finish') {
          truncated = part.finishReason === 'length';
          agent.usage = { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens, reasoningTokens: part.totalUsage.outputTokenDetails.reasoningTokens };
        }
      }
    } catch (caught) {
      if (!abortSignal.aborted) error = errorText(caught);
    }

    if (agent.usage) {
      agent.spent.inputTokens += agent.usage.inputTokens ?? 0;
      agent.spent.outputTokens += agent.usage.outputTokens ?? 0;
    } else {
      agent.spent.outputTokens += estimateTokens(agent.text.length + agent.reasoning.length);
    }
    const cause = controller.signal.aborted ? (controller.signal.reason as AbortCause) : undefined;
    if (signal.aborted) return this.finish(agent, 'cancelled');
    if (deadline.aborted) {
      agent.limit = 'time';
      return this.finish(agent, 'cancelled');
    }
    if (cause === 'tokens' || (truncated && !error)) {
      agent.limit = 'tokens';
      return this.finish(agent, 'done');
    }
    if (cause === 'retry') {
      agent.status = 'cancelled';
      return;
    }
    if (cause === 'cancel') return this.finish(agent, 'cancelled');
    if (error) {
      console.warn(`[flint] sub-agent ${agent.id} failed: ${error}`);
      return this.finish(agent, 'failed', error);
    }
    if (!agent.text.trim()) return this.finish(agent, 'failed', 'The model returned no text.');
    return this.finish(agent, 'done');
  }
}

function errorText(error: unknown) {
  return error instanceof FlintError ? error.userMessage : describeProviderError(error);
}
