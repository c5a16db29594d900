import 'server-only';
import { randomUUID } from 'node:crypto';
import { changing } from './changes';
import { getDb } from './client';

export interface MemoryRecord {
  id: string;
  content: string;
  pinned: boolean;
  sourceChatId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PreferencesRecord {
  memoryEnabled: boolean;
  aboutMe: string;
  responseStyle: string;
}

const select = { id: true, content: true, pinned: true, sourceChatId: true, createdAt: true, updatedAt: true } as const;

export async function listMemories(userId: string): Promise<MemoryRecord[]> {
  const db = await getDb();
  return db.memory.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select });
}

export async function createMemory(
  userId: string,
  memory: { content: string; pinned?: boolean; sourceChatId?: string | null; sourceMessageId?: string | null },
): Promise<MemoryRecord> {
  const db = await getDb();
  return changing(userId, () =>
    db.memory.create({
      data: {
        id: randomUUID(),
        userId,
        content: memory.content,
        pinned: memory.pinned ?? false,
        sourceChatId: memory.sourceChatId ?? null,
        sourceMessageId: memory.sourceMessageId ?? null,
      },
      select,
    }),
  );
}

export async function updateMemory(userId: string, id: string, update: { content?: string; pinned?: boolean }): Promise<MemoryRecord | null> {
  const db = await getDb();
  const result = await changing(userId, () => db.memory.updateMany({ where: { id, userId }, data: update }));
  return result.count ? db.memory.findUnique({ where: { id }, select }) : null;
}

export async function deleteMemory(userId: string, id: string): Promise<boolean> {
  const db = await getDb();
  return (await changing(userId, () => db.memory.deleteMany({ where: { id, userId } }))).count > 0;
}

export async function deleteAllMemories(userId: string): Promise<number> {
  const db = await getDb();
  return (await changing(userId, () => db.memory.deleteMany({ where: { userId } }))).count;
}

/** A memory that says the same thing already exists (case and spacing aside). */
export async function findSameMemory(userId: string, content: string): Promise<MemoryRecord | null> {
  const db = await getDb();
  const rows = await db.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT id FROM "Memory" WHERE "userId" = $1 AND lower(regexp_replace(content, '\\s+', ' ', 'g')) = lower(regexp_replace($2, '\\s+', ' ', 'g')) LIMIT 1`,
    userId,
    content.trim(),
  );
  return rows[0] ? db.memory.findUnique({ where: { id: rows[0].id }, select }) : null;
}

/**
 * Memories ranked by full-text relevance to any of `terms` (prefix-matched), best first. Pinned
 * memories are not included here; callers add them.
 */
export async function rankMemories(userId: string, terms: string[], limit: number): Promise<Array<MemoryRecord & { rank: number }>> {
  const words = terms.map((term) => term.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean);
  if (!words.length) return [];
  const db = await getDb();
  const rows = await db.$queryRawUnsafe<Array<{ id: string; rank: number }>>(
    `SELECT id, ts_rank(to_tsvector('simple', content), to_tsquery('simple', $2)) AS rank
     FROM "Memory"
     WHERE "userId" = $1 AND NOT pinned AND to_tsvector('simple', content) @@ to_tsquery('simple', $2)
     ORDER BY rank DESC, "createdAt" DESC
     LIMIT $3`,
    userId,
    words.map((word) => `${word}:*`).join(' | '),
    limit,
  );
  if (!rows.length) return [];
  const records = await db.memory.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select });
  return rows.flatMap((row) => {
    const record = records.find((r) => r.id === row.id);
    return record ? [{ ...record, rank: Number(row.rank) }] : [];
  });
}

/** How many memories the user has that are not pinned (none: no relevance search is needed). */
export async function unpinnedMemoryCount(userId: string): Promise<number> {
  const db = await getDb();
  return db.memory.count({ where: { userId, pinned: false } });
}

export async function pinnedMemories(userId: string): Promise<MemoryRecord[]> {
  const db = await getDb();
  return db.memory.findMany({ where: { userId, pinned: true }, orderBy: { createdAt: 'asc' }, select });
}

export async function getPreferences(userId: string): Promise<PreferencesRecord> {
  const db = await getDb();
  const row = await db.preferences.findUnique({ where: { userId } });
  return { memoryEnabled: row?.memoryEnabled ?? true, aboutMe: row?.aboutMe ?? '', responseStyle: row?.responseStyle ?? '' };
}

export async function savePreferences(userId: string, update: Partial<PreferencesRecord>): Promise<PreferencesRecord> {
  const db = await getDb();
  const row = await changing(userId, () => db.preferences.upsert({ where: { userId }, create: { userId, ...update }, update }));
  return { memoryEnabled: row.memoryEnabled, aboutMe: row.aboutMe, responseStyle: row.responseStyle };
}
