// A fake Google Generative AI (Gemini) API: POST /v1beta/models/{model}:streamGenerateContent?alt=sse
// streamed as GenerateContentResponse chunks (thought parts marked `thought: true`, text parts, a
// final chunk with finishReason STOP and usageMetadata), :generateContent as one JSON response, and
// GET /v1beta/models.
import { startFakeUpstream, type Dialect, type FakeUpstream, type FakeUpstreamOptions, type FakeUsage, type SseFrame } from './server';

export interface FakeGoogleOptions extends FakeUpstreamOptions {
  /** Listed by GET /v1beta/models. */
  models?: string[];
}

export interface FakeGoogle extends FakeUpstream {
  /** Variables that point Flint's Google provider at this fake. */
  env: Record<string, string>;
}

let counter = 0;

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

function usageMetadata(usage: FakeUsage) {
  return {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: Math.max(0, usage.outputTokens - (usage.reasoningTokens ?? 0)),
    ...(usage.reasoningTokens !== undefined ? { thoughtsTokenCount: usage.reasoningTokens } : {}),
    totalTokenCount: usage.inputTokens + usage.outputTokens,
  };
}

const CHAT_PATH = /^\/v1beta\/models\/([^/:]+):(streamGenerateContent|generateContent)$/;

function dialect(models: string[]): Dialect {
  return {
    basePath: '/v1beta',
    route(request) {
      if (request.method === 'GET' && request.path === '/v1beta/models') {
        return {
          json: { models: models.map((id) => ({ name: `models/${id}`, displayName: id, supportedGenerationMethods: ['generateContent'] })) },
        };
      }
      const match = request.method === 'POST' ? CHAT_PATH.exec(request.path) : null;
      if (!match) return undefined;
      return { chat: { model: decodeURIComponent(match[1]!), stream: match[2] === 'streamGenerateContent' && request.query.alt === 'sse' } };
    },
    apiKeyOf: (request) => request.headers['x-goog-api-key'],
    errorBody: (status, message) => ({ error: { code: status, message, status: statusNames[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION') } }),
    encoder(call, answer) {
      const responseId = `fake-google-${++counter}`;
      const chunk = (candidate: Record<string, unknown>, extra: Record<string, unknown> = {}): SseFrame => ({
        data: { candidates: [{ index: 0, ...candidate }], modelVersion: call.model, responseId, ...extra },
      });
      return {
        open: () => [],
        reasoning: (delta) => [chunk({ content: { role: 'model', parts: [{ text: delta, thought: true }] } })],
        text: (delta) => [chunk({ content: { role: 'model', parts: [{ text: delta }] } })],
        close: () => [chunk({ content: { role: 'model', parts: [] }, finishReason: 'STOP' }, { usageMetadata: usageMetadata(answer.usage) })],
        error: (message) => [{ data: { error: { code: 500, message, status: 'INTERNAL' } } }],
      };
    },
    complete: (call, answer) => ({
      candidates: [
        {
          index: 0,
          content: {
            role: 'model',
            parts: [...(answer.reasoning ? [{ text: answer.reasoning, thought: true }] : []), { text: answer.text }],
          },
          finishReason: 'STOP',
        },
      ],
      usageMetadata: usageMetadata(answer.usage),
      modelVersion: call.model,
      responseId: `fake-google-${++counter}`,
    }),
  };
}

export async function startFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  const fake = await startFakeUpstream(dialect(options.models ?? ['gemini-flash-latest', 'gemini-pro-latest']), options);
  return Object.assign(fake, {
    env: { GOOGLE_GENERATIVE_AI_BASE_URL: fake.baseURL, GOOGLE_GENERATIVE_AI_API_KEY: options.apiKey ?? 'fake-google-key' },
  });
}
