// Instant mode: one streamed answer from the instant role. With mode 'thinking' it answers from the
// thinking role with provider reasoning on; Thinking chats themselves go through
// lib/modes/thinking/run.ts (plan, sub-agents, synthesis). With tools (artifacts, memory) the
// answer may take a few steps: text, a tool call, its result, more text.
import 'server-only';
import { isStepCount, streamText, toUIMessageChunk, type ToolSet, type UIMessageChunk } from 'ai';
import { noToolsInstructions } from '@/lib/ai/prompts/artifacts';
import { modelForRole, reasoningOptionsFor } from '@/lib/ai/routing';
import { instantInstructions } from '@/lib/ai/prompts/instant';
import { personalInstructions, type PersonalContext } from '@/lib/ai/prompts/personal';
import { describeProviderError, FlintError } from '@/lib/errors';
import { hasImages } from '@/lib/files/image-parts';
import type { ChatMode, FlintDataTypes, FlintUIMessage, MessageMetadata, MessageStatus } from '@/lib/types';
import { toModelMessages } from './model-messages';

// Kept here too for callers that imported it from Instant mode.
export { historyForModel } from './model-messages';

export interface AnswerRequest {
  /** Id of the assistant message being written. */
  messageId: string;
  /** The conversation so far, ending with the user's message. */
  history: FlintUIMessage[];
  mode: ChatMode;
  /** A model the user picked; otherwise the role's configured model. */
  preferredModel?: string;
  signal: AbortSignal;
  /** The chat's owner: only their images are loaded into the request. */
  userId?: string;
  /** Custom instructions and the memories chosen for this turn. */
  personal?: PersonalContext;
  /** Tools the model may call (lib/ai/tools: artifacts, memory), built per request, with the instructions that explain them. */
  tools?: ToolSet;
  toolInstructions?: string;
}

/** Steps an answer with tools may take: a tool call or two and the sentence after them. */
export const MAX_STEPS = 4;

export type ChunkWriter = (chunk: UIMessageChunk<MessageMetadata, FlintDataTypes>) => void;

/**
 * Whether a provider refused the request because the model cannot call tools (Ollama: "does not
 * support tools"; llama.cpp: "tools param requires --jinja"; vLLM: "auto tool choice requires…").
 */
export function isToolsUnsupportedError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const e = current as { statusCode?: number; message?: string; responseBody?: string };
    const text = `${e.message ?? ''} ${e.responseBody ?? ''}`;
    if (e.statusCode && e.statusCode >= 400 && /\btools?\b|tool[_ ]choice|function[_ ]call/i.test(text)) return true;
  }
  return false;
}

function errorText(error: unknown) {
  return error instanceof FlintError ? error.userMessage : describeProviderError(error);
}

/**
 * Streams one answer as UI message chunks through `write`, ending with a `finish` chunk whose
 * metadata carries the final status. Never throws: failures become an error status on the message.
 */
