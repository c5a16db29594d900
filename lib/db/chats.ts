import 'server-only';
import type { ChatPage, ChatSummary } from '@/lib/types';
import { changing } from './changes';
import { getDb } from './client';

export interface ChatRecord {
  id: string;
  userId: string;
  title: string | null;
  model: string | null;
  temporary: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const visible = (userId: string) => ({ userId, deletedAt: null });

/** The user's chat, or null when it does not exist, is someone else's, or was deleted. */
export async function getChat(userId: string, id: string): Promise<ChatRecord | null> {
  const db = await getDb();
  return db.chat.findFirst({ where: { id, ...visible(userId) } });
}

/**
 * Creates the chat for the user if the id is new. Returns `created`, or `forbidden` when the id
 * belongs to someone else (or to a deleted chat), which callers report as not found.
 */
export async function ensureChat(
  userId: string,
  id: string,
  model: string | null,
  options: { temporary?: boolean } = {},
): Promise<{ created: boolean; forbidden?: boolean }> {
  const db = await getDb();
  const existing = await db.chat.findUnique({ where: { id }, select: { userId: true, deletedAt: true } });
  if (existing) {
    if (existing.userId !== userId || existing.deletedAt) return { created: false, forbidden: true };
    await db.chat.update({ where: { id }, data: { model, updatedAt: new Date() } });
    return { created: false };
  }
  await db.chat.create({ data: { id, userId, model, temporary: options.temporary ?? false } });
  return { created: true };
}

/**
 * Creates a chat with this id in one statement; false when the id is taken already (by anyone,
 * deleted or not), so a new chat can never take over an existing one.
 */
export async function createChat(userId: string, id: string, model: string | null, options: { temporary?: boolean } = {}): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.chat.createMany({ data: [{ id, userId, model, temporary: options.temporary ?? false }], skipDuplicates: true });
  return count === 1;
}

export async function setChatTitle(userId: string, id: string, title: string): Promise<boolean> {
  const db = await getDb();
  const result = await db.chat.updateMany({ where: { id, ...visible(userId) }, data: { title } });
  return result.count > 0;
}

/** A stable cursor: the last item's (updatedAt, id), newest first. */
function encodeCursor(chat: { updatedAt: Date; id: string }) {
  return Buffer.from(`${chat.updatedAt.toISOString()}|${chat.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { updatedAt: Date; id: string } | undefined {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const updatedAt = new Date(iso ?? '');
  return id && !Number.isNaN(updatedAt.getTime()) ? { updatedAt, id } : undefined;
}

/** One page of the user's chats, newest first (an index range scan, never a full-table read). */
export async function listChats(userId: string, { cursor, limit = 40 }: { cursor?: string; limit?: number } = {}): Promise<ChatPage> {
  const db = await getDb();
  const after = cursor ? decodeCursor(cursor) : undefined;
  const rows = await db.chat.findMany({
    where: {
      ...visible(userId),
      ...(after ? { OR: [{ updatedAt: { lt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: { id: true, title: true, updatedAt: true },
  });
  const page = rows.slice(0, limit);
  return {
    chats: page.map((row) => ({ id: row.id, title: row.title, updatedAt: row.updatedAt.toISOString() })),
    nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!) : null,
  };
}

/** Turns what the user typed into a prefix-matching tsquery: every word must appear. */
export function toPrefixQuery(text: string): string | undefined {
  const terms = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
  return terms.length ? terms.map((term) => `${term}:*`).join(' & ') : undefined;
}

/**
 * Full-text search over the user's chat titles and message text (PostgreSQL text search on GIN
 * indexes), title matches first, then most recent, with a highlighted snippet from the best matching
 * message. The chats are chosen through the indexes alone; ranking and highlighting, which re-read
 * message text, run only for the few chats returned.
 */
export async function searchChats(userId: string, text: string, limit = 30): Promise<ChatSummary[]> {
  const query = toPrefixQuery(text);
  if (!query) return [];
  const db = await getDb();
  const rows = await db.$queryRawUnsafe<Array<{ id: string; title: string | null; updatedAt: Date; snippet: string | null }>>(
    `WITH q AS (SELECT to_tsquery('simple', $2) AS query),
     title_hits AS (
       SELECT c.id FROM "Chat" c, q
       WHERE c."userId" = $1 AND to_tsvector('simple', coalesce(c.title, '')) @@ q.query
     ),
     message_hits AS (
       SELECT DISTINCT m."chatId" AS id FROM "Message" m, q
       WHERE to_tsvector('simple', m."searchText") @@ q.query
     ),
     chosen AS (
       SELECT c.id, c.title, c."updatedAt", (c.id IN (SELECT id FROM title_hits)) AS by_title
       FROM "Chat" c
       WHERE c."userId" = $1 AND c."deletedAt" IS NULL
         AND (c.id IN (SELECT id FROM title_hits) OR c.id IN (SELECT id FROM message_hits))
       ORDER BY by_title DESC, c."updatedAt" DESC, c.id DESC
       LIMIT $3
     )
     SELECT ch.id, ch.title, ch."updatedAt",
       (SELECT ts_headline('simple', m."searchText", q.query, 'StartSel=«, StopSel=», MaxWords=18, MinWords=6, ShortWord=2')
        FROM "Message" m
        WHERE m."chatId" = ch.id AND to_tsvector('simple', m."searchText") @@ q.query
        ORDER BY ts_rank(to_tsvector('simple', m."searchText"), q.query) DESC, m.seq DESC
        LIMIT 1) AS snippet
     FROM chosen ch, q
     ORDER BY ch.by_title DESC, ch."updatedAt" DESC, ch.id DESC`,
    userId,
    query,
    limit,
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    updatedAt: new Date(row.updatedAt).toISOString(),
    ...(row.snippet ? { snippet: row.snippet } : {}),
  }));
}

export async function setChatTemporary(userId: string, id: string, temporary: boolean): Promise<boolean> {
  const db = await getDb();
  return (await changing(userId, () => db.chat.updateMany({ where: { id, ...visible(userId) }, data: { temporary } }))).count > 0;
}

export async function renameChat(userId: string, id: string, title: string): Promise<boolean> {
  return setChatTitle(userId, id, title);
}

/** Hides the chat at once; it can be restored until purged (see purgeDeletedChats). */
export async function softDeleteChat(userId: string, id: string): Promise<boolean> {
  const db = await getDb();
  const result = await changing(userId, () => db.chat.updateMany({ where: { id, ...visible(userId) }, data: { deletedAt: new Date() } }));
  return result.count > 0;
}

export async function restoreChat(userId: string, id: string): Promise<boolean> {
  const db = await getDb();
  const result = await changing(userId, () => db.chat.updateMany({ where: { id, userId, deletedAt: { not: null } }, data: { deletedAt: null } }));
  return result.count > 0;
}

/** Removes chats deleted longer ago than the undo window, with everything in them. */
export async function purgeDeletedChats(olderThanMs: number): Promise<number> {
  const db = await getDb();
  const result = await db.chat.deleteMany({ where: { deletedAt: { lt: new Date(Date.now() - olderThanMs) } } });
  return result.count;
}
