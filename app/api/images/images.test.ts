// The image routes and the send path, over their HTTP interfaces (route handlers called with real
// Request objects) and the send action: uploads, refusals that leave nothing behind, serving with
// caching headers, share links, attaching to messages, and the purge.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readUIMessageStream, type UIMessageChunk } from 'ai';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { badCorpus, cameraJpeg, GPS_MARKER, solid } from '@/e2e/support/image-corpus';
import { resetProvidersForTests } from '@/lib/ai/providers';
import { actAs, createGuest, type TestUser } from '@/lib/auth/test-session';
import { mintChatId } from '@/lib/chat-ids';
import { getDb } from '@/lib/db/client';
import { listMessages } from '@/lib/db/messages';
import { databaseKinds, useTestDatabase } from '@/lib/db/test-databases';
import { transferUserData } from '@/lib/db/users';
import { resetEnvForTests } from '@/lib/env';
import { imageIdOf } from '@/lib/files/image-parts';
import { purgeImages } from '@/lib/files/images';
import { MAX_IMAGE_BYTES, MAX_UNSENT_IMAGES } from '@/lib/files/limits';
import { diskStorage, setImageStorageForTests, type ImageStorage } from '@/lib/files/storage';
import type { FlintUIMessage } from '@/lib/types';
import { shareChat, revokeChatShare } from '../../(chat)/actions';
import { sendChatMessage } from '../../(chat)/send';
import { GET } from './[id]/route';
import { POST } from './route';

vi.mock('next/headers', async () => (await import('@/lib/auth/test-session')).nextHeadersMock);

const failures = vi.hoisted(() => ({ createImage: false }));
vi.mock('@/lib/db/images', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/db/images')>();
  return {
    ...original,
    createImage: (...args: Parameters<typeof original.createImage>) => {
      if (failures.createImage) return Promise.reject(new Error('database went away'));
      return original.createImage(...args);
    },
  };
});

const BASE = 'http://localhost:3000';
const saved = { ...process.env };

interface Uploaded {
  id: string;
  url: string;
  thumbUrl: string;
  width: number;
  height: number;
  mediaType: string;
  filename: string;
}

async function upload(body: BodyInit | null, name: string, headers: Record<string, string> = {}) {
  const response = await POST(new Request(`${BASE}/api/images`, { method: 'POST', headers: { 'x-filename': encodeURIComponent(name), ...headers }, body, duplex: 'half' } as RequestInit));
  const json = (await response.json()) as { image?: Uploaded; error?: { code: string; message: string } };
  return { status: response.status, ...json };
}

async function uploaded(buffer: Buffer, name: string): Promise<Uploaded> {
  const result = await upload(new Uint8Array(buffer), name);
  if (!result.image) throw new Error(`upload refused: ${JSON.stringify(result.error)}`);
  return result.image;
}

function get(id: string, query = '', headers: Record<string, string> = {}) {
  return GET(new Request(`${BASE}/api/images/${id}${query}`, { headers }), { params: Promise.resolve({ id }) });
}

async function files(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

async function finalMessage(stream: ReadableStream<unknown>) {
  let last: FlintUIMessage | undefined;
  for await (const message of readUIMessageStream<FlintUIMessage>({ stream: stream as ReadableStream<UIMessageChunk> })) last = message;
  return last!;
}

const textOf = (message: Pick<FlintUIMessage, 'parts'>) => message.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');

beforeAll(() => {
  for (const key of Object.keys(process.env)) if (/^(ANTHROPIC_|OPENAI_|GOOGLE_GENERATIVE_AI_|OLLAMA_|FLINT_.*_MODEL|FLINT_FALLBACK|S3_)/.test(key)) delete process.env[key];
  process.env.FLINT_OFFLINE_TOKENS_PER_SECOND = '100000';
  resetEnvForTests();
  resetProvidersForTests();
});
afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  resetEnvForTests();
  resetProvidersForTests();
  setImageStorageForTests(undefined);
});

