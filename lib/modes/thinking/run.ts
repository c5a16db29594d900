// Thinking mode, the orchestrator: plan → work → synthesize, written as UI message chunks into the
// run (lib/runs), so saving, replay and stop work exactly as for Instant answers. The board lives in
// data parts (board-events.ts); the final answer is the message's text. Budgets are enforced here:
// at most `maxAgents` sub-agents, `agentMaxTokens` per sub-agent (work.ts), and `maxSeconds` of wall
// time, of which the plan and the sub-agents get 75 % and the synthesis the rest.
import 'server-only';
import { env } from '@/lib/env';
import { personalInstructions } from '@/lib/ai/prompts/personal';
import { describeProviderError, FlintError } from '@/lib/errors';
import { hasImages } from '@/lib/files/image-parts';
import type { AnswerRequest } from '@/lib/modes/instant';
import { toModelMessages } from '@/lib/modes/model-messages';
import type { MessageMetadata, MessageStatus, RunBudgets, ThinkingPlanData, ThinkingRunData, Usage } from '@/lib/types';
import { BoardWriter, type BoardWrite } from './board-events';
import { registerAgentControls } from './controls';
import { planRun, wholeRequestPlan } from './plan';
import { answerDirectly, synthesize, type FinalTextResult } from './synthesize';
import { WorkPhase } from './work';

export interface ThinkingRequest extends Omit<AnswerRequest, 'mode'> {
  /** Overrides of the configured budgets (tests and the benchmark). */
  budgets?: Partial<RunBudgets>;
}

/** The share of the wall-time budget that planning and the sub-agents may use. */
const WORK_SHARE = 0.75;

export function configuredBudgets(): RunBudgets {
  const e = env();
  return {
    maxAgents: e.FLINT_THINKING_MAX_AGENTS,
    concurrency: e.FLINT_THINKING_CONCURRENCY,
    agentMaxTokens: e.FLINT_THINKING_AGENT_MAX_TOKENS,
    maxSeconds: e.FLINT_THINKING_MAX_SECONDS,
  };
}

function addUsage(total: Required<Pick<Usage, 'inputTokens' | 'outputTokens'>>, usage: Usage | undefined) {
  total.inputTokens += usage?.inputTokens ?? 0;
  total.outputTokens += usage?.outputTokens ?? 0;
}

function errorText(error: unknown) {
  return error instanceof FlintError ? error.userMessage : describeProviderError(error);
}

/**
 * Streams a Thinking answer through `write`, ending with a `finish` chunk whose metadata carries the
 * final status. Never throws: failures become an error status on the message.
 */
