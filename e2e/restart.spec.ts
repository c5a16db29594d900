// What is saved survives: a restarted server shows every chat intact, and an answer cut off by a
// crash is shown as interrupted (with the text saved until then), never as forever generating.
import { ChatPage, expect, test } from './fixtures';
import { startFlint, tempDataDir } from './support/flint-server';

test('chats survive a restart; an answer cut off by a crash shows as interrupted', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = tempDataDir('flint-restart');
  let server = await startFlint({ dataDir, env: { FLINT_OFFLINE_TOKENS_PER_SECOND: '20' } });
  try {
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    await page.getByTestId('mode-thinking').click();
    await chat.send('Keep this message: the blue notebook is in the attic');
    await chat.waitForStatus('streaming');
    await expect(chat.agentCard(1)).toHaveAttribute('data-status', 'running');
    await chat.stopButton.click();
    await chat.waitForStatus('stopped');
    const chatUrl = page.url().replace(server.url, '');
    await page.getByTestId('mode-instant').click();

    await chat.send('Now a second question that will be cut off by a crash');
    await expect(chat.lastAssistant).toContainText('What you asked');
    // Let at least one periodic save happen, then kill the process without any chance to clean up.
    await page.waitForTimeout(1200);
    await server.kill();

    server = await startFlint({ dataDir, port: server.port, env: { FLINT_OFFLINE_TOKENS_PER_SECOND: '20' } });
    await chat.goto(chatUrl);
    await expect(chat.userMessages).toHaveCount(2);
    await expect(chat.userMessages.first()).toContainText('the blue notebook is in the attic');
    await expect(chat.assistantMessages.first()).toHaveAttribute('data-status', 'stopped');
    const board = chat.assistantMessages.first().getByTestId('agent-board');
    await expect(board).toHaveAttribute('data-phase', 'stopped');
    await expect(board.getByTestId('agent-card')).toHaveAttribute('data-status', 'cancelled');
    const interrupted = chat.assistantMessages.nth(1);
    await expect(interrupted).toHaveAttribute('data-status', 'interrupted');
    await expect(interrupted.getByTestId('message-interrupted')).toContainText('cut off when the server stopped');
    await expect(interrupted).toContainText('What you asked');
    await expect(chat.chatItems.first()).toContainText('Keep message blue notebook attic');

    // The user can carry on: regenerate the interrupted answer.
    await interrupted.getByTestId('continue-button').click();
    await chat.waitForAnswer();
    await expect(chat.assistantMessages).toHaveCount(2);
  } finally {
    await server.stop();
  }
});
