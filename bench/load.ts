// `npm run bench:load`: 200 chats answered at the same time by one production server (the last
// `next build`, on its default embedded PGlite), driven over HTTP exactly as a browser drives it:
// each simulated visitor starts a guest session, opens `/` for a new chat's id and token, and posts
// its message to the chat's send route, reading the streamed answer. A fake OpenAI-compatible upstream
// answers every chat with 300 tokens at 50 tokens/s. Reported: errors (a failed request, an answer
// that did not end as done or lost tokens), whether every answer was saved (each chat's page is
// read back afterwards), the server's resident memory and CPU (its whole process tree, from
// /proc), and the gaps between tokens as the clients received them. Writes bench/results-load.json.
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { startFakeOpenAICompatible } from '../e2e/fake-upstream/openai-compatible';
import { startFlint } from '../e2e/support/flint-server';
import { percentile, round } from './lib/stats';
import { runInfo } from './lib/run-info';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHATS = Number(process.env.BENCH_CHATS ?? 200);
const TOKENS = 300;
const TOKENS_PER_SECOND = 50;
const LAST_WORD = 'omega';
const ANSWER = [...Array.from({ length: TOKENS - 1 }, (_, i) => `w${i}`), LAST_WORD].join(' ');

// ── The server's process tree, from /proc ───────────────────────────────────────────────────────
const TICKS = 100; // USER_HZ on Linux

function children(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) out.push(Number(entry), ...children(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function usage(pid: number): { rssBytes: number; cpuSeconds: number } {
  let rssBytes = 0;
  let cpuSeconds = 0;
  for (const p of [pid, ...children(pid)]) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      rssBytes += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpuSeconds += (Number(fields[11]) + Number(fields[12])) / TICKS;
    } catch {
      // gone meanwhile
    }
  }
  return { rssBytes, cpuSeconds };
}

// ── One visitor ─────────────────────────────────────────────────────────────────────────────────
interface Visitor {
  cookie: string;
  chatId: string;
  token: string;
}

interface Outcome {
  ok: boolean;
  error?: string;
  tokens: number;
  status?: string;
  firstTokenMs?: number;
  gaps: number[];
}

