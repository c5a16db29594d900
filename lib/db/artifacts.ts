// Artifacts and their versions. Versions are append-only: a change is a new row with the next
// number; old versions never change. Every read for a person goes through their user id, and
// someone else's artifact reads exactly like one that does not exist.
import 'server-only';
import { randomBytes } from 'node:crypto';
import type { ArtifactKind } from '@/lib/types';
import { getDb } from './client';

export interface ArtifactVersionRecord {
  artifactId: string;
  chatId: string;
  version: number;
  title: string;
  kind: ArtifactKind;
  content: string;
  messageId: string;
  createdAt: Date;
}

/** Short enough for a small model to repeat exactly, long enough not to be guessed. */
export function newArtifactId() {
  return `art_${randomBytes(9).toString('base64url')}`;
}

export async function createArtifact(input: {
  userId: string;
  chatId: string;
  messageId: string;
  title: string;
  kind: ArtifactKind;
  content: string;
}): Promise<ArtifactVersionRecord> {
  const db = await getDb();
  const id = newArtifactId();
  const now = new Date();
  await db.$transaction([
    db.artifact.create({ data: { id, chatId: input.chatId, userId: input.userId, title: input.title, kind: input.kind, latestVersion: 1, createdAt: now } }),
    db.artifactVersion.create({ data: { artifactId: id, version: 1, title: input.title, content: input.content, messageId: input.messageId, createdAt: now } }),
  ]);
  return { artifactId: id, chatId: input.chatId, version: 1, title: input.title, kind: input.kind, content: input.content, messageId: input.messageId, createdAt: now };
}

/**
 * Appends a version to an artifact of this chat and user. Returns null when there is no such
 * artifact in the chat (a model may name an id from elsewhere; it never reaches another chat).
 */
export async function addArtifactVersion(input: {
  userId: string;
  chatId: string;
  artifactId: string;
  messageId: string;
  title?: string;
  content: string;
}): Promise<ArtifactVersionRecord | null> {
  const db = await getDb();
  const artifact = await db.artifact.findFirst({ where: { id: input.artifactId, chatId: input.chatId, userId: input.userId } });
  if (!artifact) return null;
  const title = input.title?.trim() || artifact.title;
  // The increment is atomic, so two changes at once still get different numbers.
  const bumped = await db.artifact.update({ where: { id: artifact.id }, data: { latestVersion: { increment: 1 }, title } });
  const created = await db.artifactVersion.create({
    data: { artifactId: artifact.id, version: bumped.latestVersion, title, content: input.content, messageId: input.messageId },
  });
  return { ...created, chatId: artifact.chatId, kind: artifact.kind as ArtifactKind };
}

/** One version of the user's artifact, or null when it does not exist, is someone else's or its chat was deleted. */
export async function getArtifactVersion(userId: string, artifactId: string, version: number): Promise<ArtifactVersionRecord | null> {
  const db = await getDb();
  const row = await db.artifactVersion.findFirst({
    where: { artifactId, version, artifact: { userId, chat: { userId, deletedAt: null } } },
    include: { artifact: { select: { kind: true, chatId: true } } },
  });
  if (!row) return null;
  const { artifact, ...rest } = row;
  return { ...rest, chatId: artifact.chatId, kind: artifact.kind as ArtifactKind };
}

/** The latest version of each artifact in a chat, most recently changed first. */
export async function listLatestArtifacts(chatId: string, limit = 20): Promise<ArtifactVersionRecord[]> {
  const db = await getDb();
  const artifacts = await db.artifact.findMany({ where: { chatId, latestVersion: { gt: 0 } }, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], take: limit });
  const latest = await Promise.all(
    artifacts.map(async (artifact) => {
      const row = await db.artifactVersion.findFirst({ where: { artifactId: artifact.id }, orderBy: { version: 'desc' } });
      return row ? { ...row, chatId, kind: artifact.kind as ArtifactKind } : null;
    }),
  );
  return latest.filter((row): row is ArtifactVersionRecord => row !== null);
}

/**
 * After messages are removed (an answer regenerated, a message edited), the versions they made go
 * with them, and artifacts left without versions are removed, so numbering carries on without gaps.
 * Shared links keep what they showed: their snapshot carries each version's content.
 */
export async function pruneArtifacts(chatId: string): Promise<void> {
  const db = await getDb();
  await db.$executeRawUnsafe(
    `DELETE FROM "ArtifactVersion" v USING "Artifact" a
     WHERE v."artifactId" = a.id AND a."chatId" = $1
       AND NOT EXISTS (SELECT 1 FROM "Message" m WHERE m.id = v."messageId")`,
    chatId,
  );
  await db.$executeRawUnsafe(
    `DELETE FROM "Artifact" a WHERE a."chatId" = $1 AND NOT EXISTS (SELECT 1 FROM "ArtifactVersion" v WHERE v."artifactId" = a.id)`,
    chatId,
  );
  await db.$executeRawUnsafe(
    `UPDATE "Artifact" a SET "latestVersion" = v.version, title = v.title
     FROM (SELECT DISTINCT ON ("artifactId") "artifactId", version, title FROM "ArtifactVersion" ORDER BY "artifactId", version DESC) v
     WHERE v."artifactId" = a.id AND a."chatId" = $1 AND a."latestVersion" <> v.version`,
    chatId,
  );
}
