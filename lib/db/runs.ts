// Runs in the database: one row per generation while it is written (and a while after), plus, on
// PostgreSQL, its chunks in batches (RunEvent) so any server instance can follow it. The instance
// writing a run keeps its heartbeat fresh; a run whose heartbeat is older than RUN_STALE_MS was cut
// off by a crash and is marked interrupted by whichever instance notices first.
import 'server-only';
import type { Chunk } from '@/lib/runs/registry';
import type { MessageStatus } from '@/lib/types';
import { getDb } from './client';
import type { InputJsonValue } from './generated/internal/prismaNamespace';

/** How often the writing instance refreshes a run's heartbeat. */
export const RUN_HEARTBEAT_MS = 2_000;
/** A running run without a heartbeat for this long is treated as cut off (its process died). */
export const RUN_STALE_MS = 10_000;
/** Chunk batches are kept this long after a run ends (late readers), then only the message remains. */
export const RUN_EVENTS_RETENTION_MS = 5 * 60_000;
/** Finished run rows are kept this long. */
export const RUN_ROWS_RETENTION_MS = 24 * 60 * 60_000;

export interface RunRecord {
  id: string;
  chatId: string;
  userId: string;
  instanceId: string;
  status: string;
  stopRequested: boolean;
  heartbeatAt: Date;
}

export async function createRunRecord(run: { id: string; chatId: string; userId: string; instanceId: string }) {
  const db = await getDb();
  await db.run.create({ data: run });
}

export async function appendRunEvent(runId: string, seq: number, chunks: Chunk[]) {
  const db = await getDb();
  await db.runEvent.create({ data: { runId, seq, chunks: chunks as unknown as InputJsonValue } });
}

/** Refreshes the heartbeat and says whether another instance asked for a stop. */
export async function heartbeatRun(id: string): Promise<{ stopRequested: boolean }> {
  const db = await getDb();
  const row = await db.run.update({ where: { id }, data: { heartbeatAt: new Date() }, select: { stopRequested: true } });
  return row;
}

export async function isStopRequested(id: string): Promise<boolean> {
  const db = await getDb();
  return (await db.run.findUnique({ where: { id }, select: { stopRequested: true } }))?.stopRequested ?? false;
}

export async function endRunRecord(id: string, status: MessageStatus) {
  const db = await getDb();
  await db.run.updateMany({ where: { id, status: 'running' }, data: { status, endedAt: new Date() } });
}

function fresh() {
  return new Date(Date.now() - RUN_STALE_MS);
}

/** The user's run that is being written in this chat, by any instance, if any. */
export async function liveRunRecord(userId: string, chatId: string): Promise<RunRecord | null> {
  const db = await getDb();
  return db.run.findFirst({ where: { chatId, userId, status: 'running', heartbeatAt: { gte: fresh() } }, orderBy: { createdAt: 'desc' } });
}

export async function getRunRecord(id: string): Promise<RunRecord | null> {
  const db = await getDb();
  return db.run.findUnique({ where: { id } });
}

/** Chunk batches from `fromSeq` on, in order. */
export async function runEventsFrom(runId: string, fromSeq: number, take = 100): Promise<Array<{ seq: number; chunks: Chunk[] }>> {
  const db = await getDb();
  const rows = await db.runEvent.findMany({ where: { runId, seq: { gte: fromSeq } }, orderBy: { seq: 'asc' }, take, select: { seq: true, chunks: true } });
  return rows.map((row) => ({ seq: row.seq, chunks: row.chunks as unknown as Chunk[] }));
}

/** Asks whichever instance writes the user's answer in this chat to stop it. */
export async function requestRunStop(userId: string, chatId: string): Promise<boolean> {
  const db = await getDb();
  const result = await db.run.updateMany({ where: { chatId, userId, status: 'running', heartbeatAt: { gte: fresh() } }, data: { stopRequested: true } });
  return result.count > 0;
}

/** Chats of the user with an answer being written right now, by any instance. */
export async function generatingChatIds(userId: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db.run.findMany({ where: { userId, status: 'running', heartbeatAt: { gte: fresh() } }, select: { chatId: true } });
  return [...new Set(rows.map((row) => row.chatId))];
}

/**
 * Marks runs cut off by a crash as interrupted, with their messages (which keep the text saved
 * until then). `all`: every running run (one process owns the database, as with PGlite, so at
 * startup nothing can still be running); otherwise only runs whose heartbeat went stale.
 */
export async function interruptDeadRuns({ all = false }: { all?: boolean } = {}): Promise<number> {
  const db = await getDb();
  const dead = await db.run.findMany({ where: { status: 'running', ...(all ? {} : { heartbeatAt: { lt: fresh() } }) }, select: { id: true } });
  const ids = dead.map((run) => run.id);
  if (ids.length) {
    await db.run.updateMany({ where: { id: { in: ids }, status: 'running' }, data: { status: 'interrupted', endedAt: new Date() } });
  }
  // Messages still marked streaming whose run is not running (or has none) were cut off as well.
  // One statement: a run's row is written before its message, so a message this statement sees has
  // its run visible too (two queries would let an answer started between them look cut off).
  return db.$executeRawUnsafe(
    `UPDATE "Message" m SET status = 'interrupted', "updatedAt" = now()
     WHERE m.status = 'streaming' AND NOT EXISTS (SELECT 1 FROM "Run" r WHERE r.id = m.id AND r.status = 'running')`,
  );
}

/** Drops chunk batches of runs that ended a while ago (the message holds everything) and old run rows. */
export async function pruneRuns(now = Date.now()) {
  const db = await getDb();
  await db.runEvent.deleteMany({ where: { run: { endedAt: { lt: new Date(now - RUN_EVENTS_RETENTION_MS) } } } });
  await db.run.deleteMany({ where: { endedAt: { lt: new Date(now - RUN_ROWS_RETENTION_MS) } } });
}
