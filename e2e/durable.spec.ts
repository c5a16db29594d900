// Durable generations: an answer is a server-side job. Reloading, a second tab, closing every tab
// and switching chats never lose or duplicate text; stop works from any tab; and with two Flint
// instances on one PostgreSQL a browser on instance B follows and stops a run written by A.
import pg from 'pg';
import { ChatPage, expect, test } from './fixtures';
import { startFlint, type FlintServer } from './support/flint-server';

// Long enough to be mid-stream for several seconds at 40 tokens/s.
const QUESTION =
  'Please organise these notes about the garden: the roses need pruning in March, the pond pump is noisy, the apple tree had scab last year, the shed roof leaks at the back corner, and the compost heap is too wet after the rain.';

test.describe('a reload', () => {
  // Slow, so the answer is still being written after a reload on a busy machine.
  let slow: FlintServer;
  test.beforeAll(async () => {
    slow = await startFlint({ env: { FLINT_OFFLINE_TOKENS_PER_SECOND: '15' } });
  });
  test.afterAll(async () => slow?.stop());

  test('reloading mid-stream rejoins the answer: the final text equals what an uninterrupted reader gets', async ({ page, browser, flint }) => {
    test.setTimeout(120_000);
    // The reference: the same question answered without any reload, by the fast server of this
    // worker (the offline model's words do not depend on its pace), in a context of its own.
    const other = await browser.newContext();
    const uninterrupted = new ChatPage(await other.newPage(), flint.url);
    await uninterrupted.goto();
    await uninterrupted.send(QUESTION);
    const reference = await uninterrupted.waitForAnswer();
    await other.close();

    const chat = new ChatPage(page, slow.url);
    await chat.goto();
    await chat.send(QUESTION);
    await chat.waitForStatus('streaming');
    await expect(chat.lastAssistant).toContainText('What you asked');
    const chatUrl = page.url();
    await expect(chat.chatItems.first()).toHaveAttribute('data-generating', 'true');
    await page.reload();
    await chat.ready();
    await expect(page.getByTestId('chat')).toHaveAttribute('data-run-reattached');
    await expect(chat.lastAssistant).toHaveAttribute('data-status', 'streaming');
    await expect(chat.chatItems.first()).toHaveAttribute('data-generating', 'true');
    await expect(chat.lastAssistant).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    expect(await chat.renderedText()).toBe(reference);
    await expect(chat.assistantMessages).toHaveCount(1);
    await expect(chat.chatItems.first()).not.toHaveAttribute('data-generating');
    // And what was saved is the same text.
    await page.goto(chatUrl);
    await chat.ready();
    expect(await chat.renderedText()).toBe(reference);
  });
});

test.describe('one instance', () => {
  let server: FlintServer;
  test.beforeAll(async () => {
    server = await startFlint({ env: { FLINT_OFFLINE_TOKENS_PER_SECOND: '40' } });
  });
  test.afterAll(async () => server?.stop());

  test('a page that rejoins only after the answer ended shows the saved answer, not a cut-off copy', async ({ page, context }) => {
    test.setTimeout(90_000);
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    await chat.send(QUESTION);
    await chat.waitForStatus('streaming');
    await expect(chat.lastAssistant).toContainText('What you asked');
    const chatUrl = page.url();
    // The reloaded page is rendered with the partial answer; its requests (the rejoin among them)
    // are held until the answer has ended, as on a slow connection or a busy server.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(chatUrl, async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue().catch(() => {});
    });
    await page.reload();
    await chat.ready();
    const other = new ChatPage(await context.newPage(), server.url);
    await other.page.goto(chatUrl);
    await other.ready();
    await other.waitForStatus('done');
    const saved = await other.renderedText();
    release();
    await chat.waitForStatus('done');
    await expect(chat.lastAssistant.getByTestId('message-interrupted')).toHaveCount(0);
    expect(await chat.renderedText()).toBe(saved);
    await expect(chat.chatItems.first()).not.toHaveAttribute('data-generating');
    await other.page.close();
  });

  test('closing every tab does not stop the answer; it finishes and is saved', async ({ page, context }) => {
    test.setTimeout(90_000);
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    await chat.send(QUESTION);
    await chat.waitForStatus('streaming');
    const chatUrl = page.url();
    const partial = (await chat.lastAssistant.innerText()).length;
    await page.close();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const again = new ChatPage(await context.newPage(), server.url);
    await again.page.goto(chatUrl);
    await again.ready();
    await again.waitForStatus('done');
    expect((await again.lastAssistant.innerText()).length).toBeGreaterThan(partial);
    await expect(again.lastAssistant.getByTestId('message-interrupted')).toHaveCount(0);
  });

  test('switching to another chat and back rejoins the answer still being written', async ({ page }) => {
    test.setTimeout(90_000);
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    await chat.send(QUESTION);
    await chat.waitForStatus('streaming');
    const chatId = await page.getByTestId('chat').getAttribute('data-chat-id');
    await page.getByTestId('new-chat').first().click();
    await expect(page.getByTestId('chat')).not.toHaveAttribute('data-chat-id', chatId!);
    // The sidebar still marks it while it is written elsewhere.
    const item = page.locator(`[data-testid=chat-item][data-chat-id="${chatId}"]`);
    await expect(item).toHaveAttribute('data-generating', 'true');
    await item.click();
    await chat.ready();
    await expect(page.getByTestId('chat')).toHaveAttribute('data-chat-id', chatId!);
    await chat.waitForStatus('done');
    await expect(chat.assistantMessages).toHaveCount(1);
    await expect(item).not.toHaveAttribute('data-generating', { timeout: 10_000 });
  });
});

