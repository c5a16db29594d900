import { randomBytes } from 'node:crypto';
import { readUIMessageStream, type UIMessageChunk } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { actAs, createGuest } from '@/lib/auth/test-session';
import { resetProvidersForTests } from '@/lib/ai/providers';
import { listChats } from '@/lib/db/chats';
import { listMessages } from '@/lib/db/messages';
import { mintChatId } from '@/lib/chat-ids';
import { databaseKinds, useTestDatabase } from '@/lib/db/test-databases';
import { resetEnvForTests } from '@/lib/env';
import type { AgentData, FlintUIMessage } from '@/lib/types';
import { cancelAgent, resumeChatStream, retryAgent, stopChatGeneration } from './actions';
import { sendChatMessage } from './send';
import { MAX_MESSAGE_CHARS, sendMessageSchema } from './schema';

vi.mock('next/headers', async () => (await import('@/lib/auth/test-session')).nextHeadersMock);

const PROVIDER_VARS = [
  'ANTHROPIC_API_KEY',
  'OPENAI_API_KEY',
  'GOOGLE_GENERATIVE_AI_API_KEY',
  'OPENAI_COMPATIBLE_BASE_URL',
  'OLLAMA_BASE_URL',
  'FLINT_INSTANT_MODEL',
  'FLINT_THINKING_MODEL',
  'FLINT_TITLE_MODEL',
  'FLINT_FALLBACK_MODELS',
];
const saved = Object.fromEntries([...PROVIDER_VARS, 'FLINT_OFFLINE_TOKENS_PER_SECOND', 'FLINT_OLLAMA_PROBE'].map((n) => [n, process.env[n]]));

/** Only the offline model, at the given pace. */
function useOfflineModel(tokensPerSecond: number) {
  for (const name of PROVIDER_VARS) delete process.env[name];
  process.env.FLINT_OLLAMA_PROBE = 'off';
  process.env.FLINT_OFFLINE_TOKENS_PER_SECOND = String(tokensPerSecond);
  resetEnvForTests();
  resetProvidersForTests();
}

beforeAll(() => useOfflineModel(100_000));
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
  resetProvidersForTests();
});

const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

/** The user the chat tests act as (set per database variant). */
let owner = '';

/** Ids the server minted for new chats, with their tokens (as the / page hands them out). */
const minted = new Map<string, string>();
async function newChatId() {
  const { chatId, token } = await mintChatId();
  minted.set(chatId, token);
  return chatId;
}

function submit(chatId: string, text: string, extra: Record<string, unknown> = {}) {
  return { trigger: 'submit-message', chatId, message: { id: newId('msg'), text }, mode: 'instant', newChatToken: minted.get(chatId), ...extra };
}

/** Reads the chunks the way the browser does and returns the assistant message as finally shown. */
async function finalMessage(stream: ReadableStream<unknown>) {
  let last: FlintUIMessage | undefined;
  for await (const message of readUIMessageStream<FlintUIMessage>({ stream: stream as ReadableStream<UIMessageChunk> })) last = message;
  if (!last) throw new Error('the stream produced no message');
  return last;
}

function textOf(message: Pick<FlintUIMessage, 'parts'>) {
  return message.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
}

/** Waits until the answer is saved with a final status and the new chat has its title. */
async function settled(chatId: string) {
  return vi.waitFor(
    async () => {
      const messages = await listMessages(chatId);
      const chat = (await listChats(owner, { limit: 500 })).chats.find((c) => c.id === chatId);
      if (messages.at(-1)?.metadata?.status === 'streaming' || !chat?.title) throw new Error('not settled yet');
      return { messages, chat };
    },
    { timeout: 5000, interval: 20 },
  );
}

