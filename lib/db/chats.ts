import 'server-only';
import type { ChatSummary } from '@/lib/types';
import { getDb } from './client';

export interface ChatRecord {
  id: string;
  title: string | null;
  model: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export async function getChat(id: string): Promise<ChatRecord | null> {
  const db = await getDb();
  return db.chat.findUnique({ where: { id } });
}

/** Creates the chat if it does not exist yet; returns whether it was created. */
export async function ensureChat(id: string, model: string | null): Promise<{ created: boolean }> {
  const db = await getDb();
  const existing = await db.chat.findUnique({ where: { id }, select: { id: true } });
  if (existing) {
    await db.chat.update({ where: { id }, data: { model, updatedAt: new Date() } });
    return { created: false };
  }
  await db.chat.create({ data: { id, model } });
  return { created: true };
}

export async function setChatTitle(id: string, title: string) {
  const db = await getDb();
  await db.chat.updateMany({ where: { id }, data: { title } });
}

export async function listChats({ limit = 50 }: { limit?: number } = {}): Promise<ChatSummary[]> {
  const db = await getDb();
  const rows = await db.chat.findMany({
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take: limit,
    select: { id: true, title: true, updatedAt: true },
  });
  return rows.map((row) => ({ id: row.id, title: row.title, updatedAt: row.updatedAt.toISOString() }));
}
