import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { animatedGif, badCorpus, cameraJpeg, chart, GPS_MARKER, oversized, photo, pngBomb, undecodableHeic } from '@/e2e/support/image-corpus';
import { FlintError } from '@/lib/errors';
import { MAX_IMAGE_BYTES } from './limits';
import { displayName, processImage, THUMB_EDGE } from './process';

async function refusal(bytes: Uint8Array, name: string) {
  const error = await processImage(bytes, name).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, `${name} must be refused`).toBeInstanceOf(FlintError);
  return error as FlintError;
}

describe('processImage: accepted images', () => {
  it.each([
    ['jpeg', 'jpeg'],
    ['webp', 'jpeg'],
    ['avif', 'jpeg'],
    ['png', 'png'],
  ] as const)('decodes %s and re-encodes it as %s, with a thumbnail', async (format, stored) => {
    const result = await processImage(await photo(format, 800, 600), `holiday.${format}`);
    expect(result.format).toBe(format);
    expect(result.kind).toBe('photo');
    expect(result.full).toMatchObject({ mediaType: `image/${stored}`, width: 800, height: 600 });
    expect(result.thumb).toMatchObject({ mediaType: 'image/webp', width: THUMB_EDGE, height: 576 });
    expect((await sharp(result.full.bytes).metadata()).format).toBe(stored);
    expect((await sharp(result.thumb.bytes).metadata()).format).toBe('webp');
  });

  it('keeps lossless and transparent images lossless (PNG), so screenshots keep crisp text', async () => {
    const result = await processImage(await chart(), 'chart.png');
    expect(result.kind).toBe('graphic');
    expect(result.full.mediaType).toBe('image/png');
    const losslessWebp = await sharp(await chart()).webp({ lossless: true }).toBuffer();
    expect((await processImage(losslessWebp, 'chart.webp')).full.mediaType).toBe('image/png');
    const transparent = await sharp({ create: { width: 40, height: 40, channels: 4, background: '#2563eb80' } }).webp({ quality: 80 }).toBuffer();
    const kept = await processImage(transparent, 'glass.webp');
    expect(kept.full.mediaType).toBe('image/png');
    expect((await sharp(kept.full.bytes).metadata()).hasAlpha).toBe(true);
  });

  it('takes the first frame of an animated GIF', async () => {
    const result = await processImage(await animatedGif(120, 80), 'blink.gif');
    expect(result.format).toBe('gif');
    expect(result.full).toMatchObject({ width: 120, height: 80 });
    const { data } = await sharp(result.full.bytes).raw().toBuffer({ resolveWithObject: true });
    // The first frame is red (#e11d48), the second blue.
    expect([data[0], data[1], data[2]]).toEqual([0xe1, 0x1d, 0x48]);
    expect((await sharp(result.full.bytes).metadata()).pages ?? 1).toBe(1);
  });

  it('turns a sideways camera photo upright and strips EXIF, XMP and the GPS position', async () => {
    const input = await cameraJpeg(1600, 1200);
    const before = await sharp(input).metadata();
    expect(before).toMatchObject({ width: 1600, height: 1200, orientation: 6 });
    expect(before.exif && before.xmp).toBeTruthy();
    expect(input.includes(GPS_MARKER)).toBe(true);

    const result = await processImage(input, 'IMG_0001.JPG');
    expect(result.full).toMatchObject({ width: 1200, height: 1600 });
    const after = await sharp(result.full.bytes).metadata();
    expect(after.orientation).toBeUndefined();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    for (const output of [result.full.bytes, result.thumb.bytes]) {
      expect(output.includes(GPS_MARKER)).toBe(false);
      expect(output.includes('FlintCam')).toBe(false);
      expect(output.includes('GPSLatitude')).toBe(false);
    }
  });
});

describe('processImage: bad input gets a specific message', () => {
  it('refuses each file of the corpus with its own sentence', async () => {
    for (const file of await badCorpus()) {
      const error = await refusal(file.buffer, file.name);
      expect(error.userMessage, file.name).toMatch(file.expect);
      expect(error.userMessage, file.name).toContain(`“${file.name}”`);
    }
  });

  it('refuses a decompression bomb from its header, before decoding a pixel', async () => {
    const error = await refusal(pngBomb(30_000), 'bomb.png');
    expect(error.code).toBe('too_large');
    expect(error.userMessage).toBe('“bomb.png” is 30,000 × 30,000 pixels (900 megapixels); images can have at most 50 megapixels.');
  });

  it('refuses more than 20 MB before looking at the content', async () => {
    const error = await refusal(oversized(MAX_IMAGE_BYTES + 1), 'big.jpg');
    expect(error.code).toBe('too_large');
    expect(error.userMessage).toMatch(/“big.jpg” is 20 MB; images can be up to 20 MB/);
  });

  it('says plainly when a HEIC photo cannot be decoded by this server', async () => {
    const error = await refusal(undecodableHeic(), 'IMG_4242.HEIC');
    expect(error.userMessage).toMatch(/“IMG_4242.HEIC” is a HEIC photo, which this server cannot decode\. Export it as JPEG/);
  });

  it('keeps names safe to show', () => {
    expect(displayName('C:\\Users\\ada\\Desktop\\plan.png')).toBe('plan.png');
    expect(displayName('../../etc/<script>.png')).toBe('script.png');
    expect(displayName('')).toBe('image');
    expect(displayName(`${'x'.repeat(200)}.png`).length).toBeLessThanOrEqual(80);
  });
});
