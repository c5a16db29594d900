// The generation registry. A run is a server-side job that writes UI message chunks to a log; any
// number of readers (the browser that started it, a reload, a second tab) replay that log and then
// follow it live, and a reader going away never stops the job. Stop aborts the job's signal, which
// aborts the upstream model request. The accumulated message is persisted while it streams and
// once more when the run ends.
import 'server-only';
import { readUIMessageStream, type UIMessageChunk } from 'ai';
import type { FlintDataTypes, FlintUIMessage, MessageMetadata, MessageStatus } from '@/lib/types';
import type { RunJournal } from './journal';

export type Chunk = UIMessageChunk<MessageMetadata, FlintDataTypes>;

export interface RunSpec {
  id: string;
  chatId: string;
  /** Whose answer this is; only they may read or stop it. */
  userId: string;
  /** Produces the answer; must finish (not throw) when `signal` aborts. */
  produce(write: (chunk: Chunk) => void, signal: AbortSignal): Promise<unknown>;
  /** Saves the message as it stands; `final` once, after the last chunk. */
  persist(message: FlintUIMessage, status: MessageStatus, final: boolean): Promise<void>;
  persistEveryMs?: number;
  /** The run's database side (journal.ts): the shared chunk log, heartbeat and the run's row. */
  journal?: RunJournal;
}

export interface Run {
  id: string;
  chatId: string;
  userId: string;
  startedAt: number;
  /** Appends a chunk (ignored once the run has finished). */
  write(chunk: Chunk): void;
  /** Resolves when the final state is persisted. */
  done: Promise<void>;
  readonly finished: boolean;
}

interface RunState extends Run {
  controller: AbortController;
  log: Chunk[];
  wake: Set<() => void>;
  finished: boolean;
}

const registryKey = Symbol.for('flint.runs');
type GlobalWithRuns = typeof globalThis & { [registryKey]?: Map<string, RunState> };

function runs(): Map<string, RunState> {
  const g = globalThis as GlobalWithRuns;
  return (g[registryKey] ??= new Map());
}

export function startRun(spec: RunSpec): Run {
  if (runs().has(spec.id)) throw new Error(`run ${spec.id} already exists`);
  const controller = new AbortController();
  const accumulator = new TransformStream<Chunk, Chunk>();
  const accWriter = accumulator.writable.getWriter();

  const state: RunState = {
    id: spec.id,
    chatId: spec.chatId,
    userId: spec.userId,
    startedAt: Date.now(),
    controller,
    log: [],
    wake: new Set(),
    finished: false,
    done: Promise.resolve(),
    write(chunk) {
      if (state.finished) return;
      state.log.push(chunk);
      spec.journal?.append(chunk);
      void accWriter.write(chunk).catch(() => {});
      for (const wake of state.wake) wake();
      state.wake.clear();
    },
  };
  runs().set(spec.id, state);

  const persistEvery = spec.persistEveryMs ?? 750;
  let latest: FlintUIMessage | undefined;
  let lastSaved = 0;
  let saving: Promise<void> = Promise.resolve();
  const save = (status: MessageStatus, final: boolean) => {
    const message = latest;
    if (!message) return saving;
    lastSaved = Date.now();
    saving = saving.then(() => spec.persist(message, status, final)).catch((error) => console.error('[flint] could not save message', error));
    return saving;
  };

  const accumulate = (async () => {
    const messages = readUIMessageStream<FlintUIMessage>({
      stream: accumulator.readable as ReadableStream<UIMessageChunk>,
      onError: (error) => console.error('[flint] bad chunk in run', spec.id, error),
    });
    for await (const message of messages) {
      latest = message;
      if (Date.now() - lastSaved >= persistEvery) void save('streaming', false);
    }
  })();

  state.done = (async () => {
    try {
      await spec.produce(state.write, controller.signal);
    } catch (error) {
      console.error('[flint] run failed', spec.id, error);
      state.write({
        type: 'finish',
        messageMetadata: { status: 'error', error: 'Something went wrong while writing this answer. Try again.' },
      });
    }
    await accWriter.close().catch(() => {});
    await accumulate.catch(() => {});
    const status = latest?.metadata?.status;
    const finalStatus = status && status !== 'streaming' ? status : controller.signal.aborted ? 'stopped' : 'done';
    // Save before readers see the end, so a reload right after the stream closes finds the final state.
    await save(finalStatus, true);
    await spec.journal?.close(finalStatus).catch((error) => console.error('[flint] could not end the run', spec.id, error));
    state.finished = true;
    for (const wake of state.wake) wake();
    state.wake.clear();
    runs().delete(spec.id);
  })();
  return state;
}

/** A reader of the run: everything written so far, then live chunks until the run ends. */
export function subscribe(id: string, fromIndex = 0): ReadableStream<Chunk> | undefined {
  const state = runs().get(id);
  if (!state) return undefined;
  let index = fromIndex;
  let wake: (() => void) | undefined;
  return new ReadableStream<Chunk>({
    async pull(controller) {
      for (;;) {
        if (index < state.log.length) {
          while (index < state.log.length) controller.enqueue(state.log[index++]!);
          return;
        }
        if (state.finished) {
          controller.close();
          return;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          state.wake.add(resolve);
        });
      }
    },
    cancel() {
      // The reader left (tab closed, navigation); the run carries on.
      if (wake) state.wake.delete(wake);
    },
  });
}

export function stopRun(id: string): boolean {
  const state = runs().get(id);
  if (!state || state.finished) return false;
  state.controller.abort();
  return true;
}

export function getRun(id: string): Run | undefined {
  return runs().get(id);
}

export function activeRunForChat(chatId: string): Run | undefined {
  for (const state of runs().values()) if (state.chatId === chatId && !state.finished) return state;
  return undefined;
}

/** Chats with a run of this process still being written; only the given user's when one is given. */
export function activeChatIds(userId?: string): Set<string> {
  return new Set([...runs().values()].filter((r) => !r.finished && (userId === undefined || r.userId === userId)).map((r) => r.chatId));
}
