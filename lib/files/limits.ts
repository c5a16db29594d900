// What Flint accepts as an image attachment. Shared by the browser (checks before uploading) and the
// server (the authority: it decides by the file's bytes, never its name or claimed type).

export const MAX_IMAGES_PER_MESSAGE = 6;
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Decoded size limit: refuses decompression bombs before any pixel is decoded (a 48 MP phone photo fits). */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** Uploaded but never sent images are removed after this long. */
export const UNSENT_IMAGE_TTL_MS = 24 * 60 * 60 * 1000;
/** Images a person may have uploaded and not yet sent at one time (storage abuse guard). */
export const MAX_UNSENT_IMAGES = 40;

/** Formats Flint recognises by their bytes, with the names people know them by. */
export const imageFormats = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  gif: 'GIF',
  avif: 'AVIF',
  heic: 'HEIC',
} as const;
export type ImageFormat = keyof typeof imageFormats;

/** For the file picker: what the browser should offer (the server still checks the bytes). */
export const ACCEPT_ATTRIBUTE = 'image/jpeg,image/png,image/webp,image/gif,image/avif,image/heic,image/heif,.jpg,.jpeg,.png,.webp,.gif,.avif,.heic,.heif';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

export const tooManyImagesMessage = (skipped: number) =>
  `You can attach up to ${MAX_IMAGES_PER_MESSAGE} images per message. ${skipped === 1 ? '1 image was' : `${skipped} images were`} not added.`;

export const tooLargeMessage = (name: string, bytes?: number) =>
  `“${name}” is ${bytes ? formatBytes(bytes) : 'larger than 20 MB'}; images can be up to ${formatBytes(MAX_IMAGE_BYTES)}.`;
