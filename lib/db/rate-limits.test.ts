import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb } from './client';
import { consumeRateLimit } from './rate-limits';
import { databaseKinds, useTestDatabase } from './test-databases';

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

const key = () => `test:${randomBytes(5).toString('hex')}`;

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`rate limits on ${kind}`, () => {
    useTestDatabase(kind);
    afterAll(closeConnections);

    it('allows max requests in a window, then refuses and says how long to wait', async () => {
      const k = key();
      const rule = { window: 60, max: 3 };
      for (let i = 0; i < 3; i++) expect(await consumeRateLimit(k, rule)).toEqual({ allowed: true, retryAfter: null });

      const refused = await consumeRateLimit(k, rule);

      expect(refused.allowed).toBe(false);
      expect(refused.retryAfter).toBeGreaterThanOrEqual(55);
      expect(refused.retryAfter).toBeLessThanOrEqual(60);
      // Refused requests keep being refused, and the wait does not grow with them.
      const again = await consumeRateLimit(k, rule);
      expect(again.allowed).toBe(false);
      expect(again.retryAfter).toBeLessThanOrEqual(refused.retryAfter!);
    });

    it('counts each key on its own', async () => {
      const busy = key();
      const rule = { window: 60, max: 1 };
      await consumeRateLimit(busy, rule);
      expect((await consumeRateLimit(busy, rule)).allowed).toBe(false);
      expect(await consumeRateLimit(key(), rule)).toEqual({ allowed: true, retryAfter: null });
    });

    it('a new window starts once the old one has passed', async () => {
      const k = key();
      const rule = { window: 1, max: 2 };
      // At once, so that all three land in the same one-second window even on a slow machine.
      const first = await Promise.all([consumeRateLimit(k, rule), consumeRateLimit(k, rule), consumeRateLimit(k, rule)]);
      expect(first.filter((r) => r.allowed)).toHaveLength(2);
      expect(first.filter((r) => !r.allowed)).toEqual([{ allowed: false, retryAfter: 1 }]);

      await sleep(1_100);

      expect(await consumeRateLimit(k, rule)).toEqual({ allowed: true, retryAfter: null });
      expect(await consumeRateLimit(k, rule)).toEqual({ allowed: true, retryAfter: null });
      expect((await consumeRateLimit(k, rule)).allowed).toBe(false);
    });

    it('simultaneous requests never get more than max through', async () => {
      const k = key();
      const rule = { window: 60, max: 5 };

      const results = await Promise.all(Array.from({ length: 30 }, () => consumeRateLimit(k, rule)));

      expect(results.filter((r) => r.allowed)).toHaveLength(5);
      for (const r of results.filter((r) => !r.allowed)) expect(r.retryAfter).toBeGreaterThan(0);
    });
  });
}
