// Long chats are windowed (components/chat/older-messages.tsx): a chat of 300 messages opens at its
// end with only a window of them in the page, scrolls all the way back to its first question, comes
// back with the scroll button, and a new answer streams at its end as in a short chat.
import { ChatPage, expect, test } from './fixtures';
import { startWithLongChat, type LongChat } from './support/long-chat';

const MESSAGES = 300;
let long: LongChat;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  long = await startWithLongChat({ messages: MESSAGES });
});
test.afterAll(async () => long?.flint.stop());

test('a chat of 300 messages renders a window, scrolls to its first message and streams at its end', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  await context.addCookies(long.cookies);
  const page = await context.newPage();
  const chat = new ChatPage(page, long.flint.url);
  const messages = page.locator('[data-testid=message-user], [data-testid=message-assistant]');
  await chat.goto(`/c/${long.chatId}`);

  // Opened at the newest answer, with only a fraction of the chat in the page.
  await expect(chat.lastAssistant).toContainText(`Part ${MESSAGES / 2 - 1}`);
  await expect(chat.lastAssistant).toBeInViewport();
  expect(await messages.count()).toBeLessThan(60);
  await expect(page.getByTestId('older-messages')).toHaveAttribute('data-count', String(MESSAGES - 24));

  // All the way up with the keyboard (Home jumps, so the older messages are measured as they come,
  // and the list must not pull back to the bottom): the first question, rendered as it was saved;
  // still only a window in the page.
  await chat.lastAssistant.locator('p').first().click();
  const first = page.getByTestId('message-user').filter({ hasText: /^Question 0:/ });
  await page.keyboard.press('Home');
  await expect(first).toBeInViewport();
  // It stays there while what came into view is measured.
  await page.waitForTimeout(1000);
  await expect(first).toBeInViewport();
  await expect(page.getByTestId('message-assistant').filter({ hasText: 'Part 0' }).locator('h3')).toHaveText('Part 0');
  expect(await messages.count()).toBeLessThan(60);

  // Back down with the button, then a new answer streams at the end and stays in view.
  await page.getByRole('button', { name: 'Scroll to the latest message' }).click();
  await expect(chat.lastAssistant).toBeInViewport();
  // (The page holds a window, so messages are found by what they say, not counted.)
  await chat.input.fill('And one more question at the end of a long chat.');
  // While the answer is written the windowed part is left alone (its boundary moves once the
  // answer has ended): record every change of it and whether an answer was streaming then.
  await page.evaluate(() => {
    const older = document.querySelector('[data-testid=older-messages]')!;
    const changes: Array<{ count: string | null; streaming: boolean }> = [];
    (window as unknown as { __olderChanges: typeof changes }).__olderChanges = changes;
    new MutationObserver(() => {
      const answers = document.querySelectorAll('[data-testid=message-assistant]');
      changes.push({ count: older.getAttribute('data-count'), streaming: answers[answers.length - 1]?.getAttribute('data-status') === 'streaming' });
    }).observe(older, { attributes: true, attributeFilter: ['data-count'] });
  });
  await chat.input.press('Enter');
  await expect(chat.userMessages.last()).toHaveText(/And one more question/);
  await chat.waitForStatus('done');
  await expect(chat.lastAssistant).toContainText('And one more question at the end of a long chat.');
  await expect(chat.lastAssistant).toBeInViewport();
  await expect(page.getByTestId('older-messages')).toHaveAttribute('data-count', String(MESSAGES + 2 - 24));
  const changes = await page.evaluate(() => (window as unknown as { __olderChanges: Array<{ count: string | null; streaming: boolean }> }).__olderChanges);
  expect(changes).toEqual([{ count: String(MESSAGES + 2 - 24), streaming: false }]);
  await context.close();
});
