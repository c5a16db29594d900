import 'server-only';
import { randomUUID } from 'node:crypto';
import { getDb } from './client';

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
 * Records one message if the user is under `limit` in the last 24 hours. A per-user advisory lock
 * makes check-and-insert atomic, so concurrent sends (on any instance) cannot exceed the limit.
 */
export async function recordUsageWithinLimit(userId: string, limit: number, kind = 'message'): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))', `usage:${userId}`);
    const used = await tx.usageEvent.count({ where: { userId, kind, createdAt: { gte: new Date(Date.now() - DAY_MS) } } });
    if (used >= limit) return false;
    await tx.usageEvent.create({ data: { id: randomUUID(), userId, kind } });
    return true;
  });
}

export async function recordUsage(userId: string, kind = 'message') {
  const db = await getDb();
  await db.usageEvent.create({ data: { id: randomUUID(), userId, kind } });
}

export const USAGE_WINDOW_MS = DAY_MS;
