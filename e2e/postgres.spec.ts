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
    await chat.send('Remember the lighthouse at Cape Wrath');
    await chat.waitForAnswer();
    await expect(chat.chatItems.first()).toHaveText('Remember lighthouse Cape Wrath');
    const chatPath = page.url().replace(server.url, '');

    await server.stop();
    server = await startFlint({ port: server.port, env: { DATABASE_URL: url.toString() } });
    await chat.goto(chatPath);
    await expect(chat.userMessages.first()).toContainText('Remember the lighthouse at Cape Wrath');
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
  } finally {
    await server.stop();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }
});
