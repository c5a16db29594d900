// Streaming and stopping. Stop must end generation on the server (the upstream request is aborted,
// not just hidden) and keep the partial answer, marked as stopped, also after a reload.
import { startFakeOpenAICompatible, type FakeOpenAICompatible } from './fake-upstream/openai-compatible';
import { ChatPage, expect, test } from './fixtures';
import { startFlint, type FlintServer } from './support/flint-server';

test.describe('streaming and stop on the offline model', () => {
  let slow: FlintServer;
  test.beforeAll(async () => {
    slow = await startFlint({ env: { FLINT_OFFLINE_TOKENS_PER_SECOND: '25' } });
  });
  test.afterAll(async () => slow?.stop());

  test('the answer streams in token by token', async ({ page }) => {
    const chat = new ChatPage(page, slow.url);
    await chat.goto();
    // A long, many-sentence message makes a long answer (it is quoted and listed point by point), so
    // it is still streaming after the sampling below even on a busy machine.
    await chat.send(
      'Describe a calm morning by the sea. Mention the light on the water. Mention the sounds of the gulls. Mention the smell of salt and seaweed. Mention the fishing boats leaving the harbour. Mention the first walkers on the beach.',
    );
    await chat.waitForStatus('streaming');
    const lengths = new Set<number>();
    for (let i = 0; i < 12; i++) {
      lengths.add((await chat.lastAssistant.innerText()).length);
      await page.waitForTimeout(150);
    }
    // Many distinct lengths: text arrived in many small pieces, not at once.
    expect(lengths.size).toBeGreaterThanOrEqual(6);
    await chat.stopButton.click();
    await chat.waitForStatus('stopped');
  });

  test('Stop keeps the partial answer, marked stopped, and it stays so after a reload', async ({ page }) => {
    const chat = new ChatPage(page, slow.url);
    await chat.goto();
    await chat.send('Write a long story about a lighthouse keeper');
    await chat.waitForStatus('streaming');
    await expect(chat.lastAssistant).toContainText('What you asked');
    await chat.stopButton.click();
    await chat.waitForStatus('stopped');
    await expect(chat.lastAssistant.getByTestId('message-stopped')).toBeVisible();
    await expect(chat.sendButton).toBeVisible();
    const shown = await chat.renderedText(chat.lastAssistant.locator('.flint-prose').first());
    expect(shown).not.toContain('To get a real answer');

    // The server stopped too: the saved text stops where the browser's did and grows no further.
    await page.waitForTimeout(1000);
    await page.reload();
    await chat.ready();
    await chat.waitForStatus('stopped');
    const saved = await chat.renderedText(chat.lastAssistant.locator('.flint-prose').first());
    expect(saved).toBe(shown);
  });

  test('Esc stops the answer', async ({ page }) => {
    const chat = new ChatPage(page, slow.url);
    await chat.goto();
    await chat.send('Explain how tides work in detail');
    await chat.waitForStatus('streaming');
    await page.keyboard.press('Escape');
    await chat.waitForStatus('stopped');
    // After a stop the chat carries on normally.
    await chat.send('Thanks');
    await chat.waitForStatus('streaming');
    await chat.stopButton.click();
    await chat.waitForStatus('stopped');
    await expect(chat.assistantMessages).toHaveCount(2);
  });
});

test.describe('stop aborts the upstream request', () => {
  let fake: FakeOpenAICompatible;
  let server: FlintServer;
  test.beforeAll(async () => {
    fake = await startFakeOpenAICompatible({
      models: ['slow-model'],
      script: { text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen', chunks: 16, chunkDelayMs: 400 },
    });
    // Titles come from the offline model so the fake only sees the answer's request.
    server = await startFlint({
      env: { ...fake.env, OPENAI_COMPATIBLE_MODELS: 'slow-model', FLINT_INSTANT_MODEL: 'openai-compatible:slow-model', FLINT_TITLE_MODEL: 'offline:demo' },
    });
  });
  test.afterAll(async () => {
    await server?.stop();
    await fake?.close();
  });

  test('the provider sees its connection closed when the user stops', async ({ page }) => {
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    await chat.send('Count slowly');
    await expect(chat.lastAssistant).toContainText('one two');
    await chat.stopButton.click();
    await chat.waitForStatus('stopped');
    await fake.waitFor((f) => f.clientClosed.length === 1, 5000, 'the upstream request to be aborted');
    expect(fake.chatRequests).toHaveLength(1);
    expect(fake.inFlight).toBe(0);
    await expect(chat.lastAssistant).not.toContainText('sixteen');
  });
});
