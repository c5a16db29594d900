// Applies the committed Prisma migrations (prisma/migrations/<name>/migration.sql) in order, each in
// its own transaction, recording them in Prisma's `_prisma_migrations` table exactly as
// `prisma migrate deploy` would, so either tool can take over. Prisma's own migrate needs a native
// schema engine that cannot be downloaded everywhere; this needs nothing but the database.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The smallest surface both PGlite and node-postgres can offer. */
export interface SqlConnection {
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  transaction(fn: (tx: Pick<SqlConnection, 'exec' | 'query'>) => Promise<void>): Promise<void>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export async function readMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export async function applyMigrations(conn: SqlConnection, migrations: Migration[]): Promise<MigrateResult> {
  await conn.exec(MIGRATIONS_TABLE);
  const rows = await conn.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
  );
  const done = new Map(rows.filter((row) => row.finished_at && !row.rolled_back_at).map((row) => [row.migration_name, row]));
  const failed = rows.find((row) => !row.finished_at && !row.rolled_back_at);
  if (failed) {
    throw new Error(
      `Migration "${failed.migration_name}" failed earlier and was left half-applied. Resolve it (see https://pris.ly/d/migrate-resolve) and restart Flint.`,
    );
  }

  const result: MigrateResult = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    const existing = done.get(migration.name);
    if (existing) {
      if (existing.checksum !== migration.checksum) {
        console.warn(`[flint] migration ${migration.name} was changed after it was applied; leaving the database as it is.`);
      }
      result.alreadyApplied.push(migration.name);
      continue;
    }
    await conn.transaction(async (tx) => {
      await tx.exec(migration.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
    });
    result.applied.push(migration.name);
  }
  return result;
}
