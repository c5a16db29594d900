// How a message refers to an image: a file part whose URL is /api/images/<id>, with the image's
// size for layout. The bytes never travel in chat history or action payloads; the server loads
// them by id when it builds a model request. Shared by server and browser.
import type { FileUIPart } from 'ai';

export const IMAGE_PATH = '/api/images/';

export interface ImageInfo {
  id: string;
  mediaType: string;
  width: number;
  height: number;
  filename: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isImageId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}

export function imagePart(image: ImageInfo): FileUIPart {
  return {
    type: 'file',
    mediaType: image.mediaType,
    filename: image.filename,
    url: `${IMAGE_PATH}${image.id}`,
    providerMetadata: { flint: { imageId: image.id, width: image.width, height: image.height } },
  };
}

/** The id of a Flint image part (from its URL), or undefined for any other file part. */
export function imageIdOf(part: { type: string; url?: string }): string | undefined {
  if (part.type !== 'file' || typeof part.url !== 'string' || !part.url.startsWith(IMAGE_PATH)) return undefined;
  const id = part.url.slice(IMAGE_PATH.length).split(/[?#]/)[0];
  return isImageId(id) ? id : undefined;
}

export function imageSizeOf(part: FileUIPart): { width: number; height: number } | undefined {
  const flint = part.providerMetadata?.flint as { width?: unknown; height?: unknown } | undefined;
  return typeof flint?.width === 'number' && typeof flint.height === 'number' ? { width: flint.width, height: flint.height } : undefined;
}

/** The address of an image variant, optionally through a share link. */
export function imageUrl(id: string, { variant = 'full', share }: { variant?: 'full' | 'thumb'; share?: string } = {}): string {
  const query = new URLSearchParams();
  if (variant !== 'full') query.set('variant', variant);
  if (share) query.set('share', share);
  const search = query.toString();
  return `${IMAGE_PATH}${id}${search ? `?${search}` : ''}`;
}

export function hasImages(messages: Array<{ parts: Array<{ type: string; url?: string }> }>): boolean {
  return messages.some((message) => message.parts.some((part) => imageIdOf(part) !== undefined));
}