for (const { kind, skip } of databaseKinds) {
  describe.skipIf(skip)(`images on ${kind}`, () => {
    useTestDatabase(kind);
    let root: string;
    let storage: ImageStorage;
    let guest: TestUser;

    beforeAll(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'flint-images-'));
    });
    afterAll(() => rm(root, { recursive: true, force: true }));
    beforeEach(async () => {
      await rm(root, { recursive: true, force: true });
      storage = diskStorage(root);
      setImageStorageForTests(storage);
      guest = await createGuest();
      actAs(guest);
    });
    afterEach(() => {
      failures.createImage = false;
      vi.restoreAllMocks();
    });

    describe('POST /api/images', () => {
      it('stores an upright, metadata-free full image and a thumbnail, and answers with the image', async () => {
        const response = await upload(new Uint8Array(await cameraJpeg(1600, 1200)), 'IMG_0001.JPG');
        expect(response.status).toBe(201);
        expect(response.image).toMatchObject({ filename: 'IMG_0001.JPG', mediaType: 'image/jpeg', width: 1200, height: 1600 });
        const id = response.image!.id;
        expect(response.image!.url).toBe(`/api/images/${id}`);
        expect(response.image!.thumbUrl).toBe(`/api/images/${id}?variant=thumb`);
        expect((await files(root)).sort()).toEqual([`images/${id}/full.jpg`, `images/${id}/thumb.webp`]);
        const row = await (await getDb()).image.findUnique({ where: { id } });
        expect(row).toMatchObject({ userId: guest.id, sentAt: null, format: 'jpeg', kind: 'photo', width: 1200, height: 1600 });
        const stored = (await storage.get(row!.fullKey))!;
        expect(stored.includes(GPS_MARKER)).toBe(false);
      });

      it('asks a visitor without a session to start one, and refuses malformed or cross-site uploads', async () => {
        const png = new Uint8Array(await solid('#ffffff', 8, 8));
        actAs(null);
        expect(await upload(png, 'a.png')).toMatchObject({ status: 401, error: { code: 'unauthenticated' } });
        actAs(guest);
        const noName = await POST(new Request(`${BASE}/api/images`, { method: 'POST', body: png }));
        expect(noName.status).toBe(400);
        expect(await upload(png, 'a.png', { origin: 'https://evil.example' })).toMatchObject({ status: 400, error: { code: 'bad_request' } });
        expect(await files(root)).toEqual([]);
      });

      it('refuses every file of the bad corpus with its message, leaving nothing in storage or the database, logging no error', async () => {
        const logged = vi.spyOn(console, 'error');
        for (const file of await badCorpus()) {
          const response = await upload(new Uint8Array(file.buffer), file.name);
          expect(response.status, file.name).toBeGreaterThanOrEqual(400);
          expect(response.status, file.name).toBeLessThan(500);
          expect(response.error?.message, file.name).toMatch(file.expect);
        }
        expect(await files(root)).toEqual([]);
        expect(await (await getDb()).image.count({ where: { userId: guest.id } })).toBe(0);
        expect(logged).not.toHaveBeenCalled();
      });

      it('stops reading a body past 20 MB instead of buffering it', async () => {
        let sent = 0;
        const chunk = new Uint8Array(64 * 1024);
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent >= 25 * 1024 * 1024) return controller.close();
            sent += chunk.length;
            controller.enqueue(chunk);
          },
        });
        const response = await upload(body, 'huge.jpg');
        expect(response).toMatchObject({ status: 413, error: { code: 'too_large', message: '“huge.jpg” is larger than 20 MB; images can be up to 20 MB.' } });
        expect(sent).toBeLessThanOrEqual(MAX_IMAGE_BYTES + 2 * chunk.length);
        // A declared length over the limit is refused without reading.
        const declared = await upload(new Uint8Array(16), 'declared.jpg', { 'content-length': String(25 * 1024 * 1024) });
        expect(declared).toMatchObject({ status: 413, error: { message: '“declared.jpg” is 25 MB; images can be up to 20 MB.' } });
      });

      it('leaves nothing behind when storage fails half-way or the database refuses the row', async () => {
        const png = new Uint8Array(await solid('#2563eb', 64, 64));
        const flaky: ImageStorage = { ...storage, put: (key, bytes, type) => (key.endsWith('thumb.webp') ? Promise.reject(new Error('disk full')) : storage.put(key, bytes, type)) };
        setImageStorageForTests(flaky);
        const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
        expect(await upload(png, 'a.png')).toMatchObject({ status: 500, error: { code: 'internal' } });
        setImageStorageForTests(storage);
        failures.createImage = true;
        expect(await upload(png, 'b.png')).toMatchObject({ status: 500, error: { code: 'internal' } });
        expect(errors).toHaveBeenCalledTimes(2);
        expect(await files(root)).toEqual([]);
        expect(await (await getDb()).image.count({ where: { userId: guest.id } })).toBe(0);
      });

      it(`refuses more than ${MAX_UNSENT_IMAGES} unsent images per person`, async () => {
        const db = await getDb();
        await db.image.createMany({
          data: Array.from({ length: MAX_UNSENT_IMAGES }, (_, i) => ({
            id: `pending-${guest.id}-${i}`,
            userId: guest.id,
            filename: 'x.png',
            format: 'png',
            kind: 'graphic',
            fullKey: `images/pending-${i}/full.png`,
            mediaType: 'image/png',
            width: 1,
            height: 1,
            byteSize: 1,
            thumbKey: `images/pending-${i}/thumb.webp`,
            thumbWidth: 1,
            thumbHeight: 1,
          })),
        });
        expect(await upload(new Uint8Array(await solid('#000000', 8, 8)), 'one-more.png')).toMatchObject({ status: 429, error: { code: 'too_many' } });
      });
    });

    describe('GET /api/images/<id>', () => {
      it('serves the owner the full image and the thumbnail with long private caching and an ETag', async () => {
        const image = await uploaded(await solid('#f97316', 900, 600), 'orange.png');
        const full = await get(image.id);
        expect(full.status).toBe(200);
        expect(full.headers.get('content-type')).toBe('image/png');
        expect(full.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
        expect(full.headers.get('etag')).toBe(`"${image.id}-full"`);
        expect(await sharp(Buffer.from(await full.arrayBuffer())).metadata()).toMatchObject({ width: 900, height: 600 });
        const thumb = await get(image.id, '?variant=thumb');
        expect(thumb.headers.get('content-type')).toBe('image/webp');
        expect(await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).toMatchObject({ width: 768, height: 512 });
        const again = await get(image.id, '', { 'if-none-match': `"${image.id}-full"` });
        expect(again.status).toBe(304);
        expect(await again.text()).toBe('');
      });

      it('answers another person and a missing id with the same 404', async () => {
        const image = await uploaded(await solid('#f97316', 32, 32), 'mine.png');
        actAs(await createGuest());
        const theirs = await get(image.id);
        const missing = await get('00000000-0000-0000-0000-000000000000');
        expect(theirs.status).toBe(404);
        expect(await theirs.text()).toBe(await missing.text());
        expect((await get('../../etc/passwd')).status).toBe(404);
      });
    });

    describe('sending images', () => {
      async function send(text: string, attachments: string[], chatId?: string) {
        const chat = chatId ? { chatId, token: undefined } : await mintChatId();
        const result = await sendChatMessage({ trigger: 'submit-message', chatId: chat.chatId, newChatToken: chat.token, message: { id: `m-${Math.random().toString(36).slice(2)}`, text, attachments }, mode: 'instant' });
        return { chatId: chat.chatId, result };
      }

      it('stores the message with image parts that name the images, and the offline model reports what the pixels show', async () => {
        const orange = await uploaded(await solid('#f97316', 640, 480), 'orange.png');
        const blue = await uploaded(await solid('#1d4ed8', 300, 200, 'jpeg'), 'blue.jpg');
        const { chatId, result } = await send('What colours are these?', [orange.id, blue.id]);
        if (!result.ok) throw new Error(result.message);
        const answer = textOf(await finalMessage(result.value));
        expect(answer).toMatch(/Image 1 \(“orange.png”\): PNG, 640 × 480 px; dominant colours orange \(#F97316, 100%\)/);
        expect(answer).toMatch(/Image 2 \(“blue.jpg”\): (PNG|JPEG), 300 × 200 px; dominant colours blue \(#1D4E[0-9A-F]{2}, 100%\)/);

        const [user] = await listMessages(chatId);
        expect(user!.parts.map((p) => p.type)).toEqual(['file', 'file', 'text']);
        expect(user!.parts.map((p) => imageIdOf(p as never))).toEqual([orange.id, blue.id, undefined]);
        // Only references travel and are stored: no bytes, no data URLs.
        expect(JSON.stringify(user!.parts)).not.toMatch(/data:|base64/);
        const rows = await (await getDb()).image.findMany({ where: { id: { in: [orange.id, blue.id] } } });
        for (const row of rows) expect(row).toMatchObject({ chatId, messageId: user!.id, sentAt: expect.any(Date) });
      });

      it('accepts images without text, and refuses images that are not the sender’s, already sent, or too many', async () => {
        const image = await uploaded(await solid('#16a34a', 50, 50), 'green.png');
        const only = await send('', [image.id]);
        expect(only.result.ok).toBe(true);
        if (only.result.ok) await finalMessage(only.result.value);
        expect(await send('again', [image.id])).toMatchObject({ result: { ok: false, code: 'bad_request', message: expect.stringMatching(/no longer available/) } });

        const someoneElses = await uploaded(await solid('#16a34a', 50, 50), 'theirs.png');
        actAs(await createGuest());
        expect(await send('mine now', [someoneElses.id])).toMatchObject({ result: { ok: false, code: 'bad_request' } });
        expect((await send('seven', ['a', 'b', 'c', 'd', 'e', 'f', 'g'])).result).toEqual({ ok: false, code: 'bad_request', message: 'You can attach up to 6 images per message.' });
        // A refused message claims nothing: the image can still be sent by its owner.
        actAs(guest);
        expect((await (await getDb()).image.findUnique({ where: { id: someoneElses.id } }))?.sentAt).toBeNull();
      });

      it('shows a shared chat’s images to anyone with the link, until the link is revoked', async () => {
        const image = await uploaded(await solid('#9333ea', 80, 60), 'purple.png');
        const { chatId, result } = await send('Look', [image.id]);
        if (!result.ok) throw new Error(result.message);
        await finalMessage(result.value);
        const share = await shareChat({ chatId });
        if (!share.ok) throw new Error(share.message);
        actAs(null);
        expect((await get(image.id)).status).toBe(404);
        expect((await get(image.id, `?share=${share.value.token}`)).status).toBe(200);
        expect((await get(image.id, `?variant=thumb&share=${share.value.token}`)).status).toBe(200);
        actAs(guest);
        await revokeChatShare({ chatId });
        actAs(null);
        expect((await get(image.id, `?share=${share.value.token}`)).status).toBe(404);
      });

      it('moves a guest’s images to the account they sign up with', async () => {
        const image = await uploaded(await solid('#000000', 8, 8), 'x.png');
        const account = await createGuest();
        await transferUserData(guest.id, account.id);
        actAs(account);
        expect((await get(image.id)).status).toBe(200);
      });
    });

    describe('purge', () => {
      it('removes unsent uploads after a day and images of chats deleted for good, bytes first', async () => {
        const db = await getDb();
        const stale = await uploaded(await solid('#000000', 8, 8), 'stale.png');
        const fresh = await uploaded(await solid('#ffffff', 8, 8), 'fresh.png');
        const sent = await uploaded(await solid('#ff0000', 8, 8), 'sent.png');
        const chat = await mintChatId();
        const result = await sendChatMessage({ trigger: 'submit-message', chatId: chat.chatId, newChatToken: chat.token, message: { id: `m-${Date.now()}`, text: 'x', attachments: [sent.id] }, mode: 'instant' });
        if (!result.ok) throw new Error(result.message);
        await finalMessage(result.value);
        await db.image.update({ where: { id: stale.id }, data: { createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) } });

        expect(await purgeImages({ deletedChatMs: 60_000 })).toBe(1);
        expect((await files(root)).some((f) => f.includes(stale.id))).toBe(false);
        expect(await db.image.findUnique({ where: { id: stale.id } })).toBeNull();
        expect(await db.image.findUnique({ where: { id: fresh.id } })).not.toBeNull();

        // The chat is deleted for good: its messages go, the image's bytes and row follow.
        await db.chat.delete({ where: { id: chat.chatId } });
        expect(await purgeImages({ deletedChatMs: 60_000 })).toBe(1);
        expect((await files(root)).some((f) => f.includes(sent.id))).toBe(false);
        expect((await files(root)).some((f) => f.includes(fresh.id))).toBe(true);
      });
    });
  });
}
