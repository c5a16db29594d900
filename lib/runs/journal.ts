// The database side of a run, kept by the instance writing it: the Run row (created before the
// answer starts, ended after its final save), and on PostgreSQL, where several instances may share
// the database, the chunk log in ~200 ms batches, a heartbeat every 2 s, and a check for a stop
// asked for by another instance. With PGlite one process owns the database, so the run's chunk log
// stays in memory (registry.ts) and the message itself is the checkpoint (saved every 0.75 s).
import 'server-only';
import { databaseKind } from '@/lib/db/client';
import { appendRunEvent, createRunRecord, endRunRecord, heartbeatRun, isStopRequested, RUN_HEARTBEAT_MS } from '@/lib/db/runs';
import type { MessageStatus } from '@/lib/types';
import type { Chunk } from './registry';

/** How often a run's new chunks are appended to the shared log. */
export const RUN_FLUSH_MS = 200;

const instanceKey = Symbol.for('flint.instanceId');
type GlobalWithInstance = typeof globalThis & { [instanceKey]?: string };

/** This server process, as named in the Run rows it writes. */
export function instanceId(): string {
  const g = globalThis as GlobalWithInstance;
  return (g[instanceKey] ??= crypto.randomUUID());
}

export interface RunJournal {
  append(chunk: Chunk): void;
  /** After the final save: writes what is left and ends the run's row. */
  close(status: MessageStatus): Promise<void>;
}

export interface JournalOptions {
  id: string;
  chatId: string;
  userId: string;
  /** Called when another instance asked for this run to stop. */
  onStopRequested(): void;
}

/** Whether runs are shared between instances (PostgreSQL) rather than owned by one process. */
export async function runsAreShared(): Promise<boolean> {
  return (await databaseKind()) === 'postgres';
}

/** Creates the Run row (before the answer's message exists) and returns the run's journal. */
export async function openJournal(options: JournalOptions): Promise<RunJournal> {
  await createRunRecord({ id: options.id, chatId: options.chatId, userId: options.userId, instanceId: instanceId() });
  if (!(await runsAreShared())) return { append: () => {}, close: (status) => endRunRecord(options.id, status) };
  return new SharedJournal(options);
}

class SharedJournal implements RunJournal {
  private pending: Chunk[] = [];
  private seq = 0;
  private lastBeat = Date.now();
  /** The tick being written; a tick that comes while one is written is skipped, never queued. */
  private queue: Promise<void> = Promise.resolve();
  private ticking = false;
  private readonly timer: NodeJS.Timeout;
  private stopSeen = false;

  constructor(private readonly options: JournalOptions) {
    this.timer = setInterval(() => this.tick(), RUN_FLUSH_MS);
    this.timer.unref();
  }

  append(chunk: Chunk) {
    this.pending.push(chunk);
  }

  private flush() {
    if (this.pending.length === 0) return Promise.resolve();
    const chunks = this.pending;
    this.pending = [];
    return appendRunEvent(this.options.id, this.seq++, chunks);
  }

  private tick() {
    // With a slow database, queued ticks would pile up behind each other and delay the heartbeat
    // until other instances took the run for a dead one. The next tick picks up what waits.
    if (this.ticking) return;
    this.ticking = true;
    this.queue = this.queue
      .then(async () => {
        await this.flush();
        let stop: boolean;
        if (Date.now() - this.lastBeat >= RUN_HEARTBEAT_MS) {
          this.lastBeat = Date.now();
          stop = (await heartbeatRun(this.options.id)).stopRequested;
        } else {
          stop = await isStopRequested(this.options.id);
        }
        if (stop && !this.stopSeen) {
          this.stopSeen = true;
          this.options.onStopRequested();
        }
      })
      .catch((error) => console.error('[flint] could not write the run log of', this.options.id, error))
      .finally(() => {
        this.ticking = false;
      });
  }

  async close(status: MessageStatus) {
    clearInterval(this.timer);
    await this.queue;
    await this.flush().catch((error) => console.error('[flint] could not write the end of the run log of', this.options.id, error));
    await endRunRecord(this.options.id, status);
  }
}

/**
 * A journal whose Run row is still being written: chunks wait, in order, until it is open. If it
 * cannot be opened, they are dropped (the answer is stopped by its caller).
 */
export function deferredJournal(opening: Promise<RunJournal>): RunJournal {
  let journal: RunJournal | undefined;
  const waiting: Chunk[] = [];
  const ready = opening.then(
    (opened) => {
      journal = opened;
      for (const chunk of waiting.splice(0)) opened.append(chunk);
      return opened;
    },
    () => undefined,
  );
  return {
    append(chunk) {
      if (journal) journal.append(chunk);
      else waiting.push(chunk);
    },
    async close(status) {
      await (await ready)?.close(status);
    },
  };
}
