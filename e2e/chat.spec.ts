// The Instant chat on the built-in offline model: send, stream, render, copy, regenerate, edit,
// modes, the sidebar and bad input.
import { expect, test } from './fixtures';

test.describe('chat', () => {
  test('Enter sends, Shift+Enter adds a line, and the answer renders Markdown', async ({ chat, page }) => {
    await chat.goto();
    await chat.input.fill('First line');
    await chat.input.press('Shift+Enter');
    await chat.input.pressSequentially('second line: please show code, a table and the average formula.');
    await expect(chat.input).toHaveValue('First line\nsecond line: please show code, a table and the average formula.');
    await expect(chat.userMessages).toHaveCount(0);

    await chat.input.press('Enter');
    await expect(chat.userMessages).toHaveCount(1);
    await expect(chat.input).toHaveValue('');
    await expect(chat.userMessages.first()).toContainText('First line\nsecond line');
    await chat.waitForAnswer();
    await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);

    const answer = chat.lastAssistant;
    await expect(answer.getByRole('heading', { name: 'What you asked' })).toBeVisible();
    await expect(answer.locator('ul li').first()).toBeVisible();
    await expect(answer.locator('table th', { hasText: 'Term' })).toBeVisible();
    // Fenced code is highlighted (Shiki colours tokens) and has a working copy button.
    const code = answer.locator('[data-streamdown="code-block"]');
    await expect(code).toBeVisible();
    const colours = await code.locator('[data-streamdown="code-block-body"] span span').evaluateAll((spans) => new Set(spans.map((el) => getComputedStyle(el).color)).size);
    expect(colours).toBeGreaterThanOrEqual(3);
    await code.locator('[data-streamdown="code-block-copy-button"]').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('export function countWords');
    // Inline and display math are typeset by KaTeX.
    await expect(answer.locator('.katex').first()).toBeVisible();
    await expect(answer.locator('.katex-display')).toBeVisible();
  });

  test('a saved answer opens as rendered Markdown: its source is never on screen, and the page hydrates it without errors', async ({ chat, page }) => {
    await chat.goto();
    await chat.send('Please show code, a table and the average formula.');
    await chat.waitForAnswer();
    const url = page.url();
    // The page's HTML holds the answer rendered (code, table, math); any copy of its source in it
    // (the fallback React shows until a part sent late arrives) is hidden.
    const html = await (await page.request.get(url)).text();
    expect(html.includes('data-streamdown="code-block"'), 'the HTML holds the highlighted code block').toBe(true);
    expect(html.includes('class="katex"'), 'the HTML holds the typeset math').toBe(true);
    for (const [source] of html.matchAll(/<div class="[^"]*"[^>]*data-markdown-pending[^>]*>/g)) expect(source).toMatch(/class="[^"]*\binvisible\b/);

    // Opening it, from the first node the browser parses until the answer is highlighted, the
    // answer's source is never on screen.
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.addInitScript(() => {
      const seen = { source: false };
      (window as unknown as { __markdown: typeof seen }).__markdown = seen;
      const check = () => {
        for (const source of document.querySelectorAll('[data-testid=message-assistant] [data-markdown-pending]')) {
          if (getComputedStyle(source).visibility !== 'hidden') seen.source = true;
        }
      };
      new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.reload();
    await chat.ready();
    const code = chat.lastAssistant.locator('[data-streamdown="code-block-body"]');
    await expect.poll(() => code.locator('span span').evaluateAll((spans) => new Set(spans.map((el) => getComputedStyle(el).color)).size)).toBeGreaterThanOrEqual(3);
    await expect(chat.lastAssistant.locator('table th', { hasText: 'Term' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __markdown: { source: boolean } }).__markdown.source)).toBe(false);
    expect(problems).toEqual([]);
    // Hydrated: its copy button works.
    await chat.lastAssistant.locator('[data-streamdown="code-block-copy-button"]').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('export function countWords');
  });

  test('typing a question has the server read ahead for its send: once per question, again after each answer, never for a first-time visitor', async ({ chat, page }) => {
    const prepares: Array<{ url: string; status: number }> = [];
    page.on('response', (response) => {
      if (response.request().method() === 'POST' && /\/api\/chats\/[^/]+\/prepare$/.test(response.url())) prepares.push({ url: response.url(), status: response.status() });
    });
    // A first-time visitor has no session until the first send: nothing is asked for.
    await chat.goto();
    await chat.input.pressSequentially('What is a fern?');
    await chat.pressSend();
    await chat.waitForAnswer();
    expect(prepares).toEqual([]);
    const chatId = /\/c\/([0-9a-f-]{36})$/.exec(page.url())![1];
    // A follow-up: one request however many keys are typed.
    await chat.input.pressSequentially('And a moss?');
    await expect.poll(() => prepares.length).toBe(1);
    expect(prepares[0]).toEqual({ url: expect.stringContaining(`/api/chats/${chatId}/prepare`), status: 204 });
    await chat.pressSend();
    await chat.waitForAnswer();
    // A new chat, not created yet: read ahead with the id the server minted for it.
    await chat.goto();
    await chat.input.pressSequentially('Something new');
    await expect.poll(() => prepares.length).toBe(2);
    expect(prepares[1]!.status).toBe(204);
    expect(prepares[1]!.url).not.toContain(chatId);
    await chat.pressSend();
    await chat.waitForAnswer();
    await expect(page).toHaveURL(new RegExp(`/c/${/\/api\/chats\/([^/]+)\/prepare$/.exec(prepares[1]!.url)![1]}$`));
  });

  test('raw HTML in a message is shown as text and never runs', async ({ chat, page }) => {
    await chat.goto();
    const hostile = '<img src="x" onerror="window.__pwned = 1"> <script>window.__pwned = 2</script> <b>bold?</b>';
    await chat.send(hostile);
    await chat.waitForAnswer();
    // The offline model quotes the message back: the markup arrives in the model's Markdown.
    await expect(chat.lastAssistant.locator('blockquote')).toContainText('<img src="x" onerror="window.__pwned = 1">');
    await expect(chat.lastAssistant.locator('img, script')).toHaveCount(0);
    await expect(chat.lastAssistant.locator('b', { hasText: 'bold?' })).toHaveCount(0);
    await expect(chat.userMessages.first()).toContainText('<script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  test('copy, regenerate and edit-and-resend', async ({ chat, page }) => {
    await chat.goto();
    await chat.send('Tell me about lighthouses');
    await chat.waitForAnswer();
    const firstId = await chat.lastAssistant.getAttribute('data-message-id');

    await chat.userMessages.first().hover();
    await chat.userMessages.first().getByTestId('copy-message').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('Tell me about lighthouses');
    await chat.lastAssistant.getByTestId('copy-message').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain("I'm Flint's **offline demo model**");

    await chat.lastAssistant.getByTestId('regenerate').click();
    await expect(chat.lastAssistant).not.toHaveAttribute('data-message-id', firstId!);
    await chat.waitForAnswer();
    await expect(chat.assistantMessages).toHaveCount(1);

    await chat.userMessages.first().hover();
    await chat.userMessages.first().getByTestId('edit-message').click();
    await page.getByTestId('edit-input').fill('Tell me about windmills instead');
    await page.getByTestId('edit-submit').click();
    await expect(chat.userMessages).toHaveCount(1);
    await expect(chat.userMessages.first()).toContainText('windmills');
    await chat.waitForAnswer();
    await expect(chat.lastAssistant.locator('blockquote')).toContainText('Tell me about windmills instead');

    // What was saved is what is shown: one edited question, one answer to it.
    await page.reload();
    await chat.ready();
    await expect(chat.userMessages).toHaveCount(1);
    await expect(chat.userMessages.first()).toContainText('Tell me about windmills instead');
    await expect(chat.userMessages.first()).toContainText('Edited');
    await expect(chat.assistantMessages).toHaveCount(1);
    await expect(chat.lastAssistant.locator('blockquote')).toContainText('windmills');
  });

  test('Thinking mode answers with an agent board, and is remembered', async ({ chat, page }) => {
    await chat.goto();
    await chat.useThinking();
    await chat.send('Why is the sky blue?');
    await chat.waitForAnswer();
    // A simple question gets a single sub-agent; its reasoning and output stay on its card.
    await expect(chat.board.getByTestId('run-summary')).toHaveText(/^1 agent · \d+ s · [\d.]+k? tokens$/);
    await chat.expandBoard();
    const card = chat.agentCard(1);
    await expect(card).toHaveAttribute('data-status', 'done');
    await card.getByTestId('agent-expand').click();
    await expect(card.getByTestId('agent-output')).toContainText('Why is the sky blue?');
    await card.getByText('Reasoning').click();
    await expect(card.getByTestId('agent-output')).toContainText('I have no knowledge source');

    await page.reload();
    await chat.ready();
    await expect(page.getByTestId('mode-thinking')).toHaveAttribute('aria-checked', 'true');
    await expect(chat.board.getByTestId('run-summary')).toHaveText(/^1 agent · /);
    await page.getByTestId('mode-instant').click();
  });

  test('sidebar lists chats newest first with generated titles; new chat and reopening work', async ({ chat, page }) => {
    await chat.goto();
    await chat.send('Compare sourdough starters and commercial yeast');
    await chat.waitForAnswer();
    const firstUrl = page.url();
    await expect(chat.chatItems.first()).toHaveText('Compare sourdough starters commercial yeast');

    await chat.newChat();
    await expect(page).toHaveURL(/\/$/);
    await chat.send('Explain tidal power');
    await chat.waitForAnswer();
    await expect(chat.chatItems.first()).toHaveText('Tidal power');
    await expect(chat.chatItems.nth(1)).toHaveText('Compare sourdough starters commercial yeast');

    await chat.chatItems.nth(1).click();
    await expect(page).toHaveURL(firstUrl);
    await expect(chat.userMessages.first()).toContainText('Compare sourdough starters and commercial yeast');
    await expect(chat.lastAssistant).toHaveAttribute('data-status', 'done');
    await expect(page).toHaveTitle(/Compare sourdough starters commercial yeast/);
  });

  test('the model menu lists only the offline model here, with its capabilities and hint', async ({ chat, page }) => {
    await chat.goto();
    await expect(page.getByTestId('offline-hint')).toContainText('offline demo model');
    await page.getByTestId('model-picker').click();
    const options = page.getByTestId('model-option');
    await expect(options).toHaveCount(2);
    await expect(options.nth(0)).toHaveAttribute('data-model-id', 'auto');
    const offline = options.nth(1);
    await expect(offline).toHaveAttribute('data-model-id', 'offline:demo');
    await expect(offline).toContainText('Offline demo model');
    await expect(offline).toContainText('Set a provider key');
    await expect(offline.locator('[data-capability=vision]')).toBeVisible();
    await expect(offline.locator('[data-capability=reasoning]')).toBeVisible();
    await offline.click();
    await chat.send('hello');
    await chat.waitForAnswer();
    await expect(chat.lastAssistant.getByTestId('answered-by')).toHaveAttribute('data-model', 'offline:demo');
  });

  test('bad input: empty, too long, and unknown chats', async ({ chat, page }) => {
    await chat.goto();
    await expect(chat.sendButton).toBeDisabled();
    await chat.input.fill('   \n  ');
    await chat.input.press('Enter');
    await expect(chat.sendButton).toBeDisabled();
    await expect(chat.userMessages).toHaveCount(0);

    const long = 'a'.repeat(32_001);
    await chat.input.fill(long);
    await expect(page.getByTestId('composer-error')).toContainText('32,001 characters; the limit is 32,000');
    await expect(chat.sendButton).toBeDisabled();
    await chat.input.press('Enter');
    await expect(chat.userMessages).toHaveCount(0);
    // Nothing typed is lost: trimming the text makes it sendable again.
    await chat.input.fill(long.slice(0, 32_000));
    await expect(page.getByTestId('composer-error')).toHaveCount(0);
    await expect(chat.sendButton).toBeEnabled();

    const missing = await page.goto(`${chat.baseUrl}/c/00000000-0000-4000-8000-000000000000`);
    expect(missing?.status()).toBe(404);
    await expect(page.getByTestId('not-found')).toContainText("This chat doesn't exist");
    const malformed = await page.goto(`${chat.baseUrl}/c/..%2F..%2Fetc`);
    expect(malformed?.status()).toBe(404);
  });
});
