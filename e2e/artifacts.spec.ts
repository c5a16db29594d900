// Artifacts with the offline model, as a person uses them: ask for a game and watch it build live in
// the panel, change it into a new version, switch versions, reload, share, download and copy; a
// dashboard of pasted numbers; the full-screen sheet on a phone.
import { readFile } from 'node:fs/promises';
import type { Frame, Page } from '@playwright/test';
import { ChatPage, expect, test } from './fixtures';
import { startFlint, type FlintServer } from './support/flint-server';

// Slow enough to watch the artifact being written (a few seconds), fast enough for a test.
let server: FlintServer;
test.beforeAll(async () => {
  server = await startFlint({ env: { FLINT_OFFLINE_TOKENS_PER_SECOND: '50' } });
});
test.afterAll(async () => {
  await server?.stop();
});

const panel = (page: Page) => page.getByTestId('artifact-panel');
const preview = (page: Page) => page.getByTestId('artifact-preview');

/** The live sandbox page (the frame the panel posts a streaming artifact into). */
function liveSandbox(page: Page): Frame | undefined {
  return page.frames().find((frame) => frame.url().endsWith('/api/artifacts/sandbox'));
}

test('a game builds live in the panel, a change makes version 2, and both survive a reload and a share', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const chat = new ChatPage(page, server.url);
  await chat.goto();
  await page.locator('[data-testid=suggestion][data-title="Make a little game"]').click();

  // The card appears while the artifact is still being written, and the panel opens by itself.
  const card = page.getByTestId('artifact-card').first();
  await expect(card).toHaveAttribute('data-state', 'streaming');
  await expect(panel(page)).toBeVisible();
  await expect(preview(page)).toHaveAttribute('data-mode', 'live');

  // While it streams, the live preview shows the page as it is so far, redrawn a few times a second,
  // and never goes blank: from the first draw on there is always exactly one visible frame.
  await expect.poll(() => liveSandbox(page)?.locator('iframe:not(.next)').count() ?? 0).toBe(1);
  await liveSandbox(page)!.evaluate(() => {
    const w = window as unknown as { draws: number; blank: number };
    w.draws = 0;
    w.blank = 0;
    new MutationObserver((records) => {
      for (const record of records) w.draws += [...record.addedNodes].filter((n) => n.nodeName === 'IFRAME').length;
      if (!document.querySelector('iframe:not(.next)')) w.blank++;
    }).observe(document.body, { childList: true });
  });
  const startedAt = Date.now();
  await expect(card).toHaveAttribute('data-state', 'streaming');
  const streamingFrame = page.frameLocator('[data-testid=artifact-preview]').frameLocator('iframe:not(.next)');
  await expect(streamingFrame.locator('#message')).toContainText('Press Space');
  await expect(card).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
  const { draws, blank } = await liveSandbox(page)!.evaluate(() => {
    const w = window as unknown as { draws: number; blank: number };
    return { draws: w.draws, blank: w.blank };
  });
  const seconds = (Date.now() - startedAt) / 1000;
  expect(blank).toBe(0);
  expect(draws).toBeGreaterThanOrEqual(2);
  expect(draws).toBeLessThanOrEqual(Math.ceil(seconds / 0.4) + 3);
  // Finishing does not reload what the user is watching.
  await expect(preview(page)).toHaveAttribute('data-mode', 'live');
  await expect(card).toHaveAttribute('data-version', '1');
  await chat.waitForAnswer();
  await expect(chat.lastAssistant).toContainText('paddle game');

  // The game runs: Space starts it and the score line changes.
  const game = page.frameLocator('[data-testid=artifact-preview]').frameLocator('iframe:not(.next)');
  await game.locator('body').click();
  await expect(game.locator('#message')).toContainText('Best: 0');

  // Code tab, highlighted.
  await page.getByTestId('artifact-tab-code').click();
  const code = page.getByTestId('artifact-code');
  await expect(code).toContainText('paddleSpeed: 520');
  await expect(code).toHaveAttribute('data-highlighted', '');
  await page.getByTestId('artifact-tab-preview').click();

  // A change is version 2 of the same artifact, made by the second message.
  await chat.send('make the paddle faster');
  await chat.waitForAnswer();
  const second = page.getByTestId('artifact-card').nth(1);
  await expect(second).toHaveAttribute('data-version', '2');
  await expect(second).toHaveAttribute('data-artifact-id', (await card.getAttribute('data-artifact-id'))!);
  await expect(chat.lastAssistant).toContainText('paddle speed 520 px/s → 780 px/s');
  await expect(page.getByTestId('artifact-version')).toHaveAttribute('data-version', '2');
  await page.getByTestId('artifact-tab-code').click();
  await expect(code).toContainText('paddleSpeed: 780');

  // The version menu says which message made each version; version 1 comes back as it was.
  await page.getByTestId('artifact-version').click();
  const options = page.getByTestId('artifact-version-option');
  await expect(options).toHaveCount(2);
  await expect(options.nth(0)).toContainText('From “make the paddle faster”');
  await expect(options.nth(1)).toContainText('From “Make a little paddle game');
  await options.nth(1).click();
  await expect(page.getByTestId('artifact-version')).toHaveAttribute('data-version', '1');
  await expect(code).toContainText('paddleSpeed: 520');
  await page.getByTestId('artifact-tab-preview').click();
  await expect(preview(page)).toHaveAttribute('data-mode', 'saved');
  await expect(page.frameLocator('[data-testid=artifact-preview]').locator('#score')).toHaveText('0');

  // Copy and download.
  await page.getByTestId('artifact-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('paddleSpeed: 520');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('artifact-download').click()]);
  expect(download.suggestedFilename()).toBe('paddle-game.html');
  const file = await readFile((await download.path())!, 'utf8');
  expect(file).toContain('window.FlintGame');
  expect(file).not.toContain('src="/api/artifacts/vendor/');

  // After a reload: the same cards, the panel closed until asked, saved versions served by Flint.
  await page.reload();
  await chat.ready();
  await expect(page.getByTestId('artifact-card')).toHaveCount(2);
  await expect(panel(page)).toHaveCount(0);
  await page.getByTestId('artifact-card').nth(1).click();
  await expect(preview(page)).toHaveAttribute('data-mode', 'saved');
  await expect(preview(page)).toHaveAttribute('src', /\/versions\/2\/preview/);
  await expect(page.frameLocator('[data-testid=artifact-preview]').locator('#message')).toContainText('Press Space');
  await page.getByTestId('artifact-tab-code').click();
  await expect(code).toContainText('paddleSpeed: 780');
  await page.getByTestId('artifact-close').click();
  await expect(panel(page)).toHaveCount(0);

  // A shared link shows the artifacts too, to someone with no account, through the link.
  await page.getByTestId('share-button').click();
  await page.getByTestId('share-create').click();
  const url = await page.getByTestId('share-url').inputValue();
  const stranger = await browser.newContext();
  try {
    const view = await stranger.newPage();
    await view.goto(url);
    await expect(view.getByTestId('artifact-card')).toHaveCount(2);
    await view.getByTestId('artifact-card').first().click();
    await expect(view.getByTestId('artifact-preview')).toHaveAttribute('src', /\/versions\/1\/preview\?share=/);
    await expect(view.frameLocator('[data-testid=artifact-preview]').locator('#message')).toContainText('Press Space');
    await view.getByTestId('artifact-tab-code').click();
    await expect(view.getByTestId('artifact-code')).toContainText('paddleSpeed: 520');
    await expect(view.getByTestId('artifact-version')).toHaveAttribute('data-version', '1');
  } finally {
    await stranger.close();
  }
});

