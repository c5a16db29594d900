// The chat history: grouped, renamable, deletable with undo, searchable by text; read-only sharing
// with revocation; the daily quota.
import { ChatPage, expect, test } from './fixtures';
import { startFlint } from './support/flint-server';

test('rename, delete with undo, and grouping by day', async ({ chat, page }) => {
  await chat.goto();
  await chat.send('Notes on Baltic amber');
  await chat.waitForAnswer();
  await chat.newChat();
  await chat.send('Notes on Icelandic moss');
  await chat.waitForAnswer();
  await expect(page.locator('[data-testid=chat-group][data-group=Today]')).toBeVisible();
  await expect(chat.chatItems).toHaveCount(2);

  const amber = chat.chatItems.filter({ hasText: 'Baltic amber' });
  await amber.hover();
  await page.getByRole('button', { name: /Options for .*Baltic amber/ }).click();
  await page.getByTestId('chat-rename').click();
  await page.getByTestId('chat-rename-input').fill('Amber from the Baltic');
  await page.getByTestId('chat-rename-input').press('Enter');
  await expect(chat.chatItems.filter({ hasText: 'Amber from the Baltic' })).toHaveCount(1);

  // Delete the open chat: it leaves the list, the page goes to a new chat, and Undo brings it back.
  await chat.chatItems.filter({ hasText: 'Icelandic moss' }).click();
  await page.getByRole('button', { name: /Options for .*Icelandic moss/ }).click();
  await page.getByTestId('chat-delete').click();
  await expect(chat.chatItems.filter({ hasText: 'Icelandic moss' })).toHaveCount(0);
  await expect(page).toHaveURL(`${chat.baseUrl}/`);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(chat.chatItems.filter({ hasText: 'Icelandic moss' })).toHaveCount(1);

  // Delete again without undo: gone for good, also after a reload.
  const amberItem = chat.chatItems.filter({ hasText: 'Amber from the Baltic' });
  const amberId = await amberItem.getAttribute('data-chat-id');
  await amberItem.hover();
  await page.getByRole('button', { name: /Options for .*Amber from the Baltic/ }).click();
  await page.getByTestId('chat-delete').click();
  await expect(chat.chatItems).toHaveCount(1);
  await page.reload();
  await chat.ready();
  await expect(chat.chatItems).toHaveCount(1);
  await expect(chat.chatItems.first()).toHaveText(/Icelandic moss/);
  expect((await page.goto(`${chat.baseUrl}/c/${amberId}`))?.status()).toBe(404);
});

test('search finds chats by words in their messages, with the match highlighted', async ({ chat, page }) => {
  await chat.goto();
  await chat.send('Tell me about the lighthouse keepers of Ardnamurchan');
  await chat.waitForAnswer();
  await chat.newChat();
  await chat.send('Recipes with rhubarb');
  await chat.waitForAnswer();

  await page.getByTestId('chat-search').fill('ardnamur');
  await expect(page.getByTestId('chat-list')).toContainText('1 result');
  const hit = chat.chatItems.first();
  await expect(hit).toContainText('Ardnamurchan');
  await expect(hit.locator('mark').first()).toHaveText(/ardnamurchan/i);
  await page.getByTestId('chat-search').fill('no such word anywhere');
  await expect(page.getByTestId('chat-list')).toContainText('No chats match');
  await page.getByTestId('chat-search').fill('rhubarb');
  await chat.chatItems.first().click();
  await expect(chat.userMessages.first()).toContainText('Recipes with rhubarb');
});

test('a shared link shows a read-only snapshot, with no sidebar or other data, until revoked', async ({ chat, page, browser }) => {
  await chat.goto();
  await page.getByTestId('mode-thinking').click();
  await chat.send('A chat worth sharing about kites');
  await chat.waitForAnswer();
  await page.getByTestId('mode-instant').click();
  await chat.newChat();
  await chat.send('A private chat about my bank');
  await chat.waitForAnswer();
  await chat.chatItems.filter({ hasText: 'kites' }).click();
  // Wait for the chat itself, not just a hydrated page (the previous chat is hydrated too).
  await expect(chat.userMessages.first()).toContainText('A chat worth sharing about kites');
  await chat.ready();

  await page.getByTestId('share-button').click();
  await page.getByTestId('share-create').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{20,}$/);
  await page.getByTestId('share-copy').click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  const stranger = await browser.newContext();
  const view = await stranger.newPage();
  await view.goto(url);
  await expect(view.getByTestId('shared-chat')).toContainText('A chat worth sharing about kites');
  await expect(view.getByTestId('message-assistant')).toHaveAttribute('data-status', 'done');
  // The Thinking answer is shared with its agent board, read-only.
  await expect(view.getByTestId('agent-board').getByTestId('run-summary')).toHaveText(/^1 agent · /);
  await view.getByTestId('run-summary').click();
  await expect(view.getByTestId('agent-card')).toHaveAttribute('data-status', 'done');
  await expect(view.getByTestId('agent-cancel')).toHaveCount(0);
  await expect(view.getByTestId('sidebar')).toHaveCount(0);
  await expect(view.getByTestId('chat-input')).toHaveCount(0);
  await expect(view.getByTestId('regenerate')).toHaveCount(0);
  expect(await view.content()).not.toContain('bank');

  await page.getByTestId('share-revoke').click();
  await expect(page.getByTestId('share-create')).toBeVisible();
  expect((await view.goto(url))?.status()).toBe(404);
  await stranger.close();
});

test('the daily quota is shown before it runs out and enforced with a clear message', async ({ page }) => {
  // Two server starts and three answers: more than the default minute on a busy machine.
  test.setTimeout(120_000);
  const server = await startFlint({ env: { FLINT_GUEST_MESSAGES_PER_DAY: '3' } });
  try {
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    await chat.send('one');
    await chat.waitForAnswer();
    await expect(page.getByTestId('quota-banner')).toContainText('2 messages left today');
    await expect(page.getByTestId('quota-banner')).toContainText('Create an account for more');
    await chat.send('two');
    await chat.waitForAnswer();
    await chat.send('three');
    await chat.waitForAnswer();
    await expect(page.getByTestId('quota-banner')).toHaveAttribute('data-remaining', '0');

    await chat.input.fill('four, over the limit');
    await chat.input.press('Enter');
    await expect(page.getByTestId('composer-error')).toContainText("You've used all 3 messages for today as a guest");
    await expect(page.getByTestId('composer-error')).toContainText('Create a free account');
    // Nothing is lost: the message is back in the box and was not added to the chat.
    await expect(chat.input).toHaveValue('four, over the limit');
    await expect(chat.userMessages).toHaveCount(3);

    // The limit holds across a restart (it lives in the database).
    await server.stop();
    const again = await startFlint({ dataDir: server.dataDir, port: server.port, env: { FLINT_GUEST_MESSAGES_PER_DAY: '3' } });
    try {
      await page.reload();
      await chat.ready();
      await expect(page.getByTestId('quota-banner')).toHaveAttribute('data-remaining', '0');
      await chat.send('five');
      await expect(page.getByTestId('composer-error')).toContainText('messages for today');
    } finally {
      await again.stop();
    }
  } finally {
    await server.stop();
  }
});
