// Validating and re-encoding an uploaded image. The bytes decide what the file is; the header's
// pixel count is checked before anything is decoded (decompression bombs); the image is decoded,
// turned upright by its orientation tag and encoded again, which leaves every piece of metadata
// (EXIF, GPS position, camera serial numbers, XMP) behind. Produces the full image people see in
// the lightbox and a small thumbnail; model-sized copies are made on demand (model-size.ts).
import 'server-only';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { FlintError } from '@/lib/errors';
import { imageFormats, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, tooLargeMessage, type ImageFormat } from './limits';
import { classifyKind, type ImageKind } from './pixels';
import { sniffImage } from './sniff';

export const THUMB_EDGE = 768;

export interface EncodedImage {
  bytes: Buffer;
  mediaType: string;
  width: number;
  height: number;
}

export interface ProcessedImage {
  /** What the upload was, by its bytes. */
  format: ImageFormat;
  kind: ImageKind;
  /** Upright, at the original resolution, without metadata. */
  full: EncodedImage;
  thumb: EncodedImage;
}

const invalid = (message: string) => new FlintError('invalid_image', message);

/** A name safe to show in messages: no paths or control characters, at most 80 characters. */
export function displayName(name: string | null | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f<>"]/g, '').trim();
  if (!clean) return 'image';
  return clean.length > 80 ? `${clean.slice(0, 60)}…${clean.slice(-15)}` : clean;
}

function megapixels(pixels: number) {
  return `${(pixels / 1_000_000).toLocaleString('en', { maximumFractionDigits: 1 })} megapixels`;
}

function undecodable(format: ImageFormat, name: string) {
  if (format === 'heic') {
    return invalid(
      `“${name}” is a HEIC photo, which this server cannot decode. Export it as JPEG (on iPhone: Settings › Camera › Formats › Most Compatible) and attach it again.`,
    );
  }
  return invalid(`“${name}” is damaged or incomplete, so it could not be read as a ${imageFormats[format]} image. Export or save it again and retry.`);
}

/** Checks size and type before any decoding; throws a FlintError with a sentence for the user. */
export function checkUpload(bytes: Uint8Array, name: string): { format: ImageFormat; lossless: boolean } {
  if (bytes.length === 0) throw invalid(`“${name}” is empty (0 bytes). Choose the image again.`);
  if (bytes.length > MAX_IMAGE_BYTES) throw new FlintError('too_large', tooLargeMessage(name, bytes.length));
  const sniffed = sniffImage(bytes);
  if (sniffed.kind === 'svg') {
    throw invalid(`“${name}” is an SVG drawing. SVG files can contain scripts, so Flint does not accept them: export it as PNG and attach that.`);
  }
  if (sniffed.kind === 'unsupported') throw invalid(`“${name}” is ${sniffed.label}, not a supported image. Flint accepts JPEG, PNG, WebP, GIF, HEIC and AVIF.`);
  if (sniffed.kind === 'unknown') throw invalid(`“${name}” is not an image Flint can read, whatever its name says. Flint accepts JPEG, PNG, WebP, GIF, HEIC and AVIF.`);
  return { format: sniffed.format, lossless: sniffed.lossless };
}

/** Decoding input: pixel limit enforced by libvips, first frame only, fail on truncated or corrupt data. */
function input(bytes: Uint8Array): Sharp {
  return sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', animated: false, autoOrient: true });
}

export async function processImage(bytes: Uint8Array, rawName: string): Promise<ProcessedImage> {
  const name = displayName(rawName);
  const { format, lossless: losslessSource } = checkUpload(bytes, name);

  // The header alone: dimensions, frames, alpha. Nothing is decoded yet.
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, animated: false }).metadata();
  } catch {
    throw undecodable(format, name);
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (!width || !height) throw undecodable(format, name);
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new FlintError(
      'too_large',
      `“${name}” is ${width.toLocaleString('en')} × ${height.toLocaleString('en')} pixels (${megapixels(width * height)}); images can have at most ${megapixels(MAX_IMAGE_PIXELS)}.`,
    );
  }

  try {
    // Lossless sources (and anything transparent) stay lossless as PNG, so screenshots keep crisp
    // text; photos become JPEG. Decided from the header, so the three outputs are made in parallel.
    const lossless = losslessSource || Boolean(meta.hasAlpha);
    const full = lossless
      ? input(bytes).png({ compressionLevel: 6, adaptiveFiltering: false })
      : input(bytes).jpeg({ quality: 88, optimiseCoding: false });
    const [sample, fullOut, thumbOut] = await Promise.all([
      // A small unsmoothed sample tells photos from graphics (for sizing them for models).
      input(bytes).resize(96, 96, { fit: 'fill', kernel: 'nearest' }).ensureAlpha().raw().toBuffer(),
      full.toBuffer({ resolveWithObject: true }),
      input(bytes).resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80, alphaQuality: 90 }).toBuffer({ resolveWithObject: true }),
    ]);
    return {
      format,
      kind: classifyKind({ data: sample, channels: 4 }),
      full: { bytes: fullOut.data, mediaType: lossless ? 'image/png' : 'image/jpeg', width: fullOut.info.width, height: fullOut.info.height },
      thumb: { bytes: thumbOut.data, mediaType: 'image/webp', width: thumbOut.info.width, height: thumbOut.info.height },
    };
  } catch (error) {
    if (error instanceof FlintError) throw error;
    if (/pixel limit/i.test((error as Error).message ?? '')) {
      throw new FlintError('too_large', `“${name}” has more than ${megapixels(MAX_IMAGE_PIXELS)}; that is the limit for images.`);
    }
    throw undecodable(format, name);
  }
}

/** Format, size and a pixel sample of an encoded image (what a model receives). */
export async function inspectImage(bytes: Uint8Array): Promise<{ format: string; width: number; height: number; sample: Buffer }> {
  const image = input(bytes);
  const meta = await image.metadata();
  const sample = await input(bytes).resize(64, 64, { fit: 'fill', kernel: 'nearest' }).ensureAlpha().raw().toBuffer();
  return { format: meta.format ?? 'unknown', width: meta.autoOrient?.width ?? meta.width ?? 0, height: meta.autoOrient?.height ?? meta.height ?? 0, sample };
}
