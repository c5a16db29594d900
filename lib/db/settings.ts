import 'server-only';
import { randomBytes } from 'node:crypto';
import { getDb, type Db } from './client';

/** Settings never change once made: each is read once per database connection. */
const known = new WeakMap<Db, Map<string, Promise<string>>>();

/**
 * A value generated once and shared by every Flint instance on this database (e.g. the session
 * secret when none is configured). Concurrent first calls agree on one value.
 */
export async function getOrCreateSetting(key: string, generate: () => string = () => randomBytes(32).toString('base64url')): Promise<string> {
  const db = await getDb();
  let values = known.get(db);
  if (!values) known.set(db, (values = new Map()));
  let value = values.get(key);
  if (!value) {
    value = (async () => {
      await db.$executeRawUnsafe('INSERT INTO "Setting" ("key", "value") VALUES ($1, $2) ON CONFLICT ("key") DO NOTHING', key, generate());
      return (await db.setting.findUniqueOrThrow({ where: { key } })).value;
    })();
    values.set(key, value);
    value.catch(() => values.delete(key));
  }
  return value;
}
