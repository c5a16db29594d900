// Synthesize: the synthesizer role streams the final answer from the sub-agents' results, as normal
// text parts of the message (so Markdown, copy and regenerate work as in Instant mode), citing each
// part's agent as [n]. The same streaming serves the direct answer when no fan-out is needed.
import 'server-only';
import { isStepCount, streamText, toUIMessageChunk, type ModelMessage, type ToolSet } from 'ai';
import { instantInstructions } from '@/lib/ai/prompts/instant';
import { synthesisBrief, synthesizerInstructions } from '@/lib/ai/prompts/synthesizer';
import { modelForRole, reasoningOptionsFor } from '@/lib/ai/routing';
import { describeProviderError, FlintError } from '@/lib/errors';
import type { Usage } from '@/lib/types';
import type { BoardWrite } from './board-events';
import type { Agent } from './work';

export interface FinalTextResult {
  status: 'done' | 'stopped' | 'error';
  error?: string;
  usage?: Usage;
  reasoningMs?: number;
}

interface FinalTextRequest {
  instructions: string;
  /** Tools for the answer (remember, forget…): the part of the run that talks to the user has them. */
  tools?: ToolSet;
  messages: ModelMessage[];
  /** Reasoning effort when the model can reason; off otherwise. */
  reasoning?: 'low' | 'medium';
  task: 'synthesis' | 'answer';
  preferredModel?: string;
  /** The history holds images: route to a model that can see them. */
  needsVision?: boolean;
  signal: AbortSignal;
  write: BoardWrite;
  /** Part ids are prefixed so text from several streams in one message never interleaves. */
  partPrefix: string;
}

/** Streams one answer from the synthesizer role into the message. Never throws. */
async function streamFinalText(request: FinalTextRequest): Promise<FinalTextResult> {
  const { write, signal } = request;
  let status: FinalTextResult['status'] = 'done';
  let error: string | undefined;
  let usage: Usage | undefined;
  let reasoningStartedAt: number | undefined;
  let reasoningEndedAt: number | undefined;
  const open = new Set<string>();
  const id = (raw: string) => `${request.partPrefix}-${raw}`;
  try {
    const { model, options, visionRoute } = await modelForRole('synthesizer', {
      preferred: request.preferredModel,
      needsVision: request.needsVision,
      onSelected: (option, skipped) =>
        write({ type: 'message-metadata', messageMetadata: { model: option.id, modelLabel: option.label, ...(skipped.length ? { fallbacks: skipped } : {}) } }),
    });
    if (visionRoute) {
      // The picked (or configured) model cannot see images: say who answers instead, and why.
      write({
        type: 'message-metadata',
        messageMetadata: { visionRoute: { from: visionRoute.from.id, fromLabel: visionRoute.from.label, to: visionRoute.to.id, toLabel: visionRoute.to.label } },
      });
    }
    const canReason = request.reasoning !== undefined && [...options.values()].some((o) => o.capabilities.reasoning);
    const tools = request.tools && Object.keys(request.tools).length ? request.tools : undefined;
    const result = streamText({
      model,
      instructions: request.instructions,
      ...(tools ? { tools, stopWhen: isStepCount(4) } : {}),
      messages: request.messages,
      abortSignal: signal,
      maxRetries: 0,
      ...(canReason ? { reasoning: request.reasoning } : {}),
      providerOptions: { ...(canReason ? reasoningOptionsFor([...options.values()].map((o) => o.provider)) : {}), offline: { task: request.task } } as never,
      onError: () => {},
    });
    for await (const part of result.stream) {
      const now = Date.now();
      switch (part.type) {
        case 'text-start':
        case 'reasoning-start':
          open.add(`${part.type.split('-')[0]}:${part.id}`);
          write({ type: part.type, id: id(part.id) });
          break;
        case 'text-end':
        case 'reasoning-end':
          open.delete(`${part.type.split('-')[0]}:${part.id}`);
          write({ type: part.type, id: id(part.id) });
          break;
        case 'text-delta':
          if (reasoningStartedAt !== undefined) reasoningEndedAt ??= now;
          write({ type: 'text-delta', id: id(part.id), delta: part.text });
          break;
        case 'reasoning-delta':
          reasoningStartedAt ??= now;
          write({ type: 'reasoning-delta', id: id(part.id), delta: part.text });
          break;
        case 'error':
          status = 'error';
          error = errorText(part.error);
          break;
        case 'abort':
          status = 'stopped';
          break;
        case 'finish':
          usage = {
            inputTokens: part.totalUsage.inputTokens,
            outputTokens: part.totalUsage.outputTokens,
            reasoningTokens: part.totalUsage.outputTokenDetails.reasoningTokens,
          };
          break;
        default: {
          // Tool calls and results, steps, sources: as in an Instant answer.
          const chunk = toUIMessageChunk(part, { tools, sendReasoning: true, sendSources: true, sendStart: false, sendFinish: false });
          if (chunk) write(chunk as never);
        }
      }
    }
  } catch (caught) {
    if (signal.aborted) status = 'stopped';
    else {
      status = 'error';
      error = errorText(caught);
    }
  }
  if (signal.aborted && status !== 'error') status = 'stopped';
  // Parts cut off by a stop or an error are closed, so the saved message has no streaming parts.
  for (const key of open) {
    const [kind, raw] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    write({ type: kind === 'text' ? 'text-end' : 'reasoning-end', id: id(raw) });
  }
  const end = Date.now();
  return {
    status,
    ...(error ? { error } : {}),
    ...(usage ? { usage } : {}),
    ...(reasoningStartedAt !== undefined ? { reasoningMs: (reasoningEndedAt ?? end) - reasoningStartedAt } : {}),
  };
}

