// The shared core of the fake model providers: an HTTP server on 127.0.0.1 (a free port) that
// records every request and answers each chat call the way a script says, in one provider's wire
// format (its dialect). Plain node:http so vitest integration tests and Playwright specs share it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUsage {
  inputTokens: number;
  outputTokens: number;
  reasoningTokens?: number;
}

/** What the fake does with one chat request. Every field is optional; `{}` streams a short answer. */
export interface FakeReply {
  /** The answer (default: "Hello from the fake upstream."). */
  text?: string;
  /** Reasoning streamed before the answer, in the provider's reasoning format. */
  reasoning?: string;
  /** How many pieces the text (and, separately, the reasoning) is split into. Default 4. */
  chunks?: number;
  /** Token counts reported at the end; defaults: 10 input, one output token per word. */
  usage?: Partial<FakeUsage>;
  /** Wait after the response headers (and any preamble events) before the first token. */
  firstTokenDelayMs?: number;
  /** Wait between pieces. */
  chunkDelayMs?: number;
  /** Answer with this HTTP status and the provider's JSON error body instead. */
  status?: number;
  /** Message in the error body or error event. */
  errorMessage?: string;
  /** Accept the request and never send anything, until the client gives up. */
  hang?: boolean;
  /** Stream this text, then fail: with the provider's error event (`errorKind: 'event'`, the default) or by cutting the connection. */
  errorAfterText?: string;
  errorKind?: 'event' | 'cut';
  /**
   * Tool calls the model makes after its text, their JSON arguments streamed in `chunks` pieces; the
   * answer then ends as the provider ends a turn that wants tool results (dialects that support it).
   */
  toolCalls?: FakeToolCall[];
}

export interface FakeToolCall {
  name: string;
  input: unknown;
  /** Default `call_<n>`. */
  id?: string;
}

export type FakeScript = FakeReply | ((request: RecordedRequest) => FakeReply | Promise<FakeReply>);

export interface RecordedRequest {
  /** 1, 2, 3… in order of arrival. */
  seq: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The parsed JSON body (the raw text if it was not JSON; undefined if empty). */
  body: unknown;
  /** Model named by a chat request (from the body or, for Google, the URL). */
  model?: string;
  /** Whether a chat request asked for a streamed answer. */
  stream?: boolean;
  /**
   * `pending` while answering; `client-closed` if the client went away before the response finished
   * (an aborted upstream call); `server-cut` if the fake dropped the connection itself.
   */
  outcome: 'pending' | 'completed' | 'client-closed' | 'server-cut';
  /** When the request arrived (epoch ms with sub-millisecond precision, as the browser's `performance.timeOrigin + performance.now()`). */
  receivedAt: number;
  /** When the first streamed token was written, if one was. */
  firstTokenAt?: number;
}

/** One server-sent event; a string `data` is written as is (e.g. `[DONE]`), anything else as JSON. */
export interface SseFrame {
  event?: string;
  data: unknown;
}

export interface ChatCall {
  model: string;
  stream: boolean;
  request: RecordedRequest;
}

export interface ResolvedAnswer {
  text: string;
  reasoning: string;
  usage: FakeUsage;
  toolCalls: Array<Required<FakeToolCall>>;
}

/** Builds the events of one streamed answer; stateful (block indexes, accumulated text). */
export interface StreamEncoder {
  open(): SseFrame[];
  reasoning(delta: string): SseFrame[];
  text(delta: string): SseFrame[];
  /** A piece of a tool call's JSON arguments (`first`: the call starts here). Optional: not every fake speaks tools. */
  toolCall?(call: Required<FakeToolCall>, index: number, argumentsDelta: string, first: boolean): SseFrame[];
  close(): SseFrame[];
  error(message: string): SseFrame[];
}

/** How one provider's HTTP API looks on the wire. */
export interface Dialect {
  /** Path prefix a client's base URL ends with, e.g. `/v1`. */
  basePath: string;
  /** A chat call, another endpoint's JSON answer, or undefined for 404. */
  route(request: RecordedRequest): { chat: { model: string; stream: boolean } } | { json: unknown } | undefined;
  /** The key the client sent, to compare with `apiKey` when one is required. */
  apiKeyOf(request: RecordedRequest): string | undefined;
  errorBody(status: number, message: string): unknown;
  encoder(call: ChatCall, answer: ResolvedAnswer): StreamEncoder;
  complete(call: ChatCall, answer: ResolvedAnswer): unknown;
}

