import { APICallError, type LanguageModelV4CallOptions, type LanguageModelV4GenerateResult, type LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it, vi } from 'vitest';
import { FlintError } from '@/lib/errors';
import { createFallbackModel, FirstTokenTimeoutError, type ChainLink, type Skipped } from './fallback';

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 2, text: 2, reasoning: undefined },
};

function answerParts(words: string[]): LanguageModelV4StreamPart[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...words.map((delta): LanguageModelV4StreamPart => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
  ];
}

function generated(text: string): LanguageModelV4GenerateResult {
  return { content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
}

/** A model that answers with these words. */
function answering(words: string[], modelId = 'answering') {
  return new MockLanguageModelV4({
    modelId,
    doStream: async () => ({ stream: convertArrayToReadableStream(answerParts(words)) }),
    doGenerate: async () => generated(words.join('')),
  });
}

/** A model whose request fails before anything streams (HTTP error, refused connection). */
function failing(error: unknown) {
  return new MockLanguageModelV4({
    doStream: async () => {
      throw error;
    },
    doGenerate: async () => {
      throw error;
    },
  });
}

/** Rejects with the signal's reason once it aborts, like fetch does. */
function untilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** A model that accepts the request and then never says anything. */
function silent(kind: 'no-response' | 'no-token') {
  return new MockLanguageModelV4({
    doStream: async (options) => {
      if (kind === 'no-response') return untilAborted(options.abortSignal);
      return {
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            controller.enqueue({ type: 'stream-start', warnings: [] });
            controller.enqueue({ type: 'response-metadata', modelId: 'silent' });
            options.abortSignal?.addEventListener('abort', () => controller.error(options.abortSignal!.reason), { once: true });
          },
        }),
      };
    },
    doGenerate: async (options) => untilAborted(options.abortSignal),
  });
}

function http(statusCode: number, message = `HTTP ${statusCode}`) {
  return new APICallError({ message, url: 'https://provider.test/v1/chat', requestBodyValues: {}, statusCode, isRetryable: false });
}

function signalOf(model: MockLanguageModelV4, kind: 'stream' | 'generate' = 'stream'): AbortSignal {
  const calls: LanguageModelV4CallOptions[] = kind === 'stream' ? model.doStreamCalls : model.doGenerateCalls;
  const signal = calls[0]?.abortSignal;
  if (!signal) throw new Error('the model was not called with an abort signal');
  return signal;
}

/** Reads a streamText result to the end; errors are collected whether they arrive as parts or end the stream. */
async function readAll(result: ReturnType<typeof streamText>) {
  const parts = [];
  const thrown: unknown[] = [];
  try {
    for await (const part of result.stream) parts.push(part);
  } catch (error) {
    thrown.push(error);
  }
  return {
    text: parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : [])).join(''),
    errors: [...parts.flatMap((p) => (p.type === 'error' ? [p.error] : [])), ...thrown],
    types: parts.map((p) => p.type),
  };
}

/** What product code does: one streamed answer, no SDK retries (the chain is the retry), errors kept quiet. */
function ask(model: ReturnType<typeof createFallbackModel>, abortSignal?: AbortSignal) {
  return streamText({ model, prompt: 'hi', maxRetries: 0, abortSignal, onError: () => {} });
}

function chain(...links: Array<[string, MockLanguageModelV4]>): ChainLink[] {
  return links.map(([ref, model]) => ({ ref, model }));
}

