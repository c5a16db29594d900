// A fake Anthropic Messages API: POST /v1/messages, streamed as the real event sequence
// (message_start with input usage, content_block_start/delta/stop for `thinking` then `text` blocks,
// message_delta with output usage, message_stop) or as one JSON message; GET /v1/models.
import { startFakeUpstream, type Dialect, type FakeUpstream, type FakeUpstreamOptions, type SseFrame } from './server';

export interface FakeAnthropicOptions extends FakeUpstreamOptions {
  /** Listed by GET /v1/models. */
  models?: string[];
}

export interface FakeAnthropic extends FakeUpstream {
  /** Variables that point Flint's Anthropic provider at this fake. */
  env: Record<string, string>;
}

let counter = 0;

function errorType(status: number) {
  const types: Record<number, string> = {
    400: 'invalid_request_error',
    401: 'authentication_error',
    403: 'permission_error',
    404: 'not_found_error',
    429: 'rate_limit_error',
    529: 'overloaded_error',
  };
  return types[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

const event = (data: { type: string } & Record<string, unknown>): SseFrame => ({ event: data.type, data });

function dialect(models: string[]): Dialect {
  return {
    basePath: '/v1',
    route(request) {
      if (request.method === 'GET' && request.path === '/v1/models') {
        const data = models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }));
        return { json: { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null } };
      }
      if (request.method === 'POST' && request.path === '/v1/messages') {
        const body = (request.body ?? {}) as { model?: unknown; stream?: unknown };
        return { chat: { model: String(body.model ?? ''), stream: body.stream === true } };
      }
      return undefined;
    },
    apiKeyOf: (request) => request.headers['x-api-key'],
    errorBody: (status, message) => ({ type: 'error', error: { type: errorType(status), message } }),
    encoder(call, answer) {
      const id = `msg_fake_${++counter}`;
      let index = -1;
      let open: 'thinking' | 'text' | undefined;
      const stopBlock = (): SseFrame[] => {
        if (!open) return [];
        const frames = [
          ...(open === 'thinking' ? [event({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: `fake-signature-${id}` } })] : []),
          event({ type: 'content_block_stop', index }),
        ];
        open = undefined;
        return frames;
      };
      const startBlock = (kind: 'thinking' | 'text'): SseFrame[] => {
        if (open === kind) return [];
        const frames = stopBlock();
        index += 1;
        open = kind;
        const block = kind === 'thinking' ? { type: 'thinking', thinking: '', signature: '' } : { type: 'text', text: '' };
        return [...frames, event({ type: 'content_block_start', index, content_block: block })];
      };
      return {
        open: () => [
          event({
            type: 'message_start',
            message: {
              id,
              type: 'message',
              role: 'assistant',
              model: call.model,
              content: [],
              stop_reason: null,
              stop_sequence: null,
              usage: { input_tokens: answer.usage.inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
            },
          }),
          event({ type: 'ping' }),
        ],
        reasoning: (delta) => [...startBlock('thinking'), event({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: delta } })],
        text: (delta) => [...startBlock('text'), event({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: delta } })],
        close: () => [
          ...stopBlock(),
          event({
            type: 'message_delta',
            delta: { stop_reason: 'end_turn', stop_sequence: null },
            usage: {
              input_tokens: answer.usage.inputTokens,
              output_tokens: answer.usage.outputTokens,
              ...(answer.usage.reasoningTokens !== undefined ? { output_tokens_details: { thinking_tokens: answer.usage.reasoningTokens } } : {}),
            },
          }),
          event({ type: 'message_stop' }),
        ],
        error: (message) => [event({ type: 'error', error: { type: 'overloaded_error', message } })],
      };
    },
    complete: (call, answer) => ({
      id: `msg_fake_${++counter}`,
      type: 'message',
      role: 'assistant',
      model: call.model,
      content: [
        ...(answer.reasoning ? [{ type: 'thinking', thinking: answer.reasoning, signature: 'fake-signature' }] : []),
        { type: 'text', text: answer.text },
      ],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: answer.usage.inputTokens, output_tokens: answer.usage.outputTokens },
    }),
  };
}

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const fake = await startFakeUpstream(dialect(options.models ?? ['claude-sonnet-5-5', 'claude-haiku-5-5']), options);
  return Object.assign(fake, { env: { ANTHROPIC_BASE_URL: fake.baseURL, ANTHROPIC_API_KEY: options.apiKey ?? 'fake-anthropic-key' } });
}