test('the dashboard suggestion charts the numbers it was given', async ({ page }) => {
  test.setTimeout(120_000);
  const chat = new ChatPage(page, server.url);
  await chat.goto();
  await page.locator('[data-testid=suggestion][data-title="Dashboard from this data"]').click();
  await chat.waitForAnswer();
  await expect(page.getByTestId('artifact-card')).toHaveAttribute('data-state', 'saved');
  await expect(chat.lastAssistant).toContainText('the 6 rows you pasted');
  const dashboard = await chat.artifactFrame();
  await expect(dashboard.locator('h1')).toHaveText('Revenue dashboard');
  await expect(dashboard.locator('.kpi .value').first()).toHaveText('88,400');
  await expect(dashboard.locator('.kpi .detail').nth(2)).toHaveText('May');
  await expect(dashboard.locator('table tbody tr')).toHaveCount(6);
  await expect(dashboard.locator('.source')).not.toContainText('Sample');
  // Chart.js, served by Flint, drew the chart: revenue on the left axis, the far smaller orders on
  // an axis of their own on the right (not flattened against revenue's).
  await expect.poll(() => dashboard.locator('#chart').evaluate((canvas: HTMLCanvasElement) => canvas.width)).toBeGreaterThan(100);
  const axes = await dashboard.locator('#chart').evaluate((canvas) => {
    type Scale = { max: number; position: string };
    const chart = (window as unknown as { Chart: { getChart(c: unknown): { data: { datasets: Array<{ label: string; yAxisID?: string }> }; scales: Record<string, Scale> } } }).Chart.getChart(canvas)!;
    return { datasets: chart.data.datasets.map((d) => [d.label, d.yAxisID]), y: chart.scales.y, y1: chart.scales.y1 };
  });
  expect(axes.datasets).toEqual([
    ['Revenue', 'y'],
    ['Orders', 'y1'],
  ]);
  expect(axes.y).toMatchObject({ position: 'left' });
  expect(axes.y!.max).toBeGreaterThanOrEqual(17_250);
  expect(axes.y1).toMatchObject({ position: 'right' });
  expect(axes.y1!.max).toBeLessThan(2_000);

  await chat.send('show it as a line chart');
  await chat.waitForAnswer();
  await expect(page.getByTestId('artifact-card').nth(1)).toHaveAttribute('data-version', '2');
  await page.getByTestId('artifact-tab-code').click();
  await expect(page.getByTestId('artifact-code')).toContainText("const CHART_TYPE = 'line';");
});

