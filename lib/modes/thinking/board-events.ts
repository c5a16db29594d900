// How a Thinking run tells the browser about its board: UI message chunks written into the run.
// `data-run`, `data-plan` and `data-agent` parts are replaced in place when written again with the
// same id. Agent text goes out twice, cheaply: every piece as a transient `data-agent-delta` (the
// browser appends it), and the whole text in a `data-agent` snapshot at most every
// `snapshotEveryMs` and on every status change, which is what gets saved and what a late reader
// starts from. Sending the whole text on every token would cost O(n²).
import 'server-only';
import type { UIMessageChunk } from 'ai';
import type { AgentData, FlintDataTypes, MessageMetadata, ThinkingPlanData, ThinkingRunData } from '@/lib/types';

export type BoardChunk = UIMessageChunk<MessageMetadata, FlintDataTypes>;
export type BoardWrite = (chunk: BoardChunk) => void;

export const RUN_PART_ID = 'run';
export const PLAN_PART_ID = 'plan';

/** Anything that can describe itself as an agent card. */
export interface AgentSource {
  readonly id: string;
  snapshot(): AgentData;
}

export class BoardWriter {
  private readonly dirty = new Map<string, AgentSource>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly write: BoardWrite,
    private readonly messageId: string,
    snapshotEveryMs = 500,
  ) {
    this.timer = setInterval(() => this.flush(), snapshotEveryMs);
    this.timer.unref?.();
  }

  run(data: ThinkingRunData) {
    this.write({ type: 'data-run', id: RUN_PART_ID, data: { ...data, elapsedMs: data.durationMs ?? Date.now() - data.startedAt } });
  }

  plan(data: ThinkingPlanData) {
    this.write({ type: 'data-plan', id: PLAN_PART_ID, data });
  }

  /** A status change: the card is replaced at once. */
  agent(source: AgentSource) {
    this.dirty.delete(source.id);
    this.write({ type: 'data-agent', id: source.id, data: source.snapshot() });
  }

  /** New output from a running agent: sent now as a delta, saved with the next snapshot. */
  delta(source: AgentSource, attempt: number, piece: { text?: string; reasoning?: string }) {
    this.write({ type: 'data-agent-delta', transient: true, data: { messageId: this.messageId, agentId: source.id, attempt, ...piece } });
    this.dirty.set(source.id, source);
  }

  flush() {
    for (const source of [...this.dirty.values()]) this.agent(source);
  }

  close() {
    this.flush();
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
