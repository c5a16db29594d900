import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { animatedGif, badCorpus, photo, undecodableHeic } from '@/e2e/support/image-corpus';
import { sniffImage } from './sniff';

describe('sniffImage decides by bytes, not by name', () => {
  it.each([
    ['jpeg', false],
    ['png', true],
    ['webp', false],
    ['avif', false],
  ] as const)('recognises %s (lossless: %s)', async (format, lossless) => {
    expect(sniffImage(await photo(format, 64, 48))).toEqual({ kind: 'image', format, lossless });
  });

  it('recognises GIF, HEIC and lossless WebP', async () => {
    expect(sniffImage(await animatedGif())).toEqual({ kind: 'image', format: 'gif', lossless: true });
    expect(sniffImage(undecodableHeic())).toEqual({ kind: 'image', format: 'heic', lossless: false });
    const losslessWebp = await sharp(await photo('png', 64, 48)).webp({ lossless: true }).toBuffer();
    expect(sniffImage(losslessWebp)).toEqual({ kind: 'image', format: 'webp', lossless: true });
    const withAlpha = await sharp({ create: { width: 8, height: 8, channels: 4, background: '#ff000080' } }).webp({ quality: 80 }).toBuffer();
    expect(sniffImage(withAlpha)).toMatchObject({ format: 'webp', lossless: false });
  });

  it('sees through a text file named .png, and names SVG, PDF and TIFF for what they are', async () => {
    const corpus = await badCorpus();
    expect(sniffImage(corpus.find((f) => f.name === 'notes.png')!.buffer)).toEqual({ kind: 'unknown' });
    expect(sniffImage(corpus.find((f) => f.name === 'drawing.svg')!.buffer)).toEqual({ kind: 'svg' });
    expect(sniffImage(Buffer.from('\uFEFF  <!-- made by hand -->\n<!DOCTYPE svg>\n<svg viewBox="0 0 1 1"/>'))).toEqual({ kind: 'svg' });
    expect(sniffImage(Buffer.from('%PDF-1.7\n'))).toMatchObject({ kind: 'unsupported', label: 'a PDF document' });
    expect(sniffImage(Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]))).toMatchObject({ kind: 'unsupported', label: 'a TIFF image' });
    expect(sniffImage(Buffer.from('BMW is a car maker, and this text is not a bitmap at all'))).toEqual({ kind: 'unknown' });
    expect(sniffImage(Buffer.alloc(0))).toEqual({ kind: 'unknown' });
  });
});
