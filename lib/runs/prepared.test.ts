// Reads held for a send (lib/runs/prepared.ts): what a send picks up, when it must read afresh,
// and that a send after a change sees the change. With the offline model; PGlite and PostgreSQL.
import { readUIMessageStream, type UIMessageChunk } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerWithOfflineModel } from '@/lib/ai/test-offline';
import { actAs, createAccount, type TestUser } from '@/lib/auth/test-session';
import { mintChatId } from '@/lib/chat-ids';
import { setChatTemporary, softDeleteChat } from '@/lib/db/chats';
import { createMemory, savePreferences } from '@/lib/db/memories';
import { databaseKinds, useTestDatabase } from '@/lib/db/test-databases';
import type { FlintUIMessage } from '@/lib/types';
import { forgetPreparedTurnsForTests, PREPARED_FOR_MS, prepareTurn, takePreparedTurn } from './prepared';

vi.mock('next/headers', async () => (await import('@/lib/auth/test-session')).nextHeadersMock);

answerWithOfflineModel();
afterEach(() => {
  vi.useRealTimers();
  forgetPreparedTurnsForTests();
  actAs(null);
});

/** Sends a message as the current test user and reads the answer to its end. */
async function send(chatId: string, text: string, newChatToken?: string) {
  const { sendChatMessage } = await import('@/app/(chat)/send');
  const result = await sendChatMessage({ trigger: 'submit-message', chatId, newChatToken, message: { id: `m-${Math.random().toString(36).slice(2)}`, text }, mode: 'instant' });
  if (!result.ok) throw new Error(result.message);
  let last: FlintUIMessage | undefined;
  for await (const message of readUIMessageStream<FlintUIMessage>({ stream: result.value as ReadableStream<UIMessageChunk> })) last = message;
  return last!;
}

