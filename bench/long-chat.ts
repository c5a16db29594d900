// `npm run bench:long-chat`: a chat with 1,000 stored messages (mixed Markdown: headings, lists,
// tables, code, math) in a real Chromium against the production server (the last `next build`).
//
//   open      navigation start → the last message is on screen, rendered as Markdown, with its
//             copy button hydrated (measured in the page, from performance.timeOrigin)
//   settle    the longest main-thread task in the 3 s after the chat opened (the renderers, code
//             highlighting and the chat engine arrive then)
//   stream    while a 2,000-token answer streams at the end of that chat (a fake upstream, 200
//             tokens/s), on the settled page (a reader looks before typing): the longest
//             main-thread task, from the browser's Long Tasks API
//
// The messages are written by Flint's own lib/db into the server's data folder while it is stopped
// (for a guest the server created; e2e/support/long-chat.ts), so the chat is exactly what a long
// conversation leaves behind (e2e/support/long-chat-content.ts).
// Prints a table and writes bench/results-long-chat.json; asserts nothing.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startFakeOpenAICompatible } from '../e2e/fake-upstream/openai-compatible';
import { chromiumLaunchOptions } from '../e2e/support/browser';
import { conversationWriter } from '../e2e/support/long-chat-content';
import { startWithLongChat } from '../e2e/support/long-chat';
import { budgets } from './lib/budgets';
import { median, round } from './lib/stats';
import { runInfo } from './lib/run-info';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1000);
const ANSWER_TOKENS = 2000;
const TOKENS_PER_SECOND = 200;
const OPENS = 5;

const upstream = await startFakeOpenAICompatible({ models: ['long-model', 'title-model'] });
const answer = conversationWriter(7).longAnswer(ANSWER_TOKENS);
upstream.setScript((request) =>
  request.model === 'title-model' ? { text: 'Long chat' } : { text: answer, chunks: ANSWER_TOKENS, chunkDelayMs: 1000 / TOKENS_PER_SECOND },
);
const env = {
  ...upstream.env,
  OPENAI_COMPATIBLE_MODELS: 'long-model,title-model',
  FLINT_INSTANT_MODEL: 'openai-compatible:long-model',
  FLINT_TITLE_MODEL: 'openai-compatible:title-model',
  FLINT_GUEST_MESSAGES_PER_DAY: '100000',
};
const seedStarted = performance.now();
const { flint, chatId, cookies } = await startWithLongChat({ messages: MESSAGES, env });
const seedSeconds = (performance.now() - seedStarted) / 1000;

// ── Measure ─────────────────────────────────────────────────────────────────────────────────────
const browser = await chromium.launch(chromiumLaunchOptions);
const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
await context.addCookies(cookies);

declare global {
  interface Window {
    __openedAt?: number;
    __longTasks?: number[];
    __settleTasks?: Array<{ start: number; duration: number }>;
  }
}

// From the first script on: the moment the last message is shown rendered and hydrated.
await context.addInitScript(() => {
  const check = () => {
    const messages = document.querySelectorAll('[data-testid=message-assistant]');
    const last = messages[messages.length - 1];
    const hydrated = document.querySelector('[data-testid=chat][data-hydrated]');
    const rect = last?.getBoundingClientRect();
    const onScreen = rect && rect.bottom > 0 && rect.top < window.innerHeight;
    const rendered = last?.querySelector('[data-streamdown]') && last.querySelector('[data-testid=copy-message]');
    if (hydrated && onScreen && rendered) window.__openedAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
});

let result: Record<string, unknown>;
try {
  const url = `${flint.url}/c/${chatId}`;
  const opens: number[] = [];
  for (let i = 0; i < OPENS + 1; i++) {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__openedAt !== undefined, undefined, { timeout: 60_000 });
    if (i > 0) opens.push(await page.evaluate(() => window.__openedAt!)); // the first open warms the server
    await page.close();
  }
  const rendered = await (async () => {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__openedAt !== undefined);
    const counts = await page.evaluate(() => ({ inDom: document.querySelectorAll('[data-testid^=message-]').length, nodes: document.getElementsByTagName('*').length }));
    await page.close();
    return counts;
  })();

  // What happens right after opening, then a long answer streamed at the end of the settled page.
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__settleTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__settleTasks!.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__openedAt !== undefined);
  await page.waitForTimeout(3000);
  await page.waitForLoadState('networkidle');
  const settleTasks = await page.evaluate(() => window.__settleTasks!.filter((t) => t.start >= window.__openedAt! && t.start < window.__openedAt! + 3000).map((t) => t.duration));
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks!.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.getByTestId('chat-input').fill('One more long answer, please.');
  const streamStarted = Date.now();
  await page.getByTestId('chat-input').press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=message-assistant]')[document.querySelectorAll('[data-testid=message-assistant]').length - 1]?.getAttribute('data-status') === 'done' && Date.now() > n, streamStarted + 2000, { timeout: 120_000, polling: 250 });
  const streamSeconds = (Date.now() - streamStarted) / 1000;
  const longTasks = await page.evaluate(() => window.__longTasks!);
  result = {
    ...runInfo(),
    messages: MESSAGES,
    setupSeconds: round(seedSeconds),
    openMsMedian: round(median(opens)),
    openMsRuns: opens.map((n) => round(n)),
    messageElementsInDom: rendered.inDom,
    domNodes: rendered.nodes,
    answerTokens: ANSWER_TOKENS,
    streamSeconds: round(streamSeconds),
    settleLongestTaskMs: round(settleTasks.length ? Math.max(...settleTasks) : 0),
    settleLongTasks: settleTasks.length,
    longTasks: longTasks.length,
    longestTaskMs: round(longTasks.length ? Math.max(...longTasks) : 0),
    budget: { openMs: budgets.longChatOpenMs, longestTaskMs: budgets.longChatLongestTaskMs },
  };
  await page.close();
} finally {
  await browser.close();
  await flint.stop();
  await upstream.close();
}

console.log(`\nA chat of ${MESSAGES} messages\n`);
console.table(result);
await writeFile(path.join(root, 'bench', 'results-long-chat.json'), `${JSON.stringify(result, null, 2)}\n`);
