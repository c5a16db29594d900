import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FlintUIMessage, MessageStatus } from '@/lib/types';
import { activeChatIds, activeRunForChat, getRun, startRun, stopRun, subscribe, type Chunk } from './registry';

const newId = () => `run-${randomBytes(5).toString('hex')}`;
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

interface PersistCall {
  text: string;
  status: MessageStatus;
  final: boolean;
}

function textOf(message: FlintUIMessage) {
  return message.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
}

/** A run whose producer the test drives by hand, recording every persist call. */
function manualRun(options: { persistEveryMs?: number } = {}) {
  const id = newId();
  const chatId = `chat-${id}`;
  const persisted: PersistCall[] = [];
  let write!: (chunk: Chunk) => void;
  let signal!: AbortSignal;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const run = startRun({
    id,
    chatId,
    userId: 'user-1',
    persistEveryMs: options.persistEveryMs ?? 60_000,
    produce: async (w, s) => {
      write = w;
      signal = s;
      await finished;
    },
    persist: async (message, status, final) => {
      persisted.push({ text: textOf(message), status, final });
    },
  });
  return {
    id,
    chatId,
    run,
    persisted,
    write: (chunk: Chunk) => write(chunk),
    get signal() {
      return signal;
    },
    finish,
  };
}

const opening: Chunk[] = [
  { type: 'start', messageId: 'm1' },
  { type: 'text-start', id: 't' },
];
const delta = (text: string): Chunk => ({ type: 'text-delta', id: 't', delta: text });
const closing: Chunk[] = [{ type: 'text-end', id: 't' }, { type: 'finish' }];

