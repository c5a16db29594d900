import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { CurrentUser } from '@/lib/auth/session';
import { closeDb, getDb } from '@/lib/db/client';
import { databaseKinds, useTestDatabase } from '@/lib/db/test-databases';
import { resetEnvForTests } from '@/lib/env';
import { FlintError } from '@/lib/errors';
import { consumeMessageQuota, limitFor, quotaStatus } from './quota';

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

const HOUR = 60 * 60 * 1000;
const LIMIT_VARS = ['FLINT_GUEST_MESSAGES_PER_DAY', 'FLINT_USER_MESSAGES_PER_DAY'] as const;
const saved = Object.fromEntries(LIMIT_VARS.map((name) => [name, process.env[name]]));

function setLimits(limits: { guest?: number; account?: number }) {
  for (const name of LIMIT_VARS) delete process.env[name];
  if (limits.guest !== undefined) process.env.FLINT_GUEST_MESSAGES_PER_DAY = String(limits.guest);
  if (limits.account !== undefined) process.env.FLINT_USER_MESSAGES_PER_DAY = String(limits.account);
  resetEnvForTests();
}

afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
});

async function newUser(isGuest: boolean): Promise<CurrentUser> {
  const db = await getDb();
  const id = `user-${randomBytes(5).toString('hex')}`;
  const email = `${id}@${isGuest ? 'guest.flint.invalid' : 'example.com'}`;
  await db.user.create({ data: { id, name: isGuest ? 'Guest' : 'Ada', email, isAnonymous: isGuest } });
  return { id, name: isGuest ? 'Guest' : 'Ada', email: isGuest ? null : email, isGuest };
}

/** Messages the user sent `ago` milliseconds ago. */
async function sentEarlier(user: CurrentUser, ago: number, count = 1) {
  const db = await getDb();
  for (let i = 0; i < count; i++) await db.usageEvent.create({ data: { id: randomUUID(), userId: user.id, kind: 'message', createdAt: new Date(Date.now() - ago) } });
}

async function refusal(user: CurrentUser): Promise<FlintError> {
  const error = await consumeMessageQuota(user).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FlintError)) throw new Error(`expected a quota refusal, got ${String(error)}`);
  return error;
}

async function sendAll(user: CurrentUser, count: number) {
  for (let i = 0; i < count; i++) await consumeMessageQuota(user);
}

