// The artifact tools end to end on the server: a message asking the offline model for a game goes
// through the real action, the model calls create_artifact, the tool saves version 1, and the saved
// message carries the tool part with the artifact's id; a change makes version 2 of the same
// artifact; a model naming someone else's artifact gets an error, never their artifact.
import { randomBytes } from 'node:crypto';
import { readUIMessageStream, type UIMessageChunk } from 'ai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { asSchema } from '@ai-sdk/provider-utils';
import { sendChatMessage } from '@/app/(chat)/send';
import { resetProvidersForTests } from '@/lib/ai/providers';
import { collectArtifacts } from '@/lib/artifacts/collect';
import { actAs, createGuest, type TestUser } from '@/lib/auth/test-session';
import { mintChatId } from '@/lib/chat-ids';
import { getArtifactVersion, listLatestArtifacts } from '@/lib/db/artifacts';
import { ensureChat } from '@/lib/db/chats';
import { listMessages } from '@/lib/db/messages';
import { databaseKinds, useTestDatabase } from '@/lib/db/test-databases';
import { resetEnvForTests } from '@/lib/env';
import type { FlintUIMessage } from '@/lib/types';
import { readGameSettings } from '../offline-artifacts';
import { createArtifactTool } from './create-artifact';
import { updateArtifactTool } from './update-artifact';

vi.mock('next/headers', async () => (await import('@/lib/auth/test-session')).nextHeadersMock);

const MANAGED = /^(FLINT_|ANTHROPIC_|OPENAI_|GOOGLE_GENERATIVE_AI_|OLLAMA_)/;
const savedEnv = { ...process.env };

beforeAll(() => {
  for (const key of Object.keys(process.env)) if (MANAGED.test(key)) delete process.env[key];
  Object.assign(process.env, { FLINT_OLLAMA_PROBE: 'off', FLINT_OFFLINE_TOKENS_PER_SECOND: '100000' });
  resetEnvForTests();
  resetProvidersForTests();
});
afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  resetEnvForTests();
  resetProvidersForTests();
});

async function finalMessage(stream: ReadableStream<unknown>) {
  let last: FlintUIMessage | undefined;
  for await (const message of readUIMessageStream<FlintUIMessage>({ stream: stream as ReadableStream<UIMessageChunk> })) last = message;
  return last!;
}

async function send(chatId: string, text: string, token?: string) {
  const result = await sendChatMessage({ trigger: 'submit-message', chatId, newChatToken: token, message: { id: `m_${randomBytes(5).toString('hex')}`, text }, mode: 'instant' });
  if (!result.ok) throw new Error(result.message);
  return finalMessage(result.value);
}

/** Waits until the last answer is saved in its final state. */
async function saved(chatId: string) {
  return vi.waitFor(
    async () => {
      const messages = await listMessages(chatId);
      if (messages.at(-1)?.metadata?.status !== 'done') throw new Error('not saved yet');
      return messages;
    },
    { timeout: 5000, interval: 20 },
  );
}

