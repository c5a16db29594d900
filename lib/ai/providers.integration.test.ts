// The real provider code paths over HTTP: Flint's environment points at fake provider servers
// (e2e/fake-upstream) speaking each vendor's wire format, and answers go through streamInstantAnswer
// and modelForRole exactly as in production: SDK request building, SSE parsing, usage, reasoning,
// fallback, first-token timeout and aborts.
import { generateText, type UIMessageChunk } from 'ai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '@/e2e/fake-upstream/anthropic';
import { startFakeGoogle, type FakeGoogle } from '@/e2e/fake-upstream/google';
import { startFakeOpenAICompatible, type FakeOpenAICompatible } from '@/e2e/fake-upstream/openai-compatible';
import { startFakeOpenAIResponses, type FakeOpenAIResponses } from '@/e2e/fake-upstream/openai-responses';
import type { RecordedRequest } from '@/e2e/fake-upstream/server';
import { resetEnvForTests } from '@/lib/env';
import { streamInstantAnswer, type AnswerRequest } from '@/lib/modes/instant';
import type { ChatMode, FlintUIMessage, MessageMetadata } from '@/lib/types';
import type { Skipped } from './fallback';
import { resetProvidersForTests } from './providers';
import { listModelOptions, modelForRole } from './routing';

const MANAGED = /^(FLINT_|ANTHROPIC_|OPENAI_|GOOGLE_GENERATIVE_AI_|OLLAMA_)/;
const savedEnv = { ...process.env };

function useEnv(vars: Record<string, string>) {
  for (const key of Object.keys(process.env)) if (MANAGED.test(key)) delete process.env[key];
  Object.assign(process.env, { FLINT_OLLAMA_PROBE: 'off', ...vars });
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
  { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'What is flint?' }] },
  { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'A hard sedimentary rock.' }] },
  { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'How was it used to make fire?' }] },
];

type Chunk = UIMessageChunk<MessageMetadata>;

interface Answer {
  status: string;
  chunks: Chunk[];
  text: string;
  textDeltas: string[];
  reasoning: string;
  reasoningDeltas: string[];
  /** From the message-metadata chunk sent once a model produced its first token. */
  selected?: MessageMetadata;
  finish: MessageMetadata;
}

async function answer(
  options: { mode?: ChatMode; preferredModel?: string; onChunk?: (chunk: Chunk, stop: () => void) => void } = {},
): Promise<Answer> {
  const controller = new AbortController();
  const chunks: Chunk[] = [];
  const request: AnswerRequest = {
    messageId: 'assistant-1',
    history,
    mode: options.mode ?? 'instant',
    preferredModel: options.preferredModel,
    signal: controller.signal,
  };
  const status = await streamInstantAnswer(request, (chunk) => {
    chunks.push(chunk);
    options.onChunk?.(chunk, () => controller.abort());
  });
  const deltas = (type: 'text-delta' | 'reasoning-delta') =>
    chunks.flatMap((c) => (c.type === type && c.delta ? [c.delta] : []));
  const finish = chunks.at(-1);
  if (finish?.type !== 'finish') throw new Error(`last chunk is ${finish?.type}, not finish`);
  const selected = chunks.find((c) => c.type === 'message-metadata');
  return {
    status,
    chunks,
    text: deltas('text-delta').join(''),
    textDeltas: deltas('text-delta'),
    reasoning: deltas('reasoning-delta').join(''),
    reasoningDeltas: deltas('reasoning-delta'),
    selected: selected?.type === 'message-metadata' ? selected.messageMetadata : undefined,
    finish: finish.messageMetadata ?? {},
  };
}

const firstIndex = (chunks: Chunk[], type: Chunk['type']) => chunks.findIndex((c) => c.type === type);

/** The text of an OpenAI-style message content (a string or an array of text parts). */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part: { text?: string }) => part.text ?? '').join('');
  return '';
}

function body(request: RecordedRequest | undefined): Record<string, unknown> {
  expect(request, 'the fake received a request').toBeDefined();
  return request!.body as Record<string, unknown>;
}

let compatible: FakeOpenAICompatible;
let ollama: FakeOpenAICompatible;
let anthropic: FakeAnthropic;
let responses: FakeOpenAIResponses;
let google: FakeGoogle;