export interface FakeUpstreamOptions {
  /** Default reply for chat requests not served from the queue. */
  script?: FakeScript;
  /** When set, requests with another key get a 401 in the provider's format. */
  apiKey?: string;
}

export interface FakeUpstream {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `url` + the dialect's base path: what a provider SDK's baseURL should be. */
  baseURL: string;
  /** Every request so far, in order of arrival. */
  readonly requests: RecordedRequest[];
  /** Chat requests only. */
  readonly chatRequests: RecordedRequest[];
  /** Requests whose client closed the connection before the response finished (aborted upstream calls). */
  readonly clientClosed: RecordedRequest[];
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Replace the default reply. */
  setScript(script: FakeScript): void;
  /** Replies used, one per chat request, before falling back to the script. */
  enqueue(...replies: FakeReply[]): void;
  /** Forget recorded requests, queued replies and in-flight maxima (the script stays). */
  reset(): void;
  /** Polls until `predicate` holds; rejects after `timeoutMs`. */
  waitFor(predicate: (fake: FakeUpstream) => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_TEXT = 'Hello from the fake upstream.';

/** Splits text into at most `count` pieces of similar length (by code point). */
export function splitIntoChunks(text: string, count: number): string[] {
  const chars = Array.from(text);
  if (chars.length === 0) return [];
  const n = Math.max(1, Math.min(count, chars.length));
  const size = Math.ceil(chars.length / n);
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''));
  return pieces;
}

let toolCallCounter = 0;

function resolveAnswer(reply: FakeReply): ResolvedAnswer {
  const text = reply.errorAfterText ?? reply.text ?? (reply.toolCalls?.length ? '' : DEFAULT_TEXT);
  const reasoning = reply.reasoning ?? '';
  const words = `${reasoning} ${text}`.split(/\s+/).filter(Boolean).length;
  return {
    text,
    reasoning,
    usage: {
      inputTokens: reply.usage?.inputTokens ?? 10,
      outputTokens: reply.usage?.outputTokens ?? words,
      reasoningTokens: reply.usage?.reasoningTokens ?? (reasoning ? reasoning.split(/\s+/).filter(Boolean).length : undefined),
    },
    toolCalls: (reply.toolCalls ?? []).map((call) => ({ ...call, id: call.id ?? `call_${++toolCallCounter}` })),
  };
}

/** Epoch milliseconds to a fraction of one (Date.now() counts whole ones), on the clock a page's `performance.timeOrigin + performance.now()` reads. */
const preciseNow = () => performance.timeOrigin + performance.now();

