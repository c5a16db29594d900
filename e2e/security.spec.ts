// The web security baseline: headers on every response, Secure cookies behind HTTPS, and no
// configured secret anywhere in what the browser downloads.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { startFakeAnthropic } from './fake-upstream/anthropic';
import { startFakeOpenAICompatible } from './fake-upstream/openai-compatible';
import { ChatPage, expect, test } from './fixtures';
import { startFlint } from './support/flint-server';

test('pages and API responses carry the security headers', async ({ flint }) => {
  const page = await fetch(`${flint.url}/`);
  const csp = page.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("object-src 'none'");
  expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(page.headers.get('strict-transport-security')).toBeNull();
  // A fresh nonce per request.
  const again = (await fetch(`${flint.url}/`)).headers.get('content-security-policy');
  expect(again).not.toBe(csp);

  const api = await fetch(`${flint.url}/api/health`);
  expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  expect(api.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

  // Behind a TLS-terminating proxy: HSTS, and the session cookie is Secure.
  const https = await fetch(`${flint.url}/`, { headers: { 'x-forwarded-proto': 'https' } });
  expect(https.headers.get('strict-transport-security')).toContain('max-age=');
  const guest = await fetch(`${flint.url}/api/auth/sign-in/anonymous`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', origin: flint.url },
    body: '{}',
  });
  expect(guest.status).toBe(200);
  const cookies = guest.headers.getSetCookie();
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) expect(cookie).toMatch(/;\s*Secure/i);
  for (const cookie of cookies) expect(cookie).toMatch(/;\s*HttpOnly/i);
});

test('the page scripts run under the nonce policy without violations', async ({ chat, page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await chat.goto();
  await chat.send('Show code and the average formula');
  await chat.waitForAnswer();
  await expect(chat.lastAssistant.locator('.katex').first()).toBeVisible();
  expect(violations).toEqual([]);
});

test('no configured secret reaches the browser', async ({ page }) => {
  const secrets = {
    ANTHROPIC_API_KEY: `sk-ant-sentinel-${Date.now()}`,
    OPENAI_COMPATIBLE_API_KEY: `sk-compat-sentinel-${Date.now()}`,
    BETTER_AUTH_SECRET: `auth-secret-sentinel-${Date.now()}-0123456789abcdef`,
  };
  const anthropic = await startFakeAnthropic({ apiKey: secrets.ANTHROPIC_API_KEY });
  const compatible = await startFakeOpenAICompatible({ apiKey: secrets.OPENAI_COMPATIBLE_API_KEY, models: ['local-model'] });
  const server = await startFlint({ env: { ...anthropic.env, ...compatible.env, ...secrets } });
  try {
    const downloaded: string[] = [];
    page.on('response', async (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (/javascript|html|json|text|x-component/.test(type)) downloaded.push(await response.text().catch(() => ''));
    });
    const chat = new ChatPage(page, server.url);
    await chat.goto();
    await page.getByTestId('model-picker').click();
    await page.keyboard.press('Escape');
    await chat.send('hello');
    await chat.waitForAnswer();
    await page.goto(`${server.url}/sign-in`);
    await page.goto(`${server.url}/sign-up`);

    // Everything the browser downloaded, and every client file the build produced.
    const staticDir = path.resolve('.next/static');
    const files = (await readdir(staticDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    for (const file of files) downloaded.push(await readFile(path.join(file.parentPath, file.name), 'utf8'));
    expect(downloaded.length).toBeGreaterThan(10);
    for (const [name, value] of Object.entries(secrets)) {
      expect(downloaded.some((body) => body.includes(value)), `${name} leaked to the browser`).toBe(false);
    }
  } finally {
    await server.stop();
    await anthropic.close();
    await compatible.close();
  }
});
