// Screenshots of the chat on desktop and a 390 px phone, light and dark, for people to look at
// (saved under test-results/screenshots). Also checks the layout holds: nothing wider than the
// screen, composer and answer visible. The Thinking board is shot running and finished. The artifact
// screenshots show a card in a message, the panel (a sheet on phones) with the offline game and
// dashboard, and the Code tab.
import type { Page } from '@playwright/test';
import { ChatPage, expect, test } from './fixtures';
import { startFlint, type FlintServer } from './support/flint-server';

const variants = [
  { name: 'desktop', viewport: { width: 1280, height: 820 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;
const schemes = ['light', 'dark'] as const;
type Scheme = (typeof schemes)[number];

/** Shoots the page in both colour schemes (the theme follows the system's), then checks the layout. */
async function shootBoth(page: Page, name: string, what: string, settle = 300, before?: () => Promise<void>) {
  for (const scheme of schemes) {
    await before?.();
    await shoot(page, `${name}-${scheme}-${what}`, scheme, settle);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function shoot(page: Page, file: string, scheme: Scheme, settle = 300) {
  await page.emulateMedia({ colorScheme: scheme });
  await expect(page.locator('html')).toHaveClass(new RegExp(`\\b${scheme}\\b`));
  await page.waitForTimeout(settle);
  await page.screenshot({ path: `test-results/screenshots/${file}.png` });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const { name, viewport } of variants) {
  test(`${name}: empty chat, an answer, the sidebar`, async ({ chat, page }) => {
    await page.setViewportSize(viewport);
    await chat.goto();
    await shootBoth(page, name, 'empty', 100);
    await chat.send('Compare three ways to brew coffee, with a table, some code and the average formula.');
    await chat.waitForAnswer();
    await expect(chat.lastAssistant.locator('.katex-display')).toBeVisible();
    await shootBoth(page, name, 'answer');
    await expect(chat.input).toBeInViewport();
    if (name === 'phone') {
      await page.getByTestId('open-sidebar').click();
      await expect(page.getByRole('dialog').getByTestId('chat-item').first()).toBeVisible();
      await shootBoth(page, name, 'sidebar');
      await page.keyboard.press('Escape');
    }
  });

  test(`${name}: artifacts`, async ({ chat, page }) => {
    await page.setViewportSize(viewport);
    await chat.goto();
    await chat.send('Make a little paddle game I can play with the arrow keys or by dragging.');
    await chat.waitForAnswer();
    const card = page.getByTestId('artifact-card');
    if (name === 'phone') {
      await shootBoth(page, name, 'artifact-card');
      await card.click();
    }
    await expect(page.getByTestId('artifact-panel')).toBeVisible();
    await expect((await chat.artifactFrame()).locator('#score')).toHaveText('0');
    // Start the game (again, for each shot), so the ball is in the picture.
    await shootBoth(page, name, 'artifact-game', 700, () => page.getByTestId('artifact-preview').click());
    await page.getByTestId('artifact-tab-code').click();
    await expect(page.getByTestId('artifact-code')).toHaveAttribute('data-highlighted', '');
    await shootBoth(page, name, 'artifact-code');
    await page.getByTestId('artifact-close').click();
    if (name === 'desktop') {
      await card.hover();
      await shootBoth(page, name, 'artifact-card');
    }

    await chat.goto();
    await page.locator('[data-testid=suggestion][data-title="Dashboard from this data"]').click();
    await chat.waitForAnswer();
    if (name === 'phone') await page.getByTestId('artifact-card').click();
    await expect((await chat.artifactFrame()).locator('.kpi')).toHaveCount(4);
    await shootBoth(page, name, 'artifact-dashboard', 600);
  });
}

// The agent board, running and finished, on a slower offline model so the running state holds still.
test.describe('Thinking board', () => {
  let slow: FlintServer;
  test.beforeAll(async () => {
    slow = await startFlint({ env: { FLINT_OFFLINE_TOKENS_PER_SECOND: '30' } });
  });
  test.afterAll(async () => slow?.stop());

  for (const { name, viewport } of variants) {
    test(name, async ({ page }) => {
      test.setTimeout(90_000);
      const chat = new ChatPage(page, slow.url);
      await page.setViewportSize(viewport);
      await chat.goto();
      await chat.useThinking();
      await chat.send('Compare three ways to brew coffee: French press, pour-over and espresso.');
      await expect.poll(() => chat.board.locator('[data-testid=agent-card][data-status=running]').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      await shootBoth(page, name, 'thinking-running', 500);

      await chat.waitForStatus('done');
      await shootBoth(page, name, 'thinking-done');
      await chat.expandBoard();
      await chat.board.scrollIntoViewIfNeeded();
      await shootBoth(page, name, 'thinking-board');
      await expect(chat.input).toBeInViewport();
    });
  }
});