const toolContext = { abortSignal: new AbortController().signal, messages: [], context: {} } as never;

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`artifact tools on ${kind}`, () => {
    useTestDatabase(kind);
    let alice: TestUser;

    beforeAll(async () => {
      alice = await createGuest();
    });

    it('builds a game as version 1, then makes a change the next version of the same artifact', async () => {
      actAs(alice);
      const { chatId, token } = await mintChatId();
      const first = await send(chatId, 'Make me a little paddle game', token);
      const part = first.parts.find((p) => p.type === 'tool-create_artifact');
      expect(part).toMatchObject({ state: 'output-available', input: { title: 'Paddle game', kind: 'html' }, output: { version: 1, kind: 'html' } });
      const artifactId = part?.type === 'tool-create_artifact' && part.state === 'output-available' ? part.output.artifactId : '';
      expect(artifactId).toMatch(/^art_/);
      // The model says what it built after the tool call.
      expect(first.parts.filter((p) => p.type === 'text').map((p) => (p as { text: string }).text).join('')).toContain('paddle game');

      const stored = await getArtifactVersion(alice.id, artifactId, 1);
      expect(stored).toMatchObject({ chatId, kind: 'html', title: 'Paddle game', messageId: first.id });
      expect(readGameSettings(stored!.content)?.paddleSpeed).toBe(520);

      await saved(chatId);
      const second = await send(chatId, 'make the paddle faster');
      const update = second.parts.find((p) => p.type === 'tool-update_artifact');
      expect(update).toMatchObject({ state: 'output-available', input: { id: artifactId }, output: { artifactId, version: 2 } });
      const v2 = await getArtifactVersion(alice.id, artifactId, 2);
      expect(readGameSettings(v2!.content)?.paddleSpeed).toBe(780);
      expect(v2?.messageId).toBe(second.id);
      // Version 1 is untouched.
      expect((await getArtifactVersion(alice.id, artifactId, 1))?.content).toBe(stored!.content);

      // Reloaded from the database, the chat shows one artifact with two versions, each naming its message.
      const messages = await saved(chatId);
      const [artifact] = collectArtifacts(messages);
      expect(collectArtifacts(messages)).toHaveLength(1);
      expect(artifact?.versions.map((v) => [v.version, v.state, v.messageId, v.prompt])).toEqual([
        [1, 'saved', first.id, 'Make me a little paddle game'],
        [2, 'saved', second.id, 'make the paddle faster'],
      ]);
      expect(await listLatestArtifacts(chatId)).toMatchObject([{ artifactId, version: 2 }]);
      actAs(null);
    });

    it('charts the numbers in the message, and says when it uses sample data', async () => {
      actAs(alice);
      const { chatId, token } = await mintChatId();
      const answer = await send(chatId, 'Build a dashboard from this data:\nmonth,revenue,orders\nJan,12400,310\nFeb,13950,342\nMar,12100,298\nApr,15800,377', token);
      const part = answer.parts.find((p) => p.type === 'tool-create_artifact');
      const content = part?.type === 'tool-create_artifact' && part.state === 'output-available' ? part.input.content : '';
      expect(content).toContain('"labels":["Jan","Feb","Mar","Apr"]');
      expect(content).toContain('"name":"Revenue","values":[12400,13950,12100,15800]');
      expect(content).not.toMatch(/sample data/i);

      const { chatId: other, token: otherToken } = await mintChatId();
      const sample = await send(other, 'Make me a dashboard', otherToken);
      const samplePart = sample.parts.find((p) => p.type === 'tool-create_artifact');
      expect(samplePart?.type === 'tool-create_artifact' && samplePart.input?.content).toMatch(/Sample data: not real numbers/);
      expect(sample.parts.map((p) => (p.type === 'text' ? p.text : '')).join('')).toMatch(/sample data/);
      actAs(null);
    });

    it('refuses to change an artifact of another chat or user, and never reveals it', async () => {
      const bob = await createGuest();
      actAs(alice);
      const { chatId, token } = await mintChatId();
      const built = await send(chatId, 'Make a game', token);
      const part = built.parts.find((p) => p.type === 'tool-create_artifact');
      const artifactId = part?.type === 'tool-create_artifact' && part.state === 'output-available' ? part.output.artifactId : '';
      actAs(null);

      await ensureChat(bob.id, 'bobs-chat', null);
      const update = updateArtifactTool({ userId: bob.id, chatId: 'bobs-chat', messageId: 'bob-message' });
      await expect(update.execute!({ id: artifactId, content: '<p>pwned</p>' }, toolContext)).rejects.toThrow(/no artifact with id/);
      // Alice's own id from another of her chats does not reach across either.
      await ensureChat(alice.id, 'alices-other-chat', null);
      const elsewhere = updateArtifactTool({ userId: alice.id, chatId: 'alices-other-chat', messageId: 'm' });
      await expect(elsewhere.execute!({ id: artifactId, content: 'x' }, toolContext)).rejects.toThrow(/no artifact with id/);
      expect(await getArtifactVersion(bob.id, artifactId, 1)).toBeNull();
      expect(await getArtifactVersion(alice.id, artifactId, 2)).toBeNull();
    });

    it('validates what the model sends: a known kind, a title, content within the limit', async () => {
      const create = createArtifactTool({ userId: alice.id, chatId: 'x', messageId: 'y' });
      const schema = asSchema(create.inputSchema);
      const valid = async (value: unknown) => (await schema.validate!(value)).success;
      expect(await valid({ title: 'Ok', kind: 'html', content: '<p>hi</p>' })).toBe(true);
      expect(await valid({ title: 'Ok', kind: 'exe', content: 'MZ' })).toBe(false);
      expect(await valid({ title: ' ', kind: 'svg', content: '<svg/>' })).toBe(false);
      expect(await valid({ title: 'Big', kind: 'markdown', content: 'x'.repeat(200_001) })).toBe(false);
    });
  });
}