beforeAll(async () => {
  [compatible, ollama, anthropic, responses, google] = await Promise.all([
    startFakeOpenAICompatible({ apiKey: 'compat-key', models: ['alpha-model', 'beta-model'] }),
    startFakeOpenAICompatible({ models: [{ id: 'backup-model' }, { id: 'eyes-model', families: ['llama', 'clip'] }] }),
    startFakeAnthropic({ apiKey: 'anthropic-test-key' }),
    startFakeOpenAIResponses({ apiKey: 'openai-test-key' }),
    startFakeGoogle({ apiKey: 'google-test-key' }),
  ]);
});

afterAll(async () => {
  await Promise.all([compatible, ollama, anthropic, responses, google].map((fake) => fake?.close()));
});

beforeEach(() => {
  for (const fake of [compatible, ollama, anthropic, responses, google]) {
    fake.reset();
    fake.setScript({});
  }
});

afterEach(restoreEnv);

describe('OpenAI-compatible (chat completions)', () => {
  it('streams the answer in several text chunks, reports usage and sends the conversation', async () => {
    useEnv({ ...compatible.env, OPENAI_COMPATIBLE_MODELS: 'alpha-model', FLINT_INSTANT_MODEL: 'openai-compatible:alpha-model' });
    const text = 'Flint was struck against steel to throw sparks onto tinder.';
    compatible.setScript({ text, chunks: 5, usage: { inputTokens: 42, outputTokens: 17 } });

    const result = await answer();

    expect(result.status).toBe('done');
    expect(result.text).toBe(text);
    expect(result.textDeltas.length).toBe(5);
    expect(result.reasoningDeltas).toEqual([]);
    expect(result.finish).toMatchObject({ status: 'done', usage: { inputTokens: 42, outputTokens: 17 } });
    expect(result.finish.error).toBeUndefined();
    expect(result.selected).toMatchObject({ model: 'openai-compatible:alpha-model' });
    expect(result.selected?.fallbacks).toBeUndefined();

    expect(compatible.chatRequests).toHaveLength(1);
    const request = compatible.chatRequests[0]!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer compat-key');
    const sent = body(request) as { model: string; stream: boolean; stream_options?: unknown; reasoning_effort?: unknown; messages: Array<{ role: string; content: unknown }> };
    expect(sent.model).toBe('alpha-model');
    expect(sent.stream).toBe(true);
    expect(sent.stream_options).toEqual({ include_usage: true });
    expect(sent.reasoning_effort).toBeUndefined();
    expect(sent.messages[0]?.role).toBe('system');
    expect(sent.messages.slice(1).map((m) => [m.role, contentText(m.content)])).toEqual([
      ['user', 'What is flint?'],
      ['assistant', 'A hard sedimentary rock.'],
      ['user', 'How was it used to make fire?'],
    ]);
    expect(request.outcome).toBe('completed');
  });

  it('in thinking mode streams reasoning_content as reasoning before the text', async () => {
    useEnv({ ...compatible.env, OPENAI_COMPATIBLE_MODELS: 'deep-model+reasoning', FLINT_THINKING_MODEL: 'openai-compatible:deep-model' });
    compatible.setScript({
      reasoning: 'The user asks about fire. Flint and steel make sparks.',
      text: 'By striking it against steel.',
      chunks: 3,
      chunkDelayMs: 15,
      usage: { inputTokens: 30, outputTokens: 25, reasoningTokens: 12 },
    });

    const result = await answer({ mode: 'thinking' });

    expect(result.status).toBe('done');
    expect(result.reasoning).toBe('The user asks about fire. Flint and steel make sparks.');
    expect(result.reasoningDeltas.length).toBe(3);
    expect(result.text).toBe('By striking it against steel.');
    expect(firstIndex(result.chunks, 'reasoning-delta')).toBeGreaterThan(-1);
    expect(firstIndex(result.chunks, 'reasoning-delta')).toBeLessThan(firstIndex(result.chunks, 'text-delta'));
    expect(result.finish.usage).toEqual({ inputTokens: 30, outputTokens: 25, reasoningTokens: 12 });
    expect(result.finish.reasoningMs).toBeGreaterThanOrEqual(15);
    expect(body(compatible.chatRequests[0]).reasoning_effort).toBe('medium');
  });

  it('keeps streamed text and ends in error when the server fails mid-answer, without falling back', async () => {
    useEnv({
      ...compatible.env,
      ...ollama.ollamaEnv,
      OPENAI_COMPATIBLE_MODELS: 'alpha-model',
      FLINT_INSTANT_MODEL: 'openai-compatible:alpha-model',
      FLINT_FALLBACK_MODELS: 'ollama:backup-model',
    });
    compatible.setScript({ errorAfterText: 'Flint is a form of', chunks: 3, errorMessage: 'CUDA out of memory' });

    const result = await answer();

    expect(result.text).toBe('Flint is a form of');
    expect(result.status).toBe('error');
    expect(result.finish.status).toBe('error');
    expect(result.finish.error).toMatch(/stopped with an error|provider had an error/);
    expect(result.selected).toMatchObject({ model: 'openai-compatible:alpha-model' });
    expect(ollama.chatRequests).toHaveLength(0);
  });

  it('keeps streamed text and ends in error when the connection is cut mid-answer', async () => {
    useEnv({ ...compatible.env, OPENAI_COMPATIBLE_MODELS: 'alpha-model', FLINT_INSTANT_MODEL: 'openai-compatible:alpha-model' });
    // The cut comes after the text was read (as a real crash or proxy cut does): when the bytes and the
    // connection's end arrive together, the response stream errors before its queue is read.
    compatible.setScript({ errorAfterText: 'Flint is a form of quartz', chunks: 2, chunkDelayMs: 40, errorKind: 'cut' });

    const result = await answer();

    expect(result.text).toBe('Flint is a form of quartz');
    expect(result.status).toBe('error');
    expect(result.finish.error).toBeTruthy();
    expect(compatible.chatRequests[0]?.outcome).toBe('server-cut');
  });

  it('stopping mid-stream keeps the partial text and closes the upstream connection', async () => {
    useEnv({ ...compatible.env, OPENAI_COMPATIBLE_MODELS: 'alpha-model', FLINT_INSTANT_MODEL: 'openai-compatible:alpha-model' });
    const text = 'one two three four five six seven eight nine ten';
    compatible.setScript({ text, chunks: 10, chunkDelayMs: 60 });

    let deltas = 0;
    const result = await answer({
      onChunk: (chunk, stop) => {
        if (chunk.type === 'text-delta' && ++deltas === 2) stop();
      },
    });

    expect(result.status).toBe('stopped');
    expect(result.finish.status).toBe('stopped');
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.text.length).toBeLessThan(text.length);
    expect(text.startsWith(result.text)).toBe(true);
    await compatible.waitFor((f) => f.clientClosed.length === 1, 2000, 'the client to close the stopped request');
    expect(compatible.inFlight).toBe(0);
  });

  it('streams two answers at once without mixing them up', async () => {
    useEnv({ ...compatible.env, OPENAI_COMPATIBLE_MODELS: 'alpha-model', FLINT_INSTANT_MODEL: 'openai-compatible:alpha-model' });
    compatible.enqueue(
      { text: 'First answer, slowly.', chunks: 4, chunkDelayMs: 40 },
      { text: 'Second answer, slowly.', chunks: 4, chunkDelayMs: 40 },
    );

    const results = await Promise.all([answer(), answer()]);

    expect(results.map((r) => r.status)).toEqual(['done', 'done']);
    expect(results.map((r) => r.text).sort()).toEqual(['First answer, slowly.', 'Second answer, slowly.']);
    expect(compatible.maxInFlight).toBe(2);
  });
});

