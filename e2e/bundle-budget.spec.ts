// Guards the first-load JavaScript budget of the chat routes (issue #9), so a heavy import cannot
// slip back into them unnoticed: from the production build's manifests (bench/lib/first-load.ts),
// checked against what a browser really fetches when it opens the chat. What is not first-load (the
// chat engine, chat-engine.tsx) must be requested only after every first-load script has arrived,
// and the heavy renderers only when there is something to render.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { budgets } from '../bench/lib/budgets';
import { firstLoadJs, kib, scriptSize } from '../bench/lib/first-load';
import { expect, test } from './fixtures';

const nextDir = path.join(fileURLToPath(new URL('..', import.meta.url)), '.next');
const budget = budgets.firstLoadKiB * 1024;

/** Static scripts the page fetched, as build-relative paths (static/chunks/…). */
function recordScripts(page: Page) {
  const files = new Set<string>();
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (request.resourceType() === 'script' && pathname.startsWith('/_next/static/')) files.add(pathname.slice('/_next/'.length));
  });
  return files;
}

const gzipOf = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + scriptSize(nextDir, file).gzipBytes, 0);

for (const route of ['/(chat)/page', '/(chat)/c/[id]/page']) {
  test(`first-load JavaScript of ${route} stays within ${budgets.firstLoadKiB} KiB gzipped`, () => {
    const load = firstLoadJs(nextDir, route);
    expect(load.files.length).toBeGreaterThan(3);
    expect(kib(load.gzipBytes), `${route}: ${load.files.map((f) => `${f.file} ${kib(f.gzipBytes)}`).join(', ')}`).toBeLessThanOrEqual(budgets.firstLoadKiB);
  });
}

test('the browser fetches the first-load scripts first and everything else after them; the renderers only on demand', async ({ chat, page }) => {
  const fetched = recordScripts(page);
  await chat.goto();
  await page.waitForLoadState('networkidle');
  const expected = firstLoadJs(nextDir, '/(chat)/page').files.map((f) => f.file);
  const timing = await page.evaluate(() =>
    Object.fromEntries(
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => [new URL(e.name).pathname.replace('/_next/', ''), { start: e.startTime, end: e.responseEnd }]),
    ),
  );
  // The manifests describe what the browser runs first: nothing first-load is missing…
  for (const file of expected) expect(fetched, file).toContain(file);
  // …and everything else (the chat engine: the AI SDK's useChat) is asked for only once all of them
  // have arrived, so it never competes with what the page needs to become interactive.
  const firstArrived = Math.max(...expected.map((file) => timing[file]!.end));
  const after = [...fetched].filter((file) => !expected.includes(file));
  for (const file of after) expect(timing[file]!.start, `${file} was requested with the first-load scripts`).toBeGreaterThanOrEqual(firstArrived);
  expect(gzipOf(expected)).toBeLessThanOrEqual(budget);

  // An answer brings the Markdown renderer (Streamdown, code highlighting, math) on demand.
  await chat.send('Show me a table, some code and a formula.');
  await chat.waitForAnswer();
  await expect(chat.lastAssistant.locator('.katex').first()).toBeVisible();
  const later = [...fetched].filter((file) => !expected.includes(file) && !after.includes(file));
  expect(later.length).toBeGreaterThan(0);
  expect(gzipOf(later)).toBeGreaterThan(100 * 1024);
});

test('a message sent before the chat engine has loaded waits for it and is answered', async ({ chat, page }) => {
  const expected = new Set(firstLoadJs(nextDir, '/(chat)/page').files.map((f) => `/_next/${f.file}`));
  // Everything but the first-load scripts arrives late, as on a slow connection.
  await page.route('**/_next/static/**/*.js', async (route) => {
    if (!expected.has(new URL(route.request().url()).pathname)) await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await chat.goto();
  await chat.input.fill('Sent at once');
  await chat.input.press('Enter');
  // The message is taken at once (the box empties), and answered once the engine runs.
  await expect(chat.input).toHaveValue('');
  await expect(chat.userMessages).toHaveCount(1);
  const answer = await chat.waitForAnswer();
  expect(answer).toContain('Sent at once');
});
