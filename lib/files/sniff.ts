// Decides what a file is from its first bytes (its "magic number"), never from its name or the
// type the browser claims: a text file renamed .png is still text.
import type { ImageFormat } from './limits';

export type Sniffed =
  | { kind: 'image'; format: ImageFormat; /** Stored without loss (PNG, GIF, lossless WebP). */ lossless: boolean }
  /** SVG is refused on purpose: it is a document that can carry script. */
  | { kind: 'svg' }
  /** Something recognisable that is not an accepted image (a PDF, a TIFF…). */
  | { kind: 'unsupported'; label: string }
  | { kind: 'unknown' };

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

function startsWith(bytes: Uint8Array, signature: number[], offset = 0) {
  return bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
}

/** ISO base media files (HEIF, AVIF, MP4…) start with an `ftyp` box listing brands. */
function isoBrands(bytes: Uint8Array): string[] | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const size = (bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!;
  const end = Math.min(bytes.length, size > 0 ? size : 64);
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  return brands;
}

function looksLikeSvg(bytes: Uint8Array) {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
  text = text.replace(/^\uFEFF/, '').trimStart();
  if (!text.startsWith('<')) return false;
  // An XML prolog, comments or a doctype may come before the root element.
  const withoutPreamble = text.replace(/^(<\?xml[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[\s\S]*?>\s*)*/i, '');
  return /^<svg[\s>:]/i.test(withoutPreamble) || /^<[a-z]+:svg[\s>]/i.test(withoutPreamble);
}

/** A WebP file is lossless when its image data is a VP8L chunk (simple or extended format). */
function webpIsLossless(bytes: Uint8Array) {
  for (let offset = 12; offset + 8 <= bytes.length && offset < 4096; ) {
    const chunk = ascii(bytes, offset, offset + 4);
    if (chunk === 'VP8L') return true;
    if (chunk === 'VP8 ') return false;
    const size = bytes[offset + 4]! | (bytes[offset + 5]! << 8) | (bytes[offset + 6]! << 16) | (bytes[offset + 7]! << 24);
    offset += 8 + size + (size % 2);
  }
  return false;
}

export function sniffImage(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg', lossless: false };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', format: 'png', lossless: true };
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return { kind: 'image', format: 'gif', lossless: true };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { kind: 'image', format: 'webp', lossless: webpIsLossless(bytes) };
  const brands = isoBrands(bytes);
  if (brands) {
    if (brands.some((b) => b === 'avif' || b === 'avis')) return { kind: 'image', format: 'avif', lossless: false };
    if (brands.some((b) => ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(b))) return { kind: 'image', format: 'heic', lossless: false };
    return { kind: 'unsupported', label: 'a video or other media file' };
  }
  if (looksLikeSvg(bytes)) return { kind: 'svg' };
  if (bytes.length >= 4 && ascii(bytes, 0, 4) === '%PDF') return { kind: 'unsupported', label: 'a PDF document' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: 'unsupported', label: 'a TIFF image' };
  if (bytes.length >= 26 && ascii(bytes, 0, 2) === 'BM' && bytes.subarray(6, 10).every((b) => b === 0)) return { kind: 'unsupported', label: 'a BMP image' };
  return { kind: 'unknown' };
}
