// History → model messages with image bytes, and proof over HTTP that each real provider receives
// the images in its own wire format: Flint's provider code talks to the fake Anthropic, OpenAI
// (Responses), OpenAI-compatible and Google servers in e2e/fake-upstream, which record the request.
import type { ModelMessage, UIMessageChunk } from 'ai';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '@/e2e/fake-upstream/anthropic';
import { startFakeGoogle, type FakeGoogle } from '@/e2e/fake-upstream/google';
import { startFakeOpenAICompatible, type FakeOpenAICompatible } from '@/e2e/fake-upstream/openai-compatible';
import { startFakeOpenAIResponses, type FakeOpenAIResponses } from '@/e2e/fake-upstream/openai-responses';
import type { RecordedRequest } from '@/e2e/fake-upstream/server';
import { cameraJpeg, chart, GPS_MARKER, textScreenshot } from '@/e2e/support/image-corpus';
import { resetProvidersForTests } from '@/lib/ai/providers';
import { createGuest, type TestUser } from '@/lib/auth/test-session';
import { getDb } from '@/lib/db/client';
import { useTestDatabase } from '@/lib/db/test-databases';
import { resetEnvForTests } from '@/lib/env';
import { imagePart } from '@/lib/files/image-parts';
import { uploadImage, type UploadedImage } from '@/lib/files/images';
import { memoryStorage, setImageStorageForTests } from '@/lib/files/storage';
import type { FlintUIMessage, MessageMetadata } from '@/lib/types';
import { streamInstantAnswer } from './instant';
import { IMAGE_NOTE, toModelMessages } from './model-messages';

const MANAGED = /^(FLINT_|ANTHROPIC_|OPENAI_|GOOGLE_GENERATIVE_AI_|OLLAMA_)/;
const savedEnv = { ...process.env };

function useEnv(vars: Record<string, string>) {
  for (const key of Object.keys(process.env)) if (MANAGED.test(key) && key !== 'FLINT_DATA_DIR') delete process.env[key];
  Object.assign(process.env, { FLINT_OLLAMA_PROBE: 'off', FLINT_OFFLINE_TOKENS_PER_SECOND: '100000', ...vars });
  resetEnvForTests();
  resetProvidersForTests();
}

let user: TestUser;
let photo: UploadedImage;
let diagram: UploadedImage;
let longShot: UploadedImage;