export interface SynthesisRequest {
  messages: ModelMessage[];
  approach: string;
  agents: Agent[];
  preferredModel?: string;
  /** The history holds images: route to a model that can see them. */
  needsVision?: boolean;
  /** Custom instructions and memories, with the memory tools' rules when `tools` are given. */
  personal?: string;
  tools?: ToolSet;
  /** What the tools are for and how to use them (artifacts), sent with the tools. */
  toolInstructions?: string;
  signal: AbortSignal;
  write: BoardWrite;
}

export function synthesize(request: SynthesisRequest): Promise<FinalTextResult> {
  const brief = synthesisBrief({
    approach: request.approach,
    agents: request.agents.map((a) => ({
      index: a.index,
      title: a.subtask.title,
      goal: a.subtask.goal,
      status: a.status,
      text: a.text,
      error: a.error,
      limit: a.limit,
    })),
  });
  return streamFinalText({
    instructions: [synthesizerInstructions({ now: new Date() }), request.personal, request.tools ? request.toolInstructions : undefined].filter(Boolean).join('\n\n'),
    tools: request.tools,
    messages: [...request.messages, { role: 'user', content: brief }],
    task: 'synthesis',
    preferredModel: request.preferredModel,
    needsVision: request.needsVision,
    signal: request.signal,
    write: request.write,
    partPrefix: 'synthesis',
  });
}

/** No fan-out needed: one focused answer, with the model's reasoning on where it has any. */
export function answerDirectly(request: Omit<SynthesisRequest, 'approach' | 'agents'>): Promise<FinalTextResult> {
  return streamFinalText({
    instructions: [instantInstructions({ now: new Date() }), request.personal, request.tools ? request.toolInstructions : undefined].filter(Boolean).join('\n\n'),
    tools: request.tools,
    messages: request.messages,
    reasoning: 'medium',
    task: 'answer',
    preferredModel: request.preferredModel,
    needsVision: request.needsVision,
    signal: request.signal,
    write: request.write,
    partPrefix: 'answer',
  });
}

function errorText(error: unknown) {
  return error instanceof FlintError ? error.userMessage : describeProviderError(error);
}
