import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { chart, photo, textScreenshot } from '@/e2e/support/image-corpus';
import { classifyKind, colourName, dominantColours } from './pixels';

async function sample(buffer: Buffer) {
  return { data: await sharp(buffer).resize(96, 96, { fit: 'fill', kernel: 'nearest' }).ensureAlpha().raw().toBuffer(), channels: 4 };
}

describe('colours', () => {
  it.each([
    [255, 255, 255, 'white'],
    [0, 0, 0, 'black'],
    [128, 128, 128, 'grey'],
    [220, 38, 38, 'red'],
    [249, 115, 22, 'orange'],
    [29, 78, 216, 'blue'],
    [22, 163, 74, 'green'],
    [30, 58, 138, 'dark blue'],
    [147, 197, 253, 'light blue'],
    [120, 72, 30, 'brown'],
    [147, 51, 234, 'purple'],
  ])('names rgb(%i, %i, %i) %s', (r, g, b, name) => {
    expect(colourName(r, g, b)).toBe(name);
  });

  it('finds the dominant colours of a chart with their shares, largest first', async () => {
    const colours = dominantColours(await sample(await chart()));
    expect(colours.map((c) => c.name)).toEqual(['white', 'blue', 'orange']);
    expect(colours[0]!.hex).toBe('#FFFFFF');
    expect(colours[0]!.share).toBeGreaterThan(0.6);
    expect(colours[1]!.share).toBeCloseTo(0.35 * 0.6, 1);
  });

  it('ignores transparent pixels', () => {
    const data = new Uint8Array([255, 0, 0, 255, 0, 0, 255, 0, 0, 0, 255, 0]);
    expect(dominantColours({ data, channels: 4 }).map((c) => c.name)).toEqual(['red']);
  });
});

describe('classifyKind tells graphics from photos', () => {
  it('calls charts and text screenshots graphics, and photos photos (also after JPEG compression)', async () => {
    expect(classifyKind(await sample(await chart()))).toBe('graphic');
    expect(classifyKind(await sample((await textScreenshot(800, 600)).buffer))).toBe('graphic');
    const screenshotAsJpeg = await sharp((await textScreenshot(800, 600)).buffer).jpeg({ quality: 80 }).toBuffer();
    expect(classifyKind(await sample(screenshotAsJpeg))).toBe('graphic');
    expect(classifyKind(await sample(await photo('jpeg')))).toBe('photo');
    expect(classifyKind(await sample(await photo('webp')))).toBe('photo');
  });
});
