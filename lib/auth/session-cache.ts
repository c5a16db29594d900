// Who a session cookie belongs to, remembered for a few seconds (lib/auth/session.ts): a chat makes
// several requests a turn (the message, the chat list, the quota), and each lookup costs two
// database queries. Any change Better Auth makes (signing in or out, revoking sessions, a new
// password, deleting the account) empties it at once on this instance (lib/auth/auth.ts hooks);
// another instance notices within SESSION_CACHE_MS.
import 'server-only';

export const SESSION_CACHE_MS = 5_000;
const MAX_ENTRIES = 5_000;

const cacheKey = Symbol.for('flint.session-cache');
type SessionCache = { entries: Map<string, { user: unknown; until: number }>; generation: number };

function cache(): SessionCache {
  const g = globalThis as typeof globalThis & { [cacheKey]?: SessionCache };
  return (g[cacheKey] ??= { entries: new Map(), generation: 0 });
}

/** The user remembered for this session cookie, if it was looked up in the last few seconds. */
export function rememberedSession<User>(token: string): User | undefined {
  const entries = cache().entries;
  const hit = entries.get(token);
  if (!hit) return undefined;
  if (hit.until > Date.now()) return hit.user as User;
  entries.delete(token);
  return undefined;
}

/** Counts changes: a lookup that started before one is not remembered (a sign-out raced it). */
export function sessionGeneration() {
  return cache().generation;
}

export function rememberSession(token: string, user: unknown, expiresAt: number, generation: number) {
  const c = cache();
  if (c.generation !== generation) return;
  if (c.entries.size >= MAX_ENTRIES) c.entries.delete(c.entries.keys().next().value!);
  c.entries.set(token, { user, until: Math.min(Date.now() + SESSION_CACHE_MS, expiresAt) });
}

/** Forgets every remembered session. */
export function forgetSessions() {
  const c = cache();
  c.entries.clear();
  c.generation += 1;
}
