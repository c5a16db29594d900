// Where image bytes live, behind one small interface: the local disk under FLINT_DATA_DIR by
// default, an S3-compatible bucket when S3_BUCKET is set (through the AWS SDK's S3 client), or
// memory for tests that run without a data folder. Keys look like `images/<id>/full`.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { env, type Env } from '@/lib/env';

export interface ImageStorage {
  readonly kind: 'local' | 's3' | 'memory';
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes, or null when there is no such key. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the keys; missing keys are not an error. */
  delete(keys: string[]): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9._/-]{0,200}$/i;

function checkKey(key: string) {
  if (!KEY.test(key) || key.includes('..') || key.includes('//')) throw new Error(`invalid storage key: ${key}`);
  return key;
}

/** Files under `root`; each write goes to a temporary file first, so a crash never leaves half a file. */
export function diskStorage(root: string): ImageStorage {
  const file = (key: string) => path.join(root, ...checkKey(key).split('/'));
  return {
    kind: 'local',
    async put(key, bytes) {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async get(key) {
      try {
        return await readFile(file(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(keys) {
      const folders = new Set<string>();
      for (const key of keys) {
        await rm(file(key), { force: true });
        folders.add(path.dirname(file(key)));
      }
      // Remove folders left empty (one per image); a folder still holding files stays.
      for (const folder of folders) await rmdir(folder).catch(() => {});
    },
  };
}

export function memoryStorage(): ImageStorage {
  const objects = new Map<string, Buffer>();
  return {
    kind: 'memory',
    async put(key, bytes) {
      objects.set(checkKey(key), Buffer.from(bytes));
    },
    async get(key) {
      return objects.get(checkKey(key)) ?? null;
    },
    async delete(keys) {
      for (const key of keys) objects.delete(key);
    },
  };
}

/** Any S3-compatible service, through the standard AWS SDK client. */
export async function s3Storage(e: Pick<Env, 'S3_BUCKET' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE' | 'S3_PREFIX'>): Promise<ImageStorage> {
  const { S3Client, PutObjectCommand, GetObjectCommand, DeleteObjectCommand, NoSuchKey } = await import('@aws-sdk/client-s3');
  const client = new S3Client({
    region: e.S3_REGION,
    ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
    forcePathStyle: e.S3_FORCE_PATH_STYLE ? e.S3_FORCE_PATH_STYLE === 'true' : Boolean(e.S3_ENDPOINT),
    ...(e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { credentials: { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } } : {}),
    // Many S3-compatible services do not accept the newer default integrity checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const bucket = e.S3_BUCKET!;
  const objectKey = (key: string) => `${e.S3_PREFIX}${checkKey(key)}`;
  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey(key), Body: bytes, ContentType: contentType, ContentLength: bytes.length }));
    },
    async get(key) {
      try {
        const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return result.Body ? Buffer.from(await result.Body.transformToByteArray()) : null;
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (error instanceof NoSuchKey || status === 404) return null;
        throw error;
      }
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }))));
    },
  };
}

const storageKey = Symbol.for('flint.image-storage');
type GlobalWithStorage = typeof globalThis & { [storageKey]?: Promise<ImageStorage> };

/** The configured storage, created once. */
export function getImageStorage(): Promise<ImageStorage> {
  const g = globalThis as GlobalWithStorage;
  if (!g[storageKey]) {
    const e = env();
    g[storageKey] = e.S3_BUCKET
      ? s3Storage(e)
      : Promise.resolve(e.FLINT_DATA_DIR === 'memory://' ? memoryStorage() : diskStorage(path.join(path.resolve(e.FLINT_DATA_DIR), 'images')));
  }
  return g[storageKey];
}

/** Tests pick the storage (a folder they can list, a failing one); undefined goes back to the configured one. */
export function setImageStorageForTests(storage?: ImageStorage) {
  (globalThis as GlobalWithStorage)[storageKey] = storage ? Promise.resolve(storage) : undefined;
}
