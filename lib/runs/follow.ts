// Following a run that another server instance is writing (PostgreSQL only): replay its chunk log
// from the start, then poll for new batches every POLL_MS until the run's last chunk. If the
// writing instance dies (its heartbeat goes stale), the reader ends the message as interrupted,
// which is what every instance will show after the sweep.
import 'server-only';
import { getRunRecord, RUN_STALE_MS, runEventsFrom } from '@/lib/db/runs';
import type { Chunk } from './registry';

/** How often a reader on another instance looks for new chunks. */
export const FOLLOW_POLL_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function followRun(runId: string): ReadableStream<Chunk> {
  let seq = 0;
  let cancelled = false;
  let ended = false;
  return new ReadableStream<Chunk>({
    async pull(controller) {
      while (!cancelled) {
        const batches = await runEventsFrom(runId, seq);
        if (batches.length) {
          for (const batch of batches) {
            for (const chunk of batch.chunks) {
              controller.enqueue(chunk);
              if (chunk.type === 'finish') ended = true;
            }
            seq = batch.seq + 1;
          }
          if (ended) controller.close();
          return;
        }
        const run = await getRunRecord(runId);
        if (!run || run.status !== 'running') {
          // Ended while we looked: its last batch was written before the row was ended.
          const rest = await runEventsFrom(runId, seq);
          if (rest.length) continue;
          controller.close();
          return;
        }
        if (Date.now() - run.heartbeatAt.getTime() > RUN_STALE_MS) {
          controller.enqueue({ type: 'finish', messageMetadata: { status: 'interrupted' } });
          controller.close();
          return;
        }
        await sleep(FOLLOW_POLL_MS);
      }
    },
    cancel() {
      cancelled = true;
    },
  });
}