describe('Anthropic (Messages)', () => {
  it('streams thinking as reasoning, then text, with usage; sends the key, model and conversation', async () => {
    useEnv({ ...anthropic.env, FLINT_THINKING_MODEL: 'anthropic:claude-sonnet-5-5' });
    anthropic.setScript({
      reasoning: 'Fire from flint needs steel and tinder.',
      text: 'Strike flint against a steel striker to make sparks.',
      chunks: 4,
      usage: { inputTokens: 55, outputTokens: 40, reasoningTokens: 9 },
    });

    const result = await answer({ mode: 'thinking' });

    expect(result.status).toBe('done');
    expect(result.reasoning).toBe('Fire from flint needs steel and tinder.');
    expect(result.text).toBe('Strike flint against a steel striker to make sparks.');
    expect(result.textDeltas.length).toBe(4);
    expect(firstIndex(result.chunks, 'reasoning-delta')).toBeGreaterThan(-1);
    expect(firstIndex(result.chunks, 'reasoning-delta')).toBeLessThan(firstIndex(result.chunks, 'text-delta'));
    expect(result.finish.usage).toEqual({ inputTokens: 55, outputTokens: 40, reasoningTokens: 9 });
    expect(result.selected).toMatchObject({ model: 'anthropic:claude-sonnet-5-5', modelLabel: 'Claude Sonnet 5.5' });

    const request = anthropic.chatRequests[0];
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers['x-api-key']).toBe('anthropic-test-key');
    expect(request?.headers['anthropic-version']).toBeTruthy();
    const sent = body(request) as { model: string; stream: boolean; thinking?: { type: string }; system?: unknown; messages: Array<{ role: string; content: unknown }> };
    expect(sent.model).toBe('claude-sonnet-5-5');
    expect(sent.stream).toBe(true);
    expect(sent.thinking?.type).toMatch(/adaptive|enabled/);
    expect(sent.system).toBeTruthy();
    expect(sent.messages.map((m) => [m.role, contentText(m.content)])).toEqual([
      ['user', 'What is flint?'],
      ['assistant', 'A hard sedimentary rock.'],
      ['user', 'How was it used to make fire?'],
    ]);
  });

  it('in instant mode streams text only and does not ask for thinking', async () => {
    useEnv({ ...anthropic.env, FLINT_INSTANT_MODEL: 'anthropic:claude-haiku-5-5' });
    anthropic.setScript({ text: 'Sparks.', usage: { inputTokens: 8, outputTokens: 2 } });

    const result = await answer();

    expect(result.status).toBe('done');
    expect(result.text).toBe('Sparks.');
    expect(result.reasoningDeltas).toEqual([]);
    expect(result.finish.usage).toMatchObject({ inputTokens: 8, outputTokens: 2 });
    const sent = body(anthropic.chatRequests[0]) as { model: string; thinking?: { type: string } };
    expect(sent.model).toBe('claude-haiku-5-5');
    expect(sent.thinking?.type ?? 'none').not.toMatch(/adaptive|enabled/);
  });

  it('ends in error with the text kept when an error event arrives mid-stream', async () => {
    useEnv({ ...anthropic.env, FLINT_INSTANT_MODEL: 'anthropic:claude-haiku-5-5' });
    anthropic.setScript({ errorAfterText: 'Flint and steel', errorMessage: 'Overloaded' });

    const result = await answer();

    expect(result.text).toBe('Flint and steel');
    expect(result.status).toBe('error');
    expect(result.finish.error).toBeTruthy();
  });
});