export async function streamInstantAnswer(request: AnswerRequest, write: ChunkWriter): Promise<MessageStatus> {
  const startedAt = Date.now();
  const thinking = request.mode === 'thinking';
  const memories = request.personal?.memories ?? [];
  write({
    type: 'start',
    messageId: request.messageId,
    messageMetadata: { status: 'streaming', mode: request.mode, createdAt: startedAt, ...(memories.length ? { memories } : {}) },
  });

  let status: MessageStatus = 'done';
  let error: string | undefined;
  let firstTokenAt: number | undefined;
  let reasoningStartedAt: number | undefined;
  let reasoningEndedAt: number | undefined;
  let usage: MessageMetadata['usage'];

  try {
    const { model, options, imageEdge, visionRoute } = await modelForRole(thinking ? 'thinking' : 'instant', {
      preferred: request.preferredModel,
      needsVision: hasImages(request.history),
      onSelected: (option, skipped) =>
        write({
          type: 'message-metadata',
          messageMetadata: { model: option.id, modelLabel: option.label, ...(skipped.length ? { fallbacks: skipped } : {}) },
        }),
    });
    if (visionRoute) {
      // The picked (or configured) model cannot see images: say who answers instead, and why.
      write({
        type: 'message-metadata',
        messageMetadata: { visionRoute: { from: visionRoute.from.id, fromLabel: visionRoute.from.label, to: visionRoute.to.id, toLabel: visionRoute.to.label } },
      });
    }
    const canReason = thinking && [...options.values()].some((o) => o.capabilities.reasoning);
    const messages = await toModelMessages(request.history, { imageEdge, userId: request.userId });
    const tools = request.tools && Object.keys(request.tools).length ? request.tools : undefined;
    const personal = request.personal ? personalInstructions(request.personal) : '';

    // With tools first; a model that turns tools down before saying anything is asked again
    // without them, and its answer stays plain text.
    for (const withTools of tools ? [true, false] : [false]) {
      const instructions = [instantInstructions({ now: new Date() }), personal, withTools ? request.toolInstructions : tools ? noToolsInstructions : undefined]
        .filter(Boolean)
        .join('\n\n');
      const result = streamText({
        model,
        instructions,
        messages,
        abortSignal: request.signal,
        maxRetries: 0,
        ...(withTools ? { tools, stopWhen: isStepCount(MAX_STEPS) } : {}),
        ...(canReason
          ? { reasoning: 'medium' as const, providerOptions: reasoningOptionsFor([...options.values()].map((o) => o.provider)) as never }
          : {}),
        onError: () => {},
      });

      let wrote = false;
      let retry = false;
      for await (const part of result.stream) {
        const now = Date.now();
        if (part.type === 'reasoning-delta' || part.type === 'text-delta' || part.type === 'tool-input-start') firstTokenAt ??= now;
        if (part.type === 'reasoning-delta') reasoningStartedAt ??= now;
        if ((part.type === 'text-delta' || part.type === 'tool-input-start') && reasoningStartedAt !== undefined) reasoningEndedAt ??= now;
        if (part.type === 'error') {
          if (withTools && !wrote && !request.signal.aborted && isToolsUnsupportedError(part.error)) {
            console.warn(`[flint] the model refused tools; answering ${request.messageId} without artifacts`);
            retry = true;
            break;
          }
          status = 'error';
          error = errorText(part.error);
          continue;
        }
        if (part.type === 'abort') {
          status = 'stopped';
          continue;
        }
        if (part.type === 'finish') {
          usage = {
            inputTokens: part.totalUsage.inputTokens,
            outputTokens: part.totalUsage.outputTokens,
            reasoningTokens: part.totalUsage.outputTokenDetails.reasoningTokens,
          };
          continue;
        }
        const chunk = toUIMessageChunk(part, { tools, sendReasoning: true, sendSources: true, sendStart: false, sendFinish: false });
        if (chunk) {
          if (chunk.type !== 'start-step' && chunk.type !== 'finish-step') wrote = true;
          write(chunk as UIMessageChunk<MessageMetadata, FlintDataTypes>);
        }
      }
      if (!retry) break;
    }
  } catch (caught) {
    if (request.signal.aborted) status = 'stopped';
    else {
      status = 'error';
      error = errorText(caught);
    }
  }
  if (request.signal.aborted && status !== 'error') status = 'stopped';
  if (status === 'error') console.warn(`[flint] answer ${request.messageId} failed: ${error}`);

  const end = Date.now();
  write({
    type: 'finish',
    messageMetadata: {
      status,
      durationMs: end - startedAt,
      ...(firstTokenAt !== undefined ? { firstTokenMs: firstTokenAt - startedAt } : {}),
      ...(reasoningStartedAt !== undefined ? { reasoningMs: (reasoningEndedAt ?? end) - reasoningStartedAt } : {}),
      ...(usage ? { usage } : {}),
      ...(error ? { error } : {}),
    },
  });
  return status;
}
