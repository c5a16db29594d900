// Accounts, with Better Auth over Flint's own Prisma client: email and password (hashed by Better
// Auth), guests as anonymous users, database sessions, and sign-in rate limits stored in the
// database so they hold across restarts and instances.
import 'server-only';
import { betterAuth } from 'better-auth';
import { createAuthMiddleware } from 'better-auth/api';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { anonymous } from 'better-auth/plugins/anonymous';
import { getDb } from '@/lib/db/client';
import { consumeRateLimit } from '@/lib/db/rate-limits';
import { getOrCreateSetting } from '@/lib/db/settings';
import { transferUserData } from '@/lib/db/users';
import { env } from '@/lib/env';
import { forgetSessions } from './session-cache';

/** Better Auth endpoints that change no session or user. */
const READ_ONLY_PATHS = new Set(['/get-session', '/list-sessions', '/list-accounts', '/ok', '/error']);

/** Forgets the remembered sessions around any endpoint that may change one. */
const forgetOnChange = createAuthMiddleware(async (ctx) => {
  if (!READ_ONLY_PATHS.has(ctx.path)) forgetSessions();
});

async function createAuth() {
  const e = env();
  const db = await getDb();
  const secret = e.BETTER_AUTH_SECRET ?? (await getOrCreateSetting('auth.secret'));
  const loginRule = { window: 60, max: e.FLINT_LOGIN_ATTEMPTS_PER_MINUTE };
  return betterAuth({
    appName: 'Flint',
    secret,
    // Without a configured address Flint answers on whatever host it is reached by.
    baseURL: e.FLINT_PUBLIC_URL ?? { allowedHosts: ['*'], protocol: 'auto', fallback: 'http://localhost:3000' },
    database: prismaAdapter(db, { provider: 'postgresql' }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    session: { expiresIn: e.FLINT_SESSION_DAYS * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': loginRule,
        '/sign-up/email': loginRule,
        '/change-password': loginRule,
        '/sign-in/anonymous': { window: 60, max: e.FLINT_GUESTS_PER_MINUTE },
      },
      customStorage: { consume: (key, rule) => consumeRateLimit(`auth:${key}`, rule) },
    },
    advanced: {
      cookiePrefix: 'flint',
      // Secure cookies when Flint is known to be served over HTTPS; behind a TLS proxy without
      // FLINT_PUBLIC_URL the Secure attribute is added per request (see lib/auth/cookies.ts).
      useSecureCookies: e.FLINT_PUBLIC_URL?.startsWith('https://') ?? false,
      trustedProxyHeaders: true,
    },
    telemetry: { enabled: false },
    // Sessions are remembered for a few seconds (lib/auth/session-cache.ts); anything that changes them
    // (signing in or out, revoking, a new password, deleting the account) forgets them, before it
    // runs and again once it has.
    hooks: { before: forgetOnChange, after: forgetOnChange },
    plugins: [
      anonymous({
        emailDomainName: 'guest.flint.invalid',
        generateName: () => 'Guest',
        onLinkAccount: async ({ anonymousUser, newUser }) => {
          await transferUserData(anonymousUser.user.id, newUser.user.id);
        },
      }),
    ],
  });
}

export type Auth = Awaited<ReturnType<typeof createAuth>>;

const authKey = Symbol.for('flint.auth');
type GlobalWithAuth = typeof globalThis & { [authKey]?: Promise<Auth> };

/** The Better Auth instance, created once the database is ready. */
export function getAuth(): Promise<Auth> {
  const g = globalThis as GlobalWithAuth;
  g[authKey] ??= createAuth().catch((error) => {
    g[authKey] = undefined;
    throw error;
  });
  return g[authKey];
}

export function resetAuthForTests() {
  (globalThis as GlobalWithAuth)[authKey] = undefined;
  forgetSessions();
}
