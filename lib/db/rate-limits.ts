import 'server-only';
import { getDb } from './client';

/**
 * Counts one request against `key` in a fixed window and says whether it is allowed, in a single
 * statement so simultaneous requests (also on other instances) cannot all slip through.
 */
export async function consumeRateLimit(key: string, rule: { window: number; max: number }): Promise<{ allowed: boolean; retryAfter: number | null }> {
  const db = await getDb();
  const rows = await db.$queryRawUnsafe<Array<{ count: number; windowStart: Date }>>(
    `INSERT INTO "RateLimit" ("key", "count", "windowStart") VALUES ($1, 1, now())
     ON CONFLICT ("key") DO UPDATE SET
       "count" = CASE WHEN "RateLimit"."windowStart" <= now() - make_interval(secs => $2) THEN 1 ELSE "RateLimit"."count" + 1 END,
       "windowStart" = CASE WHEN "RateLimit"."windowStart" <= now() - make_interval(secs => $2) THEN now() ELSE "RateLimit"."windowStart" END
     RETURNING "count", "windowStart"`,
    key,
    rule.window,
  );
  const row = rows[0]!;
  if (row.count <= rule.max) return { allowed: true, retryAfter: null };
  const retryAfter = Math.max(1, Math.ceil((new Date(row.windowStart).getTime() + rule.window * 1000 - Date.now()) / 1000));
  return { allowed: false, retryAfter };
}
