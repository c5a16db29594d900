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
import {
  asksForChange,
  changeFor,
  dashboardArtifact,
  demoKindOf,
  findDataset,
  gameArtifact,
  knownArtifacts,
  readDashboard,
  requestedArtifact,
} from './offline-artifacts';
import { OFFLINE_INTRO, offlineAnswer, offlineReasoning, offlineTitle, tokenize, words, type OfflineInput } from './offline-answers';
import { describePromptImages } from './offline-images';
import { memoriesInPrompt, memoryRequest, toolFollowUp } from './offline-memory';
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

interface Composition {
  reasoning: string;
  text: string;
  /**
   * A tool call made after the text, through the same tools real models get: artifacts stream their
   * input (the live preview); memory calls arrive whole.
   */
  toolCall?: { toolName: string; input: Record<string, unknown>; streamInput: boolean };
  /** True when maxOutputTokens cut the output short. */
  truncated?: boolean;
}

/** Like a real model, stops writing after maxOutputTokens tokens (reasoning counts). */
function limit(reasoning: string, text: string, maxTokens: number | undefined): Composition {
  if (maxTokens === undefined) return { reasoning, text, truncated: false };
  const r = tokenize(reasoning);
  const t = tokenize(text);
  if (r.length + t.length <= maxTokens) return { reasoning, text, truncated: false };
  const keptReasoning = r.slice(0, maxTokens);
  const keptText = t.slice(0, Math.max(0, maxTokens - keptReasoning.length));
  return { reasoning: keptReasoning.join(''), text: keptText.join(''), truncated: true };
}

