// Runs once when the server process starts (instrumentation.ts): opens and migrates the database,
// marks answers cut off by a previous crash (or, on PostgreSQL, by any instance's crash) as interrupted, reports which models are usable, and
// purges every minute what nobody can see any more (deleted chats, their images, unsent uploads).
import 'server-only';
import { listModelOptions, resolveChain } from '@/lib/ai/routing';
import { databaseKind, getDb } from '@/lib/db/client';
import { purgeDeletedChats } from '@/lib/db/chats';
import { interruptDeadRuns, pruneRuns, RUN_STALE_MS } from '@/lib/db/runs';
import { purgeImages } from '@/lib/files/images';
import { roles } from '@/lib/types';

/** Deleted chats can be restored (undo) for this long before they are removed for good. */
export const DELETE_UNDO_MS = 60_000;

/** Images go first (their bytes are removed from storage), then the chats themselves. */
export async function purge() {
  await purgeImages({ deletedChatMs: DELETE_UNDO_MS });
  await purgeDeletedChats(DELETE_UNDO_MS);
  await pruneRuns();
}

export async function startup() {
  await getDb();
  await purge();
  setInterval(() => void purge().catch((error) => console.error('[flint] purge failed', error)), DELETE_UNDO_MS).unref();
  // With PGlite this process owns the database: nothing can still be running from before. With
  // PostgreSQL other instances may be writing answers right now: only runs whose heartbeat stopped
  // are cut off, here and every few seconds from now on (a crashed instance's runs).
  const shared = (await databaseKind()) === 'postgres';
  const interrupted = await interruptDeadRuns({ all: !shared });
  if (interrupted) console.log(`[flint] marked ${interrupted} answer(s) cut off by a stopped server as interrupted`);
  if (shared) {
    setInterval(
      () => void interruptDeadRuns().catch((error) => console.error('[flint] could not check for cut-off answers', error)),
      RUN_STALE_MS / 2,
    ).unref();
  }
  const models = await listModelOptions();
  console.log(`[flint] database: ${await databaseKind()}; models: ${models.map((m) => m.id).join(', ')}`);
  for (const role of roles) {
    const { links, warnings } = await resolveChain(role);
    for (const warning of warnings) console.warn(`[flint] ${role}: ${warning}`);
    if (links.length === 0) console.warn(`[flint] no model available for the ${role} role`);
  }
}