function cookiesOf(response: Response): string {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function newVisitor(url: string): Promise<Visitor> {
  const signIn = await fetch(`${url}/api/auth/sign-in/anonymous`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: '{}' });
  if (!signIn.ok) throw new Error(`guest sign-in failed: HTTP ${signIn.status}`);
  const cookie = cookiesOf(signIn);
  const page = await (await fetch(`${url}/`, { headers: { cookie } })).text();
  const chatId = /data-chat-id="([^"]+)"/.exec(page)?.[1];
  const token = /newChatToken\\?":\\?"([^"\\]+)/.exec(page)?.[1];
  if (!chatId || !token) throw new Error('the new-chat page had no chat id or token');
  return { cookie, chatId, token };
}

async function converse(url: string, visitor: Visitor, index: number): Promise<Outcome> {
  const started = performance.now();
  const gaps: number[] = [];
  let last: number | undefined;
  let firstTokenMs: number | undefined;
  const body = JSON.stringify({ trigger: 'submit-message', mode: 'instant', newChatToken: visitor.token, message: { id: `load-${index}-${Date.now()}`, text: `Load test question number ${index}.`, attachments: [] } });
  const response = await fetch(`${url}/api/chats/${visitor.chatId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, cookie: visitor.cookie },
    body,
  });
  if (!response.ok || !response.body) {
    const refusal = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    return { ok: false, error: refusal?.error?.message ?? `HTTP ${response.status}`, tokens: 0, gaps };
  }
  // The answer is the AI SDK's UI message stream: one server-sent event per chunk.
  const deltas: string[] = [];
  let status: string | undefined;
  let error: string | undefined;
  const events = response.body.pipeThrough(new TextDecoderStream() as ReadableWritablePair<string, Uint8Array>).pipeThrough(new EventSourceParserStream());
  for await (const { data } of events) {
    if (data === '[DONE]') continue;
    const now = performance.now();
    const chunk = JSON.parse(data) as { type: string; delta?: string; errorText?: string; messageMetadata?: { status?: string } };
    if (chunk.type === 'text-delta') {
      // Tokens that arrived in one network read are parsed in the same moment: gaps of 0.
      if (last !== undefined) gaps.push(now - last);
      else firstTokenMs = now - started;
      last = now;
      deltas.push(chunk.delta ?? '');
    } else if (chunk.type === 'error') error = chunk.errorText;
    if (chunk.messageMetadata?.status) status = chunk.messageMetadata.status;
  }
  const tokens = deltas.length;
  // Every word the upstream sent, in order: the answer put together from its deltas.
  const complete = deltas.join('') === ANSWER;
  if (error) return { ok: false, error, tokens, status, firstTokenMs, gaps };
  return { ok: complete && status === 'done', error: complete ? (status === 'done' ? undefined : `ended as ${status}`) : 'the answer arrived incomplete', tokens, status, firstTokenMs, gaps };
}

/** Reads the chat back the way a browser opens it: its page must show the whole, finished answer. */
async function saved(url: string, visitor: Visitor): Promise<boolean> {
  const page = await (await fetch(`${url}/c/${visitor.chatId}`, { headers: { cookie: visitor.cookie } })).text();
  return page.includes(`${LAST_WORD}`) && /data-testid="message-assistant" data-status="done"/.test(page);
}

// ── Run ─────────────────────────────────────────────────────────────────────────────────────────
const upstream = await startFakeOpenAICompatible({ models: ['load-model', 'title-model'] });
upstream.setScript((request) =>
  request.model === 'title-model' ? { text: 'Load test chat' } : { text: ANSWER, chunks: TOKENS, chunkDelayMs: 1000 / TOKENS_PER_SECOND, firstTokenDelayMs: 100 },
);
const flint = await startFlint({
  env: {
    ...upstream.env,
    OPENAI_COMPATIBLE_MODELS: 'load-model,title-model',
    FLINT_INSTANT_MODEL: 'openai-compatible:load-model',
    FLINT_TITLE_MODEL: 'openai-compatible:title-model',
    FLINT_GUEST_MESSAGES_PER_DAY: '100000',
  },
});

let result: Record<string, unknown>;
try {
  console.log(`Preparing ${CHATS} guests with a new chat each…`);
  const visitors: Visitor[] = [];
  for (let i = 0; i < CHATS; i += 20) visitors.push(...(await Promise.all(Array.from({ length: Math.min(20, CHATS - i) }, () => newVisitor(flint.url)))));

  const before = usage(flint.pid);
  let peakRss = before.rssBytes;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, usage(flint.pid).rssBytes)), 250);
  const started = performance.now();
  console.log(`Sending ${CHATS} messages at once (${TOKENS} tokens each at ${TOKENS_PER_SECOND} tokens/s)…`);
  const outcomes = await Promise.all(visitors.map((v, i) => converse(flint.url, v, i).catch((error: Error) => ({ ok: false, error: error.message, tokens: 0, gaps: [] }) as Outcome)));
  const wallSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const after = usage(flint.pid);
  // The last save happens before the stream ends; a moment for the title writes, then read back.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const persisted: boolean[] = [];
  for (let i = 0; i < visitors.length; i += 20) persisted.push(...(await Promise.all(visitors.slice(i, i + 20).map((v) => saved(flint.url, v).catch(() => false)))));

  const errors = outcomes.filter((o) => !o.ok);
  const gaps = outcomes.flatMap((o) => o.gaps);
  result = {
    ...runInfo(),
    chats: CHATS,
    tokensPerAnswer: TOKENS,
    upstreamTokensPerSecond: TOKENS_PER_SECOND,
    errors: errors.length,
    errorSamples: [...new Set(errors.map((e) => e.error))].slice(0, 5),
    tokensReceived: outcomes.reduce((sum, o) => sum + o.tokens, 0),
    persisted: persisted.filter(Boolean).length,
    wallSeconds: round(wallSeconds),
    idealSeconds: round(0.1 + TOKENS / TOKENS_PER_SECOND),
    firstTokenMsP50: round(percentile(outcomes.flatMap((o) => (o.firstTokenMs === undefined ? [] : [o.firstTokenMs])), 50)),
    firstTokenMsP95: round(percentile(outcomes.flatMap((o) => (o.firstTokenMs === undefined ? [] : [o.firstTokenMs])), 95)),
    tokenGapMsP50: round(percentile(gaps, 50)),
    tokenGapMsP95: round(percentile(gaps, 95)),
    tokenGapMsP99: round(percentile(gaps, 99)),
    tokenGapMsMax: round(Math.max(...gaps)),
    serverRssMiBBefore: round(before.rssBytes / 2 ** 20),
    serverRssMiBPeak: round(peakRss / 2 ** 20),
    serverCpuSeconds: round(after.cpuSeconds - before.cpuSeconds),
    serverCpuCoresAverage: round((after.cpuSeconds - before.cpuSeconds) / wallSeconds, 2),
  };
} finally {
  await flint.stop();
  await upstream.close();
}

console.log(`\n${CHATS} concurrent chats, ${TOKENS} tokens each at ${TOKENS_PER_SECOND} tokens/s\n`);
console.table(result);
await writeFile(path.join(root, 'bench', 'results-load.json'), `${JSON.stringify(result, null, 2)}\n`);
