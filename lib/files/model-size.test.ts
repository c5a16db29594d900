// The sizing rule for model images, and proof that it keeps small text readable: a generated
// screenshot full of 13 px text is sized for Anthropic (1568 px) and OpenAI (2048 px); the text
// lines in what the model receives are measured (and, where Tesseract is installed, read back by
// OCR) and compared with a plain fit-into-the-limit downscale.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { LOREM, textScreenshot } from '@/e2e/support/image-corpus';
import { MAX_TILES, planModelImage, renderModelImage, TILE_OVERLAP, type ModelImagePlan } from './model-size';

describe('planModelImage', () => {
  it('fits photos inside the limit and never enlarges', () => {
    expect(planModelImage({ width: 4000, height: 3000, kind: 'photo' }, 2048)).toMatchObject({ width: 2048, height: 1536, tiles: [{ left: 0, top: 0, width: 2048, height: 1536 }] });
    expect(planModelImage({ width: 4000, height: 3000, kind: 'photo' }, 1568)).toMatchObject({ width: 1568, height: 1176 });
    expect(planModelImage({ width: 640, height: 480, kind: 'photo' }, 2048)).toMatchObject({ scale: 1, width: 640, height: 480 });
  });

  it('sends a graphic that fits as it is', () => {
    expect(planModelImage({ width: 1920, height: 1080, kind: 'graphic' }, 2048)).toMatchObject({ scale: 1, tiles: [{ width: 1920, height: 1080 }] });
  });

  it('brings a Retina (2×) desktop screenshot back to about its 1× size, in one piece', () => {
    const plan = planModelImage({ width: 2880, height: 1800, kind: 'graphic' }, 2048);
    expect(plan.height).toBe(1280);
    expect(plan.tiles).toHaveLength(1);
  });

  it('keeps the full width of a tall phone or web-page screenshot and cuts it into overlapping tiles in reading order', () => {
    const plan = planModelImage({ width: 1170, height: 5000, kind: 'graphic' }, 1568);
    expect(plan.scale).toBe(1);
    expect(plan.tiles.length).toBe(4);
    for (const [i, tile] of plan.tiles.entries()) {
      expect(tile.width).toBe(1170);
      expect(tile.height).toBeLessThanOrEqual(1568);
      if (i > 0) expect(plan.tiles[i - 1]!.top + plan.tiles[i - 1]!.height - tile.top).toBeGreaterThanOrEqual(TILE_OVERLAP - 1);
    }
    expect(plan.tiles.at(-1)!.top + plan.tiles.at(-1)!.height).toBe(5000);
  });

  it('tiles a very wide graphic left to right, row by row', () => {
    const plan = planModelImage({ width: 5000, height: 1000, kind: 'graphic' }, 2048);
    expect(plan.scale).toBe(1);
    expect(plan.tiles.map((t) => t.top)).toEqual([0, 0, 0]);
    expect(plan.tiles.map((t) => t.left)).toEqual([...plan.tiles.map((t) => t.left)].sort((a, b) => a - b));
  });

  it(`shrinks an endless screenshot only as much as needed to fit in ${MAX_TILES} tiles`, () => {
    const plan = planModelImage({ width: 1000, height: 40_000, kind: 'graphic' }, 2048);
    expect(plan.tiles.length).toBeLessThanOrEqual(MAX_TILES);
    expect(plan.scale).toBeGreaterThan(0.25);
    expect(plan.scale).toBeLessThan(0.35);
    for (const tile of plan.tiles) expect(Math.max(tile.width, tile.height)).toBeLessThanOrEqual(2048);
  });
});

/** Rows of the image that contain ink, grouped into text lines: their heights in pixels. */
async function textLineHeights(image: Buffer): Promise<number[]> {
  const { data, info } = await sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true });
  const heights: number[] = [];
  let run = 0;
  for (let y = 0; y < info.height; y++) {
    let ink = false;
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x]! < 140) {
        ink = true;
        break;
      }
    }
    if (ink) run++;
    else if (run) {
      heights.push(run);
      run = 0;
    }
  }
  if (run) heights.push(run);
  return heights;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const hasTesseract = spawnSync('tesseract', ['--version']).status === 0;

