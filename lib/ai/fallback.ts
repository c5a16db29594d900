// A LanguageModelV4 that tries a chain of models in order. A model that fails before its first
// token (an HTTP error, a refused connection, an error chunk, or no token within the timeout) is
// abandoned, its upstream request aborted, and the same request goes to the next model. Once a
// token has streamed, that model owns the answer: later errors surface to the caller as they are.
import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { describeProviderError, FlintError } from '@/lib/errors';

export interface ChainLink {
  /** `provider:model-id` */
  ref: string;
  model: LanguageModelV4;
}

export interface Skipped {
  model: string;
  reason: string;
}

export interface FallbackOptions {
  firstTokenTimeoutMs: number;
  /** Called once a model has produced its first token (or its whole answer, for generate calls). */
  onSelected?: (ref: string, skipped: Skipped[]) => void;
}

export class FirstTokenTimeoutError extends Error {
  constructor(ms: number) {
    super(`No first token within ${ms} ms (timeout)`);
    this.name = 'FirstTokenTimeoutError';
  }
}

const CONTENT_PARTS = new Set<LanguageModelV4StreamPart['type']>([
  'text-delta',
  'reasoning-delta',
  'tool-input-start',
  'tool-call',
  'tool-result',
  'file',
  'source',
  'finish',
]);

function exhausted(skipped: Skipped[], lastError: unknown): FlintError {
  const detail = skipped.map((s) => `${s.model}: ${s.reason}`).join('; ');
  const message =
    skipped.length > 1
      ? `None of the configured models could answer (${detail}). Try again in a moment, or pick another model.`
      : describeProviderError(lastError);
  return new FlintError('model_unavailable', message, { cause: lastError });
}

export function createFallbackModel(chain: ChainLink[], options: FallbackOptions): LanguageModelV4 {
  if (chain.length === 0) throw new FlintError('no_model', 'No model is configured for this task.');
  const first = chain[0]!.model;

  async function attemptStream(link: ChainLink, callOptions: LanguageModelV4CallOptions) {
    const attempt = new AbortController();
    const signals = [attempt.signal, callOptions.abortSignal].filter((s): s is AbortSignal => Boolean(s));
    const timer = setTimeout(() => attempt.abort(new FirstTokenTimeoutError(options.firstTokenTimeoutMs)), options.firstTokenTimeoutMs);
    // Waiting for the first token also ends when the caller stops, even if a model ignores its signal.
    const anySignal = AbortSignal.any(signals);
    try {
      const result = await raceAbort(link.model.doStream({ ...callOptions, abortSignal: anySignal }), anySignal);
      const reader = result.stream.getReader();
      const buffered: LanguageModelV4StreamPart[] = [];
      for (;;) {
        const next = await raceAbort(reader.read(), anySignal);
        if (next.done) break;
        if (next.value.type === 'error') throw next.value.error;
        buffered.push(next.value);
        if (CONTENT_PARTS.has(next.value.type)) break;
      }
      clearTimeout(timer);
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          for (const part of buffered) controller.enqueue(part);
        },
        async pull(controller) {
          try {
            const next = await reader.read();
            if (next.done) controller.close();
            else controller.enqueue(next.value);
          } catch (error) {
            controller.error(error);
          }
        },
        cancel(reason) {
          return reader.cancel(reason);
        },
      });
      return { ...result, stream };
    } catch (error) {
      clearTimeout(timer);
      const timedOut = attempt.signal.aborted && !callOptions.abortSignal?.aborted;
      // Close this model's upstream request before moving on.
      if (!attempt.signal.aborted) attempt.abort(error);
      throw timedOut ? new FirstTokenTimeoutError(options.firstTokenTimeoutMs) : error;
    }
  }

  return {
    specificationVersion: 'v4',
    provider: first.provider,
    modelId: first.modelId,
    supportedUrls: first.supportedUrls,

    async doStream(callOptions) {
      const skipped: Skipped[] = [];
      let lastError: unknown;
      for (const link of chain) {
        try {
          const result = await attemptStream(link, callOptions);
          options.onSelected?.(link.ref, skipped);
          return result;
        } catch (error) {
          if (callOptions.abortSignal?.aborted) throw error;
          lastError = error;
          skipped.push({ model: link.ref, reason: describeProviderError(error) });
        }
      }
      throw exhausted(skipped, lastError);
    },

    async doGenerate(callOptions) {
      const skipped: Skipped[] = [];
      let lastError: unknown;
      for (const link of chain) {
        const attempt = new AbortController();
        const signals = [attempt.signal, callOptions.abortSignal].filter((s): s is AbortSignal => Boolean(s));
        try {
          const result = await link.model.doGenerate({ ...callOptions, abortSignal: AbortSignal.any(signals) });
          options.onSelected?.(link.ref, skipped);
          return result;
        } catch (error) {
          attempt.abort(error);
          if (callOptions.abortSignal?.aborted) throw error;
          lastError = error;
          skipped.push({ model: link.ref, reason: describeProviderError(error) });
        }
      }
      throw exhausted(skipped, lastError);
    },
  };
}

/** Resolves or rejects with the promise, but rejects at once when the signal aborts. */
function raceAbort<T>(promise: PromiseLike<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // The losing promise may still reject later; that is expected, not an unhandled error.
    Promise.resolve(promise).then(undefined, () => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(promise).then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
