import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChatSummary } from '@/lib/types';
import {
  createChat,
  ensureChat,
  getChat,
  listChats,
  purgeDeletedChats,
  renameChat,
  restoreChat,
  searchChats,
  softDeleteChat,
  toPrefixQuery,
} from './chats';
import { getDb } from './client';
import { listMessages, saveUserMessage } from './messages';
import { createShare, getSharedChat } from './shares';
import { databaseKinds, useTestDatabase } from './test-databases';

const id = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;
const HOUR = 60 * 60 * 1000;

async function newUser() {
  const db = await getDb();
  const userId = id('user');
  await db.user.create({ data: { id: userId, name: 'Test', email: `${userId}@example.com` } });
  return userId;
}

/** A chat of the user's with a title, optional messages, last touched at `updatedAt`. */
async function chat(userId: string, { title = null, messages = [], updatedAt }: { title?: string | null; messages?: string[]; updatedAt?: Date } = {}) {
  const chatId = id('chat');
  await ensureChat(userId, chatId, null);
  for (const text of messages) await saveUserMessage(chatId, { id: id('m'), parts: [{ type: 'text', text }] });
  const db = await getDb();
  await db.chat.update({ where: { id: chatId }, data: { title, ...(updatedAt ? { updatedAt } : {}) } });
  return chatId;
}

/** Every chat the history shows, following the cursor page by page. */
async function allPages(userId: string, limit: number) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listChats(userId, { cursor, limit });
    expect(page.chats.length).toBeLessThanOrEqual(limit);
    ids.push(...page.chats.map((c) => c.id));
    cursor = page.nextCursor ?? undefined;
    pages += 1;
    if (pages > 100) throw new Error('the cursor never reaches the end');
  } while (cursor);
  return { ids, pages };
}

const ids = (results: ChatSummary[]) => results.map((r) => r.id);