describe('createFallbackModel: streaming', () => {
  it('uses the first model when it answers, and reports it with nothing skipped', async () => {
    const a = answering(['Hello', ' world']);
    const b = answering(['unused']);
    const onSelected = vi.fn();
    const model = createFallbackModel(chain(['p:a', a], ['p:b', b]), { firstTokenTimeoutMs: 1000, onSelected });

    const { text, errors } = await readAll(ask(model));

    expect(text).toBe('Hello world');
    expect(errors).toEqual([]);
    expect(b.doStreamCalls).toHaveLength(0);
    expect(onSelected).toHaveBeenCalledExactlyOnceWith('p:a', []);
    expect(signalOf(a).aborted).toBe(false);
  });

  it('falls back when the first model throws before its first token, aborting the abandoned request', async () => {
    const a = failing(http(503));
    const b = answering(['From', ' B']);
    const onSelected = vi.fn<(ref: string, skipped: Skipped[]) => void>();
    const model = createFallbackModel(chain(['p:a', a], ['p:b', b]), { firstTokenTimeoutMs: 1000, onSelected });

    const { text, errors } = await readAll(ask(model));

    expect(text).toBe('From B');
    expect(errors).toEqual([]);
    expect(signalOf(a).aborted).toBe(true);
    expect(onSelected).toHaveBeenCalledExactlyOnceWith('p:b', [{ model: 'p:a', reason: expect.stringContaining('HTTP 503') }]);
    // The next model gets the same request.
    expect(b.doStreamCalls[0]!.prompt).toEqual(a.doStreamCalls[0]!.prompt);
  });

  it('falls back when the stream starts with an error chunk', async () => {
    const a = new MockLanguageModelV4({
      doStream: async () => ({
        stream: convertArrayToReadableStream<LanguageModelV4StreamPart>([
          { type: 'stream-start', warnings: [] },
          { type: 'error', error: http(429, 'slow down') },
        ]),
      }),
    });
    const b = answering(['ok']);
    const onSelected = vi.fn();
    const model = createFallbackModel(chain(['p:a', a], ['p:b', b]), { firstTokenTimeoutMs: 1000, onSelected });

    const { text, errors } = await readAll(ask(model));

    expect(text).toBe('ok');
    expect(errors).toEqual([]);
    expect(signalOf(a).aborted).toBe(true);
    expect(onSelected).toHaveBeenCalledWith('p:b', [{ model: 'p:a', reason: expect.stringMatching(/rate-limiting/) }]);
  });

  it('falls back when the stream fails before its first token', async () => {
    const a = new MockLanguageModelV4({
      doStream: async () => ({
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            controller.enqueue({ type: 'stream-start', warnings: [] });
            controller.error(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:11434') }));
          },
        }),
      }),
    });
    const b = answering(['ok']);
    const onSelected = vi.fn();
    const model = createFallbackModel(chain(['ollama:qwen3:8b', a], ['p:b', b]), { firstTokenTimeoutMs: 1000, onSelected });

    const { text } = await readAll(ask(model));

    expect(text).toBe('ok');
    expect(onSelected).toHaveBeenCalledWith('p:b', [{ model: 'ollama:qwen3:8b', reason: expect.stringMatching(/Could not reach/) }]);
  });

  it.each(['no-response', 'no-token'] as const)(
    'gives up on a model that sends no first token within the timeout (%s) and aborts its request',
    async (kind) => {
      const a = silent(kind);
      const b = answering(['late', ' but', ' fine']);
      const onSelected = vi.fn();
      const model = createFallbackModel(chain(['p:a', a], ['p:b', b]), { firstTokenTimeoutMs: 60, onSelected });

      const started = performance.now();
      const { text } = await readAll(ask(model));

      expect(text).toBe('late but fine');
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
      expect(signalOf(a).aborted).toBe(true);
      expect(signalOf(a).reason).toBeInstanceOf(FirstTokenTimeoutError);
      expect(onSelected).toHaveBeenCalledWith('p:b', [{ model: 'p:a', reason: expect.stringMatching(/too long to start/) }]);
    },
  );

  it('keeps the model that has started answering, even when later tokens are slower than the timeout', async () => {
    const a = new MockLanguageModelV4({
      doStream: async () => ({
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          async start(controller) {
            const parts = answerParts(['first', ' second', ' third']);
            for (const part of parts) {
              if (part.type === 'text-delta' && part.delta !== 'first') await new Promise((r) => setTimeout(r, 80));
              controller.enqueue(part);
            }
            controller.close();
          },
        }),
      }),
    });
    const b = answering(['B']);
    const model = createFallbackModel(chain(['p:a', a], ['p:b', b]), { firstTokenTimeoutMs: 50 });

    const { text, errors } = await readAll(ask(model));

    expect(text).toBe('first second third');
    expect(errors).toEqual([]);
    expect(b.doStreamCalls).toHaveLength(0);
    expect(signalOf(a).aborted).toBe(false);
  });

  it.each(['an error chunk', 'a failed stream'] as const)(
    'does not fall back after the first token: %s reaches the caller with the partial text',
    async (failure) => {
      // One part per pull, so the failure happens only after the first token has been read.
      const script: LanguageModelV4StreamPart[] = [
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Half an ans' },
      ];
      const a = new MockLanguageModelV4({
        doStream: async () => ({
          stream: new ReadableStream<LanguageModelV4StreamPart>({
            pull(controller) {
              const next = script.shift();
              if (next) controller.enqueue(next);
              else if (failure === 'a failed stream') controller.error(http(500));
              else {
                controller.enqueue({ type: 'error', error: http(500) });
                controller.close();
              }
            },
          }),
        }),
      });
      const b = answering(['B']);
      const onSelected = vi.fn();
      const model = createFallbackModel(chain(['p:a', a], ['p:b', b]), { firstTokenTimeoutMs: 1000, onSelected });

      const { text, errors } = await readAll(ask(model));

      expect(text).toBe('Half an ans');
      expect(errors).toHaveLength(1);
      expect(APICallError.isInstance(errors[0]) && errors[0].statusCode).toBe(500);
      expect(b.doStreamCalls).toHaveLength(0);
      expect(onSelected).toHaveBeenCalledExactlyOnceWith('p:a', []);
    },
  );

  it('does not fall back when the caller aborted: the next model is never asked', async () => {
    const a = silent('no-response');
    const b = answering(['B']);
    const onSelected = vi.fn();
    const model = createFallbackModel(chain(['p:a', a], ['p:b', b]), { firstTokenTimeoutMs: 5000, onSelected });
    const caller = new AbortController();
    const reason = new DOMException('user pressed stop', 'AbortError');

    const pending = model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], abortSignal: caller.signal });
    setTimeout(() => caller.abort(reason), 20);

    await expect(pending).rejects.toBe(reason);
    expect(signalOf(a).aborted).toBe(true);
    expect(b.doStreamCalls).toHaveLength(0);
    expect(onSelected).not.toHaveBeenCalled();
  });

  it('a stop ends the wait for a first token at once, even when the model ignores its abort signal', async () => {
    const deaf = new MockLanguageModelV4({ doStream: () => new Promise(() => {}) });
    const model = createFallbackModel(chain(['p:deaf', deaf], ['p:b', answering(['B'])]), { firstTokenTimeoutMs: 30_000 });
    const caller = new AbortController();
    const pending = model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], abortSignal: caller.signal });
    const started = Date.now();
    setTimeout(() => caller.abort(new DOMException('stop', 'AbortError')), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not fall back when the caller aborts a streamText call while the first model is failing', async () => {
    const caller = new AbortController();
    const a = new MockLanguageModelV4({
      doStream: async () => {
        caller.abort();
        throw new DOMException('This operation was aborted', 'AbortError');
      },
    });
    const b = answering(['B']);
    const model = createFallbackModel(chain(['p:a', a], ['p:b', b]), { firstTokenTimeoutMs: 5000 });

    const { text, types } = await readAll(ask(model, caller.signal));

    expect(text).toBe('');
    expect(types).toContain('abort');
    expect(b.doStreamCalls).toHaveLength(0);
  });

  it('explains every skipped model when none of them can answer', async () => {
    const model = createFallbackModel(chain(['p:a', failing(http(401))], ['p:b', failing(http(503))]), { firstTokenTimeoutMs: 1000 });

    const error = await model.doStream({ prompt: [] }).then(
      () => undefined,
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(FlintError);
    expect((error as FlintError).code).toBe('model_unavailable');
    expect((error as FlintError).userMessage).toMatch(/^None of the configured models could answer/);
    expect((error as FlintError).userMessage).toContain('p:a: The model provider rejected the API key');
    expect((error as FlintError).userMessage).toContain('p:b: The model provider had an error (HTTP 503)');
  });

  it('with a single model, passes on what went wrong with it', async () => {
    const model = createFallbackModel(chain(['p:a', failing(http(404))]), { firstTokenTimeoutMs: 1000 });
    await expect(model.doStream({ prompt: [] })).rejects.toMatchObject({
      code: 'model_unavailable',
      userMessage: 'The model provider does not know this model. Pick another model from the menu.',
    });
  });

  it('refuses an empty chain with a configuration error', () => {
    expect(() => createFallbackModel([], { firstTokenTimeoutMs: 1000 })).toThrow(
      expect.objectContaining({ code: 'no_model' }),
    );
  });

  it('cancelling the answer cancels the selected model stream', async () => {
    let cancelled: unknown;
    const a = new MockLanguageModelV4({
      doStream: async () => ({
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            controller.enqueue({ type: 'text-start', id: 't' });
            controller.enqueue({ type: 'text-delta', id: 't', delta: 'Hi' });
          },
          cancel(reason) {
            cancelled = reason ?? 'cancelled';
          },
        }),
      }),
    });
    const model = createFallbackModel(chain(['p:a', a]), { firstTokenTimeoutMs: 1000 });
    const { stream } = await model.doStream({ prompt: [] });
    const reader = stream.getReader();
    expect((await reader.read()).value).toMatchObject({ type: 'text-start' });
    expect((await reader.read()).value).toMatchObject({ type: 'text-delta', delta: 'Hi' });
    await reader.cancel('gone');
    expect(cancelled).toBe('gone');
  });
});

