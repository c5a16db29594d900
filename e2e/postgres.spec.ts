// The same chat flow against a real PostgreSQL server (DATABASE_URL), including a restart.
// Runs when TEST_DATABASE_URL points at a server (.ci/run starts one); skipped otherwise.
import pg from 'pg';
import { ChatPage, expect, test } from './fixtures';
import { startFlint } from './support/flint-server';

const admin = process.env.TEST_DATABASE_URL;

test('chat on PostgreSQL: stream, title, restart, reopen', async ({ page }) => {
  test.skip(!admin, 'TEST_DATABASE_URL is not set');
  test.setTimeout(120_000);
  const name = `flint_e2e_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin!);
  url.pathname = `/${name}`;
  let server = await startFlint({ env: { DATABASE_URL: url.toString() } });
  try {
    expect(await (await fetch(`${server.url}/api/health`)).json()).toMatchObject({ ok: true, database: 'postgres' });
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    // (Not "Remember …": that asks the offline model to save a memory instead of answering.)
    await chat.send('Picture the lighthouse at Cape Wrath');
    await chat.waitForAnswer();
    await expect(chat.chatItems.first()).toHaveText('Picture lighthouse Cape Wrath');
    const chatPath = page.url().replace(server.url, '');

    await server.stop();
    server = await startFlint({ port: server.port, env: { DATABASE_URL: url.toString() } });
    await chat.goto(chatPath);
    await expect(chat.userMessages.first()).toContainText('Picture the lighthouse at Cape Wrath');
    await expect(chat.lastAssistant).toHaveAttribute('data-status', 'done');
    await expect(chat.lastAssistant.locator('blockquote')).toContainText('Cape Wrath');

    const rows = await client.query(`SELECT migration_name, finished_at FROM "${name}".public."_prisma_migrations"`).catch(async () => {
      const direct = new pg.Client({ connectionString: url.toString() });
      await direct.connect();
      const result = await direct.query('SELECT migration_name, finished_at FROM "_prisma_migrations"');
      await direct.end();
      return result;
    });
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(rows.rows.every((row) => row.finished_at)).toBe(true);

    // A long history loads page by page as the sidebar scrolls (seeded straight into the database).
    const direct = new pg.Client({ connectionString: url.toString() });
    await direct.connect();
    try {
      const token = (await page.context().cookies()).find((c) => c.name.includes('session_token'))!.value.split('.')[0];
      const { rows: sessions } = await direct.query('SELECT "userId" FROM "session" WHERE token = $1', [decodeURIComponent(token!)]);
      const userId = sessions[0].userId;
      await direct.query(
        `INSERT INTO "Chat" (id, "userId", title, "createdAt", "updatedAt")
         SELECT 'seeded-' || n, $1, 'Seeded chat ' || n, now() - (n || ' days')::interval, now() - (n || ' days')::interval
         FROM generate_series(1, 95) AS n`,
        [userId],
      );
    } finally {
      await direct.end();
    }
    await page.reload();
    await chat.ready();
    await expect(chat.chatItems).toHaveCount(40);
    await expect(page.locator('[data-testid=chat-group][data-group=Older]')).toBeVisible();
    const scrollToEnd = () => page.getByTestId('chat-list').evaluate((list) => list.scrollTo(0, list.scrollHeight));
    await scrollToEnd();
    await expect(chat.chatItems).toHaveCount(80);
    await expect
      .poll(async () => {
        await scrollToEnd();
        return chat.chatItems.count();
      })
      .toBe(96);
    await expect(page.getByTestId('chat-list-more')).toHaveCount(0);
    await expect(chat.chatItems.last()).toHaveText('Seeded chat 95');
  } finally {
    await server.stop();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }
});
