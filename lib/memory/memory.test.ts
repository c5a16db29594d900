// Memory end to end on the server, with the offline model: saving through the remember tool,
// relevance selection for later turns, the on/off switch, temporary chats and the secret filter.
import { readUIMessageStream, type UIMessageChunk } from 'ai';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { answerWithOfflineModel } from '@/lib/ai/test-offline';
import { actAs, createAccount, type TestUser } from '@/lib/auth/test-session';
import { mintChatId } from '@/lib/chat-ids';
import { createMemory, listMemories } from '@/lib/db/memories';
import { databaseKinds, useTestDatabase } from '@/lib/db/test-databases';
import type { FlintUIMessage } from '@/lib/types';
import { memoriesForTurn, searchTerms } from './select';

vi.mock('next/headers', async () => (await import('@/lib/auth/test-session')).nextHeadersMock);

answerWithOfflineModel();

async function send(text: string, options: { chatId?: string; temporary?: boolean } = {}) {
  const { sendChatMessage } = await import('@/app/(chat)/send');
  const minted = options.chatId ? undefined : await mintChatId();
  const chatId = options.chatId ?? minted!.chatId;
  const result = await sendChatMessage({
    trigger: 'submit-message',
    chatId,
    newChatToken: minted?.token,
    temporary: options.temporary,
    message: { id: `m-${Math.random().toString(36).slice(2)}`, text },
    mode: 'instant',
  });
  if (!result.ok) throw new Error(result.message);
  let last: FlintUIMessage | undefined;
  for await (const message of readUIMessageStream<FlintUIMessage>({ stream: result.value as ReadableStream<UIMessageChunk> })) last = message;
  return { chatId, answer: last! };
}

const textOf = (message: FlintUIMessage) => message.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
const toolOutputs = (message: FlintUIMessage) =>
  message.parts.flatMap((p) => (p.type.startsWith('tool-') && 'output' in p ? [{ tool: p.type, output: p.output as Record<string, unknown> }] : []));

describe('memory search terms', () => {
  it('keeps meaningful words only', () => {
    expect(searchTerms('What should I cook for dinner tonight?')).toEqual(['should', 'cook', 'dinner', 'tonight']);
  });
});

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`memory on ${kind}`, () => {
    useTestDatabase(kind);
    let user: TestUser;
    beforeEach(async () => {
      user = await createAccount();
      actAs(user);
    });

    it('saves an explicit "remember that …" through the remember tool, with its source chat, and confirms it', async () => {
      const { chatId, answer } = await send('Remember that I am vegetarian');
      expect(toolOutputs(answer)).toEqual([{ tool: 'tool-remember', output: expect.objectContaining({ saved: true, content: 'Is vegetarian' }) }]);
      expect(textOf(answer)).toContain("I'll remember that: **Is vegetarian**");
      const memories = await listMemories(user.id);
      expect(memories).toEqual([expect.objectContaining({ content: 'Is vegetarian', sourceChatId: chatId, pinned: false })]);
      // Saying it again does not duplicate it.
      const again = await send('remember that I am vegetarian');
      expect(toolOutputs(again.answer)[0]?.output).toMatchObject({ saved: true, duplicate: true });
      expect(await listMemories(user.id)).toHaveLength(1);
    });

    it('gives later chats the relevant memories and the pinned ones, and says which were used', async () => {
      await createMemory(user.id, { content: 'Is vegetarian' });
      await createMemory(user.id, { content: 'Plays the cello in an orchestra' });
      await createMemory(user.id, { content: 'Wants to be called Sam', pinned: true });
      expect((await memoriesForTurn(user.id, 'Any vegetarian dinner ideas?')).map((m) => m.content)).toEqual(['Wants to be called Sam', 'Is vegetarian']);

      const { answer } = await send('Suggest a vegetarian dinner for tonight');
      expect(answer.metadata?.memories?.map((m) => m.content)).toEqual(['Wants to be called Sam', 'Is vegetarian']);
      // The offline model uses what it was given, and only that.
      expect(textOf(answer)).toContain('### What I remember about you');
      expect(textOf(answer)).toContain('- Is vegetarian');
      expect(textOf(answer)).not.toContain('cello');
    });

    it('refuses to remember secrets and says why', async () => {
      const { answer } = await send('Remember that my password is hunter2hunter2');
      expect(toolOutputs(answer)[0]?.output).toMatchObject({ saved: false, reason: expect.stringContaining('password') });
      expect(textOf(answer)).toContain("I didn't save that");
      expect(await listMemories(user.id)).toEqual([]);
    });

    it('forgets on request', async () => {
      await createMemory(user.id, { content: 'Is vegetarian' });
      const { answer } = await send('Please forget that I am vegetarian');
      expect(toolOutputs(answer)[0]).toEqual({ tool: 'tool-forget', output: expect.objectContaining({ forgotten: true, content: 'Is vegetarian' }) });
      expect(await listMemories(user.id)).toEqual([]);
    });

    it('a temporary chat neither reads nor writes memory; custom instructions still apply', async () => {
      const { saveCustomInstructions } = await import('@/app/(chat)/memory/actions');
      await saveCustomInstructions({ aboutMe: 'A physics teacher', responseStyle: '' });
      await createMemory(user.id, { content: 'Is vegetarian' });
      const { answer } = await send('Remember that I am vegetarian and suggest a vegetarian dinner', { temporary: true });
      expect(answer.metadata?.memories).toBeUndefined();
      expect(toolOutputs(answer)).toEqual([]);
      expect(textOf(answer)).not.toContain('What I remember about you');
      expect(await listMemories(user.id)).toHaveLength(1);
    });

    it('the global switch turns memory off everywhere', async () => {
      const { setMemoryEnabled } = await import('@/app/(chat)/memory/actions');
      await createMemory(user.id, { content: 'Is vegetarian' });
      await setMemoryEnabled({ enabled: false });
      const { answer } = await send('Remember that I am vegetarian. Vegetarian dinner ideas?');
      expect(answer.metadata?.memories).toBeUndefined();
      expect(toolOutputs(answer)).toEqual([]);
      await setMemoryEnabled({ enabled: true });
      const later = await send('vegetarian dinner ideas?');
      expect(later.answer.metadata?.memories?.map((m) => m.content)).toEqual(['Is vegetarian']);
    });

    it('manual memories are filtered for secrets too', async () => {
      const { addMemory } = await import('@/app/(chat)/memory/actions');
      expect(await addMemory({ content: 'My card is 4111 1111 1111 1111' })).toMatchObject({ ok: false, code: 'bad_request', message: expect.stringContaining('does not keep secrets') });
      expect(await addMemory({ content: '  Teaches   physics ' })).toMatchObject({ ok: true, value: { content: 'Teaches physics', source: null } });
    });
  });
}
