import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb, MIGRATIONS_DIR, type Db } from './client';
import { applyMigrations, readMigrations, type SqlConnection } from './migrate';
import { createPostgresDatabase, databaseKinds, useTestDatabase, type DatabaseKind, type ScratchDatabase } from './test-databases';

/** What the generated client knows about the schema (it builds its queries from this). */
interface ClientDataModel {
  models: Record<string, { dbName: string | null; fields: Array<{ name: string; kind: string; type: string; dbName?: string | null }> }>;
}

function clientDataModel(db: Db) {
  const internals = db as unknown as { _runtimeDataModel?: ClientDataModel; _engineConfig?: { inlineSchema?: string } };
  const model = internals._runtimeDataModel;
  const schema = internals._engineConfig?.inlineSchema;
  if (!model || !schema || Object.keys(model.models).length === 0) throw new Error('the Prisma client does not expose its data model');
  return { model, optional: optionalFields(schema) };
}

/** `Model.field` of every optional (`Type?`) field in the schema the client was generated from. */
function optionalFields(schema: string): Set<string> {
  const optional = new Set<string>();
  for (const block of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    for (const line of block[2]!.split('\n')) {
      const field = /^\s*(\w+)\s+\w+(\?)?/.exec(line);
      if (field?.[2]) optional.add(`${block[1]}.${field[1]}`);
    }
  }
  return optional;
}

/** PostgreSQL column types Prisma's query engine reads and writes for each scalar type. */
const compatibleTypes: Record<string, string[]> = {
  String: ['text', 'character varying', 'character', 'uuid'],
  Int: ['integer', 'smallint'],
  BigInt: ['bigint'],
  Float: ['double precision', 'real'],
  Decimal: ['numeric'],
  Boolean: ['boolean'],
  DateTime: ['timestamp without time zone', 'timestamp with time zone', 'date'],
  Json: ['jsonb', 'json'],
  Bytes: ['bytea'],
};

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
}

async function committedMigrations() {
  const names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => ({
      migration_name: name,
      checksum: createHash('sha256').update(await readFile(path.join(MIGRATIONS_DIR, name, 'migration.sql'))).digest('hex'),
    })),
  );
}

/** A raw connection of the given kind, the same shape Flint's client gives applyMigrations. */
async function openRaw(kind: DatabaseKind): Promise<{ conn: SqlConnection; close(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = new PGlite();
    await db.waitReady;
    return {
      conn: {
        exec: async (sql) => void (await db.exec(sql)),
        query: async (sql, params) => (await db.query(sql, params)).rows as never,
        transaction: async (fn) =>
          void (await db.transaction(async (tx) =>
            fn({ exec: async (sql) => void (await tx.exec(sql)), query: async (sql, params) => (await tx.query(sql, params)).rows as never }),
          )),
      },
      close: () => db.close(),
    };
  }
  const scratch: ScratchDatabase = await createPostgresDatabase();
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
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
  return {
    conn,
    close: async () => {
      await client.end();
      await scratch.drop();
    },
  };
}

async function tablesIn(conn: SqlConnection, schema: string) {
  const rows = await conn.query<{ table_name: string }>(
    'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
    [schema],
  );
  return rows.map((row) => row.table_name);
}

async function migrationRows(conn: SqlConnection) {
  return conn.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
  );
}

