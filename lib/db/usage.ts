import 'server-only';
import { randomUUID } from 'node:crypto';
import { databaseKind, getDb } from './client';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Usage {
  used: number;
  /** When the oldest counted message was sent (it stops counting a day later). */
  oldest: Date | null;
}

/** A user's ($1) messages of a kind ($2) since a moment ($3): how many, and the oldest. */
const RECENT = 'SELECT count(*)::int AS used, min("createdAt") AS oldest FROM "UsageEvent" WHERE "userId" = $1 AND kind = $2 AND "createdAt" >= $3';

const since = () => new Date(Date.now() - DAY_MS);

function toUsage(row: { used: number; oldest: Date | string | null } | undefined): Usage {
  return { used: row?.used ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

/** Messages the user sent in the last 24 hours, and when the oldest of them stops counting. */
export async function recentUsage(userId: string, kind = 'message'): Promise<Usage> {
  const db = await getDb();
  const [row] = await db.$queryRawUnsafe<Array<{ used: number; oldest: Date | null }>>(RECENT, userId, kind, since());
  return toUsage(row);
}

/**
 * Records one message if the user is under `limit` in the last 24 hours, and returns the usage.
 * On PostgreSQL a per-user advisory lock makes check-and-insert atomic, so concurrent sends (on any
 * instance) cannot exceed the limit; on PGlite one statement does both.
 */
export async function recordUsageWithinLimit(userId: string, limit: number, kind = 'message'): Promise<Usage & { recorded: boolean }> {
  const db = await getDb();
  if ((await databaseKind()) === 'pglite') {
    // PGlite is one database backend inside this process: a statement runs whole before the next
    // one starts, so the check and the insert are atomic as one statement, with no lock to take.
    const [row] = await db.$queryRawUnsafe<Array<{ used: number; oldest: Date | null; added: Date | null }>>(
      `WITH recent AS (${RECENT}),
            added AS (INSERT INTO "UsageEvent" (id, "userId", kind) SELECT $4, $1, $2 FROM recent WHERE recent.used < $5 RETURNING "createdAt")
       SELECT recent.used, recent.oldest, (SELECT "createdAt" FROM added) AS added FROM recent`,
      userId,
      kind,
      since(),
      randomUUID(),
      limit,
    );
    const { used, oldest } = toUsage(row);
    return row?.added ? { recorded: true, used: used + 1, oldest: oldest ?? new Date(row.added) } : { recorded: false, used, oldest };
  }
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', `usage:${userId}`);
    const [row] = await tx.$queryRawUnsafe<Array<{ used: number; oldest: Date | null }>>(RECENT, userId, kind, since());
    const { used, oldest } = toUsage(row);
    if (used >= limit) return { recorded: false, used, oldest };
    const event = await tx.usageEvent.create({ data: { id: randomUUID(), userId, kind }, select: { createdAt: true } });
    return { recorded: true, used: used + 1, oldest: oldest ?? event.createdAt };
  });
}

/** Records one message; returns the usage in the last 24 hours, this message included. */
export async function recordUsage(userId: string, kind = 'message'): Promise<Usage> {
  const db = await getDb();
  const [row] = await db.$queryRawUnsafe<Array<{ used: number; oldest: Date | null }>>(
    `WITH recent AS (${RECENT}),
          added AS (INSERT INTO "UsageEvent" (id, "userId", kind) VALUES ($4, $1, $2) RETURNING "createdAt")
     SELECT recent.used + 1 AS used, LEAST(recent.oldest, added."createdAt") AS oldest FROM recent, added`,
    userId,
    kind,
    since(),
    randomUUID(),
  );
  return toUsage(row);
}

export const USAGE_WINDOW_MS = DAY_MS;
