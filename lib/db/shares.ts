import 'server-only';
import { randomBytes, randomUUID } from 'node:crypto';
import type { FlintUIMessage } from '@/lib/types';
import { getDb } from './client';
import type { InputJsonValue } from './generated/internal/prismaNamespace';

export interface ShareRecord {
  token: string;
  createdAt: Date;
}

export interface SharedChat {
  title: string | null;
  createdAt: Date;
  messages: FlintUIMessage[];
}

/** The chat's live public link, if any (callers have checked the chat is the user's). */
export async function activeShare(userId: string, chatId: string): Promise<ShareRecord | null> {
  const db = await getDb();
  return db.share.findFirst({ where: { chatId, userId, revokedAt: null }, select: { token: true, createdAt: true }, orderBy: { createdAt: 'desc' } });
}

/**
 * Publishes a snapshot of the chat as it is now under a new unguessable token; an older link of
 * the same chat is revoked, so there is one live link per chat.
 */
export async function createShare(userId: string, chatId: string, title: string | null, messages: FlintUIMessage[]): Promise<ShareRecord> {
  const db = await getDb();
  const token = randomBytes(18).toString('base64url');
  const now = new Date();
  await db.$transaction([
    db.share.updateMany({ where: { chatId, userId, revokedAt: null }, data: { revokedAt: now } }),
    db.share.create({ data: { id: randomUUID(), token, chatId, userId, title, snapshot: messages as unknown as InputJsonValue, createdAt: now } }),
  ]);
  return { token, createdAt: now };
}

export async function revokeShares(userId: string, chatId: string): Promise<number> {
  const db = await getDb();
  const result = await db.share.updateMany({ where: { chatId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return result.count;
}

/** A shared chat for anyone holding the token, unless revoked or its chat was deleted. */
export async function getSharedChat(token: string): Promise<SharedChat | null> {
  const db = await getDb();
  const share = await db.share.findUnique({ where: { token }, include: { chat: { select: { deletedAt: true } } } });
  if (!share || share.revokedAt || share.chat.deletedAt) return null;
  return { title: share.title, createdAt: share.createdAt, messages: share.snapshot as unknown as FlintUIMessage[] };
}