describe('toPrefixQuery', () => {
  it('turns typed words into prefix terms that must all match', () => {
    expect(toPrefixQuery('Lightho')).toBe('lightho:*');
    expect(toPrefixQuery('  red   Lighthouse ')).toBe('red:* & lighthouse:*');
    expect(toPrefixQuery('Café über 42')).toBe('café:* & über:* & 42:*');
  });

  it('drops tsquery operators and punctuation, so nothing a user types is a syntax error', () => {
    expect(toPrefixQuery("it's (a) !test | x & y:*")).toBe("it:* & s:* & a:* & test:* & x:* & y:*");
    expect(toPrefixQuery('  ?!  ')).toBeUndefined();
    expect(toPrefixQuery('')).toBeUndefined();
  });

  it('keeps at most 8 words', () => {
    expect(toPrefixQuery('a b c d e f g h i j')).toBe('a:* & b:* & c:* & d:* & e:* & f:* & g:* & h:*');
  });
});

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`chats on ${kind}`, () => {
    useTestDatabase(kind);

    describe('ownership', () => {
      it("a chat is the owner's only: others get the same answer as for a missing id", async () => {
        const alice = await newUser();
        const bob = await newUser();
        const chatId = await chat(alice, { title: 'Private' });

        expect(await getChat(alice, chatId)).toMatchObject({ id: chatId, userId: alice, title: 'Private' });
        expect(await getChat(bob, chatId)).toBeNull();
        expect(await getChat(bob, id('missing'))).toBeNull();
        expect(await ensureChat(bob, chatId, 'offline:demo')).toEqual({ created: false, forbidden: true });
        // Bob's attempt changed nothing.
        expect(await getChat(alice, chatId)).toMatchObject({ userId: alice, model: null });
      });

      it('a new id creates the chat; sending again to it keeps it and brings it to the top of the history', async () => {
        const userId = await newUser();
        const older = id('chat');
        expect(await ensureChat(userId, older, 'offline:demo')).toEqual({ created: true });
        await (await getDb()).chat.update({ where: { id: older }, data: { updatedAt: new Date(Date.now() - HOUR) } });
        const newer = await chat(userId);
        expect(ids((await listChats(userId)).chats)).toEqual([newer, older]);

        expect(await ensureChat(userId, older, 'anthropic:claude-sonnet-5-5')).toEqual({ created: false });

        expect(ids((await listChats(userId)).chats)).toEqual([older, newer]);
        expect(await getChat(userId, older)).toMatchObject({ model: 'anthropic:claude-sonnet-5-5' });
      });

      it('createChat makes a new chat, and never takes over an id that is taken (by someone else, or deleted)', async () => {
        const alice = await newUser();
        const bob = await newUser();
        const fresh = id('chat');
        expect(await createChat(alice, fresh, 'offline:demo', { temporary: true })).toBe(true);
        expect(await getChat(alice, fresh)).toMatchObject({ id: fresh, userId: alice, model: 'offline:demo', temporary: true });

        expect(await createChat(bob, fresh, null)).toBe(false);
        expect(await createChat(alice, fresh, null)).toBe(false);
        expect(await getChat(alice, fresh)).toMatchObject({ userId: alice, model: 'offline:demo', temporary: true });
        expect(await getChat(bob, fresh)).toBeNull();

        const deleted = await chat(alice);
        await softDeleteChat(alice, deleted);
        expect(await createChat(alice, deleted, null)).toBe(false);
        expect(await getChat(alice, deleted)).toBeNull();
      });

      it("a deleted chat's id cannot be written to again, not even by its owner", async () => {
        const userId = await newUser();
        const chatId = await chat(userId);
        await softDeleteChat(userId, chatId);
        expect(await ensureChat(userId, chatId, null)).toEqual({ created: false, forbidden: true });
        expect(await getChat(userId, chatId)).toBeNull();
      });
    });

    describe('history pages', () => {
      it("pages through every chat newest first, never skipping or repeating one, even when many share a timestamp", async () => {
        const userId = await newUser();
        const other = await newUser();
        const base = Date.now() - 10 * HOUR;
        const same = new Date(base - HOUR);
        const expected: Array<{ id: string; at: number }> = [];
        for (let i = 0; i < 7; i++) {
          const at = base + i * 60_000;
          expected.push({ id: await chat(userId, { title: `distinct ${i}`, updatedAt: new Date(at) }), at });
        }
        // 17 chats touched in the same millisecond: every page boundary below falls inside this run.
        for (let i = 0; i < 17; i++) expected.push({ id: await chat(userId, { title: `tied ${i}`, updatedAt: same }), at: same.getTime() });
        // Neither another user's chats nor the user's deleted ones appear.
        for (let i = 0; i < 5; i++) await chat(other, { title: 'not yours', updatedAt: same });
        const deleted = await chat(userId, { title: 'deleted', updatedAt: same });
        await softDeleteChat(userId, deleted);

        const newestFirst = expected.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1)).map((c) => c.id);
        for (const limit of [1, 4, 5, 24, 40]) {
          const { ids: seen, pages } = await allPages(userId, limit);
          expect(seen).toEqual(newestFirst);
          expect(pages).toBe(Math.max(1, Math.ceil(24 / limit)));
        }
      });

      it('returns titles and ISO timestamps, and no cursor after the last page', async () => {
        const userId = await newUser();
        const at = new Date('2026-01-02T03:04:05.678Z');
        const chatId = await chat(userId, { title: 'Tide tables', updatedAt: at });

        expect(await listChats(userId)).toEqual({ chats: [{ id: chatId, title: 'Tide tables', updatedAt: at.toISOString() }], nextCursor: null });
        expect(await listChats(await newUser())).toEqual({ chats: [], nextCursor: null });
      });

      it('a malformed cursor is ignored and gives the first page rather than an error', async () => {
        const userId = await newUser();
        const chatId = await chat(userId);
        expect(ids((await listChats(userId, { cursor: 'not-a-cursor' })).chats)).toEqual([chatId]);
      });
    });

    describe('search', () => {
      it('finds a chat by the beginning of a word while the user is still typing', async () => {
        const userId = await newUser();
        const lighthouse = await chat(userId, { title: 'Lighthouse keepers of Maine' });
        await chat(userId, { title: 'Light switches' });

        expect(ids(await searchChats(userId, 'lightho'))).toEqual([lighthouse]);
        expect(ids(await searchChats(userId, 'LIGHTHOUSE'))).toEqual([lighthouse]);
        expect(await searchChats(userId, 'ighthouse')).toEqual([]);
      });

      it('finds chats by the text of their messages, with the matched word marked in the snippet', async () => {
        const userId = await newUser();
        const chatId = await chat(userId, {
          title: 'Holiday plans',
          messages: ['Where should we go this summer?', 'The old lighthouse on the cliff has a museum and a café with a view over the bay.'],
        });

        const [result, ...rest] = await searchChats(userId, 'lightho');

        expect(rest).toEqual([]);
        expect(result).toMatchObject({ id: chatId, title: 'Holiday plans' });
        expect(result!.snippet).toContain('«lighthouse»');
        expect(result!.snippet).not.toContain('summer');
      });

      it('every word typed must match', async () => {
        const userId = await newUser();
        const both = await chat(userId, { messages: ['A red lighthouse at dusk'] });
        await chat(userId, { messages: ['A red barn'] });
        await chat(userId, { messages: ['A white lighthouse'] });
        const titled = await chat(userId, { title: 'Red lighthouse photos' });

        expect(new Set(ids(await searchChats(userId, 'red lighthouse')))).toEqual(new Set([both, titled]));
        expect(new Set(ids(await searchChats(userId, 'lig re')))).toEqual(new Set([both, titled]));
        expect(await searchChats(userId, 'red lighthouse submarine')).toEqual([]);
      });

      it('lists title matches first, then the most recently used', async () => {
        const userId = await newUser();
        const old = await chat(userId, { messages: ['penguins in the snow'], updatedAt: new Date(Date.now() - 3 * HOUR) });
        const recent = await chat(userId, { messages: ['penguins again'], updatedAt: new Date(Date.now() - HOUR) });
        const titled = await chat(userId, { title: 'Penguins', updatedAt: new Date(Date.now() - 5 * HOUR) });

        const results = await searchChats(userId, 'penguin');
        expect(ids(results)).toEqual([titled, recent, old]);
        expect(results[0]!.snippet).toBeUndefined();
      });

      it("never finds another user's chats, whatever they contain", async () => {
        const alice = await newUser();
        const bob = await newUser();
        await chat(alice, { title: 'Zeppelin secrets', messages: ['The zeppelin code word is kestrel'] });

        expect(await searchChats(bob, 'zeppelin')).toEqual([]);
        expect(await searchChats(bob, 'kestrel')).toEqual([]);
        expect(await searchChats(alice, 'kestrel')).toHaveLength(1);
      });

      it('does not find deleted chats until they are restored', async () => {
        const userId = await newUser();
        const chatId = await chat(userId, { title: 'Quokka facts', messages: ['quokkas smile'] });
        await softDeleteChat(userId, chatId);

        expect(await searchChats(userId, 'quokka')).toEqual([]);

        await restoreChat(userId, chatId);
        expect(ids(await searchChats(userId, 'quokka'))).toEqual([chatId]);
      });

      it('handles punctuation, operators and non-Latin text without errors', async () => {
        const userId = await newUser();
        const chatId = await chat(userId, { title: 'Café & crème', messages: ['東京 tower at night'] });

        expect(ids(await searchChats(userId, 'caf'))).toEqual([chatId]);
        expect(ids(await searchChats(userId, '東京'))).toEqual([chatId]);
        expect(await searchChats(userId, "':* | !( &")).toEqual([]);
        expect(await searchChats(userId, '')).toEqual([]);
      });

      it('returns at most the requested number of results', async () => {
        const userId = await newUser();
        for (let i = 0; i < 5; i++) await chat(userId, { title: `Walrus ${i}` });
        expect(await searchChats(userId, 'walrus', 3)).toHaveLength(3);
      });
    });

    describe('rename', () => {
      it('renames the owner’s chat, which is then found and listed under its new name', async () => {
        const userId = await newUser();
        const chatId = await chat(userId, { title: 'New chat' });

        expect(await renameChat(userId, chatId, 'Tax return 2026')).toBe(true);

        expect((await listChats(userId)).chats[0]).toMatchObject({ id: chatId, title: 'Tax return 2026' });
        expect(ids(await searchChats(userId, 'tax'))).toEqual([chatId]);
      });

      it("cannot rename another user's chat or a deleted one", async () => {
        const alice = await newUser();
        const chatId = await chat(alice, { title: 'Mine' });
        expect(await renameChat(await newUser(), chatId, 'Hijacked')).toBe(false);

        const deleted = await chat(alice, { title: 'Gone' });
        await softDeleteChat(alice, deleted);
        expect(await renameChat(alice, deleted, 'Renamed')).toBe(false);

        expect(await getChat(alice, chatId)).toMatchObject({ title: 'Mine' });
        await restoreChat(alice, deleted);
        expect(await getChat(alice, deleted)).toMatchObject({ title: 'Gone' });
      });
    });

    describe('delete, undo, purge', () => {
      it('a deleted chat disappears at once and comes back whole on undo, public link included', async () => {
        const userId = await newUser();
        const chatId = await chat(userId, { title: 'Recipes', messages: ['Bread', 'Soup'] });
        const { token } = await createShare(userId, chatId, 'Recipes', await listMessages(chatId));

        expect(await softDeleteChat(userId, chatId)).toBe(true);

        expect(await getChat(userId, chatId)).toBeNull();
        expect((await listChats(userId)).chats).toEqual([]);
        expect(await getSharedChat(token)).toBeNull();
        expect(await softDeleteChat(userId, chatId)).toBe(false);

        expect(await restoreChat(userId, chatId)).toBe(true);

        expect(ids((await listChats(userId)).chats)).toEqual([chatId]);
        expect((await listMessages(chatId)).map((m) => m.parts)).toEqual([[{ type: 'text', text: 'Bread' }], [{ type: 'text', text: 'Soup' }]]);
        expect(await getSharedChat(token)).toMatchObject({ title: 'Recipes' });
        expect(await restoreChat(userId, chatId)).toBe(false);
      });

      it("cannot delete or restore another user's chat", async () => {
        const alice = await newUser();
        const bob = await newUser();
        const chatId = await chat(alice);

        expect(await softDeleteChat(bob, chatId)).toBe(false);
        expect(await getChat(alice, chatId)).not.toBeNull();

        await softDeleteChat(alice, chatId);
        expect(await restoreChat(bob, chatId)).toBe(false);
        expect(await getChat(alice, chatId)).toBeNull();
      });

      it('purging removes only chats deleted longer ago than the undo window, with their messages and links', async () => {
        const db = await getDb();
        const userId = await newUser();
        const expired = await chat(userId, { messages: ['old news'] });
        const recent = await chat(userId, { messages: ['still undoable'] });
        const kept = await chat(userId, { messages: ['never deleted'], updatedAt: new Date(Date.now() - 48 * HOUR) });
        await createShare(userId, expired, null, await listMessages(expired));
        await softDeleteChat(userId, expired);
        await softDeleteChat(userId, recent);
        await db.chat.update({ where: { id: expired }, data: { deletedAt: new Date(Date.now() - 2 * HOUR) } });

        expect(await purgeDeletedChats(HOUR)).toBe(1);

        expect(await db.chat.findUnique({ where: { id: expired } })).toBeNull();
        expect(await db.message.count({ where: { chatId: expired } })).toBe(0);
        expect(await db.share.count({ where: { chatId: expired } })).toBe(0);
        expect(await restoreChat(userId, expired)).toBe(false);

        expect(await restoreChat(userId, recent)).toBe(true);
        expect(await listMessages(recent)).toHaveLength(1);
        expect(await listMessages(kept)).toHaveLength(1);
        expect(new Set(ids((await listChats(userId)).chats))).toEqual(new Set([recent, kept]));
        expect(await purgeDeletedChats(HOUR)).toBe(0);
      });
    });
  });
}