describe('fallback chain over HTTP', () => {
  it('moves on from a 503 to the next model and says which one answered', async () => {
    useEnv({
      ...anthropic.env,
      ...compatible.env,
      OPENAI_COMPATIBLE_MODELS: 'backup-model',
      FLINT_INSTANT_MODEL: 'anthropic:claude-haiku-5-5',
      FLINT_FALLBACK_MODELS: 'openai-compatible:backup-model',
    });
    anthropic.setScript({ status: 503, errorMessage: 'Service unavailable' });
    compatible.setScript({ text: 'Answer from the backup.' });

    const result = await answer();

    expect(result.status).toBe('done');
    expect(result.text).toBe('Answer from the backup.');
    expect(result.selected?.model).toBe('openai-compatible:backup-model');
    expect(result.selected?.fallbacks).toEqual([{ model: 'anthropic:claude-haiku-5-5', reason: expect.stringMatching(/HTTP 503/) }]);
    expect(anthropic.chatRequests).toHaveLength(1);
    expect(compatible.chatRequests).toHaveLength(1);
    expect(body(compatible.chatRequests[0]).model).toBe('backup-model');
  });

  it('abandons a model that never answers after the first-token timeout and closes its request', async () => {
    useEnv({
      ...compatible.env,
      ...ollama.ollamaEnv,
      OPENAI_COMPATIBLE_MODELS: 'stuck-model',
      FLINT_INSTANT_MODEL: 'openai-compatible:stuck-model',
      FLINT_FALLBACK_MODELS: 'ollama:backup-model',
      FLINT_FIRST_TOKEN_TIMEOUT_MS: '300',
    });
    compatible.setScript({ hang: true });
    ollama.setScript({ text: 'Ollama to the rescue.' });

    const started = Date.now();
    const result = await answer();

    expect(result.status).toBe('done');
    expect(result.text).toBe('Ollama to the rescue.');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(result.selected?.model).toBe('ollama:backup-model');
    expect(result.selected?.fallbacks).toEqual([{ model: 'openai-compatible:stuck-model', reason: expect.stringMatching(/too long/) }]);
    expect(ollama.chatRequests[0]?.path).toBe('/v1/chat/completions');
    await compatible.waitFor((f) => f.clientClosed.length === 1, 2000, 'the abandoned request to be closed');
    expect(compatible.inFlight).toBe(0);
  });

  it('abandons a model whose stream stalls after the headers', async () => {
    useEnv({
      ...anthropic.env,
      ...compatible.env,
      OPENAI_COMPATIBLE_MODELS: 'backup-model',
      FLINT_INSTANT_MODEL: 'anthropic:claude-haiku-5-5',
      FLINT_FALLBACK_MODELS: 'openai-compatible:backup-model',
      FLINT_FIRST_TOKEN_TIMEOUT_MS: '300',
    });
    anthropic.setScript({ text: 'Too late.', firstTokenDelayMs: 5000 });
    compatible.setScript({ text: 'On time.' });

    const result = await answer();

    expect(result.text).toBe('On time.');
    expect(result.selected?.model).toBe('openai-compatible:backup-model');
    expect(result.selected?.fallbacks?.[0]?.model).toBe('anthropic:claude-haiku-5-5');
    await anthropic.waitFor((f) => f.clientClosed.length === 1, 2000, 'the stalled stream to be closed');
  });

  it('ends in error naming every model when the whole chain fails', async () => {
    useEnv({
      ...anthropic.env,
      ...compatible.env,
      OPENAI_COMPATIBLE_MODELS: 'backup-model',
      FLINT_INSTANT_MODEL: 'anthropic:claude-haiku-5-5',
      FLINT_FALLBACK_MODELS: 'openai-compatible:backup-model',
    });
    anthropic.setScript({ status: 503 });
    compatible.setScript({ status: 500 });

    const result = await answer();

    expect(result.status).toBe('error');
    expect(result.text).toBe('');
    expect(result.finish.error).toMatch(/None of the configured models could answer/);
    expect(result.finish.error).toContain('anthropic:claude-haiku-5-5');
    expect(result.finish.error).toContain('openai-compatible:backup-model');
  });

  it('modelForRole falls back for non-streamed calls too (title generation)', async () => {
    useEnv({
      ...anthropic.env,
      ...compatible.env,
      OPENAI_COMPATIBLE_MODELS: 'backup-model',
      FLINT_TITLE_MODEL: 'anthropic:claude-haiku-5-5',
      FLINT_FALLBACK_MODELS: 'openai-compatible:backup-model',
    });
    anthropic.setScript({ status: 529, errorMessage: 'Overloaded' });
    compatible.setScript({ text: 'Making fire with flint' });
    const selections: Array<{ id: string; skipped: Skipped[] }> = [];

    const { model } = await modelForRole('title', { onSelected: (option, skipped) => selections.push({ id: option.id, skipped }) });
    const { text } = await generateText({ model, prompt: 'How was flint used to make fire?', maxRetries: 0 });

    expect(text).toBe('Making fire with flint');
    expect(selections).toEqual([{ id: 'openai-compatible:backup-model', skipped: [{ model: 'anthropic:claude-haiku-5-5', reason: expect.any(String) }] }]);
    expect(anthropic.chatRequests[0]?.stream).toBe(false);
    expect(compatible.chatRequests[0]?.stream).toBe(false);
  });
});