describe('limitFor', () => {
  it('gives guests and account holders their own daily limit, 0 meaning unlimited', () => {
    setLimits({ guest: 3, account: 10 });
    expect(limitFor({ isGuest: true })).toBe(3);
    expect(limitFor({ isGuest: false })).toBe(10);

    setLimits({ guest: 0, account: 0 });
    expect(limitFor({ isGuest: true })).toBeNull();
    expect(limitFor({ isGuest: false })).toBeNull();
  });

  it('defaults to 20 for guests and 50 for accounts', () => {
    setLimits({});
    expect(limitFor({ isGuest: true })).toBe(20);
    expect(limitFor({ isGuest: false })).toBe(50);
  });
});

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`message quota on ${kind}`, () => {
    useTestDatabase(kind);
    afterAll(closeConnections);
    beforeEach(() => setLimits({ guest: 2, account: 4 }));

    it('a guest may send their limit, then is refused with when to come back and how to get more', async () => {
      const guest = await newUser(true);
      await sendAll(guest, 2);

      const error = await refusal(guest);

      expect(error.code).toBe('quota');
      expect(error.userMessage).toBe("You've used all 2 messages for today as a guest. You can send again in 24 h. Create a free account to send more each day.");
      expect(await quotaStatus(guest)).toMatchObject({ limit: 2, used: 2, isGuest: true });
    });

    it('an account holder gets their own, larger limit and no sign-up advice', async () => {
      const account = await newUser(false);
      await sendAll(account, 4);

      const error = await refusal(account);

      expect(error.code).toBe('quota');
      expect(error.userMessage).toBe("You've used all 4 messages for today. You can send again in 24 h.");
      expect(await quotaStatus(account)).toMatchObject({ limit: 4, used: 4, isGuest: false });
    });

    it('does not tell a guest to sign up when an account would not get more messages', async () => {
      setLimits({ guest: 2, account: 2 });
      const guest = await newUser(true);
      await sendAll(guest, 2);
      expect((await refusal(guest)).userMessage).toBe("You've used all 2 messages for today as a guest. You can send again in 24 h.");
    });

    it('a refused message is not counted', async () => {
      const guest = await newUser(true);
      await sendAll(guest, 2);
      await refusal(guest);
      await refusal(guest);
      expect((await quotaStatus(guest)).used).toBe(2);
    });

    it('each user has a quota of their own', async () => {
      const first = await newUser(true);
      const second = await newUser(true);
      await sendAll(first, 2);
      await expect(consumeMessageQuota(second)).resolves.toMatchObject({ used: 1 });
      expect(await quotaStatus(second)).toMatchObject({ used: 1 });
    });

    it('a counted message returns the quota left, as it is stored (limited and unlimited)', async () => {
      const guest = await newUser(true);
      const firstAt = Date.now() - 3 * HOUR;
      const db = await getDb();
      await db.usageEvent.create({ data: { id: randomUUID(), userId: guest.id, kind: 'message', createdAt: new Date(firstAt) } });
      const returned = await consumeMessageQuota(guest);
      expect(returned).toEqual({ limit: 2, used: 2, resetsAt: new Date(firstAt + 24 * HOUR).toISOString(), isGuest: true });
      expect(returned).toEqual(await quotaStatus(guest));

      setLimits({ guest: 0, account: 0 });
      const unlimited = await newUser(false);
      const first = await consumeMessageQuota(unlimited);
      expect(first).toEqual(await quotaStatus(unlimited));
      expect(first).toMatchObject({ limit: null, used: 1, isGuest: false });
      await sentEarlier(unlimited, 5 * HOUR);
      const third = await consumeMessageQuota(unlimited);
      expect(third).toEqual(await quotaStatus(unlimited));
      expect(third.used).toBe(3);
    });

    it('0 means unlimited, and messages are still counted', async () => {
      setLimits({ guest: 0, account: 0 });
      const guest = await newUser(true);
      await sendAll(guest, 30);
      expect(await quotaStatus(guest)).toMatchObject({ limit: null, used: 30, isGuest: true });
    });

    it('the window rolls: messages older than 24 hours stop counting, and resetsAt is when the oldest counted one expires', async () => {
      const guest = await newUser(true);
      await sentEarlier(guest, 25 * HOUR, 5);
      expect(await quotaStatus(guest)).toEqual({ limit: 2, used: 0, resetsAt: null, isGuest: true });

      const firstAt = Date.now() - 23 * HOUR;
      const db = await getDb();
      await db.usageEvent.create({ data: { id: randomUUID(), userId: guest.id, kind: 'message', createdAt: new Date(firstAt) } });
      await sentEarlier(guest, 2 * HOUR);

      const status = await quotaStatus(guest);
      expect(status).toMatchObject({ used: 2, resetsAt: new Date(firstAt + 24 * HOUR).toISOString() });
      expect((await refusal(guest)).userMessage).toContain('You can send again in 1 h.');
    });

    it('says the wait in hours and minutes', async () => {
      const soon = await newUser(false);
      await sentEarlier(soon, 24 * HOUR - 10 * 60_000 + 1_000);
      await sentEarlier(soon, HOUR, 3);
      expect((await refusal(soon)).userMessage).toBe("You've used all 4 messages for today. You can send again in 10 min.");

      const later = await newUser(false);
      await sentEarlier(later, 24 * HOUR - 90 * 60_000 + 1_000);
      await sentEarlier(later, HOUR, 3);
      expect((await refusal(later)).userMessage).toBe("You've used all 4 messages for today. You can send again in 1 h 30 min.");
    });

    it('10 messages sent at the same moment with a limit of 3 record exactly 3', async () => {
      setLimits({ guest: 3, account: 3 });
      const guest = await newUser(true);

      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => consumeMessageQuota(guest)));

      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(refused).toHaveLength(7);
      for (const { reason } of refused) expect(reason).toMatchObject({ code: 'quota' });
      const db = await getDb();
      expect(await db.usageEvent.count({ where: { userId: guest.id } })).toBe(3);
    });
  });
}
