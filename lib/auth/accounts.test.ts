// A guest who creates an account, or signs in to one they already have, keeps what they did as a
// guest: chats, public links and the messages counted against the daily quota. Runs through Better
// Auth's real sign-up and sign-in endpoints, carrying the guest's session cookie as a browser does.
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { ensureChat, listChats } from '@/lib/db/chats';
import { getDb } from '@/lib/db/client';
import { listMessages, saveUserMessage } from '@/lib/db/messages';
import { activeShare, createShare, getSharedChat } from '@/lib/db/shares';
import { databaseKinds, useTestDatabase } from '@/lib/db/test-databases';
import { recentUsage, recordUsage } from '@/lib/db/usage';
import { getAuth } from './auth';
import { getCurrentUser } from './session';
import { actAs, createAccount, createGuest } from './test-session';

vi.mock('next/headers', async () => (await import('@/lib/auth/test-session')).nextHeadersMock);

const email = () => `ada-${randomBytes(5).toString('hex')}@example.com`;
const PASSWORD = 'correct horse battery';

const browserHeaders = (cookie?: string) => new Headers({ host: 'localhost:3000', 'user-agent': 'vitest', ...(cookie ? { cookie } : {}) });

/** What a guest leaves behind: a chat with a message and a public link, another chat, 3 counted messages. */
async function guestWithHistory() {
  const guest = await createGuest();
  const chatIds = [`chat-${randomBytes(5).toString('hex')}`, `chat-${randomBytes(5).toString('hex')}`];
  for (const chatId of chatIds) {
    await ensureChat(guest.id, chatId, null);
    await saveUserMessage(chatId, { id: `m-${randomBytes(5).toString('hex')}`, parts: [{ type: 'text', text: `hello from ${chatId}` }] });
  }
  const { token } = await createShare(guest.id, chatIds[0]!, 'Shared as a guest', await listMessages(chatIds[0]!));
  for (let i = 0; i < 3; i++) await recordUsage(guest.id);
  return { guest, chatIds, shareToken: token };
}

function sessionCookie(headers: Headers) {
  return headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .filter((pair) => pair.includes('session_token='))
    .join('; ');
}

async function signUp(address: string, guestCookie?: string) {
  const auth = await getAuth();
  const { headers, response } = await auth.api.signUpEmail({ body: { email: address, password: PASSWORD, name: 'Ada' }, headers: browserHeaders(guestCookie), returnHeaders: true });
  return { userId: response.user.id, cookie: sessionCookie(headers) };
}

async function signIn(address: string, password: string, guestCookie?: string) {
  const auth = await getAuth();
  const { headers, response } = await auth.api.signInEmail({ body: { email: address, password }, headers: browserHeaders(guestCookie), returnHeaders: true });
  return { userId: response.user.id, cookie: sessionCookie(headers) };
}

async function chatIdsOf(userId: string) {
  return new Set((await listChats(userId)).chats.map((c) => c.id));
}

async function userExists(userId: string) {
  const db = await getDb();
  return (await db.user.count({ where: { id: userId } })) === 1;
}

async function whoIs(cookie: string) {
  actAs({ cookie });
  try {
    return await getCurrentUser();
  } finally {
    actAs(null);
  }
}

/** Everything a guest had now belongs to `userId` (who has sent `used` messages in all), and the guest is gone. */
async function expectMoved(from: Awaited<ReturnType<typeof guestWithHistory>>, userId: string, used = 3) {
  const { guest, chatIds, shareToken } = from;
  for (const chatId of chatIds) expect((await chatIdsOf(userId)).has(chatId)).toBe(true);
  expect(await listMessages(chatIds[0]!)).toHaveLength(1);
  expect(await activeShare(userId, chatIds[0]!)).toMatchObject({ token: shareToken });
  expect(await getSharedChat(shareToken)).toMatchObject({ title: 'Shared as a guest' });
  expect((await recentUsage(userId)).used).toBe(used);

  expect(await userExists(guest.id)).toBe(false);
  expect(await whoIs(guest.cookie)).toBeNull();
  const db = await getDb();
  expect(await db.chat.count({ where: { userId: guest.id } })).toBe(0);
  expect(await db.share.count({ where: { userId: guest.id } })).toBe(0);
}

/** Nothing of the guest's moved anywhere. */
async function expectUntouched(from: Awaited<ReturnType<typeof guestWithHistory>>) {
  const { guest, chatIds, shareToken } = from;
  expect(await userExists(guest.id)).toBe(true);
  expect(await chatIdsOf(guest.id)).toEqual(new Set(chatIds));
  expect(await activeShare(guest.id, chatIds[0]!)).toMatchObject({ token: shareToken });
  expect((await recentUsage(guest.id)).used).toBe(3);
  expect(await whoIs(guest.cookie)).toMatchObject({ id: guest.id, isGuest: true });
}

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`guest to account on ${kind}`, () => {
    useTestDatabase(kind);

    it("signing up as a guest keeps the guest's chats, links and quota usage, and ends the guest", async () => {
      const history = await guestWithHistory();
      const address = email();

      const { userId, cookie } = await signUp(address, history.guest.cookie);

      expect(userId).not.toBe(history.guest.id);
      expect(await whoIs(cookie)).toEqual({ id: userId, name: 'Ada', email: address, isGuest: false });
      await expectMoved(history, userId);
      expect(await chatIdsOf(userId)).toEqual(new Set(history.chatIds));
    });

    it("signing in to an existing account adds the guest's chats to the account's own", async () => {
      const account = await createAccount();
      const ownChat = `chat-${randomBytes(5).toString('hex')}`;
      await ensureChat(account.id, ownChat, null);
      await recordUsage(account.id);
      const history = await guestWithHistory();

      const { userId, cookie } = await signIn(account.email!, account.password, history.guest.cookie);

      expect(userId).toBe(account.id);
      expect(await whoIs(cookie)).toMatchObject({ id: account.id, isGuest: false });
      expect(await chatIdsOf(account.id)).toEqual(new Set([ownChat, ...history.chatIds]));
      // The account's own message plus the guest's three.
      await expectMoved(history, account.id, 4);
    });

    it('signing up with an email that already has an account fails and moves nothing', async () => {
      const existing = await createAccount();
      const history = await guestWithHistory();

      await expect(signUp(existing.email!, history.guest.cookie)).rejects.toMatchObject({ body: { code: expect.stringMatching(/USER_ALREADY_EXISTS/) } });

      await expectUntouched(history);
      expect(await chatIdsOf(existing.id)).toEqual(new Set());
    });

    it('a wrong password on sign-in fails and moves nothing', async () => {
      const account = await createAccount();
      const history = await guestWithHistory();

      await expect(signIn(account.email!, 'not the password', history.guest.cookie)).rejects.toMatchObject({ statusCode: 401 });

      await expectUntouched(history);
      expect(await chatIdsOf(account.id)).toEqual(new Set());
    });

    it('signing up without a guest session simply creates an empty account', async () => {
      const { userId, cookie } = await signUp(email());
      expect(await whoIs(cookie)).toMatchObject({ id: userId, isGuest: false });
      expect(await chatIdsOf(userId)).toEqual(new Set());
    });

    it("another person's guest data never moves into an account that signs in without that guest's cookie", async () => {
      const stranger = (await guestWithHistory()).guest;
      const account = await createAccount();
      await signIn(account.email!, account.password);
      expect(await chatIdsOf(account.id)).toEqual(new Set());
      expect((await chatIdsOf(stranger.id)).size).toBe(2);
    });
  });
}
