// The one Prisma client. PGlite (in-process PostgreSQL under FLINT_DATA_DIR) by default; a real
// PostgreSQL server when DATABASE_URL is set. Migrations run once, before the first query.
import 'server-only';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/env';
import { PrismaClient } from './generated/client';
import { applyMigrations, readMigrations, type SqlConnection } from './migrate';

export type Db = InstanceType<typeof PrismaClient>;

interface DbHandle {
  prisma: Db;
  close(): Promise<void>;
  kind: 'pglite' | 'postgres';
}

const globalKey = Symbol.for('flint.db');
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<DbHandle> };

export const MIGRATIONS_DIR = path.join(process.cwd(), 'prisma', 'migrations');

async function openPglite(dataDir: string): Promise<DbHandle> {
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]);
  const inMemory = dataDir === 'memory://';
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  const pglite = inMemory ? new PGlite() : new PGlite(path.join(dataDir, 'pglite'));
  await pglite.waitReady;
  const conn: SqlConnection = {
    exec: async (sql) => void (await pglite.exec(sql)),
    query: async (sql, params) => (await pglite.query(sql, params)).rows as never,
    transaction: async (fn) =>
      void (await pglite.transaction(async (tx) =>
        fn({ exec: async (sql) => void (await tx.exec(sql)), query: async (sql, params) => (await tx.query(sql, params)).rows as never }),
      )),
  };
  await applyMigrations(conn, await readMigrations(MIGRATIONS_DIR));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    kind: 'pglite',
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

async function openPostgres(url: string): Promise<DbHandle> {
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import('pg'), import('@prisma/adapter-pg')]);
  // Timestamps are stored without a time zone and read as UTC, so sessions run in UTC whatever the
  // server's default is (otherwise now() in SQL and dates from the client disagree).
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c TimeZone=UTC' });
  // A connection dropped by the server (restart, admin) must not crash the process.
  pool.on('error', (error) => console.warn('[flint] database connection error:', error.message));
  const client = await pool.connect();
  try {
    // Several Flint instances may start at once against one database: migrate one at a time.
    await client.query('SELECT pg_advisory_lock(727073)');
    const conn: SqlConnection = {
      exec: async (sql) => void (await client.query(sql)),
      query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
      transaction: async (fn) => {
        await client.query('BEGIN');
        try {
          await fn(conn);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      },
    };
    await applyMigrations(conn, await readMigrations(MIGRATIONS_DIR));
  } finally {
    await client.query('SELECT pg_advisory_unlock(727073)').catch(() => {});
    client.release();
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    kind: 'postgres',
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

function open(): Promise<DbHandle> {
  const { DATABASE_URL, FLINT_DATA_DIR } = env();
  if (DATABASE_URL) return openPostgres(DATABASE_URL);
  return openPglite(FLINT_DATA_DIR === 'memory://' ? FLINT_DATA_DIR : path.resolve(FLINT_DATA_DIR));
}

function handle(): Promise<DbHandle> {
  const g = globalThis as GlobalWithDb;
  if (!g[globalKey]) {
    g[globalKey] = open().catch((error) => {
      g[globalKey] = undefined;
      throw error;
    });
  }
  return g[globalKey];
}

/** The Prisma client, after migrations have been applied. */
export async function getDb(): Promise<Db> {
  return (await handle()).prisma;
}

export async function databaseKind() {
  return (await handle()).kind;
}

/** Closes the connection (tests, graceful shutdown); the next getDb() opens a fresh one. */
export async function closeDb() {
  const g = globalThis as GlobalWithDb;
  const current = g[globalKey];
  g[globalKey] = undefined;
  if (current) await (await current).close();
}
