import 'server-only';
import { randomBytes } from 'node:crypto';
import { getDb } from './client';

/**
 * A value generated once and shared by every Flint instance on this database (e.g. the session
 * secret when none is configured). Concurrent first calls agree on one value.
 */
export async function getOrCreateSetting(key: string, generate: () => string = () => randomBytes(32).toString('base64url')): Promise<string> {
  const db = await getDb();
  await db.$executeRawUnsafe('INSERT INTO "Setting" ("key", "value") VALUES ($1, $2) ON CONFLICT ("key") DO NOTHING', key, generate());
  const row = await db.setting.findUniqueOrThrow({ where: { key } });
  return row.value;
}
