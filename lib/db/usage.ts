import 'server-only';
import { randomUUID } from 'node:crypto';
import { databaseKind, getDb } from './client';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Messages the user sent in the last 24 hours, and when the oldest of them stops counting. */
export async function recentUsage(userId: string, kind = 'message'): Promise<{ used: number; oldest: Date | null }> {
  const db = await getDb();
  const since = new Date(Date.now() - DAY_MS);
  const [used, oldest] = await Promise.all([
    db.usageEvent.count({ where: { userId, kind, createdAt: { gte: since } } }),
    db.usageEvent.findFirst({ where: { userId, kind, createdAt: { gte: since } }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
  ]);
  return { used, oldest: oldest?.createdAt ?? null };
}

/**
 * Records one message if the user is under `limit` in the last 24 hours, and returns the usage.
 * On PostgreSQL a per-user advisory lock makes check-and-insert atomic, so concurrent sends (on any
 * instance) cannot exceed the limit; on PGlite one statement does both.
 */
export async function recordUsageWithinLimit(userId: string, limit: number, kind = 'message'): Promise<{ recorded: boolean; used: number; oldest: Date | null }> {
  const db = await getDb();
  if ((await databaseKind()) === 'pglite') {
    // PGlite is one database backend inside this process: a statement runs whole before the next
    // one starts, so the check and the insert are atomic as one statement, with no lock to take.
    const [row] = await db.$queryRawUnsafe<Array<{ used: number; oldest: Date | null; added: Date | null }>>(
      `WITH recent AS (SELECT count(*)::int AS used, min("createdAt") AS oldest FROM "UsageEvent" WHERE "userId" = $1 AND kind = $2 AND "createdAt" >= $3),
            added AS (INSERT INTO "UsageEvent" (id, "userId", kind) SELECT $4, $1, $2 FROM recent WHERE recent.used < $5 RETURNING "createdAt")
       SELECT recent.used, recent.oldest, (SELECT "createdAt" FROM added) AS added FROM recent`,
      userId,
      kind,
      new Date(Date.now() - DAY_MS),
      randomUUID(),
      limit,
    );
    const { used, oldest, added } = row!;
    return added ? { recorded: true, used: used + 1, oldest: oldest ?? added } : { recorded: false, used, oldest };
  }
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', `usage:${userId}`);
    const [row] = await tx.$queryRawUnsafe<Array<{ used: number; oldest: Date | null }>>(
      'SELECT count(*)::int AS used, min("createdAt") AS oldest FROM "UsageEvent" WHERE "userId" = $1 AND kind = $2 AND "createdAt" >= $3',
      userId,
      kind,
      new Date(Date.now() - DAY_MS),
    );
    const { used, oldest } = row!;
    if (used >= limit) return { recorded: false, used, oldest };
    const event = await tx.usageEvent.create({ data: { id: randomUUID(), userId, kind }, select: { createdAt: true } });
    return { recorded: true, used: used + 1, oldest: oldest ?? event.createdAt };
  });
}

/** Records one message; returns the usage in the last 24 hours, this message included. */
export async function recordUsage(userId: string, kind = 'message'): Promise<{ used: number; oldest: Date | null }> {
  const db = await getDb();
  const [row] = await db.$queryRawUnsafe<Array<{ used: number; oldest: Date | null }>>(
    `WITH added AS (INSERT INTO "UsageEvent" (id, "userId", kind) VALUES ($1, $2, $3) RETURNING "createdAt")
     SELECT (SELECT count(*)::int FROM "UsageEvent" WHERE "userId" = $2 AND kind = $3 AND "createdAt" >= $4) + 1 AS used,
            LEAST((SELECT min("createdAt") FROM "UsageEvent" WHERE "userId" = $2 AND kind = $3 AND "createdAt" >= $4), (SELECT "createdAt" FROM added)) AS oldest`,
    randomUUID(),
    userId,
    kind,
    new Date(Date.now() - DAY_MS),
  );
  return { used: row!.used, oldest: row!.oldest ? new Date(row!.oldest) : null };
}

export const USAGE_WINDOW_MS = DAY_MS;