describe('OpenAI (Responses API)', () => {
  it('streams text and usage from /v1/responses', async () => {
    useEnv({ ...responses.env, FLINT_INSTANT_MODEL: 'openai:gpt-5.4-mini' });
    responses.setScript({ text: 'Flint sparks against steel.', chunks: 3, usage: { inputTokens: 21, outputTokens: 6 } });

    const result = await answer();

    expect(result.status).toBe('done');
    expect(result.text).toBe('Flint sparks against steel.');
    expect(result.textDeltas.length).toBe(3);
    expect(result.finish.usage).toMatchObject({ inputTokens: 21, outputTokens: 6 });
    expect(result.selected).toMatchObject({ model: 'openai:gpt-5.4-mini', modelLabel: 'GPT-5.4 mini' });
    const request = responses.chatRequests[0];
    expect(request?.path).toBe('/v1/responses');
    expect(request?.headers.authorization).toBe('Bearer openai-test-key');
    const sent = body(request) as { model: string; stream: boolean; input: Array<{ role?: string; content?: unknown }> };
    expect(sent.model).toBe('gpt-5.4-mini');
    expect(sent.stream).toBe(true);
    expect(JSON.stringify(sent.input)).toContain('How was it used to make fire?');
  });

  it('streams reasoning summaries before the text in thinking mode', async () => {
    useEnv({ ...responses.env, FLINT_THINKING_MODEL: 'openai:gpt-5.5' });
    responses.setScript({ reasoning: 'Considering sparks.', text: 'Steel and flint.' });

    const result = await answer({ mode: 'thinking' });

    expect(result.status).toBe('done');
    expect(result.reasoning).toBe('Considering sparks.');
    expect(result.text).toBe('Steel and flint.');
    expect(firstIndex(result.chunks, 'reasoning-delta')).toBeLessThan(firstIndex(result.chunks, 'text-delta'));
    expect(body(responses.chatRequests[0]).reasoning).toMatchObject({ effort: 'medium' });
  });
});

