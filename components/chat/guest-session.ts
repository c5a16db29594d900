// A first-time visitor has no session until they do something worth keeping. Actions that create
// data answer `unauthenticated` then; this starts a guest session over plain HTTP (Better Auth's
// anonymous sign-in sets an httpOnly cookie) and tries once more. HTTP rather than a server action,
// because a cookie set inside an action makes Next.js re-render the page mid-request.
import type { ActionResult } from '@/lib/errors';

export class GuestSessionError extends Error {
  constructor(
    readonly code: 'busy' | 'internal',
    message: string,
  ) {
    super(message);
  }
}

export async function startGuestSession(): Promise<void> {
  const response = await fetch('/api/auth/sign-in/anonymous', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (response.status === 429) throw new GuestSessionError('busy', 'Too many new visitors from your network right now. Wait a minute and try again.');
  if (!response.ok) throw new GuestSessionError('internal', 'Could not start a guest session. Reload the page and try again.');
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