async function readAll(stream: ReadableStream<Chunk>) {
  const chunks: Chunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('run registry', () => {
  it('replays what was written and then follows live, for readers joining at different times', async () => {
    const r = manualRun();
    await tick();
    const early = readAll(subscribe(r.id)!);
    for (const chunk of opening) r.write(chunk);
    for (const word of ['One', ' two', ' three']) r.write(delta(word));
    await tick(5);

    const late = readAll(subscribe(r.id)!);
    for (const word of [' four', ' five']) {
      r.write(delta(word));
      await tick(2);
    }
    const latest = readAll(subscribe(r.id)!);
    for (const chunk of closing) r.write(chunk);
    r.finish();

    const expected = [...opening, ...['One', ' two', ' three', ' four', ' five'].map(delta), ...closing];
    expect(await early).toEqual(expected);
    expect(await late).toEqual(expected);
    expect(await latest).toEqual(expected);
    await r.run.done;
  });

  it('can resume from a chunk index, so a reader that already has part of the log does not get it twice', async () => {
    const r = manualRun();
    await tick();
    for (const chunk of [...opening, delta('a'), delta('b')]) r.write(chunk);
    const resumed = readAll(subscribe(r.id, 3)!);
    r.write(delta('c'));
    for (const chunk of closing) r.write(chunk);
    r.finish();
    expect(await resumed).toEqual([delta('b'), delta('c'), ...closing]);
  });

  it('keeps running when a reader goes away; other readers and the saved message get everything', async () => {
    const r = manualRun();
    await tick();
    const leaving = subscribe(r.id)!.getReader();
    const staying = readAll(subscribe(r.id)!);
    for (const chunk of opening) r.write(chunk);
    r.write(delta('Hello'));
    expect((await leaving.read()).value).toEqual(opening[0]);
    await leaving.cancel();

    r.write(delta(' world'));
    for (const chunk of closing) r.write(chunk);
    expect(r.signal.aborted).toBe(false);
    r.finish();
    await r.run.done;

    expect(await staying).toEqual([...opening, delta('Hello'), delta(' world'), ...closing]);
    expect(r.persisted.at(-1)).toEqual({ text: 'Hello world', status: 'done', final: true });
  });

  it('stopRun aborts the producer signal and the final saved status is stopped', async () => {
    const id = newId();
    const persisted: PersistCall[] = [];
    let producerSignal: AbortSignal | undefined;
    const run = startRun({
      id,
      chatId: `chat-${id}`,
      userId: 'user-1',
      persistEveryMs: 60_000,
      produce: async (write, signal) => {
        producerSignal = signal;
        write({ type: 'start', messageId: 'm' });
        write({ type: 'text-start', id: 't' });
        // Like a model stream: keeps writing until the signal aborts, then finishes without throwing.
        while (!signal.aborted) {
          write(delta('.'));
          await tick(5);
        }
        write({ type: 'text-end', id: 't' });
      },
      persist: async (message, status, final) => {
        persisted.push({ text: textOf(message), status, final });
      },
    });
    const reader = readAll(subscribe(id)!);
    await tick(30);

    expect(activeRunForChat(`chat-${id}`)?.id).toBe(id);
    expect(stopRun(id)).toBe(true);
    expect(producerSignal?.aborted).toBe(true);
    await run.done;

    const chunks = await reader;
    expect(chunks.at(-1)).toEqual({ type: 'text-end', id: 't' });
    const finals = persisted.filter((p) => p.final);
    expect(finals).toHaveLength(1);
    expect(finals[0]!.status).toBe('stopped');
    expect(finals[0]!.text).toMatch(/^\.+$/);
    // A finished run can no longer be stopped, found or joined.
    expect(stopRun(id)).toBe(false);
    expect(activeRunForChat(`chat-${id}`)).toBeUndefined();
    expect(subscribe(id)).toBeUndefined();
  });

  it('saves the final state before readers see the end, so a reload right after finds it', async () => {
    const run = manualRun();
    const reader = readAll(subscribe(run.id)!);
    for (const chunk of [...opening, delta('all of it'), ...closing]) run.write(chunk);
    run.finish();
    await reader;
    expect(run.persisted.at(-1)).toEqual({ text: 'all of it', status: 'done', final: true });
  });

  it('stopRun on an unknown run does nothing', () => {
    expect(stopRun('no-such-run')).toBe(false);
    expect(getRun('no-such-run')).toBeUndefined();
  });

  it('saves the message while it streams, at most once per interval, and exactly once more at the end', async () => {
    const id = newId();
    const persisted: Array<PersistCall & { at: number }> = [];
    const started = Date.now();
    const run = startRun({
      id,
      chatId: `chat-${id}`,
      userId: 'user-1',
      persistEveryMs: 40,
      produce: async (write) => {
        write({ type: 'start', messageId: 'm' });
        write({ type: 'text-start', id: 't' });
        for (let i = 0; i < 30; i++) {
          write(delta(`${i} `));
          await tick(5);
        }
        write({ type: 'text-end', id: 't' });
        write({ type: 'finish' });
      },
      persist: async (message, status, final) => {
        persisted.push({ text: textOf(message), status, final, at: Date.now() - started });
      },
    });
    await run.done;

    const full = Array.from({ length: 30 }, (_, i) => `${i} `).join('');
    const streaming = persisted.filter((p) => !p.final);
    const finals = persisted.filter((p) => p.final);
    expect(finals).toEqual([expect.objectContaining({ final: true, status: 'done', text: full })]);
    const elapsed = finals[0]!.at;
    // Saved while streaming (the first save holds only part of the answer)…
    expect(streaming.length).toBeGreaterThanOrEqual(2);
    expect(streaming[0]!.text.length).toBeLessThan(full.length);
    for (const save of streaming) expect(save.status).toBe('streaming');
    // …but at most once per 40 ms, not once per chunk.
    expect(streaming.length).toBeLessThanOrEqual(Math.floor(elapsed / 40) + 1);
    expect(streaming.length).toBeLessThan(30);
    for (let i = 1; i < streaming.length; i++) expect(streaming[i]!.at - streaming[i - 1]!.at).toBeGreaterThanOrEqual(30);
    expect(persisted.at(-1)!.final).toBe(true);
    // Saves arrive in order: the text only ever grows.
    for (let i = 1; i < persisted.length; i++) expect(persisted[i]!.text.startsWith(persisted[i - 1]!.text)).toBe(true);
  });

  it('keeps the status the producer reported in its finish chunk', async () => {
    const id = newId();
    const persist = vi.fn(async (_message: FlintUIMessage, _status: MessageStatus, _final: boolean) => {});
    const run = startRun({
      id,
      chatId: `chat-${id}`,
      userId: 'user-1',
      produce: async (write) => {
        write({ type: 'start', messageId: 'm' });
        write({ type: 'finish', messageMetadata: { status: 'error', error: 'HTTP 500' } });
      },
      persist,
    });
    await run.done;
    expect(persist.mock.calls.filter((call) => call[2] === true)).toHaveLength(1);
    expect(persist).toHaveBeenLastCalledWith(expect.objectContaining({ metadata: { status: 'error', error: 'HTTP 500' } }), 'error', true);
  });

  it('turns a producer that throws into an error answer that readers see and that is saved', async () => {
    const id = newId();
    const persisted: Array<{ status: MessageStatus; final: boolean; error?: string }> = [];
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const run = startRun({
      id,
      chatId: `chat-${id}`,
      userId: 'user-1',
      produce: async (write) => {
        write({ type: 'start', messageId: 'm' });
        await tick(5);
        throw new Error('kaboom');
      },
      persist: async (message, status, final) => {
        persisted.push({ status, final, error: message.metadata?.error });
      },
    });
    const chunks = await readAll(subscribe(id)!);
    await run.done;

    expect(chunks.at(-1)).toMatchObject({ type: 'finish', messageMetadata: { status: 'error' } });
    expect(persisted.at(-1)).toEqual({ status: 'error', final: true, error: expect.stringMatching(/went wrong/) });
    // The internal error text is not shown to the user.
    expect(JSON.stringify(chunks)).not.toContain('kaboom');
  });

  it('ignores chunks written after the run finished', async () => {
    const r = manualRun();
    await tick();
    for (const chunk of [...opening, delta('done'), ...closing]) r.write(chunk);
    r.finish();
    await r.run.done;
    expect(r.run.finished).toBe(true);
    r.run.write(delta(' and more'));
    expect(r.persisted.filter((p) => p.final)).toEqual([{ text: 'done', status: 'done', final: true }]);
  });

  it('refuses a second run with the same id and tracks which chats are busy', async () => {
    const r = manualRun();
    expect(() => startRun({ id: r.id, chatId: 'x', userId: 'user-1', produce: async () => {}, persist: async () => {} })).toThrow(/already exists/);
    expect(activeChatIds().has(r.chatId)).toBe(true);
    r.finish();
    await r.run.done;
    expect(activeChatIds().has(r.chatId)).toBe(false);
  });
});