async function writeMigrations(dir: string, migrations: Record<string, string>) {
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
}

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`migrations on ${kind}`, () => {
    describe('as Flint opens the database', () => {
      useTestDatabase(kind);

      it('creates exactly the tables and columns the Prisma client expects, with compatible types and nullability', async () => {
        const db = await getDb();
        const { model, optional } = clientDataModel(db);
        const columns = await db.$queryRawUnsafe<ColumnRow[]>(
          `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
           WHERE table_schema = current_schema() ORDER BY table_name, column_name`,
        );
        const tables = new Set(columns.map((c) => c.table_name));
        const expectedTables = Object.entries(model.models).map(([name, m]) => m.dbName ?? name);
        expect([...tables].sort()).toEqual([...expectedTables, '_prisma_migrations'].sort());

        for (const [modelName, { dbName, fields }] of Object.entries(model.models)) {
          const table = dbName ?? modelName;
          const scalars = fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');
          const actual = columns.filter((c) => c.table_name === table);
          expect(actual.map((c) => c.column_name).sort(), `columns of ${table}`).toEqual(scalars.map((f) => f.dbName ?? f.name).sort());
          for (const field of scalars) {
            const column = actual.find((c) => c.column_name === (field.dbName ?? field.name))!;
            const where = `${modelName}.${field.name}`;
            expect(compatibleTypes, `Prisma type ${field.type} of ${where}`).toHaveProperty([field.type]);
            expect(compatibleTypes[field.type], `${where} is ${column.data_type}`).toContain(column.data_type);
            expect(column.is_nullable, `${where} nullability`).toBe(optional.has(where) ? 'YES' : 'NO');
          }
        }
      });

      it('lets every model be created, read, updated and deleted through the Prisma client', async () => {
        const db = await getDb();
        const covered = new Set<string>();
        const chatId = `crud-${randomBytes(4).toString('hex')}`;

        const userId = `user-${chatId}`;
        const user = await db.user.create({ data: { id: userId, name: 'Åsa', email: `${chatId}@example.com` } });
        expect(user).toMatchObject({ emailVerified: false, isAnonymous: false, image: null });
        expect(await db.user.findUnique({ where: { id: userId } })).toEqual(user);
        expect((await db.user.update({ where: { id: userId }, data: { isAnonymous: true } })).isAnonymous).toBe(true);
        covered.add('User');

        const chat = await db.chat.create({ data: { id: chatId, userId, title: 'Första chatten ✓', model: 'ollama:qwen3:8b' } });
        expect(chat.deletedAt).toBeNull();
        expect(chat.createdAt).toBeInstanceOf(Date);
        expect(await db.chat.findUnique({ where: { id: chatId } })).toEqual(chat);
        await new Promise((r) => setTimeout(r, 5));
        const renamed = await db.chat.update({ where: { id: chatId }, data: { title: null } });
        expect(renamed.title).toBeNull();
        expect(renamed.updatedAt.getTime()).toBeGreaterThan(chat.updatedAt.getTime());
        covered.add('Chat');

        const parts = [{ type: 'text', text: 'Hej — 你好 👋', nested: { list: [1, 2.5, null, true] } }];
        const first = await db.message.create({ data: { id: `${chatId}-m1`, chatId, role: 'user', parts } });
        const second = await db.message.create({ data: { id: `${chatId}-m2`, chatId, role: 'assistant', parts: [], metadata: { usage: { outputTokens: 3 } } } });
        expect(first.status).toBe('done');
        expect(first.metadata).toBeNull();
        expect(second.seq).toBeGreaterThan(first.seq);
        expect((await db.message.findUnique({ where: { id: first.id } }))?.parts).toEqual(parts);
        const updated = await db.message.update({ where: { id: second.id }, data: { status: 'stopped', parts: [{ type: 'text', text: 'partial' }] } });
        expect(updated).toMatchObject({ status: 'stopped', parts: [{ type: 'text', text: 'partial' }], metadata: { usage: { outputTokens: 3 } } });
        await db.message.delete({ where: { id: first.id } });
        expect(await db.message.findMany({ where: { chatId } })).toHaveLength(1);
        covered.add('Message');

        const share = await db.share.create({ data: { id: `${chatId}-s`, token: `${chatId}-token`, chatId, userId, title: 'T', snapshot: [{ id: 'm', parts: [] }] } });
        expect(await db.share.findUnique({ where: { token: share.token } })).toEqual(share);
        expect((await db.share.update({ where: { id: share.id }, data: { revokedAt: new Date() } })).revokedAt).toBeInstanceOf(Date);
        covered.add('Share');

        const artifact = await db.artifact.create({ data: { id: `${chatId}-art`, chatId, userId, title: 'Spel 🎮', kind: 'html', latestVersion: 1 } });
        expect(artifact).toMatchObject({ latestVersion: 1, kind: 'html' });
        const html = '<!doctype html><p>Hej — 你好</p>\n'.repeat(50);
        const version = await db.artifactVersion.create({ data: { artifactId: artifact.id, version: 1, title: artifact.title, content: html, messageId: second.id } });
        expect(await db.artifactVersion.findUnique({ where: { artifactId_version: { artifactId: artifact.id, version: 1 } } })).toEqual(version);
        await expect(db.artifactVersion.create({ data: { artifactId: artifact.id, version: 1, title: 'dup', content: '', messageId: 'x' } })).rejects.toThrow();
        expect((await db.artifact.update({ where: { id: artifact.id }, data: { latestVersion: { increment: 1 } } })).latestVersion).toBe(2);
        await db.artifactVersion.update({ where: { artifactId_version: { artifactId: artifact.id, version: 1 } }, data: { title: 'renamed' } });
        await db.artifactVersion.create({ data: { artifactId: artifact.id, version: 2, title: 'v2', content: 'x', messageId: second.id } });
        await db.artifactVersion.delete({ where: { artifactId_version: { artifactId: artifact.id, version: 2 } } });
        expect(await db.artifactVersion.count({ where: { artifactId: artifact.id } })).toBe(1);
        covered.add('Artifact');
        covered.add('ArtifactVersion');
        const image = await db.image.create({
          data: { id: `${chatId}-img`, userId, filename: 'Ström.png', format: 'png', kind: 'graphic', fullKey: 'images/x/full.png', mediaType: 'image/png', width: 40, height: 30, byteSize: 123, thumbKey: 'images/x/thumb.webp', thumbWidth: 40, thumbHeight: 30 },
        });
        expect(image).toMatchObject({ chatId: null, messageId: null, sentAt: null, variants: {} });
        expect(await db.image.findUnique({ where: { id: image.id } })).toEqual(image);
        const claimed = await db.image.update({ where: { id: image.id }, data: { chatId, messageId: second.id, sentAt: new Date(), variants: { '1568': [{ key: 'k', width: 1, height: 1 }] } } });
        expect(claimed.variants).toEqual({ '1568': [{ key: 'k', width: 1, height: 1 }] });
        // An image outlives its message (set to null, so the purge can remove its bytes first).
        await db.message.delete({ where: { id: second.id } });
        expect(await db.image.findUnique({ where: { id: image.id } })).toMatchObject({ messageId: null, chatId });
        covered.add('Image');

        const event = await db.usageEvent.create({ data: { id: `${chatId}-u`, userId, kind: 'message' } });
        expect(await db.usageEvent.count({ where: { userId } })).toBe(1);
        await db.usageEvent.update({ where: { id: event.id }, data: { kind: 'regenerate' } });
        await db.usageEvent.delete({ where: { id: event.id } });
        covered.add('UsageEvent');

        const session = await db.session.create({ data: { id: `${chatId}-sess`, token: `${chatId}-tok`, userId, expiresAt: new Date(Date.now() + 60_000), userAgent: 'test' } });
        expect(await db.session.findUnique({ where: { token: session.token } })).toEqual(session);
        await db.session.update({ where: { id: session.id }, data: { ipAddress: '203.0.113.1' } });
        covered.add('Session');

        const account = await db.account.create({ data: { id: `${chatId}-acc`, accountId: userId, providerId: 'credential', userId, password: 'hash' } });
        expect((await db.account.update({ where: { id: account.id }, data: { scope: 'x' } })).scope).toBe('x');
        covered.add('Account');

        const verification = await db.verification.create({ data: { id: `${chatId}-v`, identifier: 'reset', value: 'v', expiresAt: new Date() } });
        await db.verification.update({ where: { id: verification.id }, data: { value: 'w' } });
        await db.verification.delete({ where: { id: verification.id } });
        covered.add('Verification');

        const memory = await db.memory.create({ data: { id: `${chatId}-mem`, userId, content: 'Is vegetarian', sourceChatId: chatId } });
        expect(memory).toMatchObject({ pinned: false, sourceMessageId: null });
        expect((await db.memory.update({ where: { id: memory.id }, data: { pinned: true } })).pinned).toBe(true);
        covered.add('Memory');

        const preferences = await db.preferences.create({ data: { userId } });
        expect(preferences).toMatchObject({ memoryEnabled: true, aboutMe: '', responseStyle: '' });
        expect((await db.preferences.update({ where: { userId }, data: { aboutMe: 'Teacher' } })).aboutMe).toBe('Teacher');
        covered.add('Preferences');

        const limit = await db.rateLimit.create({ data: { key: `${chatId}-rl`, count: 1, windowStart: new Date() } });
        expect((await db.rateLimit.update({ where: { key: limit.key }, data: { count: { increment: 1 } } })).count).toBe(2);
        await db.rateLimit.delete({ where: { key: limit.key } });
        covered.add('RateLimit');

        const setting = await db.setting.create({ data: { key: `${chatId}-k`, value: 'v' } });
        expect((await db.setting.update({ where: { key: setting.key }, data: { value: 'w' } })).value).toBe('w');
        await db.setting.delete({ where: { key: setting.key } });
        covered.add('Setting');

        const run = await db.run.create({ data: { id: `${chatId}-run`, chatId, userId, instanceId: 'i1' } });
        expect(run).toMatchObject({ status: 'running', stopRequested: false, endedAt: null });
        await db.runEvent.create({ data: { runId: run.id, seq: 0, chunks: [{ type: 'text-delta', id: 't', delta: 'Hej 你好' }] } });
        await expect(db.runEvent.create({ data: { runId: run.id, seq: 0, chunks: [] } })).rejects.toThrow();
        expect((await db.runEvent.findUnique({ where: { runId_seq: { runId: run.id, seq: 0 } } }))?.chunks).toEqual([{ type: 'text-delta', id: 't', delta: 'Hej 你好' }]);
        expect((await db.run.update({ where: { id: run.id }, data: { stopRequested: true } })).stopRequested).toBe(true);
        await db.run.delete({ where: { id: run.id } });
        expect(await db.runEvent.count({ where: { runId: run.id } })).toBe(0);
        covered.add('Run');
        covered.add('RunEvent');

        // Deleting a chat takes its messages, shares and artifacts with it; deleting a user takes everything.
        await db.chat.delete({ where: { id: chatId } });
        expect(await db.chat.findUnique({ where: { id: chatId } })).toBeNull();
        expect(await db.message.count({ where: { chatId } })).toBe(0);
        expect(await db.share.count({ where: { chatId } })).toBe(0);
        expect(await db.artifact.count({ where: { chatId } })).toBe(0);
        expect(await db.artifactVersion.count({ where: { artifactId: artifact.id } })).toBe(0);
        expect(await db.image.findUnique({ where: { id: image.id } })).toMatchObject({ chatId: null });
        await db.user.delete({ where: { id: userId } });
        expect(await db.session.count({ where: { userId } })).toBe(0);
        expect(await db.image.count({ where: { userId } })).toBe(0);
        expect(await db.memory.count({ where: { userId } })).toBe(0);
        expect(await db.preferences.count({ where: { userId } })).toBe(0);
        expect(await db.account.count({ where: { userId } })).toBe(0);

        // A model added to the schema must be added here too.
        expect([...covered].sort()).toEqual(Object.keys(clientDataModel(db).model.models).sort());
      });

      it('records every committed migration as prisma migrate deploy does: sha256 of migration.sql, finished', async () => {
        const db = await getDb();
        const rows = await db.$queryRawUnsafe<Array<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>>(
          'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name',
        );
        const committed = await committedMigrations();
        expect(committed.length).toBeGreaterThan(0);
        expect(rows.map(({ migration_name, checksum }) => ({ migration_name, checksum }))).toEqual(committed);
        for (const row of rows) {
          expect(row.finished_at).toBeInstanceOf(Date);
          expect(row.rolled_back_at).toBeNull();
        }
      });
    });

    describe('applyMigrations', () => {
      let raw: Awaited<ReturnType<typeof openRaw>>;
      let conn: SqlConnection;
      let schema: string;
      let dir: string;

      beforeAll(async () => {
        raw = await openRaw(kind);
        conn = raw.conn;
      });
      afterAll(async () => {
        await raw?.close();
      });
      // Each test starts in an empty schema of its own, and a temp folder for made-up migrations.
      beforeEach(async () => {
        schema = `t_${randomBytes(4).toString('hex')}`;
        await conn.exec(`CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"`);
        dir = await mkdtemp(path.join(tmpdir(), 'flint-migrations-'));
        return () => rm(dir, { recursive: true, force: true });
      });

      it('applies the committed migrations once; applying again changes nothing', async () => {
        const migrations = await readMigrations(MIGRATIONS_DIR);
        const names = migrations.map((m) => m.name);

        expect(await applyMigrations(conn, migrations)).toEqual({ applied: names, alreadyApplied: [] });
        const tables = await tablesIn(conn, schema);
        const rows = await migrationRows(conn);

        expect(await applyMigrations(conn, migrations)).toEqual({ applied: [], alreadyApplied: names });
        expect(await tablesIn(conn, schema)).toEqual(tables);
        expect(await migrationRows(conn)).toEqual(rows);
        expect(rows.map((r) => r.checksum)).toEqual((await committedMigrations()).map((m) => m.checksum));
      });

      it('rolls back a failing migration completely: no partial table, no row; fixing it lets it apply', async () => {
        await writeMigrations(dir, {
          '20260101000000_alpha': 'CREATE TABLE "Alpha" ("id" INTEGER PRIMARY KEY);',
          '20260102000000_beta': 'CREATE TABLE "Beta" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "Alpha" VALUES (1);\nSELECT * FROM "no_such_table";',
        });

        await expect(applyMigrations(conn, await readMigrations(dir))).rejects.toThrow(/no_such_table/);

        expect(await tablesIn(conn, schema)).toEqual(['Alpha', '_prisma_migrations']);
        expect(await conn.query('SELECT * FROM "Alpha"')).toEqual([]);
        expect((await migrationRows(conn)).map((r) => r.migration_name)).toEqual(['20260101000000_alpha']);

        await writeMigrations(dir, { '20260102000000_beta': 'CREATE TABLE "Beta" ("id" INTEGER PRIMARY KEY);' });
        expect(await applyMigrations(conn, await readMigrations(dir))).toEqual({
          applied: ['20260102000000_beta'],
          alreadyApplied: ['20260101000000_alpha'],
        });
        expect(await tablesIn(conn, schema)).toEqual(['Alpha', 'Beta', '_prisma_migrations']);
      });

      it('commits a migration and its record together: when recording it fails, its changes are undone too', async () => {
        // A checksum too long for the VARCHAR(64) column makes the bookkeeping INSERT fail after the SQL ran.
        const unrecordable = { name: '20260101000000_alpha', sql: 'CREATE TABLE "Alpha" ("id" INTEGER PRIMARY KEY);', checksum: 'f'.repeat(65) };

        await expect(applyMigrations(conn, [unrecordable])).rejects.toThrow();

        expect(await tablesIn(conn, schema)).toEqual(['_prisma_migrations']);
        expect(await migrationRows(conn)).toEqual([]);
      });

      it('applies migrations in name order, whatever order the folders were created in', async () => {
        await writeMigrations(dir, {
          '20260102000000_add_column': 'ALTER TABLE "Gamma" ADD COLUMN "label" TEXT;',
          '20260101000000_create': 'CREATE TABLE "Gamma" ("id" INTEGER PRIMARY KEY);',
        });
        const result = await applyMigrations(conn, await readMigrations(dir));
        expect(result.applied).toEqual(['20260101000000_create', '20260102000000_add_column']);
      });

      it('leaves an already-applied migration alone when its file changed later, with a warning', async () => {
        await writeMigrations(dir, { '20260101000000_alpha': 'CREATE TABLE "Alpha" ("id" INTEGER PRIMARY KEY);' });
        await applyMigrations(conn, await readMigrations(dir));
        const before = await migrationRows(conn);
        await writeMigrations(dir, { '20260101000000_alpha': 'CREATE TABLE "Alpha" ("id" BIGINT PRIMARY KEY);' });

        const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
        try {
          expect(await applyMigrations(conn, await readMigrations(dir))).toEqual({ applied: [], alreadyApplied: ['20260101000000_alpha'] });
          expect(warn).toHaveBeenCalledWith(expect.stringContaining('20260101000000_alpha was changed after it was applied'));
        } finally {
          warn.mockRestore();
        }
        expect(await migrationRows(conn)).toEqual(before);
      });

      it('refuses to continue after a migration that prisma left half-applied', async () => {
        await writeMigrations(dir, { '20260101000000_alpha': 'CREATE TABLE "Alpha" ("id" INTEGER PRIMARY KEY);' });
        await applyMigrations(conn, []);
        await conn.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ('x', 'abc', '20251231000000_broken', now())`,
        );
        await expect(applyMigrations(conn, await readMigrations(dir))).rejects.toThrow(/20251231000000_broken.*failed earlier.*migrate-resolve/);
        expect(await tablesIn(conn, schema)).toEqual(['_prisma_migrations']);
      });
    });
  });
}
