import 'server-only';
import type { FlintPart, FlintUIMessage, MessageMetadata, MessageStatus } from '@/lib/types';
import { FlintError } from '@/lib/errors';
import { pruneArtifacts } from './artifacts';
import { getDb } from './client';
import type { InputJsonValue } from './generated/internal/prismaNamespace';

const json = (value: unknown) => value as InputJsonValue;

/** The words a message is found by: its text parts (not reasoning or data). */
export function searchTextOf(parts: FlintPart[]): string {
  return parts
    .flatMap((part) => (part.type === 'text' ? [part.text] : []))
    .join('\n')
    .slice(0, 100_000);
}

interface MessageRow {
  id: string;
  role: string;
  parts: unknown;
  status: string;
  metadata: unknown;
  createdAt: Date;
}

function toUIMessage(row: MessageRow): FlintUIMessage {
  const metadata = (row.metadata ?? {}) as MessageMetadata;
  return {
    id: row.id,
    role: row.role as FlintUIMessage['role'],
    parts: row.parts as FlintPart[],
    metadata: { ...metadata, status: row.status as MessageStatus, createdAt: metadata.createdAt ?? row.createdAt.getTime() },
  };
}

export async function listMessages(chatId: string): Promise<FlintUIMessage[]> {
  const db = await getDb();
  const rows = await db.message.findMany({ where: { chatId }, orderBy: { seq: 'asc' } });
  return rows.map(toUIMessage);
}

/** The chat's newest message, if any. */
export async function lastMessage(chatId: string): Promise<FlintUIMessage | null> {
  const db = await getDb();
  const row = await db.message.findFirst({ where: { chatId }, orderBy: { seq: 'desc' } });
  return row ? toUIMessage(row) : null;
}

/**
 * Saves the user's message. When the id already exists in the chat the user edited it: its text is
 * replaced (its images stay) and everything after it is removed, because the answers to the old
 * text no longer apply. A new message claims its images (`imageIds`, the user's unsent uploads) in
 * the same transaction, so a message never points at an image that is not its own.
 */
export async function saveUserMessage(chatId: string, message: { id: string; parts: FlintPart[]; userId?: string; imageIds?: string[] }) {
  const db = await getDb();
  const existing = await db.message.findFirst({ where: { id: message.id, chatId, role: 'user' } });
  if (existing) {
    const keptFiles = (existing.parts as FlintPart[]).filter((part) => part.type === 'file');
    const parts = [...keptFiles, ...message.parts.filter((part) => part.type !== 'file')];
    await db.$transaction([
      db.message.deleteMany({ where: { chatId, seq: { gt: existing.seq } } }),
      db.message.update({
        where: { id: message.id },
        data: {
          parts: json(parts),
          searchText: searchTextOf(parts),
          metadata: json({ ...((existing.metadata ?? {}) as object), edited: true }),
        },
      }),
    ]);
    await pruneArtifacts(chatId);
    return { edited: true };
  }
  if (await db.message.findUnique({ where: { id: message.id }, select: { id: true } })) {
    throw new FlintError('bad_request', 'This message could not be saved because its id is already in use. Reload the page and send it again.');
  }
  const imageIds = message.imageIds ?? [];
  await db.$transaction(async (tx) => {
    await tx.message.create({
      data: {
        id: message.id,
        chatId,
        role: 'user',
        parts: json(message.parts),
        searchText: searchTextOf(message.parts),
        status: 'done',
        metadata: json({ createdAt: Date.now() }),
      },
    });
    if (imageIds.length === 0) return;
    const claimed = await tx.image.updateMany({
      where: { id: { in: imageIds }, userId: message.userId ?? '', sentAt: null },
      data: { chatId, messageId: message.id, sentAt: new Date() },
    });
    if (claimed.count !== imageIds.length) {
      throw new FlintError('bad_request', 'An attached image is no longer available. Remove it and attach it again.');
    }
  });
  return { edited: false };
}

/** Removes a message and everything after it (regenerating an answer replaces it). */
export async function deleteMessagesFrom(chatId: string, messageId: string): Promise<boolean> {
  const db = await getDb();
  const target = await db.message.findFirst({ where: { id: messageId, chatId } });
  if (!target) return false;
  await db.message.deleteMany({ where: { chatId, seq: { gte: target.seq } } });
  await pruneArtifacts(chatId);
  return true;
}

export async function createAssistantMessage(chatId: string, id: string, metadata: MessageMetadata) {
  const db = await getDb();
  await db.message.create({ data: { id, chatId, role: 'assistant', parts: json([]), status: 'streaming', metadata: json(metadata) } });
}

export async function updateAssistantMessage(id: string, update: { parts: FlintPart[]; metadata: MessageMetadata; status: MessageStatus }) {
  const db = await getDb();
  await db.message.updateMany({
    where: { id },
    data: {
      parts: json(update.parts),
      metadata: json({ ...update.metadata, status: update.status }),
      status: update.status,
      ...(update.status === 'streaming' ? {} : { searchText: searchTextOf(update.parts) }),
    },
  });
}