function sleep(ms: number | undefined, signal: AbortSignal): Promise<void> {
  if (!ms || ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

function writeFrames(res: ServerResponse, frames: SseFrame[]) {
  for (const frame of frames) {
    const data = typeof frame.data === 'string' ? frame.data : JSON.stringify(frame.data);
    res.write(`${frame.event ? `event: ${frame.event}\n` : ''}data: ${data}\n\n`);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const raw = Buffer.concat(parts).toString('utf8');
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export async function startFakeUpstream(dialect: Dialect, options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  let script: FakeScript = options.script ?? {};
  let queue: FakeReply[] = [];
  let requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let closing = false;

  async function answerChat(call: ChatCall, reply: FakeReply, res: ServerResponse, gone: AbortSignal) {
    const record = call.request;
    if (reply.hang) {
      // Headers are never sent; the exchange ends when the client (or close()) drops the socket.
      await new Promise<void>((resolve) => (gone.aborted ? resolve() : gone.addEventListener('abort', () => resolve(), { once: true })));
      return;
    }
    if (reply.status && reply.status >= 400) {
      await sleep(reply.firstTokenDelayMs, gone);
      if (!gone.aborted) sendJson(res, reply.status, dialect.errorBody(reply.status, reply.errorMessage ?? `Fake upstream error (HTTP ${reply.status})`));
      return;
    }
    const answer = resolveAnswer(reply);
    const failure = reply.errorAfterText !== undefined ? (reply.errorKind ?? 'event') : undefined;
    // Ends the TCP connection after what was written so far, mid-response (a crash or a proxy cut).
    const cut = () => {
      record.outcome = 'server-cut';
      res.socket?.end();
    };
    if (!call.stream) {
      await sleep(reply.firstTokenDelayMs, gone);
      if (gone.aborted) return;
      if (failure === 'cut') return cut();
      if (failure === 'event') return sendJson(res, 500, dialect.errorBody(500, reply.errorMessage ?? 'Fake upstream failed mid-answer'));
      return sendJson(res, 200, dialect.complete(call, answer));
    }

    const encoder = dialect.encoder(call, answer);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    writeFrames(res, encoder.open());
    await sleep(reply.firstTokenDelayMs, gone);
    const pieces: Array<['reasoning' | 'text', string]> = [
      ...splitIntoChunks(answer.reasoning, reply.chunks ?? 4).map((p) => ['reasoning', p] as ['reasoning', string]),
      ...splitIntoChunks(answer.text, reply.chunks ?? 4).map((p) => ['text', p] as ['text', string]),
    ];
    for (const [index, [kind, piece]] of pieces.entries()) {
      if (gone.aborted) return;
      if (index > 0) await sleep(reply.chunkDelayMs, gone);
      if (gone.aborted) return;
      record.firstTokenAt ??= preciseNow();
      writeFrames(res, kind === 'reasoning' ? encoder.reasoning(piece) : encoder.text(piece));
    }
    for (const [index, call] of answer.toolCalls.entries()) {
      if (!encoder.toolCall) throw new Error('this fake provider does not stream tool calls');
      for (const [n, piece] of splitIntoChunks(JSON.stringify(call.input), reply.chunks ?? 4).entries()) {
        if (gone.aborted) return;
        await sleep(reply.chunkDelayMs, gone);
        writeFrames(res, encoder.toolCall(call, index, piece, n === 0));
      }
    }
    await sleep(reply.chunkDelayMs, gone);
    if (gone.aborted) return;
    if (failure === 'cut') return cut();
    writeFrames(res, failure === 'event' ? encoder.error(reply.errorMessage ?? 'Fake upstream failed mid-answer') : encoder.close());
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const gone = new AbortController();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const record: RecordedRequest = {
      seq: requests.length + 1,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: undefined,
      outcome: 'pending',
      receivedAt: preciseNow(),
    };
    requests.push(record);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('error', () => {});
    res.on('close', () => {
      inFlight -= 1;
      if (record.outcome === 'pending') record.outcome = res.writableFinished ? 'completed' : closing ? 'server-cut' : 'client-closed';
      gone.abort();
    });

    record.body = await readBody(req);
    if (options.apiKey !== undefined && dialect.apiKeyOf(record) !== options.apiKey) {
      return sendJson(res, 401, dialect.errorBody(401, 'Invalid API key (fake upstream).'));
    }
    const route = dialect.route(record);
    if (!route) return sendJson(res, 404, dialect.errorBody(404, `No route for ${record.method} ${record.path} (fake upstream).`));
    if ('json' in route) return sendJson(res, 200, route.json);

    record.model = route.chat.model;
    record.stream = route.chat.stream;
    const reply = queue.shift() ?? (typeof script === 'function' ? await script(record) : script);
    await answerChat({ ...route.chat, request: record }, reply, res, gone.signal);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, dialect.errorBody(500, `Fake upstream crashed: ${(error as Error).message}`));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeUpstream = {
    url,
    baseURL: url + dialect.basePath,
    get requests() {
      return requests;
    },
    get chatRequests() {
      return requests.filter((r) => r.stream !== undefined);
    },
    get clientClosed() {
      return requests.filter((r) => r.outcome === 'client-closed');
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    setScript(next) {
      script = next;
    },
    enqueue(...replies) {
      queue.push(...replies);
    },
    reset() {
      requests = [];
      queue = [];
      maxInFlight = inFlight;
    },
    async waitFor(predicate, timeoutMs = 3000, what = 'condition') {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(fake)) {
        if (Date.now() > deadline) throw new Error(`Fake upstream at ${url}: timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      closing = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
