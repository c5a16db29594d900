// The built-in offline model: a real LanguageModelV4 (not the test mock) that streams a
// deterministic answer at a realistic pace, honours abort, reports usage and, when asked to reason,
// streams a reasoning trace first. Used when no provider is configured, and by tests.
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { describePromptImages } from './offline-images';
import { offlineAnswer, offlineReasoning, offlineTitle, tokenize, words, type OfflineInput } from './offline-answers';
import { memoriesInPrompt, memoryRequest, toolFollowUp, type MemoryRequest } from './offline-memory';
import { offlinePlan, offlineSynthesis, offlineWorkerAnswer, offlineWorkerReasoning, parseBrief } from './offline-thinking';

export interface OfflineModelOptions {
  tokensPerSecond: number;
}

/**
 * Which job the caller wants, passed as providerOptions.offline.task: a chat title, or a role in a
 * Thinking run. A request for JSON output (the planner's structured output) is a plan too.
 */
type OfflineTask = 'answer' | 'title' | 'plan' | 'worker' | 'synthesis';

export function readOfflineInput(prompt: LanguageModelV4Prompt): OfflineInput {
  const conversation = prompt.filter((m) => m.role === 'user' || m.role === 'assistant');
  const lastUserIndex = conversation.findLastIndex((m) => m.role === 'user');
  const last = conversation[lastUserIndex];
  const text: string[] = [];
  const files: OfflineInput['files'] = [];
  if (last && last.role === 'user') {
    for (const part of last.content) {
      // Notes Flint adds around images are not the user's words.
      if (part.type === 'text' && (part.providerOptions?.flint as { imageNote?: unknown } | undefined)?.imageNote) continue;
      if (part.type === 'text') text.push(part.text);
      else if (part.type === 'file') files.push({ mediaType: part.mediaType, filename: part.filename });
    }
  }
  return { text: text.join('\n'), priorMessages: Math.max(0, lastUserIndex), files, memories: memoriesInPrompt(prompt) };
}

/** Text of the user message before the last one (a sub-agent's brief follows the user's request). */
function earlierUserText(prompt: LanguageModelV4Prompt): string {
  const users = prompt.filter((m) => m.role === 'user');
  const message = users.at(-2);
  if (!message || message.role !== 'user') return '';
  return message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

function countTokens(text: string) {
  return tokenize(text).length;
}

function promptTokens(prompt: LanguageModelV4Prompt) {
  let total = 0;
  for (const message of prompt) {
    if (typeof message.content === 'string') total += countTokens(message.content);
    else for (const part of message.content) if (part.type === 'text' || part.type === 'reasoning') total += countTokens(part.text);
  }
  return total;
}

function usage(input: number, text: number, reasoning: number): LanguageModelV4Usage {
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: text + reasoning, text, reasoning },
  };
}

function taskOf(options: LanguageModelV4CallOptions): OfflineTask {
  const task = (options.providerOptions?.offline as { task?: unknown } | undefined)?.task;
  if (task === 'title' || task === 'plan' || task === 'worker' || task === 'synthesis') return task;
  return options.responseFormat?.type === 'json' ? 'plan' : 'answer';
}

/** What a sub-agent or the synthesis measured in the request's images, as a closing section. */
function imageSection(facts: string[]): string {
  if (!facts.length) return '';
  return ['', '', '### What the images contain', 'Measured from their pixels (I cannot recognise objects or read text):', '', ...facts.map((fact) => `- ${fact}`)].join('\n');
}

function wantsReasoning(options: LanguageModelV4CallOptions) {
  return options.reasoning !== undefined && options.reasoning !== 'none' && options.reasoning !== 'provider-default';
}

interface Composed {
  reasoning: string;
  text: string;
  /** True when maxOutputTokens cut the output short. */
  truncated?: boolean;
  toolCall?: MemoryRequest;
}

/** Like a real model, stops writing after maxOutputTokens tokens (reasoning counts). */
function limit(reasoning: string, text: string, maxTokens: number | undefined): Composed {
  if (maxTokens === undefined) return { reasoning, text, truncated: false };
  const r = tokenize(reasoning);
  const t = tokenize(text);
  if (r.length + t.length <= maxTokens) return { reasoning, text, truncated: false };
  const keptReasoning = r.slice(0, maxTokens);
  const keptText = t.slice(0, Math.max(0, maxTokens - keptReasoning.length));
  return { reasoning: keptReasoning.join(''), text: keptText.join(''), truncated: true };
}

