// A count of the changes made to each user's data by this process: their chats (deleted, restored,
// made temporary, answered), memories and preferences. What was read for a user stays good while
// their count is unchanged (lib/runs/prepared.ts holds a turn's reads on that condition). Only
// meaningful where this process is the database's one writer (PGlite, embedded); callers check.
// On globalThis: Next.js bundles each route on its own, and they all must see one count.
const countsKey = Symbol.for('flint.user-changes');

function countsOf(): Map<string, number> {
  const g = globalThis as typeof globalThis & { [countsKey]?: Map<string, number> };
  return (g[countsKey] ??= new Map());
}

function bump(userIds: string[]) {
  const counts = countsOf();
  for (const userId of userIds) counts.set(userId, (counts.get(userId) ?? 0) + 1);
}

/**
 * Runs a write to these users' data, counted before it starts and again once it has ended, so a
 * read that overlapped it in any way is seen as stale.
 */
export async function changing<T>(userIds: string | string[], write: () => Promise<T>): Promise<T> {
  const ids = typeof userIds === 'string' ? [userIds] : userIds;
  bump(ids);
  try {
    return await write();
  } finally {
    bump(ids);
  }
}

export function userChangeCount(userId: string): number {
  return countsOf().get(userId) ?? 0;
}
