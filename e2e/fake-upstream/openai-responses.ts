// A fake OpenAI Responses API: POST /v1/responses, streamed as the real event sequence
// (response.created, response.in_progress, a `reasoning` output item with summary text deltas, a
// `message` output item with output_text deltas, response.completed carrying usage) or as one JSON
// response; GET /v1/models.
import { startFakeUpstream, type Dialect, type FakeUpstream, type FakeUpstreamOptions, type FakeUsage, type SseFrame } from './server';

export interface FakeOpenAIResponsesOptions extends FakeUpstreamOptions {
  /** Listed by GET /v1/models. */
  models?: string[];
}

export interface FakeOpenAIResponses extends FakeUpstream {
  /** Variables that point Flint's OpenAI provider at this fake. */
  env: Record<string, string>;
}

let counter = 0;

function usageBody(usage: FakeUsage) {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

function errorType(status: number) {
  if (status === 401) return 'invalid_api_key';
  if (status === 429) return 'rate_limit_exceeded';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

function dialect(models: string[]): Dialect {
  return {
    basePath: '/v1',
    route(request) {
      if (request.method === 'GET' && request.path === '/v1/models') {
        return { json: { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'openai' })) } };
      }
      if (request.method === 'POST' && request.path === '/v1/responses') {
        const body = (request.body ?? {}) as { model?: unknown; stream?: unknown };
        return { chat: { model: String(body.model ?? ''), stream: body.stream === true } };
      }
      return undefined;
    },
    apiKeyOf: (request) => request.headers.authorization?.replace(/^Bearer\s+/i, ''),
    errorBody: (status, message) => ({ error: { message, type: errorType(status), param: null, code: errorType(status) } }),
    encoder(call, answer) {
      const id = `resp_fake_${++counter}`;
      const createdAt = Math.floor(Date.now() / 1000);
      const response = (status: string, extra: Record<string, unknown> = {}) => ({
        id,
        object: 'response',
        created_at: createdAt,
        status,
        model: call.model,
        output: [],
        usage: null,
        ...extra,
      });
      let sequence = 0;
      const event = (type: string, payload: Record<string, unknown>): SseFrame => ({ event: type, data: { type, sequence_number: sequence++, ...payload } });
      const output: Array<Record<string, unknown>> = [];
      type OpenItem = { kind: 'reasoning' | 'text'; itemId: string; index: number; text: string };
      let open: OpenItem | undefined;

      const closeItem = (): SseFrame[] => {
        if (!open) return [];
        const { kind, itemId, index, text } = open;
        open = undefined;
        if (kind === 'reasoning') {
          const item = { id: itemId, type: 'reasoning', summary: [{ type: 'summary_text', text }] };
          output.push(item);
          return [
            event('response.reasoning_summary_text.done', { item_id: itemId, output_index: index, summary_index: 0, text }),
            event('response.reasoning_summary_part.done', { item_id: itemId, output_index: index, summary_index: 0, part: { type: 'summary_text', text } }),
            event('response.output_item.done', { output_index: index, item }),
          ];
        }
        const part = { type: 'output_text', text, annotations: [] };
        const item = { id: itemId, type: 'message', status: 'completed', role: 'assistant', content: [part] };
        output.push(item);
        return [
          event('response.output_text.done', { item_id: itemId, output_index: index, content_index: 0, text }),
          event('response.content_part.done', { item_id: itemId, output_index: index, content_index: 0, part }),
          event('response.output_item.done', { output_index: index, item }),
        ];
      };
      /** Makes `kind` the open output item, closing the previous one; returns it and the events that announce it. */
      const openItem = (kind: 'reasoning' | 'text'): [OpenItem, SseFrame[]] => {
        if (open?.kind === kind) return [open, []];
        const frames = closeItem();
        const index = output.length;
        const itemId = `${kind === 'reasoning' ? 'rs' : 'msg'}_fake_${counter}_${index}`;
        const item: OpenItem = { kind, itemId, index, text: '' };
        open = item;
        if (kind === 'reasoning') {
          return [
            item,
            [
              ...frames,
              event('response.output_item.added', { output_index: index, item: { id: itemId, type: 'reasoning', summary: [] } }),
              event('response.reasoning_summary_part.added', { item_id: itemId, output_index: index, summary_index: 0, part: { type: 'summary_text', text: '' } }),
            ],
          ];
        }
        return [
          item,
          [
            ...frames,
            event('response.output_item.added', { output_index: index, item: { id: itemId, type: 'message', status: 'in_progress', role: 'assistant', content: [] } }),
            event('response.content_part.added', { item_id: itemId, output_index: index, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }),
          ],
        ];
      };
      return {
        open: () => [event('response.created', { response: response('in_progress') }), event('response.in_progress', { response: response('in_progress') })],
        reasoning(delta) {
          const [item, frames] = openItem('reasoning');
          item.text += delta;
          return [...frames, event('response.reasoning_summary_text.delta', { item_id: item.itemId, output_index: item.index, summary_index: 0, delta })];
        },
        text(delta) {
          const [item, frames] = openItem('text');
          item.text += delta;
          return [...frames, event('response.output_text.delta', { item_id: item.itemId, output_index: item.index, content_index: 0, delta, logprobs: [] })];
        },
        close: () => [...closeItem(), event('response.completed', { response: response('completed', { output, usage: usageBody(answer.usage) }) })],
        error: (message) => [event('error', { code: 'server_error', message, param: null })],
      };
    },
    complete: (call, answer) => ({
      id: `resp_fake_${++counter}`,
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      status: 'completed',
      model: call.model,
      output: [
        ...(answer.reasoning ? [{ id: `rs_fake_${counter}`, type: 'reasoning', summary: [{ type: 'summary_text', text: answer.reasoning }] }] : []),
        {
          id: `msg_fake_${counter}`,
          type: 'message',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: answer.text, annotations: [] }],
        },
      ],
      usage: usageBody(answer.usage),
    }),
  };
}

export async function startFakeOpenAIResponses(options: FakeOpenAIResponsesOptions = {}): Promise<FakeOpenAIResponses> {
  const fake = await startFakeUpstream(dialect(options.models ?? ['gpt-5.4-mini', 'gpt-5.5']), options);
  return Object.assign(fake, { env: { OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: options.apiKey ?? 'fake-openai-key' } });
}