async function compose(options: LanguageModelV4CallOptions): Promise<Composed> {
  const input = readOfflineInput(options.prompt);
  const reason = wantsReasoning(options);
  switch (taskOf(options)) {
    case 'title':
      return { reasoning: '', text: offlineTitle(input.text) };
    case 'plan':
      return { reasoning: '', text: JSON.stringify(offlinePlan(input.text)) };
    case 'worker': {
      const brief = parseBrief(input.text);
      const request = earlierUserText(options.prompt);
      const answer = offlineWorkerAnswer(brief, request) + imageSection(await describePromptImages(options.prompt));
      return limit(reason ? offlineWorkerReasoning(brief, request) : '', answer, options.maxOutputTokens);
    }
    case 'synthesis':
      return limit('', offlineSynthesis(input.text) + imageSection(await describePromptImages(options.prompt)), options.maxOutputTokens);
  }
  const followUp = toolFollowUp(options.prompt);
  if (followUp) return { reasoning: '', text: followUp };
  const tools = (options.tools ?? []).map((tool) => tool.name);
  const request = memoryRequest(input.text, tools);
  if (request) return { reasoning: '', text: '', toolCall: request };
  const withImages = { ...input, imageFacts: await describePromptImages(options.prompt) };
  return limit(reason ? offlineReasoning(withImages) : '', offlineAnswer(withImages), options.maxOutputTokens);
}

let toolCalls = 0;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

export class OfflineModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4' as const;
  readonly provider = 'offline';
  readonly modelId = 'demo';
  readonly supportedUrls = {};

  constructor(private readonly options: OfflineModelOptions) {}

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const { reasoning, text, truncated, toolCall } = await compose(options);
    if (toolCall) {
      return {
        content: [{ type: 'tool-call', toolCallId: `offline-call-${++toolCalls}`, toolName: toolCall.tool, input: JSON.stringify(toolCall.input) }],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage: usage(promptTokens(options.prompt), 0, 0),
        warnings: [],
      } as LanguageModelV4GenerateResult;
    }
    if (taskOf(options) === 'plan') {
      // A plan takes a moment to write (at most a second), so the board's planning step can be seen.
      await sleep(Math.min((words(text).length / this.options.tokensPerSecond) * 1000, 1000), options.abortSignal);
      if (options.abortSignal?.aborted) throw options.abortSignal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
    }
    const content: LanguageModelV4Content[] = [];
    if (reasoning) content.push({ type: 'reasoning', text: reasoning });
    content.push({ type: 'text', text });
    return {
      content,
      finishReason: truncated ? { unified: 'length', raw: 'length' } : { unified: 'stop', raw: 'stop' },
      usage: usage(promptTokens(options.prompt), countTokens(text), countTokens(reasoning)),
      warnings: [],
    } as LanguageModelV4GenerateResult;
  }

  async doStream(options: LanguageModelV4CallOptions) {
    const { reasoning, text, truncated, toolCall } = await compose(options);
    const signal = options.abortSignal;
    const tps = this.options.tokensPerSecond;
    // Emit in ticks of at least 16 ms so very fast test settings do not flood the event loop.
    const tickMs = Math.max(1000 / tps, 16);
    const perTick = Math.max(1, Math.round((tps * tickMs) / 1000));
    const inputTokens = promptTokens(options.prompt);

    const stream = new ReadableStream<LanguageModelV4StreamPart>({
      async start(controller) {
        let emittedText = 0;
        let emittedReasoning = 0;
        const emit = async (kind: 'text' | 'reasoning', id: string, body: string) => {
          const tokens = tokenize(body);
          controller.enqueue({ type: `${kind}-start`, id } as LanguageModelV4StreamPart);
          for (let i = 0; i < tokens.length; i += perTick) {
            if (signal?.aborted) return false;
            await sleep(tickMs, signal);
            if (signal?.aborted) return false;
            const slice = tokens.slice(i, i + perTick);
            controller.enqueue({ type: `${kind}-delta`, id, delta: slice.join('') } as LanguageModelV4StreamPart);
            if (kind === 'text') emittedText += slice.length;
            else emittedReasoning += slice.length;
          }
          controller.enqueue({ type: `${kind}-end`, id } as LanguageModelV4StreamPart);
          return true;
        };

        controller.enqueue({ type: 'stream-start', warnings: [] });
        controller.enqueue({ type: 'response-metadata', modelId: 'demo', timestamp: new Date() });
        if (toolCall) {
          await sleep(tickMs, signal);
          controller.enqueue({ type: 'tool-call', toolCallId: `offline-call-${++toolCalls}`, toolName: toolCall.tool, input: JSON.stringify(toolCall.input) });
          controller.enqueue({ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage: usage(inputTokens, 0, 0) });
          controller.close();
          return;
        }
        const finished = (!reasoning || (await emit('reasoning', 'reasoning-0', reasoning))) && (await emit('text', 'text-0', text));
        if (!finished) {
          // Like a real HTTP provider whose request was aborted: the stream fails with an AbortError.
          controller.error(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
          return;
        }
        controller.enqueue({
          type: 'finish',
          finishReason: truncated ? { unified: 'length', raw: 'length' } : { unified: 'stop', raw: 'stop' },
          usage: usage(inputTokens, emittedText, emittedReasoning),
        });
        controller.close();
      },
    });
    return { stream };
  }
}