export async function streamThinkingAnswer(request: ThinkingRequest, write: BoardWrite): Promise<MessageStatus> {
  const startedAt = Date.now();
  const budgets: RunBudgets = { ...configuredBudgets(), ...request.budgets };
  const memories = request.personal?.memories ?? [];
  write({
    type: 'start',
    messageId: request.messageId,
    messageMetadata: { status: 'streaming', mode: 'thinking', createdAt: startedAt, ...(memories.length ? { memories } : {}) },
  });
  // Every role knows what the user told Flint about themselves; only the answer can use the memory tools.
  const personal = request.personal ? personalInstructions({ ...request.personal, canRemember: false }) : undefined;
  const answerPersonal = request.personal ? personalInstructions(request.personal) : undefined;

  const board = new BoardWriter(write, request.messageId);
  const run: ThinkingRunData = { phase: 'planning', startedAt, budgets };
  const notes: string[] = [];
  const usage = { inputTokens: 0, outputTokens: 0 };
  board.run(run);

  const workTimeout = new AbortController();
  const runTimeout = new AbortController();
  const timers = [
    setTimeout(() => workTimeout.abort('time'), budgets.maxSeconds * 1000 * WORK_SHARE),
    setTimeout(() => runTimeout.abort('time'), budgets.maxSeconds * 1000),
  ];
  const stopped = () => request.signal.aborted;
  let status: MessageStatus = 'done';
  let error: string | undefined;
  let final: FinalTextResult | undefined;
  let unregister = () => {};

  try {
    // Images go to every role at the default size; each role routes to a model that can see them.
    const needsVision = hasImages(request.history);
    const messages = await toModelMessages(request.history, { userId: request.userId });

    // Plan.
    const planStartedAt = Date.now();
    let plan: ThinkingPlanData | undefined;
    try {
      plan = await planRun({
        messages,
        maxAgents: budgets.maxAgents,
        personal,
        preferredModel: request.preferredModel, needsVision,
        signal: AbortSignal.any([request.signal, workTimeout.signal]),
      });
    } catch (caught) {
      if (!stopped() && !workTimeout.signal.aborted) {
        const reason = errorText(caught);
        console.warn(`[flint] planning ${request.messageId} failed: ${reason}`);
        notes.push(`Planning failed: ${reason} One sub-agent works on the whole request instead.`);
        plan = wholeRequestPlan();
      }
    }
    run.planMs = Date.now() - planStartedAt;
    addUsage(usage, plan?.usage);

    if (!plan) {
      if (stopped()) status = 'stopped';
      else {
        run.limit = 'time';
        status = 'error';
        error = `The ${budgets.maxSeconds} s time limit ran out while planning. Try again, or raise FLINT_THINKING_MAX_SECONDS.`;
      }
    } else {
      if (plan.proposed) notes.push(`The planner proposed ${plan.proposed} subtasks; the limit is ${budgets.maxAgents}, so the first ${budgets.maxAgents} ran.`);
      board.plan(plan);
      const synthesisSignal = AbortSignal.any([request.signal, runTimeout.signal]);

      if (plan.direct) {
        run.phase = 'synthesizing';
        board.run({ ...run, notes: [...notes] });
        const synthesisStartedAt = Date.now();
        final = await answerDirectly({ messages, preferredModel: request.preferredModel, needsVision, personal: answerPersonal, tools: request.tools, toolInstructions: request.toolInstructions, signal: synthesisSignal, write });
        run.synthesisMs = Date.now() - synthesisStartedAt;
      } else {
        // Work.
        run.phase = 'working';
        board.run({ ...run, notes: [...notes] });
        const work = new WorkPhase({
          messages,
          approach: plan.approach,
          subtasks: plan.subtasks,
          concurrency: budgets.concurrency,
          agentMaxTokens: budgets.agentMaxTokens,
          preferredModel: request.preferredModel, needsVision,
          personal,
          signal: request.signal,
          deadline: workTimeout.signal,
          board,
        });
        unregister = registerAgentControls(request.messageId, { cancel: (id) => work.cancel(id), retry: (id) => work.retry(id) });
        const workStartedAt = Date.now();
        const agents = await work.run();
        unregister();
        run.workMs = Date.now() - workStartedAt;
        for (const agent of agents) addUsage(usage, agent.spent);

        if (stopped()) status = 'stopped';
        else {
          if (workTimeout.signal.aborted) {
            run.limit = 'time';
            notes.push(`The sub-agents reached the time limit (${Math.round(budgets.maxSeconds * WORK_SHARE)} s of ${budgets.maxSeconds} s); unfinished ones were ended.`);
          }
          const usable = agents.filter((a) => a.status === 'done' || (a.limit === 'time' && a.text.trim()));
          if (usable.length === 0) {
            const failed = agents.find((a) => a.status === 'failed');
            status = failed ? 'error' : 'stopped';
            error = failed
              ? `None of the sub-agents could finish (${failed.error ?? 'failed'}). Try again, or pick another model.`
              : run.limit === 'time'
                ? 'The time limit ran out before any sub-agent finished.'
                : 'Every sub-agent was cancelled, so there is nothing to combine.';
          } else {
            // Synthesize.
            run.phase = 'synthesizing';
            board.run({ ...run, notes: [...notes] });
            const synthesisStartedAt = Date.now();
            final = await synthesize({
              messages,
              approach: plan.approach,
              agents,
              preferredModel: request.preferredModel, needsVision,
              personal: answerPersonal,
              tools: request.tools, toolInstructions: request.toolInstructions,
              signal: synthesisSignal,
              write,
            });
            run.synthesisMs = Date.now() - synthesisStartedAt;
          }
        }
      }
    }

    if (final) {
      addUsage(usage, final.usage);
      if (final.status === 'stopped' && !stopped() && runTimeout.signal.aborted) {
        run.limit = 'time';
        notes.push(`The answer was cut off at the ${budgets.maxSeconds} s time limit.`);
      } else if (final.status !== 'done') {
        status = final.status;
        error = final.error;
      }
    }
  } catch (caught) {
    status = stopped() ? 'stopped' : 'error';
    if (status === 'error') error = errorText(caught);
  } finally {
    for (const timer of timers) clearTimeout(timer);
    unregister();
    board.close();
  }
  if (stopped() && status !== 'error') status = 'stopped';
  if (status === 'error') console.warn(`[flint] thinking answer ${request.messageId} failed: ${error}`);

  const end = Date.now();
  run.phase = status === 'done' ? 'done' : status === 'stopped' ? 'stopped' : 'failed';
  run.durationMs = end - startedAt;
  run.usage = usage;
  if (notes.length) run.notes = notes;
  board.run(run);

  const metadata: MessageMetadata = {
    status,
    durationMs: end - startedAt,
    usage,
    ...(final?.reasoningMs !== undefined ? { reasoningMs: final.reasoningMs } : {}),
    ...(error ? { error } : {}),
  };
  write({ type: 'finish', messageMetadata: metadata });
  return status;
}
