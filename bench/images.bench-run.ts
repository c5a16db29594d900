// `npm run bench:images`: server time to validate, re-encode and thumbnail a 12-megapixel camera
// JPEG (the upload path: processImage), and to size it for a model (model-size.ts), on this
// machine. Prints median, best and worst of several runs with the load average; asserts nothing
// about time (the goal, under 400 ms for the upload path on 2 cores, is read from the table). Writes
// bench/results-images.json.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { test } from 'vitest';
import { cameraJpeg, textScreenshot } from '@/e2e/support/image-corpus';
import { planModelImage, renderModelImage } from '@/lib/files/model-size';
import { processImage } from '@/lib/files/process';
import { runInfo } from './lib/run-info';

const RUNS = 7;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(label: string, work: () => Promise<unknown>) {
  await work(); // warm-up: libvips caches, JIT
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return [label, median(times), Math.min(...times), Math.max(...times)] as const;
}

test('image pipeline benchmark', async () => {
  const jpeg = await cameraJpeg(4000, 3000);
  // The same photo stored upright (orientation 1): no rotation needed.
  const upright = await sharp(jpeg).autoOrient().jpeg({ quality: 88 }).toBuffer();
  const screenshot = (await textScreenshot(2880, 1800)).buffer;
  const processed = await processImage(jpeg, 'IMG_1200.JPG');
  const rows = [
    await measure('12 MP JPEG, sideways (EXIF 6): validate + re-encode + thumbnail', () => processImage(jpeg, 'IMG_1200.JPG')),
    await measure('12 MP JPEG, upright: validate + re-encode + thumbnail', () => processImage(upright, 'IMG_1201.JPG')),
    await measure('12 MP photo: model copy, 2048 px', () => renderModelImage(processed.full.bytes, 'photo', planModelImage({ width: 3000, height: 4000, kind: 'photo' }, 2048))),
    await measure('5 MP Retina screenshot PNG: upload', () => processImage(screenshot, 'Screenshot.png')),
  ];
  const load = os.loadavg().map((n) => n.toFixed(2)).join(' ');
  const lines = [
    `Input: ${(jpeg.length / 1e6).toFixed(1)} MB JPEG, 4000 × 3000, EXIF orientation 6; ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, sharp concurrency ${sharp.concurrency()}; load average ${load}`,
    '',
    '| Step | median ms | best ms | worst ms |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(([label, med, best, worst]) => `| ${label} | ${med.toFixed(0)} | ${best.toFixed(0)} | ${worst.toFixed(0)} |`),
  ];
  console.log(`\n${lines.join('\n')}\n`);
  const result = {
    ...runInfo(),
    sharp: sharp.versions.sharp,
    vips: sharp.versions.vips,
    runs: RUNS,
    steps: rows.map(([step, medianMs, bestMs, worstMs]) => ({ step, medianMs: Math.round(medianMs), bestMs: Math.round(bestMs), worstMs: Math.round(worstMs) })),
  };
  await writeFile(path.join(process.cwd(), 'bench', 'results-images.json'), `${JSON.stringify(result, null, 2)}\n`);
});
