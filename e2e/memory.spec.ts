// Memory from the browser: saved with a visible chip (and Undo), used in a later chat and marked
// as used, managed on the Memory page, off in temporary chats.
import { expect, test } from './fixtures';

test('a fact told in one chat personalises the next, visibly; deleting it stops that', async ({ chat, page }) => {
  await chat.goto();
  await chat.send('Remember that I am vegetarian');
  await chat.waitForAnswer();
  const chip = chat.lastAssistant.getByTestId('memory-chip');
  await expect(chip).toHaveAttribute('data-state', 'saved');
  await expect(chip).toContainText('Memory saved: Is vegetarian');
  await expect(chat.lastAssistant).toContainText("I'll remember that");

  await chat.newChat();
  await chat.send('Suggest a vegetarian dinner for tonight');
  await chat.waitForAnswer();
  const used = chat.lastAssistant.getByTestId('memories-used');
  await expect(used).toContainText('Used 1 memory');
  await used.getByRole('button').click();
  await expect(used.getByTestId('memory-used-item')).toHaveText(['Is vegetarian']);
  await expect(chat.lastAssistant).toContainText('What I remember about you');

  await page.getByTestId('user-menu').click();
  await page.getByTestId('memory-link').click();
  await expect(page.getByTestId('memory-page')).toBeVisible();
  const item = page.getByTestId('memory-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Is vegetarian');
  await expect(item).toContainText('from Remember vegetarian');
  await item.getByTestId('memory-delete').click();
  await expect(page.getByTestId('memory-item')).toHaveCount(0);

  await chat.goto('/');
  await chat.send('Suggest a vegetarian dinner for tonight');
  await chat.waitForAnswer();
  await expect(chat.lastAssistant.getByTestId('memories-used')).toHaveCount(0);
  await expect(chat.lastAssistant).not.toContainText('What I remember about you');
});

test('Undo on the chip removes the memory at once', async ({ chat, page }) => {
  await chat.goto();
  await chat.send('Remember that I teach physics to 15-year-olds');
  await chat.waitForAnswer();
  await chat.lastAssistant.getByTestId('memory-undo').click();
  await expect(chat.lastAssistant.getByTestId('memory-chip')).toHaveAttribute('data-state', 'undone');
  await page.goto(`${chat.baseUrl}/memory`);
  await expect(page.getByTestId('memory-page')).toContainText('No memories yet');
});

test('a temporary chat leaves no memory and uses none', async ({ chat, page }) => {
  await page.goto(`${chat.baseUrl}/memory`);
  await expect(page.getByTestId('memory-page')).toBeVisible();
  await page.getByTestId('memory-add-input').fill('Loves jazz piano');
  await page.getByRole('button', { name: 'Add memory' }).click();
  await expect(page.getByTestId('memory-item')).toHaveCount(1);

  await chat.goto('/');
  await page.getByTestId('temporary-chat').click();
  await expect(page.getByTestId('temporary-chat')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('temporary-banner')).toBeVisible();
  await chat.send('Remember that I am allergic to cats. Any jazz piano albums to recommend?');
  await chat.waitForAnswer();
  await expect(chat.lastAssistant.getByTestId('memory-chip')).toHaveCount(0);
  await expect(chat.lastAssistant.getByTestId('memories-used')).toHaveCount(0);
  // Still temporary after a reload.
  await page.reload();
  await chat.ready();
  await expect(page.getByTestId('temporary-chat')).toHaveAttribute('aria-pressed', 'true');

  await page.goto(`${chat.baseUrl}/memory`);
  await expect(page.getByTestId('memory-item')).toHaveCount(1);
  await expect(page.getByTestId('memory-page')).not.toContainText('cats');
});

test('the Memory page: edit, switch off, custom instructions, and refusing secrets', async ({ chat, page }) => {
  await page.goto(`${chat.baseUrl}/memory`);
  await expect(page.getByTestId('memory-page')).toBeVisible();
  await page.getByTestId('memory-add-input').fill('My password is hunter2hunter2');
  await page.getByRole('button', { name: 'Add memory' }).click();
  await expect(page.getByTestId('memory-error')).toContainText('does not keep secrets');
  await expect(page.getByTestId('memory-add-input')).toHaveValue('My password is hunter2hunter2');

  await page.getByTestId('memory-add-input').fill('Lives in Porto');
  await page.getByRole('button', { name: 'Add memory' }).click();
  await page.getByTestId('memory-item').getByTestId('memory-edit').click();
  await page.getByTestId('memory-edit-input').fill('Lives in Porto, Portugal');
  await page.getByRole('button', { name: 'Save memory' }).click();
  await expect(page.getByTestId('memory-item')).toContainText('Lives in Porto, Portugal');

  await page.getByTestId('about-me').fill('I run a small bakery.');
  await page.getByTestId('save-instructions').click();
  await expect(page.getByText('Custom instructions saved.')).toBeVisible();

  await page.getByTestId('memory-toggle').click();
  await expect(page.getByTestId('memory-off')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('memory-toggle')).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByTestId('about-me')).toHaveValue('I run a small bakery.');

  await chat.goto('/');
  await chat.send('What is there to do in Porto?');
  await chat.waitForAnswer();
  await expect(chat.lastAssistant.getByTestId('memories-used')).toHaveCount(0);

  await page.goto(`${chat.baseUrl}/memory`);
  await page.getByTestId('memory-toggle').click();
  await page.getByTestId('memory-delete-all').click();
  await page.getByTestId('memory-delete-all-confirm').click();
  await expect(page.getByTestId('memory-item')).toHaveCount(0);
});
