// A first-time visitor becomes a guest the first time they need a session: Better Auth's anonymous
// sign-in sets an httpOnly cookie. Done over plain HTTP because a cookie set inside a server action
// makes Next.js re-render the page in the middle of a send. Concurrent callers (six images dropped
// at once) share one sign-in.
import type { ErrorCode } from '@/lib/errors';

export class SessionError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SessionError';
  }
}

let pending: Promise<void> | null = null;

export function startGuestSession(): Promise<void> {
  pending ??= (async () => {
    try {
      const response = await fetch('/api/auth/sign-in/anonymous', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      if (response.status === 429) throw new SessionError('busy', 'Too many new visitors from your network right now. Wait a minute and try again.');
      if (!response.ok) throw new SessionError('internal', 'Could not start a guest session. Reload the page and try again.');
    } finally {
      // Later calls (after a sign-out, say) start afresh.
      setTimeout(() => (pending = null), 1000);
    }
  })();
  return pending;
}
