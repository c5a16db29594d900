// A new message is answered before it is counted and before its new chat is created, when both are
// as good as certain (lib/runs/turn.ts, lib/quota.ts quotaSurelyLeft): every message is still
// counted, and a count or a creation that refuses afterwards ends the answer with its sentence and
// saves nothing. With the offline model; PGlite and PostgreSQL.
import { readUIMessageStream, type UIMessageChunk } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendChatMessage } from '@/app/(chat)/send';
import { answerWithOfflineModel } from '@/lib/ai/test-offline';
import { actAs, createGuest, type TestUser } from '@/lib/auth/test-session';
import { mintChatId } from '@/lib/chat-ids';
import { createChat, getChat } from '@/lib/db/chats';
import { listMessages } from '@/lib/db/messages';
import { databaseKinds, useTestDatabase } from '@/lib/db/test-databases';
import { recentUsage, recordUsage } from '@/lib/db/usage';
import { resetEnvForTests } from '@/lib/env';
import type { FlintUIMessage, QuotaStatus } from '@/lib/types';
import { activeRunForChat } from './registry';

/** Whether the answer's run had started when each message was counted. */
const counts = vi.hoisted(() => [] as Array<{ chatId: string; runStarted: boolean }>);
const current = vi.hoisted(() => ({ chatId: '' }));
vi.mock('@/lib/quota', async (original) => {
  const quota = await original<typeof import('@/lib/quota')>();
  const { activeRunForChat } = await import('./registry');
  return {
    ...quota,
    consumeMessageQuota: async (user: Parameters<typeof quota.consumeMessageQuota>[0]) => {
      counts.push({ chatId: current.chatId, runStarted: Boolean(activeRunForChat(current.chatId)) });
      return quota.consumeMessageQuota(user);
    },
  };
});
vi.mock('next/headers', async () => (await import('@/lib/auth/test-session')).nextHeadersMock);

// Slow enough that an answer outlasts the writes made once the model was asked (a few ms on
// PostgreSQL): a refusal by them must arrive before the answer ends.
answerWithOfflineModel({ tokensPerSecond: 2000 });
beforeAll(() => {
  process.env.FLINT_GUEST_MESSAGES_PER_DAY = '3';
  resetEnvForTests();
});
afterAll(() => {
  delete process.env.FLINT_GUEST_MESSAGES_PER_DAY;
  resetEnvForTests();
});

/** Sends and reads the answer to its end: the message as shown, and the quota the page was told. */
async function send(chatId: string, text: string, newChatToken?: string) {
  current.chatId = chatId;
  const result = await sendChatMessage({ trigger: 'submit-message', chatId, newChatToken, message: { id: `m-${Math.random().toString(36).slice(2)}`, text }, mode: 'instant' });
  if (!result.ok) return { refused: result };
  const told: QuotaStatus[] = [];
  const [forQuota, forMessage] = result.value.tee();
  const reading = (async () => {
    for await (const chunk of forQuota) if (chunk.type === 'data-quota') told.push(chunk.data);
  })();
  let shown: FlintUIMessage | undefined;
  for await (const message of readUIMessageStream<FlintUIMessage>({ stream: forMessage as ReadableStream<UIMessageChunk> })) shown = message;
  await reading;
  await vi.waitFor(() => expect(activeRunForChat(chatId)).toBeUndefined());
  return { shown: shown!, told };
}

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`answering before counting on ${kind}`, () => {
    useTestDatabase(kind);
    let guest: TestUser;
    beforeEach(async () => {
      counts.length = 0;
      guest = await createGuest();
      actAs(guest);
    });

    it('counts a first message before asking the model, later ones after, and every one is counted and saved', async () => {
      const { chatId, token } = await mintChatId();
      const first = await send(chatId, 'Plan a picnic', token);
      const second = await send(chatId, 'And for a rainy day?');
      const other = await mintChatId();
      const third = await send(other.chatId, 'A new chat, counted after the model was asked', other.token);

      expect(counts.map((c) => c.runStarted)).toEqual([false, true, true]);
      expect([first, second, third].map((s) => s.shown?.metadata?.status)).toEqual(['done', 'done', 'done']);
      // The page learns the quota of each answer, counted before or after.
      expect([first, second, third].map((s) => s.told?.map((q) => q.used))).toEqual([[1], [2], [3]]);
      expect((await recentUsage(guest.id)).used).toBe(3);
      expect((await listMessages(chatId)).map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
      expect(await getChat(guest.id, other.chatId)).not.toBeNull();
      expect((await listMessages(other.chatId)).map((m) => m.role)).toEqual(['user', 'assistant']);

      // No messages left: refused before anything runs, with the sentence the page shows.
      const fourth = await send(chatId, 'One more?');
      expect(fourth.refused).toMatchObject({ ok: false, code: 'quota', message: expect.stringContaining("You've used all 3 messages for today as a guest.") });
      expect(counts.at(-1)!.runStarted).toBe(false);
      expect(await listMessages(chatId)).toHaveLength(4);
    });

    it('a count refused after the model was asked (another server counted meanwhile) ends the answer with the quota sentence and saves nothing', async () => {
      const { chatId, token } = await mintChatId();
      await send(chatId, 'Plan a picnic', token);
      // Two more messages counted elsewhere: none left, though this server saw room for two.
      await recordUsage(guest.id);
      await recordUsage(guest.id);
      const late = await send(chatId, 'And for a rainy day?');
      expect(counts.at(-1)!.runStarted).toBe(true);
      expect(late.shown?.metadata).toMatchObject({ status: 'error', error: expect.stringContaining("You've used all 3 messages for today as a guest.") });
      expect((await listMessages(chatId)).map((m) => m.role)).toEqual(['user', 'assistant']);
      expect((await recentUsage(guest.id)).used).toBe(3);
      // The next send is refused before it starts.
      expect((await send(chatId, 'Still there?')).refused).toMatchObject({ code: 'quota' });
    });

    it('a new chat whose id was taken meanwhile ends the answer as not found and writes nothing into the chat that took it', async () => {
      const { chatId, token } = await mintChatId();
      await send(chatId, 'Plan a picnic', token);
      const taken = await mintChatId();
      const someoneElse = await createGuest();
      expect(await createChat(someoneElse.id, taken.chatId, null)).toBe(true);

      const answer = await send(taken.chatId, 'Into a chat that is not mine', taken.token);
      expect(counts.at(-1)!.runStarted).toBe(true);
      expect(answer.shown?.metadata).toMatchObject({ status: 'error', error: 'This chat does not exist or was deleted. Start a new chat from the sidebar.' });
      expect(await listMessages(taken.chatId)).toEqual([]);
      expect(await getChat(guest.id, taken.chatId)).toBeNull();
    });
  });
}
