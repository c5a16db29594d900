// Test support, imported only by *.test.ts files: the databases that database tests run on. PGlite in
// memory always; PostgreSQL as well when TEST_DATABASE_URL is set, each test file in a database of
// its own (created here, dropped afterwards) so files running in parallel never see each other.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { resetAuthForTests } from '@/lib/auth/auth';
import { resetEnvForTests } from '@/lib/env';
import { closeDb, getDb } from './client';

export type DatabaseKind = 'pglite' | 'postgres';

const adminUrl = process.env.TEST_DATABASE_URL;

/** The variants to run database tests on; PostgreSQL is skipped without TEST_DATABASE_URL. */
export const databaseKinds: Array<{ kind: DatabaseKind; skip: boolean }> = [
  { kind: 'pglite', skip: false },
  { kind: 'postgres', skip: !adminUrl },
];

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function asAdmin(sql: string) {
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A new, empty PostgreSQL database on the TEST_DATABASE_URL server. */
export async function createPostgresDatabase(): Promise<ScratchDatabase> {
  const name = `flint_test_${randomBytes(6).toString('hex')}`;
  await asAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/**
 * Points Flint's database (getDb) at a fresh database of this kind for the enclosing describe block,
 * opened and migrated before its tests, closed and removed after them.
 */
export function useTestDatabase(kind: DatabaseKind) {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, FLINT_DATA_DIR: process.env.FLINT_DATA_DIR };
  let scratch: ScratchDatabase | undefined;

  beforeAll(async () => {
    await closeDb();
    if (kind === 'postgres') {
      scratch = await createPostgresDatabase();
      process.env.DATABASE_URL = scratch.url;
    } else {
      delete process.env.DATABASE_URL;
      process.env.FLINT_DATA_DIR = 'memory://';
    }
    resetEnvForTests();
    resetAuthForTests();
    await getDb();
  });

  afterAll(async () => {
    await closeDb();
    await scratch?.drop();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvForTests();
    resetAuthForTests();
  });
}
