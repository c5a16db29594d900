// Thinking mode end to end, on a production build: the board appears with the plan, sub-agents run
// at the same time, a card can be cancelled or retried, stop ends the run on the server (upstream
// requests closed), and the finished board looks the same after a reload, a restart or a crash.
import { startFakeThinkingUpstream, type FakeThinkingUpstream } from './fake-upstream/thinking';
import { ChatPage, expect, test } from './fixtures';
import { startFlint, tempDataDir, type FlintServer } from './support/flint-server';

const COFFEE = 'Compare three ways to brew coffee: French press, pour-over and espresso.';

test.describe('Thinking on the offline model', () => {
  let slow: FlintServer;
  test.beforeAll(async () => {
    // Slow enough to watch: each sub-agent writes for several seconds.
    slow = await startFlint({ env: { FLINT_OFFLINE_TOKENS_PER_SECOND: '30' } });
  });
  test.afterAll(async () => slow?.stop());

  test('sub-agents run at the same time, the answer cites them, and the finished board survives a reload', async ({ page }) => {
    test.setTimeout(90_000);
    const chat = new ChatPage(page, slow.url);
    await chat.goto();
    await chat.useThinking();
    await chat.send(COFFEE);

    await expect(chat.board).toBeVisible();
    await expect(chat.board.getByTestId('plan-approach')).toContainText('Split the request into 3 parts');
    await expect(chat.agentCards).toHaveCount(3);
    await expect.poll(() => chat.board.locator('[data-testid=agent-card][data-status=running]').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await expect(chat.board.getByTestId('run-flow')).toHaveAttribute('data-phase', 'working');
    // Output streams into the cards while they run.
    const preview = chat.agentCard(1).getByTestId('agent-output');
    // Compared as text: past 320 characters the preview shows the newest ones, always as many.
    const before = await preview.innerText();
    await expect.poll(() => preview.innerText(), { timeout: 10_000 }).not.toBe(before);

    await chat.waitForStatus('done', chat.lastAssistant);
    // Done: the board folds into one line, and the answer is below it.
    const summary = chat.board.getByTestId('run-summary');
    await expect(summary).toHaveText(/^3 agents · \d+ s · [\d.]+k? tokens$/);
    await expect(summary).toHaveAttribute('aria-expanded', 'false');
    await expect(chat.agentCards).toHaveCount(0);
    await expect(chat.lastAssistant.getByRole('heading', { name: 'The parts' })).toBeVisible();

    // A citation opens the board at the card it came from.
    await chat.lastAssistant.getByTestId('citation').first().click();
    await expect(summary).toHaveAttribute('aria-expanded', 'true');
    const first = chat.agentCard(1);
    await expect(first).toBeInViewport();
    await expect(first).toHaveAttribute('data-status', 'done');
    await expect(first.getByTestId('agent-tokens')).toHaveText(/^\d[\d.]*k? tokens$/);

    const states = await chat.cardStates();
    expect(states).toEqual([
      ['French press', 'done'],
      ['Pour-over', 'done'],
      ['Espresso', 'done'],
    ]);
    const summaryText = await summary.innerText();
    const answer = await chat.renderedText(chat.lastAssistant.locator('.flint-prose').last());
    await first.getByTestId('agent-expand').click();
    await expect(first.getByTestId('agent-output')).toHaveAttribute('data-expanded');
    const firstOutput = await first.getByTestId('agent-output').innerText();
    expect(firstOutput).toContain('What the request says about it');

    await page.reload();
    await chat.ready();
    await expect(chat.lastAssistant).toHaveAttribute('data-status', 'done');
    await expect(chat.board.getByTestId('run-summary')).toHaveText(summaryText);
    await chat.expandBoard();
    // Opened at the bottom of the chat, the board stays where it was opened: the list does not
    // slide down to the end of the answer as the board grows.
    await page.waitForTimeout(800);
    await expect(chat.board.getByTestId('run-summary')).toBeInViewport();
    expect(await chat.cardStates()).toEqual(states);
    await chat.agentCard(1).getByTestId('agent-expand').click();
    await expect(chat.agentCard(1).getByTestId('agent-output')).toHaveAttribute('data-expanded');
    expect(await chat.agentCard(1).getByTestId('agent-output').innerText()).toBe(firstOutput);
    expect(await chat.renderedText(chat.lastAssistant.locator('.flint-prose').last())).toBe(answer);
  });

  test('a card can be cancelled or retried; the synthesis goes on and says what is missing', async ({ page }) => {
    test.setTimeout(90_000);
    const chat = new ChatPage(page, slow.url);
    await chat.goto();
    await chat.useThinking();
    await chat.send(COFFEE);
    await expect(chat.agentCard(3)).toHaveAttribute('data-status', 'running', { timeout: 15_000 });

    await chat.agentCard(3).getByTestId('agent-cancel').click();
    await expect(chat.agentCard(3)).toHaveAttribute('data-status', 'cancelled');
    await chat.agentCard(2).getByTestId('agent-retry').click();
    await expect(chat.agentCard(2)).toContainText('try 2');
    await expect(chat.agentCard(2)).toHaveAttribute('data-status', 'running');

    await chat.waitForStatus('done');
    await chat.expandBoard();
    expect(await chat.cardStates()).toEqual([
      ['French press', 'done'],
      ['Pour-over', 'done'],
      ['Espresso', 'cancelled'],
    ]);
    await expect(chat.lastAssistant.getByRole('heading', { name: 'Missing' })).toBeVisible();
    await expect(chat.lastAssistant).toContainText('Espresso 3 cancelled: this part is not covered.');
  });

  test('a greeting needs no fan-out: one direct answer, with its reasoning', async ({ chat, page }) => {
    await chat.goto();
    await chat.useThinking();
    await chat.send('Hi there');
    await chat.waitForAnswer();
    await expect(chat.board.getByTestId('run-summary')).toHaveText(/^Direct answer · \d+ s · \d+ tokens$/);
    await expect(chat.lastAssistant.getByTestId('reasoning').getByRole('button')).toHaveText(/Thought for \d+ s/);
    await chat.expandBoard();
    await expect(chat.agentCards).toHaveCount(0);
    await expect(chat.board.getByTestId('plan-approach')).toContainText('no fan-out needed');
    await page.getByTestId('mode-instant').click();
  });
});

test('memory works in Thinking mode: the answer saves what to remember, and later runs use it', async ({ chat }) => {
  await chat.goto();
  await chat.useThinking();
  await chat.send('Remember that I am vegetarian');
  await chat.waitForAnswer();
  await expect(chat.lastAssistant.getByTestId('memory-chip')).toHaveAttribute('data-state', 'saved');
  await expect(chat.board.getByTestId('run-summary')).toHaveText(/^Direct answer · /);

  await chat.newChat();
  await chat.send('Suggest a vegetarian dinner and a dessert');
  await chat.waitForAnswer();
  await expect(chat.lastAssistant.getByTestId('memories-used')).toContainText('Used 1 memory');
  await expect(chat.board.getByTestId('run-summary')).toHaveText(/^2 agents · /);
});

test.describe('Thinking against a provider', () => {
  let fake: FakeThinkingUpstream;
  let server: FlintServer;
  test.beforeAll(async () => {
    fake = await startFakeThinkingUpstream({ plan: 4, workerMs: 20_000 });
    server = await startFlint({ env: fake.roleEnv });
  });
  test.afterAll(async () => {
    await server?.stop();
    await fake?.close();
  });

  test('stop mid-run: every card ends in a final state and every upstream request is closed', async ({ page }) => {
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    await chat.useThinking();
    await chat.send('Look at four parts of the problem');
    await expect.poll(() => chat.board.locator('[data-testid=agent-card][data-status=running]').count(), { timeout: 15_000 }).toBe(4);
    await fake.waitFor(() => fake.requestsOf('worker').length === 4 && fake.inFlight === 4, 5000, 'four worker requests in flight');

    await chat.stopButton.click();
    await chat.waitForStatus('stopped');
    await fake.waitFor((f) => f.inFlight === 0, 5000, 'every upstream request to close');
    expect(fake.requestsOf('worker').every((r) => r.outcome === 'client-closed')).toBe(true);
    expect(fake.requestsOf('synth')).toHaveLength(0);

    const expected = [1, 2, 3, 4].map((i) => [`Part ${i}`, 'cancelled']);
    expect(await chat.cardStates()).toEqual(expected);
    await expect(chat.board).toHaveAttribute('data-phase', 'stopped');
    await expect(chat.board.getByTestId('run-summary')).toContainText('Stopped · 4 agents');

    await page.reload();
    await chat.ready();
    await chat.waitForStatus('stopped');
    await chat.expandBoard();
    expect(await chat.cardStates()).toEqual(expected);
  });
});

test('a run cut off by a crash shows as interrupted after the restart, never as running', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = tempDataDir('flint-thinking-crash');
  let server = await startFlint({ dataDir, env: { FLINT_OFFLINE_TOKENS_PER_SECOND: '20' } });
  try {
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    await chat.useThinking();
    await chat.send(COFFEE);
    await expect.poll(() => chat.board.locator('[data-testid=agent-card][data-status=running]').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    // Let a periodic save happen, then kill the process without any chance to clean up.
    await page.waitForTimeout(1500);
    const chatUrl = page.url().replace(server.url, '');
    await server.kill();

    server = await startFlint({ dataDir, port: server.port, env: { FLINT_OFFLINE_TOKENS_PER_SECOND: '20' } });
    await chat.goto(chatUrl);
    await expect(chat.lastAssistant).toHaveAttribute('data-status', 'interrupted');
    await expect(chat.board).toHaveAttribute('data-phase', 'interrupted');
    await chat.expandBoard();
    const states = await chat.cardStates();
    expect(states.map(([title]) => title)).toEqual(['French press', 'Pour-over', 'Espresso']);
    expect(states.every(([, status]) => status === 'interrupted' || status === 'done')).toBe(true);
    expect(states.some(([, status]) => status === 'interrupted')).toBe(true);
    // What streamed before the crash was saved with the cards.
    await expect(chat.agentCard(1).getByTestId('agent-output')).toContainText(/\w+/);
  } finally {
    await server.stop();
  }
});