/** A chat of the user's with one finished exchange. */
async function chatOf(user: TestUser) {
  actAs(user);
  const { chatId, token } = await mintChatId();
  await send(chatId, 'Plan a picnic', token);
  // The answer's end is saved just before the stream closes; wait for the run to be gone.
  const { activeRunForChat } = await import('./registry');
  await vi.waitFor(() => expect(activeRunForChat(chatId)).toBeUndefined());
  return chatId;
}

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`reads held for a send on ${kind}`, () => {
    useTestDatabase(kind);

    if (kind === 'postgres') {
      it('holds nothing on a shared PostgreSQL (another instance could change what was read), but still refuses what a send would', async () => {
        const user = await createAccount();
        const chatId = await chatOf(user);
        await prepareTurn(user.id, chatId, undefined);
        expect(await takePreparedTurn(user.id, chatId)).toBeUndefined();
        await expect(prepareTurn(user.id, 'no-such-chat', undefined)).rejects.toMatchObject({ code: 'not_found' });
      });
      return;
    }

    it('hands a send the chat, its history and the user’s preferences, once', async () => {
      const user = await createAccount();
      const chatId = await chatOf(user);
      await savePreferences(user.id, { aboutMe: 'A botanist' });
      await prepareTurn(user.id, chatId, undefined);
      const reads = await takePreparedTurn(user.id, chatId);
      expect(reads?.chat?.id).toBe(chatId);
      expect(reads?.history.map((m) => m.role)).toEqual(['user', 'assistant']);
      expect(reads?.preferences.aboutMe).toBe('A botanist');
      expect(await takePreparedTurn(user.id, chatId)).toBeUndefined();
    });

    it('waits for reads still under way', async () => {
      const user = await createAccount();
      const chatId = await chatOf(user);
      const preparing = prepareTurn(user.id, chatId, undefined);
      expect((await takePreparedTurn(user.id, chatId))?.chat?.id).toBe(chatId);
      await preparing;
    });

    it('holds a new chat’s reads only with the token the server minted for its id', async () => {
      const user = await createAccount();
      const { chatId, token } = await mintChatId();
      await expect(prepareTurn(user.id, chatId, 'forged')).rejects.toMatchObject({ code: 'not_found' });
      expect(await takePreparedTurn(user.id, chatId)).toBeUndefined();
      await prepareTurn(user.id, chatId, token);
      expect(await takePreparedTurn(user.id, chatId)).toMatchObject({ chat: null, history: [] });
    });

    it('refuses someone else’s chat and holds nothing for it', async () => {
      const alice = await createAccount();
      const bob = await createAccount();
      const chatId = await chatOf(alice);
      await expect(prepareTurn(bob.id, chatId, undefined)).rejects.toMatchObject({ code: 'not_found' });
      expect(await takePreparedTurn(bob.id, chatId)).toBeUndefined();
    });

    it('forgets what was read once anything of the user’s changes', async () => {
      const user = await createAccount();
      const chatId = await chatOf(user);
      const other = await chatOf(user);
      const changes: Array<[string, () => Promise<unknown>]> = [
        ['a memory saved', () => createMemory(user.id, { content: 'Likes ferns' })],
        ['preferences saved', () => savePreferences(user.id, { responseStyle: 'Brief' })],
        ['the chat made temporary', () => setChatTemporary(user.id, chatId, true)],
        ['an answer in another chat ended', () => send(other, 'And a second question').then(() => vi.waitFor(async () => expect((await import('./registry')).activeRunForChat(other)).toBeUndefined()))],
        ['the chat deleted', () => softDeleteChat(user.id, chatId)],
      ];
      for (const [change, make] of changes) {
        await prepareTurn(user.id, chatId, undefined);
        await make();
        expect(await takePreparedTurn(user.id, chatId), change).toBeUndefined();
      }
    });

    it('POST /api/chats/<id>/prepare: 204 for the user’s chat; clear refusals for bad input, other sites and no session', async () => {
      const { POST } = await import('@/app/api/chats/[id]/prepare/route');
      const user = await createAccount();
      const chatId = await chatOf(user);
      const post = async (id: string, init: RequestInit = {}) => {
        const response = await POST(new Request(`http://localhost:3000/api/chats/${id}/prepare`, { method: 'POST', headers: { host: 'localhost:3000' }, ...init }), { params: Promise.resolve({ id }) });
        return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as { error: { code: string; message: string } }).error };
      };
      actAs(user);
      expect(await post(chatId, { body: '{}' })).toEqual({ status: 204, body: null });
      expect(await takePreparedTurn(user.id, chatId)).toBeDefined();
      const malformed = { code: 'bad_request', message: 'The request was malformed. Reload the page and try again.' };
      expect(await post(chatId, { body: 'not json' })).toEqual({ status: 400, body: malformed });
      expect(await post(chatId, { body: JSON.stringify({ newChatToken: 'x'.repeat(2_000) }) })).toEqual({ status: 400, body: malformed });
      expect(await post(chatId, { body: JSON.stringify({ extra: true }) })).toEqual({ status: 400, body: malformed });
      expect(await post('../etc', { body: '{}' })).toEqual({ status: 400, body: malformed });
      expect(await post(chatId, { body: '{}', headers: { host: 'localhost:3000', origin: 'https://evil.example' } })).toEqual({ status: 400, body: malformed });
      expect(await takePreparedTurn(user.id, chatId)).toBeUndefined();
      expect(await post('no-such-chat', { body: '{}' })).toMatchObject({ status: 404, body: { code: 'not_found' } });
      actAs(null);
      expect(await post(chatId, { body: '{}' })).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    });

    it('forgets what was read after a minute', async () => {
      const user = await createAccount();
      const chatId = await chatOf(user);
      vi.useFakeTimers({ toFake: ['Date'] });
      await prepareTurn(user.id, chatId, undefined);
      vi.setSystemTime(Date.now() + PREPARED_FOR_MS + 1);
      expect(await takePreparedTurn(user.id, chatId)).toBeUndefined();
    });

    it('a send after a change made since the reads uses the change (here: a pinned memory)', async () => {
      const user = await createAccount();
      const chatId = await chatOf(user);
      await prepareTurn(user.id, chatId, undefined);
      const memory = await createMemory(user.id, { content: 'Is vegetarian', pinned: true });
      const answer = await send(chatId, 'What should I bring?');
      expect(answer.metadata?.memories?.map((m) => m.id)).toContain(memory.id);
    });

    it('a send with held reads answers like one without', async () => {
      const user = await createAccount();
      const chatId = await chatOf(user);
      await createMemory(user.id, { content: 'Is vegetarian', pinned: true });
      await prepareTurn(user.id, chatId, undefined);
      const prepared = await send(chatId, 'What should I bring?');
      const { listMessages } = await import('@/lib/db/messages');
      expect((await listMessages(chatId)).map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
      expect(prepared.metadata?.status).toBe('done');
      expect(prepared.metadata?.memories?.map((m) => m.content)).toEqual(['Is vegetarian']);
    });
  });
}