function textOfContent(content: LanguageModelV4Prompt[number]['content']): string {
  if (typeof content === 'string') return content;
  return content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

/** Every user message's text, newest first (data for a dashboard may have come earlier). */
function userTexts(prompt: LanguageModelV4Prompt) {
  return prompt.filter((m) => m.role === 'user').map((m) => textOfContent(m.content)).reverse();
}

function systemText(prompt: LanguageModelV4Prompt) {
  return prompt.filter((m) => m.role === 'system').map((m) => textOfContent(m.content)).join('\n');
}

/** When the user asks for a game or a dashboard (or to change one) and the artifact tools are there, a tool call. */
function artifactCall(options: LanguageModelV4CallOptions, input: OfflineInput): Composition['toolCall'] {
  const tools = new Set((options.tools ?? []).flatMap((t) => (t.type === 'function' ? [t.name] : [])));
  if (!tools.has('create_artifact')) return undefined;
  const known = knownArtifacts(systemText(options.prompt));
  const wanted = requestedArtifact(input.text);
  if (tools.has('update_artifact') && asksForChange(input.text)) {
    const candidates = wanted ? known.filter((k) => demoKindOf(k.content) === wanted) : known;
    const found = candidates.length ? changeFor(candidates, input.text) : undefined;
    if (found) return { toolName: 'update_artifact', input: { id: found.artifact.id, content: found.change.content }, streamInput: true };
  }
  if (wanted === 'game') return { toolName: 'create_artifact', input: { ...gameArtifact() }, streamInput: true };
  if (wanted === 'dashboard') return { toolName: 'create_artifact', input: { ...dashboardArtifact(findDataset(userTexts(options.prompt))) }, streamInput: true };
  return undefined;
}

/** The sentences after an artifact tool call: what was built and how to use it, honestly. */
function afterArtifact(prompt: LanguageModelV4Prompt): string {
  const results = prompt.at(-1)?.role === 'tool' ? (prompt.at(-1)!.content as Array<{ type: string; toolCallId?: string; output?: { type: string; value?: unknown } }>) : [];
  const calls = prompt.flatMap((m) =>
    m.role === 'assistant' ? m.content.flatMap((part) => (part.type === 'tool-call' ? [part] : [])) : [],
  );
  const lines: string[] = [];
  for (const result of results) {
    if (result.type !== 'tool-result') continue;
    const call = calls.find((c) => c.toolCallId === result.toolCallId);
    const input = (call?.input ?? {}) as { content?: string; title?: string };
    const note = typeof result.output?.value === 'string' ? result.output.value : '';
    if (result.output?.type === 'error-text' || result.output?.type === 'error-json' || !call) {
      lines.push(`The artifact could not be saved: ${note || 'the tool failed'}.`);
      continue;
    }
    const version = /version (\d+)/.exec(note)?.[1] ?? '1';
    const kind = demoKindOf(input.content ?? '');
    if (call.toolName === 'update_artifact') {
      const latestUser = userTexts(prompt)[0] ?? '';
      const change = changeFor(knownArtifacts(systemText(prompt)), latestUser);
      lines.push(
        `Done: **version ${version}** is in the panel${change ? ` (${change.change.changes.join(', ')})` : ''}. Earlier versions are still there; switch between them with the version menu.`,
      );
    } else if (kind === 'game') {
      lines.push(
        "Here's a small **paddle game**, running in the panel. Press Space (or tap) to start, then move the paddle with ← → or by dragging; every hit speeds the ball up a little.",
        '',
        'I am the offline demo model, so this is a built-in template rather than something designed for you. Ask for a change such as *make the paddle faster* or *make the ball bigger* to get a new version.',
      );
    } else if (kind === 'dashboard') {
      const dashboard = readDashboard(input.content ?? '');
      lines.push(
        dashboard && !dashboard.sample
          ? `Here's a dashboard of ${dashboard.data.origin}: totals, average, highest and lowest, a chart and the table, all from your numbers (${dashboard.data.labels.length} entries).`
          : "Here's a dashboard with **sample data**: I found no numbers in your message, so the values are made up and labelled as such. Paste your own as CSV, JSON or `label: number` lines and ask again.",
        '',
        'Ask for *a line chart* or *a pie chart* to get a new version.',
      );
    } else {
      lines.push(`Saved as version ${version}; it is open in the panel.`);
    }
  }
  return lines.join('\n') || OFFLINE_INTRO;
}

async function compose(options: LanguageModelV4CallOptions): Promise<Composition> {
  const input = readOfflineInput(options.prompt);
  const reason = wantsReasoning(options);
  const task = taskOf(options);
  if (task === 'title') return { reasoning: '', text: offlineTitle(input.text) };
  if (task === 'plan') return { reasoning: '', text: JSON.stringify(offlinePlan(input.text)) };
  // The step after a tool call: say what happened (a memory saved or forgotten, an artifact built).
  if (options.prompt.at(-1)?.role === 'tool') return { reasoning: '', text: toolFollowUp(options.prompt) ?? afterArtifact(options.prompt) };
  if (task === 'worker') {
    const brief = parseBrief(input.text);
    const request = earlierUserText(options.prompt);
    const answer = offlineWorkerAnswer(brief, request) + imageSection(await describePromptImages(options.prompt, { briefed: true }));
    return limit(reason ? offlineWorkerReasoning(brief, request) : '', answer, options.maxOutputTokens);
  }
  if (task === 'synthesis') {
    const composed = limit('', offlineSynthesis(input.text) + imageSection(await describePromptImages(options.prompt, { briefed: true })), options.maxOutputTokens);
    // The synthesis talks to the user: it builds the game or dashboard they asked for.
    const toolCall = artifactCall(options, { ...input, text: earlierUserText(options.prompt) });
    return toolCall ? { ...composed, toolCall } : composed;
  }
  const memory = memoryRequest(input.text, (options.tools ?? []).map((tool) => tool.name));
  if (memory) return { reasoning: '', text: '', toolCall: { toolName: memory.tool, input: memory.input, streamInput: false } };
  const withImages = { ...input, imageFacts: await describePromptImages(options.prompt) };
  const toolCall = artifactCall(options, input);
  if (toolCall) return { reasoning: reason ? offlineReasoning(withImages) : '', text: '', toolCall };
  return limit(reason ? offlineReasoning(withImages) : '', offlineAnswer(withImages), options.maxOutputTokens);
}

/** Tool input streams in pieces of this many characters, like a real model's JSON deltas. */
const TOOL_INPUT_PIECE = 24;

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
    if (taskOf(options) === 'plan') {
      // A plan takes a moment to write (at most a second), so the board's planning step can be seen.
      await sleep(Math.min((words(text).length / this.options.tokensPerSecond) * 1000, 1000), options.abortSignal);
      if (options.abortSignal?.aborted) throw options.abortSignal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
    }
    const content: LanguageModelV4Content[] = [];
    if (reasoning) content.push({ type: 'reasoning', text: reasoning });
    if (text) content.push({ type: 'text', text });
    if (toolCall) content.push({ type: 'tool-call', toolCallId: `offline-call-${++toolCalls}`, toolName: toolCall.toolName, input: JSON.stringify(toolCall.input) });
    return {
      content,
      finishReason: toolCall ? { unified: 'tool-calls', raw: 'tool_calls' } : truncated ? { unified: 'length', raw: 'length' } : { unified: 'stop', raw: 'stop' },
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

        const emitToolCall = async (call: NonNullable<Composition['toolCall']>) => {
          const id = `offline-call-${++toolCalls}-${crypto.randomUUID().slice(0, 8)}`;
          const json = JSON.stringify(call.input);
          if (!call.streamInput) {
            await sleep(tickMs, signal);
            if (signal?.aborted) return false;
            controller.enqueue({ type: 'tool-call', toolCallId: id, toolName: call.toolName, input: json });
            return true;
          }
          controller.enqueue({ type: 'tool-input-start', id, toolName: call.toolName });
          const pieces = json.match(new RegExp(`[\\s\\S]{1,${TOOL_INPUT_PIECE}}`, 'g')) ?? [];
          for (let i = 0; i < pieces.length; i += perTick) {
            if (signal?.aborted) return false;
            await sleep(tickMs, signal);
            if (signal?.aborted) return false;
            const slice = pieces.slice(i, i + perTick);
            controller.enqueue({ type: 'tool-input-delta', id, delta: slice.join('') });
            emittedText += slice.length;
          }
          controller.enqueue({ type: 'tool-input-end', id });
          controller.enqueue({ type: 'tool-call', toolCallId: id, toolName: call.toolName, input: json });
          return true;
        };

        controller.enqueue({ type: 'stream-start', warnings: [] });
        controller.enqueue({ type: 'response-metadata', modelId: 'demo', timestamp: new Date() });
        const finished =
          (!reasoning || (await emit('reasoning', 'reasoning-0', reasoning))) &&
          (!text || (await emit('text', 'text-0', text))) &&
          (!toolCall || (await emitToolCall(toolCall)));
        if (!finished) {
          // Like a real HTTP provider whose request was aborted: the stream fails with an AbortError.
          controller.error(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
          return;
        }
        controller.enqueue({
          type: 'finish',
          finishReason: toolCall ? { unified: 'tool-calls', raw: 'tool_calls' } : truncated ? { unified: 'length', raw: 'length' } : { unified: 'stop', raw: 'stop' },
          usage: usage(inputTokens, emittedText, emittedReasoning),
        });
        controller.close();
      },
    });
    return { stream };
  }
}
