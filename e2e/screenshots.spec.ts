// Screenshots of the chat on desktop and a 390 px phone, light and dark, for people to look at
// (saved under test-results/screenshots). Also checks the layout holds: nothing wider than the
// screen, composer and answer visible. The Thinking board is shot running and finished. The artifact
// screenshots show a card in a message, the panel (a sheet on phones) with the offline game and
// dashboard, and the Code tab.
import { ChatPage, expect, test } from './fixtures';
import { startFlint, type FlintServer } from './support/flint-server';

const variants = [
  { name: 'desktop', viewport: { width: 1280, height: 820 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

for (const { name, viewport } of variants) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`${name} ${scheme}`, async ({ chat, page }) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });
      await chat.goto();
      await page.screenshot({ path: `test-results/screenshots/${name}-${scheme}-empty.png` });
      await chat.send('Compare three ways to brew coffee, with a table, some code and the average formula.');
      await chat.waitForAnswer();
      await expect(chat.lastAssistant.locator('.katex-display')).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `test-results/screenshots/${name}-${scheme}-answer.png` });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expect(chat.input).toBeInViewport();
      if (name === 'phone') {
        await page.getByTestId('open-sidebar').click();
        await expect(page.getByRole('dialog').getByTestId('chat-item').first()).toBeVisible();
        await page.screenshot({ path: `test-results/screenshots/${name}-${scheme}-sidebar.png` });
        await page.keyboard.press('Escape');
      }
    });
  }
}

for (const { name, viewport } of variants) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`${name} ${scheme} artifacts`, async ({ chat, page }) => {
      const shot = (what: string) => page.screenshot({ path: `test-results/screenshots/${name}-${scheme}-artifact-${what}.png` });
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });
      await chat.goto();
      await chat.send('Make a little paddle game I can play with the arrow keys or by dragging.');
      await chat.waitForAnswer();
      const card = page.getByTestId('artifact-card');
      if (name === 'phone') {
        await shot('card');
        await card.click();
      }
      await expect(page.getByTestId('artifact-panel')).toBeVisible();
      await expect((await chat.artifactFrame()).locator('#score')).toHaveText('0');
      // Start the game, so the ball is in the picture.
      await page.getByTestId('artifact-preview').click();
      await page.waitForTimeout(700);
      await shot('game');
      await page.getByTestId('artifact-tab-code').click();
      await expect(page.getByTestId('artifact-code')).toHaveAttribute('data-highlighted', '');
      await shot('code');
      await page.getByTestId('artifact-close').click();
      if (name === 'desktop') {
        await card.hover();
        await shot('card');
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      await chat.goto();
      await page.locator('[data-testid=suggestion][data-title="Dashboard from this data"]').click();
      await chat.waitForAnswer();
      if (name === 'phone') await page.getByTestId('artifact-card').click();
      await expect((await chat.artifactFrame()).locator('.kpi')).toHaveCount(4);
      await page.waitForTimeout(600);
      await shot('dashboard');
    });
  }
}
// The agent board, running and finished, on a slower offline model so the running state holds still.
test.describe('Thinking board', () => {
  let slow: FlintServer;
  test.beforeAll(async () => {
    slow = await startFlint({ env: { FLINT_OFFLINE_TOKENS_PER_SECOND: '30' } });
  });
  test.afterAll(async () => slow?.stop());

  for (const { name, viewport } of variants) {
    for (const scheme of ['light', 'dark'] as const) {
      test(`${name} ${scheme}`, async ({ page }) => {
        test.setTimeout(90_000);
        const chat = new ChatPage(page, slow.url);
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        await chat.goto();
        await chat.useThinking();
        await chat.send('Compare three ways to brew coffee: French press, pour-over and espresso.');
        await expect.poll(() => chat.board.locator('[data-testid=agent-card][data-status=running]').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
        await page.waitForTimeout(1000);
        await page.screenshot({ path: `test-results/screenshots/${name}-${scheme}-thinking-running.png` });
        let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);

        await chat.waitForStatus('done');
        await page.waitForTimeout(300);
        await page.screenshot({ path: `test-results/screenshots/${name}-${scheme}-thinking-done.png` });
        await chat.expandBoard();
        await chat.board.scrollIntoViewIfNeeded();
        await page.waitForTimeout(300);
        await page.screenshot({ path: `test-results/screenshots/${name}-${scheme}-thinking-board.png` });
        overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await expect(chat.input).toBeInViewport();
      });
    }
  }
});