describe('images in model requests', () => {
  useTestDatabase('pglite');

  beforeAll(async () => {
    useEnv({});
    setImageStorageForTests(memoryStorage());
    user = await createGuest();
    const as = { id: user.id, name: 'Guest', email: null, isGuest: true };
    photo = await uploadImage(as, await cameraJpeg(3000, 2000), 'IMG_0001.JPG');
    diagram = await uploadImage(as, await chart(1000, 700), 'chart.png');
    longShot = await uploadImage(as, (await textScreenshot(1000, 4000)).buffer, 'long page.png');
  });

  afterAll(() => {
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    resetEnvForTests();
    resetProvidersForTests();
    setImageStorageForTests(undefined);
  });

  const history = (...parts: FlintUIMessage['parts']): FlintUIMessage[] => [
    { id: 'u0', role: 'user', parts: [{ type: 'text', text: 'Hello' }] },
    { id: 'a0', role: 'assistant', parts: [{ type: 'reasoning', text: 'hidden', state: 'done' }, { type: 'text', text: 'Hi! Send me a picture.' }] },
    { id: 'u1', role: 'user', parts },
  ];

  const part = (image: UploadedImage) => imagePart(image);

  function fileParts(message: ModelMessage | undefined) {
    if (!message || message.role !== 'user' || typeof message.content === 'string') return [];
    return message.content.filter((p) => p.type === 'file');
  }

  describe('toModelMessages', () => {
    it('turns image parts into image bytes sized for the receiving models, leaving everything else as the SDK converts it', async () => {
      const messages = await toModelMessages(history(part(photo), { type: 'text', text: 'What is this?' }), { imageEdge: 1568, userId: user.id });
      expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
      expect(messages[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Hi! Send me a picture.' }] });
      const last = messages[2]!;
      if (last.role !== 'user' || typeof last.content === 'string') throw new Error('expected user content parts');
      expect(last.content.map((p) => p.type)).toEqual(['file', 'text']);
      const [file] = fileParts(last);
      expect(file).toMatchObject({ mediaType: 'image/jpeg', filename: 'IMG_0001.JPG' });
      const bytes = file!.data as Uint8Array;
      expect(bytes).toBeInstanceOf(Uint8Array);
      // 2000 × 3000 upright; fitted into 1568 px.
      expect(await sharp(bytes).metadata()).toMatchObject({ format: 'jpeg', width: 1045, height: 1568 });
      expect(Buffer.from(bytes).includes(GPS_MARKER)).toBe(false);
    });

    it('keeps each model-sized copy, and makes another for another limit', async () => {
      await toModelMessages(history(part(photo)), { imageEdge: 2048 });
      const row = await (await getDb()).image.findUnique({ where: { id: photo.id } });
      expect(Object.keys(row!.variants as object).sort()).toEqual(['1568', '2048']);
    });

    it('sends a long screenshot as tiles in reading order, announced by a note', async () => {
      const messages = await toModelMessages(history(part(longShot)), { imageEdge: 1568 });
      const last = messages.at(-1)!;
      if (last.role !== 'user' || typeof last.content === 'string') throw new Error('expected user content parts');
      const [note, ...tiles] = last.content;
      expect(note).toMatchObject({ type: 'text', providerOptions: IMAGE_NOTE, text: expect.stringMatching(/“long page.png” \(1000 × 4000 px\) is sent in 3 parts/) });
      expect(tiles.map((t) => t.type === 'file' && t.filename)).toEqual(['long page.png (part 1 of 3)', 'long page.png (part 2 of 3)', 'long page.png (part 3 of 3)']);
      for (const tile of tiles) {
        const meta = await sharp((tile as { data: Uint8Array }).data).metadata();
        expect(meta.format).toBe('png');
        expect(meta.width).toBe(1000);
        expect(meta.height).toBeLessThanOrEqual(1568);
      }
    });

    it('says an image is gone rather than failing, and never loads someone else’s', async () => {
      const other = await createGuest();
      const messages = await toModelMessages(history(part(diagram), { type: 'text', text: 'and this' }), { userId: other.id });
      const last = messages.at(-1)!;
      if (last.role !== 'user' || typeof last.content === 'string') throw new Error('expected user content parts');
      expect(last.content).toEqual([
        { type: 'text', text: '[An attached image (“chart.png”) is no longer available.]', providerOptions: IMAGE_NOTE },
        { type: 'text', text: 'and this' },
      ]);
    });
  });

  type Chunk = UIMessageChunk<MessageMetadata>;

  async function answer(h: FlintUIMessage[], mode: 'instant' | 'thinking' = 'instant') {
    const chunks: Chunk[] = [];
    const status = await streamInstantAnswer({ messageId: 'a1', history: h, mode, signal: new AbortController().signal, userId: user.id }, (chunk) => chunks.push(chunk));
    const metadata = Object.assign({}, ...chunks.flatMap((c) => (c.type === 'message-metadata' || c.type === 'finish' ? [c.messageMetadata ?? {}] : []))) as MessageMetadata;
    return { status, metadata, text: chunks.flatMap((c) => (c.type === 'text-delta' ? [c.delta] : [])).join('') };
  }

  const body = (request: RecordedRequest | undefined) => request?.body as Record<string, unknown>;

  async function decoded(base64: string) {
    return sharp(Buffer.from(base64, 'base64')).metadata();
  }

  describe('each provider receives the images in its own wire format', () => {
    let anthropic: FakeAnthropic;
    let responses: FakeOpenAIResponses;
    let compatible: FakeOpenAICompatible;
    let google: FakeGoogle;

    beforeAll(async () => {
      [anthropic, responses, compatible, google] = await Promise.all([
        startFakeAnthropic({ apiKey: 'ak' }),
        startFakeOpenAIResponses({ apiKey: 'ok' }),
        startFakeOpenAICompatible({ models: ['qwen3-8b', 'llava-13b'] }),
        startFakeGoogle({ apiKey: 'gk' }),
      ]);
    });
    afterAll(() => Promise.all([anthropic, responses, compatible, google].map((fake) => fake?.close())));
    beforeEach(() => [anthropic, responses, compatible, google].forEach((fake) => fake.reset()));
    afterEach(() => useEnv({}));

    it('Anthropic: base64 image blocks, fitted into 1568 px, before the question', async () => {
      useEnv({ ...anthropic.env, ANTHROPIC_API_KEY: 'ak' });
      const result = await answer(history(part(photo), part(diagram), { type: 'text', text: 'Compare them' }));
      expect(result.status).toBe('done');
      const messages = body(anthropic.chatRequests[0]).messages as Array<{ role: string; content: Array<Record<string, unknown>> }>;
      const content = messages.at(-1)!.content;
      expect(content.map((c) => c.type)).toEqual(['image', 'image', 'text']);
      const [first, second] = content as Array<{ source: { type: string; media_type: string; data: string } }>;
      expect(first!.source).toMatchObject({ type: 'base64', media_type: 'image/jpeg' });
      expect(await decoded(first!.source.data)).toMatchObject({ format: 'jpeg', width: 1045, height: 1568 });
      expect(second!.source).toMatchObject({ type: 'base64', media_type: 'image/png' });
      expect(await decoded(second!.source.data)).toMatchObject({ format: 'png', width: 1000, height: 700 });
      expect(content[2]).toMatchObject({ type: 'text', text: 'Compare them' });
    });

    it('OpenAI Responses: input_image parts with data URLs, fitted into 2048 px', async () => {
      useEnv({ ...responses.env, OPENAI_API_KEY: 'ok' });
      const result = await answer(history(part(photo), { type: 'text', text: 'Describe' }));
      expect(result.status).toBe('done');
      const input = body(responses.chatRequests[0]).input as Array<{ role: string; content: Array<Record<string, unknown>> }>;
      const content = input.findLast((item) => item.role === 'user')!.content;
      expect(content.map((c) => c.type)).toEqual(['input_image', 'input_text']);
      const url = content[0]!.image_url as string;
      expect(url).toMatch(/^data:image\/jpeg;base64,/);
      expect(await decoded(url.split(',')[1]!)).toMatchObject({ width: 1365, height: 2048 });
    });

    it('OpenAI-compatible: image_url parts with data URLs, in every tile of a long screenshot', async () => {
      useEnv({ ...compatible.env, OPENAI_COMPATIBLE_MODELS: 'llava-13b+vision', FLINT_INSTANT_MODEL: 'openai-compatible:llava-13b' });
      const result = await answer(history(part(longShot), { type: 'text', text: 'Summarise this page' }));
      expect(result.status).toBe('done');
      const messages = body(compatible.chatRequests[0]).messages as Array<{ role: string; content: Array<Record<string, unknown>> }>;
      const content = messages.at(-1)!.content;
      expect(content.map((c) => c.type)).toEqual(['text', 'image_url', 'image_url', 'text']);
      expect(content[0]!.text).toMatch(/sent in 2 parts/);
      for (const tile of content.slice(1, 3)) {
        const url = (tile.image_url as { url: string }).url;
        expect(url).toMatch(/^data:image\/png;base64,/);
        expect(await decoded(url.split(',')[1]!)).toMatchObject({ width: 1000 });
      }
    });

    it('Google: inlineData parts, up to 3072 px', async () => {
      useEnv({ ...google.env, GOOGLE_GENERATIVE_AI_API_KEY: 'gk' });
      const result = await answer(history(part(photo), { type: 'text', text: 'Where is this?' }));
      expect(result.status).toBe('done');
      const contents = body(google.chatRequests[0]).contents as Array<{ role: string; parts: Array<Record<string, unknown>> }>;
      const parts = contents.at(-1)!.parts;
      const inline = parts[0]!.inlineData as { mimeType: string; data: string };
      expect(inline.mimeType).toBe('image/jpeg');
      // 2000 × 3000 is within 3072 px: the full image as stored.
      expect(await decoded(inline.data)).toMatchObject({ width: 2000, height: 3000 });
      expect(parts[1]).toMatchObject({ text: 'Where is this?' });
    });

    it('a model that cannot see hands the turn to the vision model, over HTTP, and the message says so', async () => {
      useEnv({ ...compatible.env, OPENAI_COMPATIBLE_MODELS: 'qwen3-8b,llava-13b+vision', FLINT_INSTANT_MODEL: 'openai-compatible:qwen3-8b' });
      const result = await answer(history(part(diagram), { type: 'text', text: 'Read the chart' }), 'thinking');
      expect(result.status).toBe('done');
      expect(compatible.chatRequests.map((r) => r.model)).toEqual(['llava-13b']);
      expect(result.metadata).toMatchObject({
        model: 'openai-compatible:llava-13b',
        visionRoute: { from: 'openai-compatible:qwen3-8b', fromLabel: 'qwen3-8b', to: 'openai-compatible:llava-13b', toLabel: 'llava-13b' },
      });
    });

    it('with no model that can see, the answer ends with a clear error and nothing is sent', async () => {
      useEnv({ ...compatible.env, OPENAI_COMPATIBLE_MODELS: 'qwen3-8b', FLINT_INSTANT_MODEL: 'openai-compatible:qwen3-8b' });
      const result = await answer(history(part(diagram)));
      expect(result.status).toBe('error');
      expect(result.metadata.error).toMatch(/None of the configured models can see images/);
      expect(compatible.chatRequests).toHaveLength(0);
    });
  });
});
