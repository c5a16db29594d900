import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FlintPart, MessageMetadata } from '@/lib/types';
import { ensureChat, getChat } from './chats';
import {
  createAssistantMessage,
  deleteMessagesFrom,
  listMessages,
  saveUserMessage,
  updateAssistantMessage,
} from './messages';
import { getDb } from './client';
import { interruptDeadRuns } from './runs';
import { databaseKinds, useTestDatabase } from './test-databases';

const id = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;
const text = (value: string): FlintPart[] => [{ type: 'text', text: value }];

function textOf(parts: FlintPart[]) {
  return parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
}

const OWNER = 'owner-1';

/** The user every chat in this file belongs to. */
async function ensureOwner() {
  const db = await getDb();
  await db.user.upsert({ where: { id: OWNER }, create: { id: OWNER, name: 'Owner', email: 'owner@example.com' }, update: {} });
}

/** A chat with a finished exchange per question: user, assistant, user, assistant… */
async function conversation(questions: string[]) {
  const chatId = id('chat');
  await ensureOwner();
  await ensureChat(OWNER, chatId, 'offline:demo');
  const ids: string[] = [];
  for (const [index, question] of questions.entries()) {
    const userId = id(`u${index}`);
    const assistantId = id(`a${index}`);
    await saveUserMessage(chatId, { id: userId, parts: text(question) });
    await createAssistantMessage(chatId, assistantId, { status: 'streaming', mode: 'instant' });
    await updateAssistantMessage(assistantId, { parts: text(`Answer to ${question}`), metadata: { mode: 'instant' }, status: 'done' });
    ids.push(userId, assistantId);
  }
  return { chatId, ids };
}