describe('sendChatMessage: malformed requests', () => {
  const valid = { trigger: 'submit-message', chatId: 'chat_1', message: { id: 'msg_1', text: 'Hello' }, mode: 'instant' };
  const cases: Array<[string, unknown]> = [
    ['nothing', undefined],
    ['null', null],
    ['a string', 'send hello'],
    ['an array', [valid]],
    ['an empty object', {}],
    ['an unknown trigger', { ...valid, trigger: 'delete-everything' }],
    ['no chat id', { ...valid, chatId: undefined }],
    ['a numeric chat id', { ...valid, chatId: 42 }],
    ['a path as chat id', { ...valid, chatId: '../../etc/passwd' }],
    ['an over-long chat id', { ...valid, chatId: 'a'.repeat(65) }],
    ['a blank chat id', { ...valid, chatId: '   ' }],
    ['markup in the message id', { ...valid, message: { id: '<img onerror=x>', text: 'Hello' } }],
    ['an id with SQL in it', { ...valid, chatId: "x'; DROP TABLE \"Chat\";--" }],
    ['no message', { ...valid, message: undefined }],
    ['a message without text', { ...valid, message: { id: 'msg_1' } }],
    ['text that is not a string', { ...valid, message: { id: 'msg_1', text: { toString: 'Hello' } } }],
    ['an unknown mode', { ...valid, mode: 'turbo' }],
    ['a model that is not provider:model', { ...valid, model: 'gpt-5' }],
    ['a regenerate without the message id', { trigger: 'regenerate-message', chatId: 'chat_1', mode: 'instant' }],
  ];

  it.each(cases)('rejects %s with a bad_request result instead of throwing', async (_, input) => {
    const result = await sendChatMessage(input);
    expect(result).toEqual({ ok: false, code: 'bad_request', message: expect.any(String) });
    if (result.ok) return;
    expect(result.message.trim().length).toBeGreaterThan(5);
    expect(result.message.length).toBeLessThan(200);
    expect(result.message).not.toMatch(/ZodError|\n\s+at /);
  });

  it('names the field a malformed request got wrong and says what to do, without internals', async () => {
    const result = await sendChatMessage({ ...valid, chatId: 42 });
    expect(result).toEqual({ ok: false, code: 'bad_request', message: 'The request was malformed (chatId). Reload the page and try again.' });
  });

  it.each([
    ['empty', ''],
    ['whitespace only', ' \n\t  '],
  ])('tells the user to type something when the text is %s', async (_, text) => {
    expect(await sendChatMessage({ ...valid, message: { id: 'msg_1', text } })).toEqual({
      ok: false,
      code: 'bad_request',
      message: 'Type a message before sending.',
    });
  });

  it('tells the user the limit when the text is 32,001 characters, and accepts exactly 32,000', async () => {
    expect(await sendChatMessage({ ...valid, message: { id: 'msg_1', text: 'x'.repeat(MAX_MESSAGE_CHARS + 1) } })).toEqual({
      ok: false,
      code: 'bad_request',
      message: 'Messages can be at most 32,000 characters.',
    });
    expect(sendMessageSchema.safeParse({ ...valid, message: { id: 'msg_1', text: 'x'.repeat(MAX_MESSAGE_CHARS) } }).success).toBe(true);
  });

  it.each([undefined, {}, { chatId: 7 }, { chatId: 'has spaces' }])('stop and resume reject %j without throwing', async (input) => {
    expect(await stopChatGeneration(input)).toEqual({ ok: false, code: 'bad_request', message: expect.any(String) });
    expect(await resumeChatStream(input)).toEqual({ ok: false, code: 'bad_request', message: expect.any(String) });
  });

  it.each([undefined, {}, { chatId: 'chat_1' }, { chatId: 'chat_1', agentId: '../a1' }, { chatId: 'chat 1', agentId: 'a1' }])(
    'agent cancel and retry reject %j without throwing',
    async (input) => {
      expect(await cancelAgent(input)).toEqual({ ok: false, code: 'bad_request', message: expect.any(String) });
      expect(await retryAgent(input)).toEqual({ ok: false, code: 'bad_request', message: expect.any(String) });
    },
  );

  it('cancelling or retrying an agent of a chat that does not exist is not found', async () => {
    actAs(null);
    expect(await cancelAgent({ chatId: 'never_used_chat', agentId: 'a1' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await retryAgent({ chatId: 'never_used_chat', agentId: 'a1' })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('stopping or resuming a chat with nothing running is harmless', async () => {
    // Without a session, or for a chat that does not exist, the answer is not found.
    actAs(null);
    expect(await stopChatGeneration({ chatId: 'never_used_chat' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await resumeChatStream({ chatId: 'never_used_chat' })).toMatchObject({ ok: false, code: 'not_found' });
    // Sending without a session asks the browser to start one (it then retries).
    expect(await sendChatMessage(valid)).toMatchObject({ ok: false, code: 'unauthenticated' });
  });
});

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`chat actions with the offline model on ${kind}`, () => {
    useTestDatabase(kind);
    beforeEach(async () => {
      const guest = await createGuest();
      owner = guest.id;
      actAs(guest);
    });

    it('streams a finished answer that is saved, and names the new chat', async () => {
      useOfflineModel(100_000);
      const chatId = await newChatId();
      const result = await sendChatMessage(submit(chatId, 'Explain photosynthesis to a ten year old'));
      if (!result.ok) throw new Error(`send failed: ${result.message}`);

      const shown = await finalMessage(result.value);

      expect(shown.role).toBe('assistant');
      expect(textOf(shown)).toContain('> Explain photosynthesis to a ten year old');
      expect(textOf(shown)).toMatch(/offline demo model/);
      expect(shown.metadata).toMatchObject({ status: 'done', mode: 'instant', model: 'offline:demo', modelLabel: 'Offline demo model' });
      expect(shown.metadata?.usage?.outputTokens).toBeGreaterThan(0);

      const { messages, chat } = await settled(chatId);
      expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
      expect(textOf(messages[0]!)).toBe('Explain photosynthesis to a ten year old');
      expect(messages[1]!.id).toBe(shown.id);
      expect(textOf(messages[1]!)).toBe(textOf(shown));
      expect(messages[1]!.metadata).toMatchObject({ status: 'done', model: 'offline:demo' });
      expect(chat.title).toBe('Photosynthesis ten year old');
    });

    it('regenerating replaces the previous answer', async () => {
      useOfflineModel(100_000);
      const chatId = await newChatId();
      const first = await sendChatMessage(submit(chatId, 'List three rivers'));
      if (!first.ok) throw new Error(first.message);
      const answer = await finalMessage(first.value);
      await settled(chatId);

      const again = await sendChatMessage({ trigger: 'regenerate-message', chatId, messageId: answer.id, mode: 'instant' });
      if (!again.ok) throw new Error(again.message);
      const replacement = await finalMessage(again.value);

      const { messages } = await settled(chatId);
      expect(replacement.id).not.toBe(answer.id);
      expect(messages.map((m) => m.id)).toEqual([messages[0]!.id, replacement.id]);
      expect(messages[1]!.metadata?.status).toBe('done');
    });

    it('regenerating in a chat that does not exist says so', async () => {
      expect(await sendChatMessage({ trigger: 'regenerate-message', chatId: newId('chat'), messageId: 'msg_x', mode: 'instant' })).toMatchObject({
        ok: false,
        code: 'not_found',
      });
    });

    it('while an answer is written: a second send is refused, a reload can rejoin it, and stop ends it as stopped', async () => {
      useOfflineModel(20);
      try {
        const chatId = await newChatId();
        const result = await sendChatMessage(submit(chatId, 'Write a long story about a lighthouse keeper'));
        if (!result.ok) throw new Error(result.message);
        const [watch, shownStream] = result.value.tee();
        const reader = watch.getReader();
        for (;;) {
          const next = await reader.read();
          if (next.done) throw new Error('the answer ended before it started');
          if (next.value.type === 'text-delta') break;
        }

        expect(await sendChatMessage(submit(chatId, 'and another'))).toMatchObject({ ok: false, code: 'busy' });
        const rejoined = await resumeChatStream({ chatId });
        if (!rejoined.ok || !rejoined.value.stream) throw new Error('could not rejoin the running answer');

        expect(await stopChatGeneration({ chatId })).toEqual({ ok: true, value: { stopped: true } });
        // (A cancelled tee branch settles only when both branches do, so do not wait for it.)
        void reader.cancel();
        const [shown, replayed] = await Promise.all([finalMessage(shownStream), finalMessage(rejoined.value.stream)]);

        // The rejoined reader saw the whole answer from its start, the same as the original one.
        expect(shown.metadata?.status).toBe('stopped');
        expect(replayed).toEqual(shown);
        const { messages } = await settled(chatId);
        const saved = messages.at(-1)!;
        expect(saved.metadata?.status).toBe('stopped');
        expect(textOf(saved)).toBe(textOf(shown));
        expect(textOf(saved)).toMatch(/^I'm /);
        // Stopped early: far shorter than the full answer.
        expect(textOf(saved).length).toBeLessThan(200);
        expect(await stopChatGeneration({ chatId })).toEqual({ ok: true, value: { stopped: false } });
        // Rejoining once it ended gives no stream but the saved answer, for a page that still shows
        // the partial copy it was rendered with.
        expect(await resumeChatStream({ chatId })).toEqual({ ok: true, value: { stream: null, latest: saved } });
      } finally {
        useOfflineModel(100_000);
      }
    });

    it('Thinking mode: the board streams and is saved with the message; one agent can be cancelled mid-run', async () => {
      useOfflineModel(40);
      try {
        const chatId = await newChatId();
        const result = await sendChatMessage(submit(chatId, 'Compare three ways to brew coffee: French press, pour-over and espresso.', { mode: 'thinking' }));
        if (!result.ok) throw new Error(result.message);
        const [watch, shownStream] = result.value.tee();
        const reader = watch.getReader();
        for (;;) {
          const next = await reader.read();
          if (next.done) throw new Error('the run ended before the agents started');
          if (next.value.type === 'data-agent-delta' && next.value.data.agentId === 'a2') break;
        }
        expect(await cancelAgent({ chatId, agentId: 'a2' })).toEqual({ ok: true, value: { cancelled: true } });
        expect(await cancelAgent({ chatId, agentId: 'a9' })).toEqual({ ok: true, value: { cancelled: false } });
        void reader.cancel();
        const shown = await finalMessage(shownStream);

        const agents = shown.parts.flatMap((p) => (p.type === 'data-agent' ? [p.data as AgentData] : []));
        expect(agents.map((a) => [a.title, a.status])).toEqual([
          ['French press', 'done'],
          ['Pour-over', 'cancelled'],
          ['Espresso', 'done'],
        ]);
        expect(shown.metadata).toMatchObject({ status: 'done', mode: 'thinking' });
        expect(textOf(shown)).toContain('[1]');
        expect(textOf(shown)).toMatch(/\*\*Pour-over\*\* \[2\] cancelled: this part is not covered/);
        // Too late once the run is over; harmless for a chat with nothing running.
        expect(await retryAgent({ chatId, agentId: 'a2' })).toEqual({ ok: true, value: { retried: false } });
        expect(await cancelAgent({ chatId, agentId: 'a1' })).toEqual({ ok: true, value: { cancelled: false } });

        // Saved exactly as shown: plan, every card with its output and timing, and the synthesis.
        const { messages } = await settled(chatId);
        const saved = messages.at(-1)!;
        expect(saved.parts).toEqual(shown.parts);
        expect(saved.metadata?.status).toBe('done');
      } finally {
        useOfflineModel(100_000);
      }
    });
  });
}
