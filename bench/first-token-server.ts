// `npm run bench:first-token-server`: the server's own share of the latency to the first token,
// with no browser running beside it. The browser benchmark (first-token.ts) measures what a person
// sees, but its figure moves by several milliseconds from one run to the next, because the browser
// and the server share the machine's two cores. This one sends follow-ups from a plain Node client
// as the page does (ask for the chat to be prepared, wait, send) and times, per message:
//
//   request side   = the fake upstream has the model request − the client calls fetch()
//   response side  = the client has the first token − the upstream wrote it
//   server share   = request side + response side (the upstream's own wait left out)
//
// Both ends include the loopback and the Node client's own fetch (about 1.5 ms before the server
// sees the request). A browser is used only once, to open a guest session and create the chat.
// Prints a table and writes bench/results-first-token-server.json; asserts nothing.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/browser';
import { startFirstTokenServers, UPSTREAM_DELAY_MS } from './lib/first-token-servers';
import { percentile, round } from './lib/stats';
import { runInfo } from './lib/run-info';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WARMUP = 10;
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100);
/** As the page does: the chat is prepared while the question is typed, and sent a moment later. */
const TYPING_MS = 300;
const now = () => performance.timeOrigin + performance.now();

const { upstream, flint } = await startFirstTokenServers();

interface Sample {
  requestSide: number;
  responseSide: number;
  serverShare: number;
}
const samples: Sample[] = [];
try {
  // A guest session and a chat, made the way a person makes them.
  const browser = await chromium.launch(chromiumLaunchOptions);
  const page = await browser.newPage();
  await page.goto(`${flint.url}/`);
  await page.locator('[data-testid=chat][data-hydrated]').waitFor();
  await page.getByTestId('chat-input').fill('Hello');
  await page.getByTestId('chat-input').press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=message-assistant]')?.getAttribute('data-status') === 'done', undefined, { timeout: 30_000 });
  const chatId = await page.getByTestId('chat').getAttribute('data-chat-id');
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  await browser.close();
  const headers = { cookie, 'content-type': 'application/json', origin: flint.url };

  for (let i = 0; i < WARMUP + MESSAGES; i++) {
    await fetch(`${flint.url}/api/chats/${chatId}/prepare`, { method: 'POST', headers, body: '{}' }).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, TYPING_MS));
    const before = upstream.chatRequests.length;
    const sent = now();
    const response = await fetch(`${flint.url}/api/chats/${chatId}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ trigger: 'submit-message', chatId, mode: 'instant', message: { id: crypto.randomUUID(), text: `Follow-up ${i}`, attachments: [] } }),
    });
    if (!response.ok || !response.body) throw new Error(`the send was refused: ${response.status} ${await response.text()}`);
    // Read to the end (the answer is saved before the next message), noting the first token.
    const decoder = new TextDecoder();
    let text = '';
    let firstToken: number | undefined;
    for await (const bytes of response.body) {
      text += decoder.decode(bytes, { stream: true });
      if (firstToken === undefined && text.includes('"text-delta"')) firstToken = now();
    }
    const request = upstream.chatRequests.slice(before).find((r) => r.model === 'bench-model');
    if (!request?.firstTokenAt || firstToken === undefined) throw new Error('the answer was not measured');
    if (i < WARMUP) continue;
    const requestSide = request.receivedAt - sent;
    const responseSide = firstToken - request.firstTokenAt;
    samples.push({ requestSide, responseSide, serverShare: requestSide + responseSide });
  }
} finally {
  await flint.stop();
  await upstream.close();
}

const stats = (key: keyof Sample) => {
  const values = samples.map((s) => s[key]);
  return { p25: round(percentile(values, 25), 2), p50: round(percentile(values, 50), 2), p75: round(percentile(values, 75), 2), p95: round(percentile(values, 95), 2) };
};
const result = {
  ...runInfo(),
  upstreamDelayMs: UPSTREAM_DELAY_MS,
  messages: samples.length,
  serverShare: stats('serverShare'),
  requestSide: stats('requestSide'),
  responseSide: stats('responseSide'),
};
console.log(`\nThe server's share of the first-token latency, follow-ups from a Node client (${samples.length} messages, ms)\n`);
console.table({ 'server share': result.serverShare, 'request side': result.requestSide, 'response side': result.responseSide });
await writeFile(path.join(root, 'bench', 'results-first-token-server.json'), `${JSON.stringify(result, null, 2)}\n`);