test('on a phone the panel is a full-screen sheet', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const chat = new ChatPage(page, server.url);
  await chat.goto();
  await chat.send('Make a little game');
  await chat.waitForAnswer();
  // A phone does not open the sheet by itself; the card does.
  await expect(panel(page)).toHaveCount(0);
  await page.getByTestId('artifact-card').click();
  await expect(panel(page)).toBeVisible();
  // Once its slide-in has played, the sheet covers the whole screen.
  await expect.poll(async () => panel(page).boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
  await expect(page.frameLocator('[data-testid=artifact-preview]').locator('#score')).toHaveText('0');
  await page.getByTestId('artifact-close').click();
  await expect(panel(page)).toHaveCount(0);
  await expect(chat.input).toBeVisible();
});

test('the panel resizes by dragging or with the keyboard, and remembers its width', async ({ page }) => {
  const chat = new ChatPage(page, server.url);
  await chat.goto();
  await chat.send('Make a little game');
  await chat.waitForAnswer();
  const before = (await panel(page).boundingBox())!;
  const handle = page.getByTestId('artifact-resize');
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x - 150, box.y + 200, { steps: 8 });
  // The edge follows the pointer at once, without easing behind it.
  expect(Math.abs((await panel(page).boundingBox())!.x - (box.x - 150))).toBeLessThan(2);
  await page.mouse.up();
  const wider = (await panel(page).boundingBox())!;
  expect(wider.width).toBeGreaterThan(before.width + 100);
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  expect((await panel(page).boundingBox())!.width).toBeLessThan(wider.width);
  // The panel keeps its share of the window (the chat beside it may differ by a scrollbar's width).
  const share = () => panel(page).evaluate((el) => el.getBoundingClientRect().width / el.parentElement!.getBoundingClientRect().width);
  const remembered = { share: await share(), value: await handle.getAttribute('aria-valuenow') };
  await page.reload();
  await chat.ready();
  await page.getByTestId('artifact-card').click();
  await expect(handle).toHaveAttribute('aria-valuenow', remembered.value!);
  await expect.poll(async () => Math.abs((await share()) - remembered.share)).toBeLessThan(0.005);
});
