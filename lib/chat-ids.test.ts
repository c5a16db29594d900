import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, getDb } from '@/lib/db/client';
import { databaseKinds, useTestDatabase } from '@/lib/db/test-databases';
import { resetEnvForTests } from '@/lib/env';
import { mintChatId, verifyNewChatToken } from './chat-ids';

/**
 * Closes Flint's connections and waits until PostgreSQL has let them go. Until lib/db/client.ts
 * listens for pool errors, a pooled connection still closing when the scratch database is dropped
 * WITH (FORCE) raises an uncaught 57P01 that fails the run; the concurrent tests here open many.
 */
async function closeConnections() {
  const url = process.env.DATABASE_URL;
  await closeDb();
  if (!url || !process.env.TEST_DATABASE_URL) return;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    for (let attempt = 0; attempt < 250; attempt++) {
      const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [new URL(url).pathname.slice(1)]);
      if (rows[0]!.n === 0) return;
      await sleep(20);
    }
  } finally {
    await admin.end();
  }
}

/**
 * Closes the database and opens it again, and reloads the module, as a server restart does; returns
 * the verifier of the restarted server (nothing kept in module memory survives).
 */
async function restart(): Promise<typeof verifyNewChatToken> {
  await closeDb();
  vi.resetModules();
  await getDb();
  return (await import('./chat-ids')).verifyNewChatToken;
}

function tamper(token: string) {
  const last = token.at(-1) === 'A' ? 'B' : 'A';
  return token.slice(0, -1) + last;
}

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`new chat ids on ${kind}`, () => {
    useTestDatabase(kind);
    afterAll(closeConnections);

    it('mints a fresh id each time, with a token that verifies for that id', async () => {
      const first = await mintChatId();
      const second = await mintChatId();

      expect(first.chatId).toMatch(/^[0-9a-f-]{36}$/);
      expect(second.chatId).not.toBe(first.chatId);
      expect(await verifyNewChatToken(first.chatId, first.token)).toBe(true);
      expect(await verifyNewChatToken(second.chatId, second.token)).toBe(true);
    });

    it("a token does not verify for any other id, so it cannot open someone else's chat", async () => {
      const first = await mintChatId();
      const second = await mintChatId();

      expect(await verifyNewChatToken(second.chatId, first.token)).toBe(false);
      expect(await verifyNewChatToken(first.chatId, second.token)).toBe(false);
      expect(await verifyNewChatToken('chosen-by-an-attacker', first.token)).toBe(false);
    });

    it('missing, empty, truncated, extended or tampered tokens fail', async () => {
      const { chatId, token } = await mintChatId();

      expect(await verifyNewChatToken(chatId, undefined)).toBe(false);
      expect(await verifyNewChatToken(chatId, '')).toBe(false);
      expect(await verifyNewChatToken(chatId, token.slice(0, -1))).toBe(false);
      expect(await verifyNewChatToken(chatId, `${token}A`)).toBe(false);
      expect(await verifyNewChatToken(chatId, tamper(token))).toBe(false);
      expect(await verifyNewChatToken(chatId, token.toUpperCase())).toBe(false);
    });

    it('ids minted at the same moment on a fresh database all verify (one secret is agreed on)', async () => {
      const db = await getDb();
      await db.setting.deleteMany({ where: { key: 'chat-ids.secret' } });
      // A server starting on it: nothing read before is remembered (settings are read once).
      vi.resetModules();
      const fresh = await import('./chat-ids');

      const minted = await Promise.all(Array.from({ length: 8 }, () => fresh.mintChatId()));

      for (const { chatId, token } of minted) expect(await fresh.verifyNewChatToken(chatId, token)).toBe(true);
      expect(await db.setting.count({ where: { key: 'chat-ids.secret' } })).toBe(1);
    });

    if (kind === 'postgres') {
      it('tokens minted before a restart still verify after it', async () => {
        // A server that has not read the secret before (the test above replaced it).
        vi.resetModules();
        const { chatId, token } = await (await import('./chat-ids')).mintChatId();
        const verifyAfterRestart = await restart();
        expect(await verifyAfterRestart(chatId, token)).toBe(true);
        expect(await verifyAfterRestart(chatId, tamper(token))).toBe(false);
      });
    }
  });
}

describe('new chat ids on PGlite kept on disk', () => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, FLINT_DATA_DIR: process.env.FLINT_DATA_DIR };
  let dataDir = '';

  beforeAll(async () => {
    await closeDb();
    dataDir = await mkdtemp(path.join(tmpdir(), 'flint-chat-ids-'));
    delete process.env.DATABASE_URL;
    process.env.FLINT_DATA_DIR = dataDir;
    resetEnvForTests();
  });

  afterAll(async () => {
    await closeDb();
    await rm(dataDir, { recursive: true, force: true });
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnvForTests();
  });

  it('tokens minted before a restart still verify after it', { timeout: 90_000 }, async () => {
    const { chatId, token } = await mintChatId();
    const verifyAfterRestart = await restart();
    expect(await verifyAfterRestart(chatId, token)).toBe(true);
    expect(await verifyAfterRestart(chatId, tamper(token))).toBe(false);
  });
});
