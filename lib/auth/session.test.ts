// Who is asking, remembered for a few seconds: repeated requests skip the database, and anything
// that changes sessions through Better Auth (signing out, revoking) takes effect at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db/client';
import { useTestDatabase } from '@/lib/db/test-databases';
import { getAuth } from './auth';
import { getCurrentUser } from './session';
import { actAs, createAccount, createGuest } from './test-session';

vi.mock('next/headers', async () => (await import('@/lib/auth/test-session')).nextHeadersMock);

const browserHeaders = (cookie: string) => new Headers({ host: 'localhost:3000', 'user-agent': 'vitest', cookie });

async function whoIs(cookie: string | null) {
  actAs(cookie === null ? null : { cookie });
  try {
    return await getCurrentUser();
  } finally {
    actAs(null);
  }
}

describe('getCurrentUser', () => {
  useTestDatabase('pglite');
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('looks a session up once, then answers from memory', async () => {
    const guest = await createGuest();
    const auth = await getAuth();
    const lookups = vi.spyOn(auth.api, 'getSession');
    expect(await whoIs(guest.cookie)).toMatchObject({ id: guest.id, isGuest: true });
    expect(await whoIs(guest.cookie)).toMatchObject({ id: guest.id, isGuest: true });
    expect(await whoIs(guest.cookie)).toMatchObject({ id: guest.id, isGuest: true });
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it('no cookie, or a forged one, is nobody', async () => {
    expect(await whoIs(null)).toBeNull();
    expect(await whoIs('flint.session_token=forged.signature')).toBeNull();
  });

  it('signing out ends the session at once, though it was just remembered', async () => {
    const account = await createAccount();
    expect(await whoIs(account.cookie)).toMatchObject({ id: account.id, isGuest: false });
    const auth = await getAuth();
    await auth.api.signOut({ headers: browserHeaders(account.cookie) });
    expect(await whoIs(account.cookie)).toBeNull();
  });

  it('revoking a session from another device ends it at once', async () => {
    const account = await createAccount();
    const auth = await getAuth();
    const other = await auth.api.signInEmail({ body: { email: account.email!, password: account.password }, headers: new Headers({ host: 'localhost:3000', 'user-agent': 'other device' }), returnHeaders: true });
    const otherCookie = other.headers
      .getSetCookie()
      .map((header) => header.split(';')[0]!)
      .filter((pair) => pair.includes('session_token='))
      .join('; ');
    expect(await whoIs(otherCookie)).toMatchObject({ id: account.id });

    const sessions = await auth.api.listSessions({ headers: browserHeaders(account.cookie) });
    const token = sessions.find((s) => s.userAgent === 'other device')!.token;
    await auth.api.revokeSession({ body: { token }, headers: browserHeaders(account.cookie) });
    expect(await whoIs(otherCookie)).toBeNull();
    expect(await whoIs(account.cookie)).toMatchObject({ id: account.id });
  });

  it('a session removed behind its back (by another server instance) stops working within 5 seconds', async () => {
    const guest = await createGuest();
    expect(await whoIs(guest.cookie)).toMatchObject({ id: guest.id });
    const db = await getDb();
    await db.session.deleteMany({ where: { userId: guest.id } });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2_000);
    expect(await whoIs(guest.cookie)).toMatchObject({ id: guest.id });
    vi.setSystemTime(Date.now() + 3_500);
    expect(await whoIs(guest.cookie)).toBeNull();
  });
});