test.describe('a second tab', () => {
  // Slow, so the answer is still being written when a second tab has loaded on a busy machine.
  let server: FlintServer;
  test.beforeAll(async () => {
    server = await startFlint({ env: { FLINT_OFFLINE_TOKENS_PER_SECOND: '12' } });
  });
  test.afterAll(async () => server?.stop());

  test('a second tab follows the same answer and can stop it for both', async ({ page, context }) => {
    test.setTimeout(90_000);
    const first = new ChatPage(page, server.url);
    await first.goto();
    await first.send(QUESTION);
    await first.waitForStatus('streaming');
    const second = new ChatPage(await context.newPage(), server.url);
    await second.page.goto(page.url());
    await second.ready();
    await expect(second.page.getByTestId('chat')).toHaveAttribute('data-run-reattached');
    await expect(second.lastAssistant).toContainText('What you asked');
    await expect(second.chatItems.first()).toHaveAttribute('data-generating', 'true');
    await second.stopButton.click();
    await second.waitForStatus('stopped');
    await first.waitForStatus('stopped');
    // Both show exactly what was written until the stop, nothing more.
    const [a, b] = [await first.renderedText(), await second.renderedText()];
    expect(a).toBe(b);
    await expect(second.chatItems.first()).not.toHaveAttribute('data-generating', { timeout: 10_000 });
    await second.page.close();
  });
});

const admin = process.env.TEST_DATABASE_URL;

test('two instances on one PostgreSQL: a browser on B follows a run written by A and stops it', async ({ page, context }) => {
  test.skip(!admin, 'TEST_DATABASE_URL is not set');
  test.setTimeout(150_000);
  const name = `flint_e2e_runs_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin!);
  url.pathname = `/${name}`;
  // Slow enough (about two minutes for the whole answer) that it is still being written when instance
  // B has started cold, rendered the chat, rejoined it and stopped it, even on a busy machine.
  const env = { DATABASE_URL: url.toString(), FLINT_OFFLINE_TOKENS_PER_SECOND: '3' };
  // One after the other: the first applies the migrations and makes the shared session secret.
  const a = await startFlint({ env });
  const b = await startFlint({ env });
  try {
    const onA = new ChatPage(page, a.url);
    await onA.goto();
    await onA.send(QUESTION);
    await onA.waitForStatus('streaming');
    await expect(onA.lastAssistant).toContainText('What you asked');
    const chatPath = page.url().replace(a.url, '');

    // Same browser (cookies are per host, not per port), other instance.
    const onB = new ChatPage(await context.newPage(), b.url);
    await onB.page.goto(b.url + chatPath);
    await onB.ready();
    await expect(onB.page.getByTestId('chat')).toHaveAttribute('data-run-reattached');
    await expect(onB.chatItems.first()).toHaveAttribute('data-generating', 'true');
    await expect(onB.lastAssistant).toHaveAttribute('data-status', 'streaming');
    // B receives new text live from A's run.
    const seen = (await onB.lastAssistant.innerText()).length;
    await expect.poll(async () => (await onB.lastAssistant.innerText()).length, { timeout: 15_000 }).toBeGreaterThan(seen + 20);

    await onB.stopButton.click();
    await onB.waitForStatus('stopped');
    await onA.waitForStatus('stopped');
    const stoppedText = await onA.renderedText();
    expect(await onB.renderedText()).toBe(stoppedText);
    // The run on A really stopped: nothing more is written, and what was saved is what both show.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await onA.renderedText()).toBe(stoppedText);
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT r.status AS run, r."instanceId", m.status AS message FROM "Run" r JOIN "Message" m ON m.id = r.id ORDER BY r."createdAt" DESC LIMIT 1`);
      expect(rows[0]).toMatchObject({ run: 'stopped', message: 'stopped' });
    } finally {
      await db.end();
    }
    await onB.page.reload();
    await onB.ready();
    expect(await onB.renderedText()).toBe(stoppedText);
  } finally {
    await a.stop();
    await b.stop();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await client.end();
  }
});
