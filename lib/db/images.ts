import 'server-only';
import type { FlintUIMessage } from '@/lib/types';
import { imageIdOf } from '@/lib/files/image-parts';
import { getDb } from './client';
import type { InputJsonValue } from './generated/internal/prismaNamespace';

export interface ModelVariant {
  key: string;
  mediaType: string;
  width: number;
  height: number;
}

export interface ImageRecord {
  id: string;
  userId: string;
  chatId: string | null;
  messageId: string | null;
  sentAt: Date | null;
  filename: string;
  format: string;
  kind: string;
  fullKey: string;
  mediaType: string;
  width: number;
  height: number;
  byteSize: number;
  thumbKey: string;
  thumbWidth: number;
  thumbHeight: number;
  variants: unknown;
  createdAt: Date;
}

export type NewImage = Omit<ImageRecord, 'chatId' | 'messageId' | 'sentAt' | 'variants' | 'createdAt'>;

export async function createImage(image: NewImage): Promise<ImageRecord> {
  const db = await getDb();
  return db.image.create({ data: image });
}

/** The user's image, or null when it does not exist or is someone else's. */
export async function getOwnedImage(userId: string, id: string): Promise<ImageRecord | null> {
  const db = await getDb();
  return db.image.findFirst({ where: { id, userId } });
}

/** Images by id, only the user's when `userId` is given (building a model request from their chat). */
export async function getImages(ids: string[], userId?: string): Promise<ImageRecord[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  return db.image.findMany({ where: { id: { in: ids }, ...(userId ? { userId } : {}) } });
}

/** How many images the user has uploaded and not sent. */
export async function countUnsentImages(userId: string): Promise<number> {
  const db = await getDb();
  return db.image.count({ where: { userId, sentAt: null } });
}

/** Which of these ids are the user's images that are not attached to a message yet. */
export async function unsentImageIds(userId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  const rows = await db.image.findMany({ where: { id: { in: ids }, userId, sentAt: null }, select: { id: true } });
  return rows.map((row) => row.id);
}

export async function saveVariants(id: string, variants: Record<string, ModelVariant[]>) {
  const db = await getDb();
  await db.image.updateMany({ where: { id }, data: { variants: variants as unknown as InputJsonValue } });
}

function mentionsImage(messages: FlintUIMessage[], id: string) {
  return messages.some((message) => message.parts.some((part) => part.type === 'file' && imageIdOf(part) === id));
}

/** The image, when the share link is live and its snapshot shows the image; otherwise null. */
export async function getSharedImage(token: string, id: string): Promise<ImageRecord | null> {
  const db = await getDb();
  const share = await db.share.findUnique({ where: { token }, include: { chat: { select: { deletedAt: true } } } });
  if (!share || share.revokedAt || share.chat.deletedAt) return null;
  if (!mentionsImage(share.snapshot as unknown as FlintUIMessage[], id)) return null;
  return db.image.findUnique({ where: { id } });
}

/**
 * Images to remove: uploaded but never sent within `unsentTtlMs`, sent with a message that no
 * longer exists (its chat was deleted for good), or in a chat deleted longer ago than `deletedChatMs`.
 */
export async function findPurgeableImages({ unsentTtlMs, deletedChatMs, limit = 200 }: { unsentTtlMs: number; deletedChatMs: number; limit?: number }) {
  const db = await getDb();
  const now = Date.now();
  return db.image.findMany({
    where: {
      OR: [
        { sentAt: null, createdAt: { lt: new Date(now - unsentTtlMs) } },
        { sentAt: { not: null }, messageId: null },
        { chat: { deletedAt: { lt: new Date(now - deletedChatMs) } } },
      ],
    },
    select: { id: true, fullKey: true, thumbKey: true, variants: true },
    take: limit,
  });
}

export async function deleteImageRows(ids: string[]) {
  if (ids.length === 0) return;
  const db = await getDb();
  await db.image.deleteMany({ where: { id: { in: ids } } });
}
