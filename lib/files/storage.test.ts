import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeS3, type FakeS3 } from '@/e2e/fake-upstream/s3';
import { diskStorage, memoryStorage, s3Storage, type ImageStorage } from './storage';

/** Every storage behaves the same: put, get, overwrite, delete (missing keys too), refuse odd keys. */
function behavesLikeStorage(make: () => Promise<ImageStorage>) {
  it('stores, reads, overwrites and deletes objects; missing keys read as null', async () => {
    const storage = await make();
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 255, 0]);
    await storage.put('images/abc/full.png', bytes, 'image/png');
    expect(await storage.get('images/abc/full.png')).toEqual(bytes);
    await storage.put('images/abc/full.png', Buffer.from('second'), 'image/png');
    expect((await storage.get('images/abc/full.png'))?.toString()).toBe('second');
    expect(await storage.get('images/nope/full.png')).toBeNull();
    await storage.delete(['images/abc/full.png', 'images/never-there/thumb.webp']);
    expect(await storage.get('images/abc/full.png')).toBeNull();
  });

  it('refuses keys that could escape their place', async () => {
    const storage = await make();
    for (const key of ['../etc/passwd', 'images/../../x', '/abs', 'images//x', 'a b']) {
      await expect(storage.put(key, Buffer.from('x'), 'text/plain'), key).rejects.toThrow(/invalid storage key/);
    }
  });
}

describe('memory storage', () => behavesLikeStorage(async () => memoryStorage()));

describe('disk storage', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'flint-storage-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  behavesLikeStorage(async () => diskStorage(root));

  it('writes through a temporary file and leaves no folders behind once an image is deleted', async () => {
    const storage = diskStorage(root);
    await storage.put('images/one/full.jpg', Buffer.from('a'), 'image/jpeg');
    await storage.put('images/one/thumb.webp', Buffer.from('b'), 'image/webp');
    expect((await readdir(path.join(root, 'images', 'one'))).sort()).toEqual(['full.jpg', 'thumb.webp']);
    await storage.delete(['images/one/full.jpg', 'images/one/thumb.webp']);
    expect(await readdir(path.join(root, 'images'))).not.toContain('one');
  });
});

describe('S3 storage through the AWS SDK against a fake S3 server', () => {
  let s3: FakeS3;
  beforeAll(async () => {
    s3 = await startFakeS3();
  });
  afterAll(() => s3?.close());

  const make = () =>
    s3Storage({ S3_BUCKET: s3.bucket, S3_ENDPOINT: s3.url, S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: s3.env.S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: s3.env.S3_SECRET_ACCESS_KEY, S3_FORCE_PATH_STYLE: undefined, S3_PREFIX: 'flint/' });

  behavesLikeStorage(make);

  it('sends signed, path-style requests with the content type, under the prefix', async () => {
    const storage = await make();
    s3.requests.length = 0;
    await storage.put('images/xyz/full.jpg', Buffer.from('jpeg bytes'), 'image/jpeg');
    expect(s3.objects.get('flint/images/xyz/full.jpg')).toEqual({ body: Buffer.from('jpeg bytes'), contentType: 'image/jpeg' });
    const put = s3.requests.find((r) => r.method === 'PUT')!;
    expect(put.key).toBe('flint/images/xyz/full.jpg');
    expect(put.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=FAKEACCESSKEY\/\d{8}\/us-east-1\/s3\/aws4_request/);
    expect(put.headers.host).toBe(new URL(s3.url).host);
  });

  it('surfaces a failing upload as an error', async () => {
    const storage = await make();
    s3.failPuts(5);
    await expect(storage.put('images/fail/full.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toThrow();
    s3.failPuts(0);
    expect(s3.objects.has('flint/images/fail/full.jpg')).toBe(false);
  });
});