describe('createFallbackModel: generate', () => {
  it('falls back when the first model fails, aborting its request, and reports the skipped one', async () => {
    const a = failing(http(502));
    const b = answering(['Generated by B']);
    const onSelected = vi.fn();
    const model = createFallbackModel(chain(['p:a', a], ['p:b', b]), { firstTokenTimeoutMs: 1000, onSelected });

    const { text } = await generateText({ model, prompt: 'hi', maxRetries: 0 });

    expect(text).toBe('Generated by B');
    expect(signalOf(a, 'generate').aborted).toBe(true);
    expect(onSelected).toHaveBeenCalledExactlyOnceWith('p:b', [{ model: 'p:a', reason: expect.stringContaining('HTTP 502') }]);
  });

  it('uses the first model when it answers', async () => {
    const a = answering(['A']);
    const b = answering(['B']);
    const onSelected = vi.fn();
    const model = createFallbackModel(chain(['p:a', a], ['p:b', b]), { firstTokenTimeoutMs: 1000, onSelected });

    const { text } = await generateText({ model, prompt: 'hi', maxRetries: 0 });

    expect(text).toBe('A');
    expect(b.doGenerateCalls).toHaveLength(0);
    expect(onSelected).toHaveBeenCalledExactlyOnceWith('p:a', []);
  });

  it('does not fall back when the caller aborted', async () => {
    const a = silent('no-response');
    const b = answering(['B']);
    const caller = new AbortController();
    const model = createFallbackModel(chain(['p:a', a], ['p:b', b]), { firstTokenTimeoutMs: 1000 });

    const pending = model.doGenerate({ prompt: [], abortSignal: caller.signal });
    setTimeout(() => caller.abort(new Error('stop')), 10);

    await expect(pending).rejects.toThrow('stop');
    expect(b.doGenerateCalls).toHaveLength(0);
  });

  it('throws a model_unavailable error naming each model when all fail', async () => {
    const model = createFallbackModel(chain(['p:a', failing(http(500))], ['p:b', failing(new Error('socket hang up'))]), {
      firstTokenTimeoutMs: 1000,
    });
    await expect(model.doGenerate({ prompt: [] })).rejects.toMatchObject({
      code: 'model_unavailable',
      userMessage: expect.stringMatching(/p:a: .*HTTP 500.*; p:b: The model stopped with an error/),
    });
  });
});
