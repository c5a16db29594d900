// Screenshots of the chat on desktop and a 390 px phone, light and dark, for people to look at
// (saved under test-results/screenshots). Also checks the layout holds: nothing wider than the
// screen, composer and answer visible.
import { expect, test } from './fixtures';

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