async function summary(chatId: string) {
  return (await listMessages(chatId)).map((m) => `${m.role}:${textOf(m.parts)}`);
}

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`messages on ${kind}`, () => {
    useTestDatabase(kind);

    it('lists a chat in the order its messages were written, whatever their ids', async () => {
      const chatId = id('chat');
      await ensureOwner();
      await ensureChat(OWNER, chatId, null);
      // Ids that sort the other way round, written within the same millisecond.
      for (const [messageId, value] of [
        ['zz', 'first'],
        ['mm', 'second'],
        ['aa', 'third'],
      ] as const) {
        await saveUserMessage(chatId, { id: `${chatId}-${messageId}`, parts: text(value) });
      }
      expect(await summary(chatId)).toEqual(['user:first', 'user:second', 'user:third']);
      expect(await listMessages(id('no-such-chat'))).toEqual([]);
    });

    it('editing a sent message replaces its text and drops every later message, in that chat only', async () => {
      const { chatId, ids } = await conversation(['one', 'two', 'three']);
      const other = await conversation(['elsewhere']);
      const before = (await listMessages(chatId))[2]!;

      const result = await saveUserMessage(chatId, { id: ids[2]!, parts: text('two, rephrased') });

      expect(result).toEqual({ edited: true });
      expect(await summary(chatId)).toEqual(['user:one', 'assistant:Answer to one', 'user:two, rephrased']);
      const edited = (await listMessages(chatId))[2]!;
      expect(edited.id).toBe(ids[2]);
      expect(edited.metadata).toMatchObject({ edited: true, createdAt: before.metadata!.createdAt });
      expect(await summary(other.chatId)).toEqual(['user:elsewhere', 'assistant:Answer to elsewhere']);
    });

    it('a new message is appended, not treated as an edit', async () => {
      const { chatId } = await conversation(['one']);
      expect(await saveUserMessage(chatId, { id: id('u'), parts: text('two') })).toEqual({ edited: false });
      expect(await summary(chatId)).toEqual(['user:one', 'assistant:Answer to one', 'user:two']);
    });

    it("cannot edit another chat's message by reusing its id", async () => {
      const victim = await conversation(['private question']);
      const attacker = await conversation(['hello']);

      await expect(saveUserMessage(attacker.chatId, { id: victim.ids[0]!, parts: text('overwritten') })).rejects.toMatchObject({
        code: 'bad_request',
        userMessage: expect.stringContaining('Reload the page'),
      });

      expect(await summary(victim.chatId)).toEqual(['user:private question', 'assistant:Answer to private question']);
      expect(await summary(attacker.chatId)).toEqual(['user:hello', 'assistant:Answer to hello']);
    });

    it('regenerating removes the answer and everything after it, keeping the question', async () => {
      const { chatId, ids } = await conversation(['one', 'two']);

      expect(await deleteMessagesFrom(chatId, ids[1]!)).toBe(true);

      expect(await summary(chatId)).toEqual(['user:one']);
    });

    it('regenerating an unknown answer, or one from another chat, deletes nothing', async () => {
      const { chatId, ids } = await conversation(['one']);
      const other = await conversation(['two']);

      expect(await deleteMessagesFrom(chatId, 'no-such-message')).toBe(false);
      expect(await deleteMessagesFrom(chatId, other.ids[1]!)).toBe(false);
      expect(await deleteMessagesFrom(other.chatId, ids[0]!)).toBe(false);

      expect(await summary(chatId)).toEqual(['user:one', 'assistant:Answer to one']);
      expect(await summary(other.chatId)).toEqual(['user:two', 'assistant:Answer to two']);
    });

    it('after a restart, answers still marked streaming become interrupted and keep their text', async () => {
      const { chatId } = await conversation(['finished']);
      await saveUserMessage(chatId, { id: id('u'), parts: text('cut off') });
      const cutOff = id('a');
      await createAssistantMessage(chatId, cutOff, { status: 'streaming', mode: 'thinking' });
      await updateAssistantMessage(cutOff, { parts: text('The first half of'), metadata: { mode: 'thinking' }, status: 'streaming' });

      expect(await interruptDeadRuns({ all: true })).toBeGreaterThanOrEqual(1);

      const messages = await listMessages(chatId);
      expect(messages.map((m) => m.metadata?.status)).toEqual(['done', 'done', 'done', 'interrupted']);
      expect(textOf(messages[3]!.parts)).toBe('The first half of');
      expect(messages[3]!.metadata?.mode).toBe('thinking');
      // Nothing is streaming any more, so a second pass finds nothing.
      expect(await interruptDeadRuns({ all: true })).toBe(0);
    });

    it('stores answer parts and metadata exactly as streamed', async () => {
      const chatId = id('chat');
      await ensureOwner();
      await ensureChat(OWNER, chatId, 'anthropic:claude-sonnet-5-5');
      await saveUserMessage(chatId, {
        id: id('u'),
        parts: [
          { type: 'text', text: 'What is in this picture?' },
          { type: 'file', mediaType: 'image/png', filename: 'cat.png', url: 'data:image/png;base64,iVBORw0KGgo=' },
        ],
      });
      const answerId = id('a');
      await createAssistantMessage(chatId, answerId, { status: 'streaming', mode: 'thinking', createdAt: 1_700_000_000_000 });
      const parts: FlintPart[] = [
        { type: 'step-start' },
        { type: 'reasoning', text: 'Looking at the image…\n', state: 'done', providerMetadata: { anthropic: { signature: 'sig==' } } },
        { type: 'text', text: 'A **cat** on a "sofa" — \u{1F408} 猫\n\n```ts\nconst x = `${1}`;\n```', state: 'done' },
        { type: 'source-url', sourceId: 's1', url: 'https://example.com/cats?a=1&b=2', title: 'Cats' },
        { type: 'data-chat-title', id: 't1', data: { chatId, title: 'Cat on sofa' } },
      ];
      const metadata: MessageMetadata = {
        mode: 'thinking',
        model: 'anthropic:claude-sonnet-5-5',
        modelLabel: 'Claude Sonnet 5.5',
        fallbacks: [{ model: 'openai:gpt-5.5', reason: 'The model provider is rate-limiting requests.' }],
        createdAt: 1_700_000_000_000,
        firstTokenMs: 412,
        durationMs: 5230.5,
        reasoningMs: 1200,
        usage: { inputTokens: 1520, outputTokens: 311, reasoningTokens: 120 },
      };

      await updateAssistantMessage(answerId, { parts, metadata, status: 'done' });

      const [question, answer] = await listMessages(chatId);
      expect(question!.parts).toEqual([
        { type: 'text', text: 'What is in this picture?' },
        { type: 'file', mediaType: 'image/png', filename: 'cat.png', url: 'data:image/png;base64,iVBORw0KGgo=' },
      ]);
      expect(answer).toEqual({ id: answerId, role: 'assistant', parts, metadata: { ...metadata, status: 'done' } });
    });

    it('records the final status of an answer (stopped, error) with its error text', async () => {
      const { chatId } = await conversation(['q']);
      await saveUserMessage(chatId, { id: id('u'), parts: text('again') });
      const answerId = id('a');
      await createAssistantMessage(chatId, answerId, { status: 'streaming', mode: 'instant' });
      await updateAssistantMessage(answerId, {
        parts: text('Partial'),
        metadata: { mode: 'instant', error: 'The model provider had an error (HTTP 500).' },
        status: 'error',
      });
      const answer = (await listMessages(chatId)).at(-1)!;
      expect(answer.metadata).toMatchObject({ status: 'error', error: 'The model provider had an error (HTTP 500).' });
      expect(await getChat(OWNER, chatId)).toMatchObject({ id: chatId, model: 'offline:demo' });
    });
  });
}