const normalise = (text: string) => ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;

/**
 * The share of the screenshot's lines that Tesseract reads back: a line counts when its number and
 * its first three words come out in order (line numbers are unique; the words repeat).
 */
function ocrRecall(images: Buffer[], expectedLines: string[]): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'flint-ocr-'));
  try {
    const read = normalise(
      images
        .map((image, i) => {
          const file = path.join(dir, `tile-${i}.png`);
          writeFileSync(file, image);
          return execFileSync('tesseract', [file, 'stdout', '--psm', '6'], { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } }).toString();
        })
        .join('\n'),
    );
    const found = expectedLines.filter((line) => read.includes(` ${normalise(line).trim().split(' ').slice(0, 4).join(' ')} `));
    return found.length / expectedLines.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('small text stays readable in what the model receives', () => {
  for (const limit of [1568, 2048]) {
    it(`a 1280 × 6000 screenshot of 13 px text, for a ${limit} px provider`, async () => {
      const { buffer, lines } = await textScreenshot(1280, 6000, { fontPx: 13, linePx: 22 });
      const source = { width: 1280, height: 6000, kind: 'graphic' as const };
      const plan = planModelImage(source, limit);
      const tiles = await renderModelImage(buffer, 'graphic', plan);

      // Within the provider's limit, and the whole page is there.
      for (const tile of tiles) expect(Math.max(tile.width, tile.height)).toBeLessThanOrEqual(limit);
      expect(tiles.length).toBeLessThanOrEqual(MAX_TILES);
      expect(plan.tiles.at(-1)!.top + plan.tiles.at(-1)!.height).toBe(plan.height);
      expect(plan.scale).toBeGreaterThanOrEqual(0.75);

      // A plain downscale into the limit, for comparison.
      const naivePlan: ModelImagePlan = { ...planModelImage({ ...source, kind: 'photo' }, limit) };
      const naive = await renderModelImage(buffer, 'graphic', naivePlan);

      const ours = (await Promise.all(tiles.map((t) => textLineHeights(t.bytes)))).flat();
      const theirs = await textLineHeights(naive[0]!.bytes);
      // Every line of text stays a separate line of glyphs at least 9 px tall…
      expect(median(ours)).toBeGreaterThanOrEqual(9);
      expect(ours.filter((h) => h > 3).length).toBeGreaterThanOrEqual(lines.length * 0.95);
      // …where the plain downscale leaves 3–4 px smudges, or lines run into each other.
      expect(median(theirs) <= 5 || theirs.length < lines.length / 2).toBe(true);

      if (hasTesseract) {
        // OCR reads the first 14 lines (the top 320 px of the page) from each version.
        const band = (image: Buffer, scale: number) => sharp(image).extract({ left: 0, top: 0, width: Math.round(1280 * scale), height: Math.round(320 * scale) }).png().toBuffer();
        const recall = ocrRecall([await band(tiles[0]!.bytes, plan.scale)], lines.slice(0, 14));
        const naiveRecall = ocrRecall([await band(naive[0]!.bytes, naivePlan.scale)], lines.slice(0, 14));
        expect(recall).toBeGreaterThan(0.9);
        expect(naiveRecall).toBeLessThan(0.3);
      }
    }, 120_000);
  }

  it('sends photos as JPEG and graphics as lossless PNG', async () => {
    const { buffer } = await textScreenshot(800, 400);
    const plan = planModelImage({ width: 800, height: 400, kind: 'graphic' }, 2048);
    expect((await renderModelImage(buffer, 'graphic', plan))[0]!.mediaType).toBe('image/png');
    expect((await renderModelImage(buffer, 'photo', plan))[0]!.mediaType).toBe('image/jpeg');
    expect(LOREM.length).toBeGreaterThan(5);
  });
});