describe('Google (Generative AI)', () => {
  it('streams text and usage from streamGenerateContent', async () => {
    useEnv({ ...google.env, FLINT_INSTANT_MODEL: 'google:gemini-flash-latest' });
    google.setScript({ text: 'Percussion on steel yields sparks.', chunks: 3, usage: { inputTokens: 19, outputTokens: 7 } });

    const result = await answer();

    expect(result.status).toBe('done');
    expect(result.text).toBe('Percussion on steel yields sparks.');
    expect(result.textDeltas.length).toBe(3);
    expect(result.finish.usage).toMatchObject({ inputTokens: 19, outputTokens: 7 });
    const request = google.chatRequests[0];
    expect(request?.path).toBe('/v1beta/models/gemini-flash-latest:streamGenerateContent');
    expect(request?.query.alt).toBe('sse');
    expect(request?.headers['x-goog-api-key']).toBe('google-test-key');
    expect(JSON.stringify(body(request).contents)).toContain('How was it used to make fire?');
  });

  it('asks for thoughts in thinking mode and streams them as reasoning first', async () => {
    useEnv({ ...google.env, FLINT_THINKING_MODEL: 'google:gemini-pro-latest' });
    google.setScript({ reasoning: 'Thinking about sparks.', text: 'Use steel.', usage: { inputTokens: 5, outputTokens: 9, reasoningTokens: 4 } });

    const result = await answer({ mode: 'thinking' });

    expect(result.reasoning).toBe('Thinking about sparks.');
    expect(result.text).toBe('Use steel.');
    expect(firstIndex(result.chunks, 'reasoning-delta')).toBeLessThan(firstIndex(result.chunks, 'text-delta'));
    expect(result.finish.usage).toEqual({ inputTokens: 5, outputTokens: 9, reasoningTokens: 4 });
    const sent = body(google.chatRequests[0]) as { generationConfig?: { thinkingConfig?: { includeThoughts?: boolean } } };
    expect(sent.generationConfig?.thinkingConfig?.includeThoughts).toBe(true);
  });
});

