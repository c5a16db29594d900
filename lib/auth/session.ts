// Who is asking. Every server action and route handler that touches a user's data starts here.
import 'server-only';
import { getSessionCookie } from 'better-auth/cookies';
import { headers } from 'next/headers';
import { FlintError } from '@/lib/errors';
import { getAuth } from './auth';
import { rememberedSession, rememberSession, sessionGeneration } from './session-cache';

export interface CurrentUser {
  id: string;
  name: string;
  email: string | null;
  isGuest: boolean;
}

function toCurrentUser(user: { id: string; name: string; email: string; isAnonymous?: boolean | null }): CurrentUser {
  const isGuest = Boolean(user.isAnonymous);
  return { id: user.id, name: user.name, email: isGuest ? null : user.email, isGuest };
}

/** The signed-in user or guest, or null for a first-time visitor. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const requestHeaders = await headers();
  const token = getSessionCookie(requestHeaders, { cookiePrefix: 'flint' });
  if (!token) return null;
  const remembered = rememberedSession<CurrentUser>(token);
  if (remembered) return remembered;
  const generation = sessionGeneration();
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const user = toCurrentUser(session.user as never);
  rememberSession(token, user, new Date(session.session.expiresAt).getTime(), generation);
  return user;
}

/**
 * The current user. Without a session the answer is the same as for a missing record, so nobody
 * can tell whether an id exists without being its owner.
 */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new FlintError('not_found', 'This chat does not exist or was deleted. Start a new chat from the sidebar.');
  return user;
}

/**
 * The current user, for starting something new (a message). Without a session the browser is
 * told so: it creates a guest session through /api/auth (a plain HTTP response, so setting the
 * cookie does not re-render the page mid-send) and tries again.
 */
export async function requireSessionUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new FlintError('unauthenticated', 'Your session has ended. Reload the page to continue.');
  return user;
}
