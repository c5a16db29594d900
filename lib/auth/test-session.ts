// Test support: real Better Auth users and sessions, and a stand-in for `next/headers` so server
// actions and route handlers run as a chosen user. Use in a test file with
//   vi.mock('next/headers', async () => (await import('@/lib/auth/test-session')).nextHeadersMock);
import { randomBytes } from 'node:crypto';
import { getAuth } from './auth';

let cookieHeader: string | null = null;

export interface TestUser {
  id: string;
  email: string | null;
  isGuest: boolean;
  /** The Cookie request header carrying this user's session. */
  cookie: string;
}

/** Every later `headers()` / `cookies()` call sees this user's session (null: a first-time visitor). */
export function actAs(user: Pick<TestUser, 'cookie'> | null) {
  cookieHeader = user?.cookie ?? null;
}

function parseCookieHeader(header: string | null) {
  return (header ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      return { name: pair.slice(0, eq), value: decodeURIComponent(pair.slice(eq + 1)) };
    });
}

export const nextHeadersMock = {
  headers: async () => new Headers({ host: 'localhost:3000', 'user-agent': 'vitest', 'x-forwarded-for': '203.0.113.7', ...(cookieHeader ? { cookie: cookieHeader } : {}) }),
  cookies: async () => {
    const all = parseCookieHeader(cookieHeader);
    return { get: (name: string) => all.find((c) => c.name === name), getAll: () => all, has: (name: string) => all.some((c) => c.name === name), set: () => {}, delete: () => {} };
  },
};

function cookieFrom(headers: Headers): string {
  const pairs = headers.getSetCookie().map((header) => header.split(';')[0]!);
  const session = pairs.filter((pair) => pair.includes('session_token='));
  if (!session.length) throw new Error('no session cookie in the response');
  return session.join('; ');
}

export async function createGuest(): Promise<TestUser> {
  const auth = await getAuth();
  const { headers, response } = await auth.api.signInAnonymous({ headers: new Headers({ host: 'localhost:3000', 'user-agent': 'vitest' }), returnHeaders: true });
  return { id: response!.user.id, email: null, isGuest: true, cookie: cookieFrom(headers) };
}

export async function createAccount(email = `user-${randomBytes(5).toString('hex')}@example.com`, password = 'correct horse battery'): Promise<TestUser & { password: string }> {
  const auth = await getAuth();
  const { headers, response } = await auth.api.signUpEmail({ body: { email, password, name: email.split('@')[0]! }, headers: new Headers({ host: 'localhost:3000', 'user-agent': 'vitest' }), returnHeaders: true });
  return { id: response.user.id, email, isGuest: false, cookie: cookieFrom(headers), password };
}
