// Images as the rest of Flint sees them: upload (validate, re-encode, store, record), read back
// for their owner or a share link, model-sized copies for a model request, and the periodic purge.
// Storage and database are written so that a failure leaves neither half-written.
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { CurrentUser } from '@/lib/auth/session';
import {
  countUnsentImages,
  createImage,
  deleteImageRows,
  findPurgeableImages,
  getOwnedImage,
  getImages,
  getSharedImage,
  saveVariants,
  type ImageRecord,
  type ModelVariant,
} from '@/lib/db/images';
import { FlintError } from '@/lib/errors';
import type { ImageInfo } from './image-parts';
import { MAX_UNSENT_IMAGES, UNSENT_IMAGE_TTL_MS } from './limits';
import { planModelImage, renderModelImage, type ModelImage } from './model-size';
import type { ImageKind } from './pixels';
import { displayName, processImage } from './process';
import { getImageStorage } from './storage';

/** At most this many images are decoded at once (each can take ~200 MB while decoding). */
const PARALLEL_DECODES = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL_DECODES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const extension: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export interface UploadedImage extends ImageInfo {
  thumbWidth: number;
  thumbHeight: number;
}

/** Writes the objects; if any write fails, removes the ones that were written and rethrows. */
async function putAll(objects: Array<{ key: string; bytes: Uint8Array; mediaType: string }>) {
  const storage = await getImageStorage();
  const results = await Promise.allSettled(objects.map((o) => storage.put(o.key, o.bytes, o.mediaType)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await storage.delete(objects.map((o) => o.key)).catch(() => {});
    throw failed.reason;
  }
}

export async function uploadImage(user: CurrentUser, bytes: Uint8Array, rawName: string): Promise<UploadedImage> {
  if ((await countUnsentImages(user.id)) >= MAX_UNSENT_IMAGES) {
    throw new FlintError('too_many', `You have ${MAX_UNSENT_IMAGES} images waiting to be sent. Send or remove some before adding more.`);
  }
  const filename = displayName(rawName);
  const processed = await limited(() => processImage(bytes, filename));
  const id = randomUUID();
  const fullKey = `images/${id}/full.${extension[processed.full.mediaType]}`;
  const thumbKey = `images/${id}/thumb.webp`;
  await putAll([
    { key: fullKey, bytes: processed.full.bytes, mediaType: processed.full.mediaType },
    { key: thumbKey, bytes: processed.thumb.bytes, mediaType: processed.thumb.mediaType },
  ]);
  try {
    await createImage({
      id,
      userId: user.id,
      filename,
      format: processed.format,
      kind: processed.kind,
      fullKey,
      mediaType: processed.full.mediaType,
      width: processed.full.width,
      height: processed.full.height,
      byteSize: processed.full.bytes.length,
      thumbKey,
      thumbWidth: processed.thumb.width,
      thumbHeight: processed.thumb.height,
    });
  } catch (error) {
    await (await getImageStorage()).delete([fullKey, thumbKey]).catch(() => {});
    throw error;
  }
  return {
    id,
    filename,
    mediaType: processed.full.mediaType,
    width: processed.full.width,
    height: processed.full.height,
    thumbWidth: processed.thumb.width,
    thumbHeight: processed.thumb.height,
  };
}

export type ImageVariant = 'full' | 'thumb';

export interface ReadableImage {
  mediaType: string;
  /** Strong validator: an image id and variant never change their bytes. */
  etag: string;
  filename: string;
  /** The bytes; null if storage lost them. */
  load(): Promise<Buffer | null>;
}

/**
 * An image for its owner, or for anyone holding a live share link whose snapshot shows it. Null
 * otherwise: someone else's image and a missing one look the same.
 */
export async function readImage(access: { userId?: string; share?: string }, id: string, variant: ImageVariant): Promise<ReadableImage | null> {
  let record: ImageRecord | null = access.userId ? await getOwnedImage(access.userId, id) : null;
  if (!record && access.share) record = await getSharedImage(access.share, id);
  if (!record) return null;
  const key = variant === 'thumb' ? record.thumbKey : record.fullKey;
  return {
    mediaType: variant === 'thumb' ? 'image/webp' : record.mediaType,
    etag: `"${id}-${variant}"`,
    filename: record.filename,
    load: async () => (await getImageStorage()).get(key),
  };
}

export interface ModelImageSet {
  id: string;
  filename: string;
  width: number;
  height: number;
  /** One image, or tiles in reading order. */
  parts: Array<ModelImage>;
}

function variantsOf(record: ImageRecord): Record<string, ModelVariant[]> {
  return (record.variants && typeof record.variants === 'object' ? record.variants : {}) as Record<string, ModelVariant[]>;
}

/** The image sized for a model whose long-edge limit is `edge`, made on first use and kept. */
async function modelImage(record: ImageRecord, edge: number): Promise<ModelImage[] | null> {
  const storage = await getImageStorage();
  const known = variantsOf(record)[String(edge)];
  if (known) {
    const stored = await Promise.all(known.map((v) => storage.get(v.key)));
    if (stored.every((bytes): bytes is Buffer => bytes !== null)) {
      return known.map((v, i) => ({ bytes: stored[i]!, mediaType: v.mediaType, width: v.width, height: v.height }));
    }
  }
  const full = await storage.get(record.fullKey);
  if (!full) return null;
  const kind = record.kind as ImageKind;
  const plan = planModelImage({ width: record.width, height: record.height, kind }, edge);
  // Already the right size and format: the full image itself.
  if (plan.scale === 1 && plan.tiles.length === 1 && (kind === 'graphic' || record.mediaType === 'image/jpeg')) {
    return [{ bytes: full, mediaType: record.mediaType, width: record.width, height: record.height }];
  }
  const images = await limited(() => renderModelImage(full, kind, plan));
  const variants = images.map((image, i) => ({
    key: `images/${record.id}/model-${edge}-${i}.${extension[image.mediaType]}`,
    mediaType: image.mediaType,
    width: image.width,
    height: image.height,
  }));
  try {
    await putAll(images.map((image, i) => ({ key: variants[i]!.key, bytes: image.bytes, mediaType: image.mediaType })));
    await saveVariants(record.id, { ...variantsOf(record), [String(edge)]: variants });
  } catch (error) {
    // Not fatal: the copy is made again next time.
    console.warn(`[flint] could not keep the model-sized copy of image ${record.id}: ${(error as Error).message}`);
  }
  return images;
}

/** Images sized for a model (only `userId`'s, when given); images that no longer exist are left out. */
export async function modelImages(ids: string[], edge: number, userId?: string): Promise<Map<string, ModelImageSet>> {
  const records = await getImages([...new Set(ids)], userId);
  const sets = await Promise.all(
    records.map(async (record) => {
      const parts = await modelImage(record, edge);
      return parts ? { id: record.id, filename: record.filename, width: record.width, height: record.height, parts } : null;
    }),
  );
  return new Map(sets.flatMap((set) => (set ? [[set.id, set] as const] : [])));
}

/** Removes images nobody can see any more (see findPurgeableImages), bytes first, then rows. */
export async function purgeImages({ deletedChatMs }: { deletedChatMs: number }): Promise<number> {
  const storage = await getImageStorage();
  let removed = 0;
  for (;;) {
    const batch = await findPurgeableImages({ unsentTtlMs: UNSENT_IMAGE_TTL_MS, deletedChatMs });
    if (batch.length === 0) return removed;
    const keys = batch.flatMap((image) => [
      image.fullKey,
      image.thumbKey,
      ...Object.values((image.variants ?? {}) as unknown as Record<string, ModelVariant[]>).flatMap((list) => list.map((v) => v.key)),
    ]);
    await storage.delete(keys);
    await deleteImageRows(batch.map((image) => image.id));
    removed += batch.length;
  }
}
