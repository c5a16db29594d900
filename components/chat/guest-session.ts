// A first-time visitor has no session until they do something worth keeping. Actions that create
// data answer `unauthenticated` then; this starts a guest session over plain HTTP (Better Auth's
// anonymous sign-in sets an httpOnly cookie) and tries once more. HTTP rather than a server action,
// because a cookie set inside an action makes Next.js re-render the page mid-request. Concurrent
// callers (six images dropped at once) share one sign-in.
import type { ActionResult } from '@/lib/errors';

export class GuestSessionError extends Error {
  constructor(
    readonly code: 'busy' | 'internal',
    message: string,
  ) {
    super(message);
  }
}

let pending: Promise<void> | null = null;

export function startGuestSession(): Promise<void> {
  pending ??= (async () => {
    try {
      const response = await fetch('/api/auth/sign-in/anonymous', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      if (response.status === 429) throw new GuestSessionError('busy', 'Too many new visitors from your network right now. Wait a minute and try again.');
      if (!response.ok) throw new GuestSessionError('internal', 'Could not start a guest session. Reload the page and try again.');
    } finally {
      // Later calls (after a sign-out, say) start afresh.
      setTimeout(() => (pending = null), 1000);
    }
  })();
  return pending;
}

export async function withGuestSession<T>(action: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const first = await action();
  if (first.ok || first.code !== 'unauthenticated') return first;
  try {
    await startGuestSession();
  } catch (error) {
    const failure = error as GuestSessionError;
    return { ok: false, code: failure.code ?? 'internal', message: failure.message };
  }
  return action();
}
