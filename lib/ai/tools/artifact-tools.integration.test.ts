// Artifacts from a real provider over HTTP: Flint pointed at a fake OpenAI-compatible server that
// answers with a streamed create_artifact tool call. The provider SDK parses the call, the tool saves
// the version, the model is asked again with the result and writes its sentence; the saved message
// carries the artifact. A model that refuses tools is asked again without them and answers in text.
import { randomBytes } from 'node:crypto';
import { readUIMessageStream, type UIMessageChunk } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendChatMessage } from '@/app/(chat)/send';
import { startFakeOpenAICompatible, type FakeOpenAICompatible } from '@/e2e/fake-upstream/openai-compatible';
import type { RecordedRequest } from '@/e2e/fake-upstream/server';
import { resetProvidersForTests } from '@/lib/ai/providers';
import { actAs, createGuest } from '@/lib/auth/test-session';
import { mintChatId } from '@/lib/chat-ids';
import { getArtifactVersion } from '@/lib/db/artifacts';
import { listMessages } from '@/lib/db/messages';
import { useTestDatabase } from '@/lib/db/test-databases';
import { resetEnvForTests } from '@/lib/env';
import type { FlintUIMessage } from '@/lib/types';

vi.mock('next/headers', async () => (await import('@/lib/auth/test-session')).nextHeadersMock);

const MANAGED = /^(FLINT_|ANTHROPIC_|OPENAI_|GOOGLE_GENERATIVE_AI_|OLLAMA_)/;
const savedEnv = { ...process.env };
let fake: FakeOpenAICompatible;

const chart = JSON.stringify({ type: 'bar', data: { labels: ['Q1', 'Q2'], datasets: [{ label: 'Revenue', data: [120, 180] }] } });

type Body = { messages: Array<{ role: string; content: unknown }>; tools?: Array<{ function: { name: string; parameters: unknown } }> };
const bodyOf = (request: RecordedRequest) => request.body as Body;
const isAnswer = (request: RecordedRequest) => !JSON.stringify(request.body).includes('Write a title');

beforeAll(async () => {
  fake = await startFakeOpenAICompatible({ models: ['tool-model'] });
  for (const key of Object.keys(process.env)) if (MANAGED.test(key)) delete process.env[key];
  Object.assign(process.env, { FLINT_OLLAMA_PROBE: 'off', ...fake.env, OPENAI_COMPATIBLE_MODELS: 'tool-model', FLINT_INSTANT_MODEL: 'openai-compatible:tool-model' });
  resetEnvForTests();
  resetProvidersForTests();
});
afterAll(async () => {
  await fake?.close();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  resetEnvForTests();
  resetProvidersForTests();
});
beforeEach(() => fake.reset());

async function ask(text: string) {
  const { chatId, token } = await mintChatId();
  const result = await sendChatMessage({ trigger: 'submit-message', chatId, newChatToken: token, message: { id: `m_${randomBytes(5).toString('hex')}`, text }, mode: 'instant' });
  if (!result.ok) throw new Error(result.message);
  let last: FlintUIMessage | undefined;
  for await (const message of readUIMessageStream<FlintUIMessage>({ stream: result.value as ReadableStream<UIMessageChunk> })) last = message;
  return { chatId, message: last! };
}

describe('artifacts from an OpenAI-compatible provider', () => {
  useTestDatabase('pglite');

  it('creates the artifact from a streamed tool call, then lets the model say what it built', async () => {
    fake.setScript((request) => {
      if (!isAnswer(request)) return { text: 'Quarterly revenue' };
      const answered = bodyOf(request).messages.some((m) => m.role === 'tool');
      return answered ? { text: 'Here is the revenue chart.' } : { toolCalls: [{ name: 'create_artifact', input: { title: 'Revenue chart', kind: 'chart', content: chart } }], chunks: 6 };
    });
    const user = await createGuest();
    actAs(user);
    const { chatId, message } = await ask('Chart revenue: Q1 120, Q2 180');

    const part = message.parts.find((p) => p.type === 'tool-create_artifact');
    expect(part).toMatchObject({ state: 'output-available', input: { title: 'Revenue chart', kind: 'chart', content: chart }, output: { version: 1, kind: 'chart' } });
    const artifactId = part?.type === 'tool-create_artifact' && part.state === 'output-available' ? part.output.artifactId : '';
    expect(await getArtifactVersion(user.id, artifactId, 1)).toMatchObject({ content: chart, title: 'Revenue chart', messageId: message.id });
    expect(message.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('')).toBe('Here is the revenue chart.');

    // What the provider was sent: the artifact tools (beside memory's) with their schemas and the instructions, then the tool result.
    const [first, second] = fake.chatRequests.filter(isAnswer);
    expect(bodyOf(first!).tools?.map((t) => t.function.name)).toEqual(expect.arrayContaining(['create_artifact', 'update_artifact']));
    expect(JSON.stringify(bodyOf(first!).tools)).toContain('"kind"');
    expect(JSON.stringify(bodyOf(first!).messages[0])).toContain('create_artifact');
    const toolMessage = bodyOf(second!).messages.find((m) => m.role === 'tool');
    expect(JSON.stringify(toolMessage)).toContain(`artifact ${artifactId}, version 1`);

    await vi.waitFor(async () => expect((await listMessages(chatId)).at(-1)?.metadata?.status).toBe('done'));
    const saved = (await listMessages(chatId)).at(-1)!;
    expect(saved.parts.find((p) => p.type === 'tool-create_artifact')).toMatchObject({ state: 'output-available', output: { artifactId } });
    actAs(null);
  });

  it('answers in text when the model refuses tools, without artifact instructions', async () => {
    fake.setScript((request) => {
      if (!isAnswer(request)) return { text: 'A chart' };
      return bodyOf(request).tools?.length
        ? { status: 400, errorMessage: 'registry.ollama.ai/library/tiny:1b does not support tools' }
        : { text: '```html\n<p>a chart</p>\n```' };
    });
    actAs(await createGuest());
    const { message } = await ask('Make me a chart of Q1 120, Q2 180');
    expect(message.metadata?.status).toBe('done');
    expect(message.parts.some((p) => p.type.startsWith('tool-'))).toBe(false);
    expect(message.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('')).toContain('<p>a chart</p>');
    const [withTools, withoutTools] = fake.chatRequests.filter(isAnswer);
    expect(bodyOf(withTools!).tools?.map((t) => t.function.name)).toContain('create_artifact');
    expect(bodyOf(withoutTools!).tools).toBeUndefined();
    expect(JSON.stringify(bodyOf(withoutTools!).messages[0])).toContain('cannot use tools');
    actAs(null);
  });
});
