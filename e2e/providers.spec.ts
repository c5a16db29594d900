// Real provider code paths from the browser: Flint pointed at fake OpenAI-compatible and Anthropic
// servers. The menu lists only configured models with their capabilities; a failing model falls
// back to the next one and the message says so; model output cannot run script.
import { startFakeAnthropic, type FakeAnthropic } from './fake-upstream/anthropic';
import { startFakeOpenAICompatible, type FakeOpenAICompatible } from './fake-upstream/openai-compatible';
import { ChatPage, expect, test } from './fixtures';
import { startFlint, type FlintServer } from './support/flint-server';

let compatible: FakeOpenAICompatible;
let anthropic: FakeAnthropic;
let server: FlintServer;

test.beforeAll(async () => {
  compatible = await startFakeOpenAICompatible({ models: ['qwen3-8b', 'llava-13b'] });
  anthropic = await startFakeAnthropic({ apiKey: 'test-anthropic-key' });
  server = await startFlint({
    env: {
      ...compatible.env,
      ...anthropic.env,
      FLINT_INSTANT_MODEL: 'anthropic:claude-haiku-5-5',
      FLINT_FALLBACK_MODELS: 'openai-compatible:qwen3-8b',
      FLINT_FIRST_TOKEN_TIMEOUT_MS: '2000',
    },
  });
});
test.afterAll(async () => {
  await server?.stop();
  await compatible?.close();
  await anthropic?.close();
});
/** Chat requests that asked for an answer (not the short title Flint also generates for new chats). */
function answerRequests(fake: FakeOpenAICompatible | FakeAnthropic) {
  return fake.chatRequests.filter((request) => !JSON.stringify(request.body).includes('Write a title'));
}

test.beforeEach(() => {
  compatible.reset();
  anthropic.reset();
  compatible.setScript({});
  anthropic.setScript({});
});

test('the model menu lists configured models only, with capabilities', async ({ page }) => {
  const chat = new ChatPage(page, server.url);
  await chat.goto();
  await expect(page.getByTestId('offline-hint')).toHaveCount(0);
  await page.getByTestId('model-picker').click();
  const ids = await page.getByTestId('model-option').evaluateAll((els) => els.map((el) => el.getAttribute('data-model-id')));
  expect(ids).toContain('anthropic:claude-haiku-5-5');
  expect(ids).toContain('openai-compatible:qwen3-8b');
  expect(ids).toContain('openai-compatible:llava-13b');
  expect(ids).not.toContain('offline:demo');
  expect(ids.some((id) => id?.startsWith('openai:') || id?.startsWith('google:'))).toBe(false);
  const llava = page.locator('[data-testid=model-option][data-model-id="openai-compatible:llava-13b"]');
  await expect(llava.locator('[data-capability=vision]')).toBeVisible();
  await expect(llava.locator('[data-capability=reasoning]')).toHaveCount(0);
  const qwen = page.locator('[data-testid=model-option][data-model-id="openai-compatible:qwen3-8b"]');
  await expect(qwen.locator('[data-capability=reasoning]')).toBeVisible();

  await qwen.click();
  await expect(page.getByTestId('model-picker')).toContainText('qwen3-8b');
  compatible.setScript({ text: 'Answer from the picked model.' });
  await chat.send('Which model are you?');
  await chat.waitForAnswer();
  await expect(chat.lastAssistant).toContainText('Answer from the picked model.');
  await expect(chat.lastAssistant.getByTestId('answered-by')).toHaveAttribute('data-model', 'openai-compatible:qwen3-8b');
  expect(answerRequests(compatible)[0]?.model).toBe('qwen3-8b');
  expect(answerRequests(anthropic)).toHaveLength(0);

  // Back to Auto for the other tests in this file.
  await page.getByTestId('model-picker').click();
  await page.locator('[data-testid=model-option][data-model-id=auto]').click();
});

test('a model failing with 503 falls back to the next, and the message says which answered', async ({ page }) => {
  const chat = new ChatPage(page, server.url);
  await chat.goto();
  anthropic.setScript({ status: 503, errorMessage: 'Overloaded' });
  compatible.setScript({ text: 'The fallback model answered.' });
  await chat.send('Hello?');
  await chat.waitForAnswer();
  await expect(chat.lastAssistant).toContainText('The fallback model answered.');
  await expect(chat.lastAssistant.getByTestId('answered-by')).toHaveAttribute('data-model', 'openai-compatible:qwen3-8b');
  await expect(chat.lastAssistant.getByTestId('fallback-note')).toContainText('anthropic:claude-haiku-5-5');
  expect(answerRequests(anthropic).length).toBeGreaterThanOrEqual(1);
});

test('an error after text keeps the text and explains the error', async ({ page }) => {
  const chat = new ChatPage(page, server.url);
  await chat.goto();
  anthropic.setScript({ errorAfterText: 'Partial answer before the failure.' });
  await chat.send('Break halfway');
  await chat.waitForStatus('error');
  await expect(chat.lastAssistant).toContainText('Partial answer before the failure.');
  await expect(chat.lastAssistant.getByTestId('message-error')).toContainText('kept');
  expect(answerRequests(compatible)).toHaveLength(0);
  await page.reload();
  await chat.ready();
  await chat.waitForStatus('error');
  await expect(chat.lastAssistant).toContainText('Partial answer before the failure.');
  // Try again from the error.
  anthropic.setScript({ text: 'Second time lucky.' });
  await chat.lastAssistant.getByRole('button', { name: 'Try again' }).click();
  await chat.waitForAnswer();
  await expect(chat.lastAssistant).toContainText('Second time lucky.');
});

test('when every model fails the user gets a clear message', async ({ page }) => {
  const chat = new ChatPage(page, server.url);
  await chat.goto();
  anthropic.setScript({ status: 500 });
  compatible.setScript({ status: 503 });
  await chat.send('Anyone there?');
  await chat.waitForStatus('error');
  await expect(chat.lastAssistant.getByTestId('message-error')).toContainText('None of the configured models could answer');
});

test('HTML, scripts and javascript: links in model output are inert', async ({ page }) => {
  const chat = new ChatPage(page, server.url);
  await chat.goto();
  anthropic.setScript({
    text: 'Look: <img src="x" onerror="window.__pwned=1"> <script>window.__pwned=2</script> [click me](javascript:window.__pwned=3) and <a href="javascript:window.__pwned=4">this</a>.',
    chunks: 3,
  });
  await chat.send('Show me something');
  await chat.waitForAnswer();
  // Shown as text, never run (Streamdown reads the `__…__` that follows as bold, so check the tags).
  await expect(chat.lastAssistant).toContainText('<script>window.');
  await expect(chat.lastAssistant).toContainText('pwned=2</script>');
  await expect(chat.lastAssistant.locator('script, img')).toHaveCount(0);
  const hrefs = await chat.lastAssistant.locator('a').evaluateAll((els) => els.map((el) => el.getAttribute('href') ?? ''));
  expect(hrefs.every((href) => !href.toLowerCase().startsWith('javascript:'))).toBe(true);
  const link = chat.lastAssistant.getByText('click me');
  if (await link.count()) await link.click({ force: true });
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
