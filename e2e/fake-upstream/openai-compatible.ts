// A fake OpenAI-compatible server (vLLM, llama.cpp, LM Studio…): POST /v1/chat/completions in the
// chat-completions wire format (streamed `chat.completion.chunk` events with delta.content and
// delta.reasoning_content, a usage-only chunk when stream_options.include_usage, `data: [DONE]`),
// GET /v1/models, and GET /api/tags so the same fake can stand in for Ollama.
import { startFakeUpstream, type Dialect, type FakeUpstream, type FakeUpstreamOptions, type FakeUsage, type SseFrame } from './server';

export interface FakeModel {
  id: string;
  /** Ollama model families; one matching clip/mllama/vision marks a vision model. */
  families?: string[];
}

export interface FakeOpenAICompatibleOptions extends FakeUpstreamOptions {
  /** Listed by GET /v1/models and GET /api/tags. */
  models?: Array<string | FakeModel>;
}

export interface FakeOpenAICompatible extends FakeUpstream {
  /** Variables that point Flint's openai-compatible provider at this fake. */
  env: Record<string, string>;
  /** Variables that point Flint's Ollama provider at this fake. */
  ollamaEnv: Record<string, string>;
}

let counter = 0;

function usageBody(usage: FakeUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    ...(usage.reasoningTokens !== undefined ? { completion_tokens_details: { reasoning_tokens: usage.reasoningTokens } } : {}),
  };
}

function errorType(status: number) {
  if (status === 401) return 'authentication_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

function dialect(models: FakeModel[]): Dialect {
  return {
    basePath: '/v1',
    route(request) {
      if (request.method === 'GET' && request.path === '/v1/models') {
        return { json: { object: 'list', data: models.map((m) => ({ id: m.id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) } };
      }
      if (request.method === 'GET' && request.path === '/api/tags') {
        return {
          json: { models: models.map((m) => ({ name: m.id, model: m.id, details: { format: 'gguf', families: m.families ?? ['llama'] } })) },
        };
      }
      if (request.method === 'POST' && request.path === '/v1/chat/completions') {
        const body = (request.body ?? {}) as { model?: unknown; stream?: unknown };
        return { chat: { model: String(body.model ?? ''), stream: body.stream === true } };
      }
      return undefined;
    },
    apiKeyOf: (request) => request.headers.authorization?.replace(/^Bearer\s+/i, ''),
    errorBody: (status, message) => ({ error: { message, type: errorType(status), param: null, code: null } }),
    encoder(call, answer) {
      const id = `chatcmpl-fake-${++counter}`;
      const created = Math.floor(Date.now() / 1000);
      const body = (call.request.body ?? {}) as { stream_options?: { include_usage?: boolean } };
      const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): SseFrame => ({
        data: { id, object: 'chat.completion.chunk', created, model: call.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] },
      });
      return {
        open: () => [chunk({ role: 'assistant', content: '' })],
        reasoning: (delta) => [chunk({ reasoning_content: delta })],
        text: (delta) => [chunk({ content: delta })],
        toolCall: (tool, index, argumentsDelta, first) => [
          chunk({
            tool_calls: [
              first
                ? { index, id: tool.id, type: 'function', function: { name: tool.name, arguments: argumentsDelta } }
                : { index, function: { arguments: argumentsDelta } },
            ],
          }),
        ],
        close: () => [
          chunk({}, answer.toolCalls.length ? 'tool_calls' : 'stop'),
          ...(body.stream_options?.include_usage
            ? [{ data: { id, object: 'chat.completion.chunk', created, model: call.model, choices: [], usage: usageBody(answer.usage) } }]
            : []),
          { data: '[DONE]' },
        ],
        // What vLLM and LiteLLM send when generation fails after the stream has started.
        error: (message) => [{ data: { error: { message, type: 'server_error', param: null, code: 500 } } }],
      };
    },
    complete: (call, answer) => ({
      id: `chatcmpl-fake-${++counter}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: call.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: answer.text, ...(answer.reasoning ? { reasoning_content: answer.reasoning } : {}) },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: usageBody(answer.usage),
    }),
  };
}

export async function startFakeOpenAICompatible(options: FakeOpenAICompatibleOptions = {}): Promise<FakeOpenAICompatible> {
  const models = (options.models ?? ['fake-model']).map((m) => (typeof m === 'string' ? { id: m } : m));
  const fake = await startFakeUpstream(dialect(models), options);
  return Object.assign(fake, {
    env: { OPENAI_COMPATIBLE_BASE_URL: fake.baseURL, ...(options.apiKey ? { OPENAI_COMPATIBLE_API_KEY: options.apiKey } : {}) },
    ollamaEnv: { OLLAMA_BASE_URL: fake.url },
  });
}