describe('model listing', () => {
  it('takes OPENAI_COMPATIBLE_MODELS with +vision/+reasoning flags without asking the server', async () => {
    useEnv({ ...compatible.env, OPENAI_COMPATIBLE_MODELS: 'plain-model, seeing-model+vision, both-model+vision+reasoning' });

    const options = await listModelOptions();
    const capabilities = Object.fromEntries(options.filter((o) => o.provider === 'openai-compatible').map((o) => [o.id, o.capabilities]));

    expect(capabilities).toEqual({
      'openai-compatible:plain-model': { vision: false, reasoning: false },
      'openai-compatible:seeing-model': { vision: true, reasoning: false },
      'openai-compatible:both-model': { vision: true, reasoning: true },
    });
    expect(compatible.requests).toHaveLength(0);
  });

  it('lists the models the server reports at GET /models otherwise', async () => {
    useEnv(compatible.env);

    const options = await listModelOptions();

    expect(options.filter((o) => o.provider === 'openai-compatible').map((o) => o.id)).toEqual([
      'openai-compatible:alpha-model',
      'openai-compatible:beta-model',
    ]);
    expect(options.some((o) => o.provider === 'offline')).toBe(false);
    expect(compatible.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models']);
    expect(compatible.requests[0]?.headers.authorization).toBe('Bearer compat-key');
  });

  it('lists Ollama models from /api/tags, recognising vision families', async () => {
    useEnv(ollama.ollamaEnv);

    const options = await listModelOptions();

    expect(options.filter((o) => o.provider === 'ollama').map((o) => [o.id, o.capabilities.vision])).toEqual([
      ['ollama:backup-model', false],
      ['ollama:eyes-model', true],
    ]);
    expect(ollama.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/tags']);
  });
});

describe('the fetch model calls use', () => {
  // In its server Next.js replaces the global fetch with a wrapper (its data cache, its tracing)
  // and keeps Node's own as `_nextOriginalFetch`. Model calls go out with Node's own: the wrapper's
  // work sat between asking the model and the request going out (lib/ai/providers.ts).
  const realFetch = globalThis.fetch;
  let wrapped = 0;
  beforeEach(() => {
    wrapped = 0;
    const patched = Object.assign((input: RequestInfo | URL, init?: RequestInit) => ((wrapped += 1), realFetch(input, init)), { _nextOriginalFetch: realFetch });
    globalThis.fetch = patched as typeof fetch;
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  const cases: Array<[string, () => { env: Record<string, string>; model: string; fake: { chatRequests: RecordedRequest[] } }]> = [
    ['OpenAI-compatible', () => ({ env: { ...compatible.env, OPENAI_COMPATIBLE_MODELS: 'alpha-model' }, model: 'openai-compatible:alpha-model', fake: compatible })],
    ['Ollama', () => ({ env: ollama.ollamaEnv, model: 'ollama:backup-model', fake: ollama })],
    ['Anthropic', () => ({ env: anthropic.env, model: 'anthropic:claude-haiku-5-5', fake: anthropic })],
    ['OpenAI', () => ({ env: responses.env, model: 'openai:gpt-5.4-mini', fake: responses })],
    ['Google', () => ({ env: google.env, model: 'google:gemini-flash-latest', fake: google })],
  ];
  it.each(cases)("%s: Node's own fetch, not Next.js's wrapper, and the answer arrives", async (_name, setup) => {
    const { env, model, fake } = setup();
    useEnv({ ...env, FLINT_INSTANT_MODEL: model });
    for (const f of [compatible, ollama, anthropic, responses, google]) f.setScript({ text: 'Sparks from steel.' });
    // Finding the models (Ollama asks its server for them) is not a model call.
    await listModelOptions();
    wrapped = 0;

    const result = await answer();

    expect(result.text).toBe('Sparks from steel.');
    expect(result.selected).toMatchObject({ model });
    expect(fake.chatRequests).toHaveLength(1);
    expect(wrapped).toBe(0);
  });

  it('uses the global fetch where nothing replaced it', async () => {
    globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => ((wrapped += 1), realFetch(input, init));
    useEnv({ ...compatible.env, OPENAI_COMPATIBLE_MODELS: 'alpha-model', FLINT_INSTANT_MODEL: 'openai-compatible:alpha-model' });
    compatible.setScript({ text: 'Sparks from steel.' });

    expect((await answer()).text).toBe('Sparks from steel.');
    expect(wrapped).toBe(1);
  });
});
