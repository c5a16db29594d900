// `npm run bench:first-token`: the latency Flint adds between pressing send and the first token on
// screen. A fake OpenAI-compatible upstream waits a known time before its first token; a real
// Chromium drives the production server (the last `next build`). Per message:
//
//   total      = first token painted − Enter pressed            (both in the page's clock)
//   upstream   = first token written − request received          (the fake's own wait, measured)
//   app-added  = total − upstream
//
// split into the request side (Enter → the upstream receives the request: the browser, the server
// action, auth, the database writes before the model call) and the response side (the first token
// leaves the upstream → it is painted: the provider SDK, the run, the action's stream, React). The
// page's clock (performance.timeOrigin + now) and the fake's (Date.now()) are the same machine's.
// Each round opens a new chat and sends two messages: the first creates the chat, the second is a
// follow-up. Prints a table and writes bench/results-first-token.json; asserts nothing.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/browser';
import { budgets } from './lib/budgets';
import { MARK, startFirstTokenServers, UPSTREAM_DELAY_MS } from './lib/first-token-servers';
import { percentile, round } from './lib/stats';
import { runInfo } from './lib/run-info';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WARMUP_ROUNDS = 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

interface Sample {
  kind: 'new chat' | 'follow-up';
  total: number;
  upstream: number;
  appAdded: number;
  requestSide: number;
  responseSide: number;
}

declare global {
  interface Window {
    __bench?: { sent?: number; painted?: number };
  }
}

const { upstream, flint } = await startFirstTokenServers();
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
// When a DOM change is on screen. A change made inside a frame's animation callbacks is painted at
// the end of that frame; a task queued from those callbacks runs right after that paint. A change
// made anywhere else is painted in the next frame. So every animation callback marks its frame, and
// `__afterPaint` runs its function in the task after the paint that shows the change.
await page.addInitScript(() => {
  let inFrame = false;
  const afterThisPaint: Array<() => void> = [];
  const raf = window.requestAnimationFrame.bind(window);
  const markFrame = () => {
    if (inFrame) return;
    inFrame = true;
    setTimeout(() => {
      inFrame = false;
      for (const run of afterThisPaint.splice(0)) run();
    });
  };
  window.requestAnimationFrame = (callback) => raf((time) => (markFrame(), callback(time)));
  (window as unknown as { __afterPaint(run: () => void): void }).__afterPaint = (run) => {
    if (inFrame) afterThisPaint.push(run);
    else raf(() => (markFrame(), afterThisPaint.push(run)));
  };
});

/** Sends `text` and measures it; the answer's first word is MARK. */
async function measure(page: Page, text: string, kind: Sample['kind']): Promise<Sample> {
  const input = page.getByTestId('chat-input');
  await input.fill(text);
  const answers = await page.getByTestId('message-assistant').count();
  await page.evaluate(
    ({ mark, answers }) => {
      const now = () => performance.timeOrigin + performance.now();
      const bench: NonNullable<Window['__bench']> = {};
      window.__bench = bench;
      document.querySelector('[data-testid=chat-input]')!.addEventListener('keydown', () => (bench.sent = now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        const answer = document.querySelectorAll('[data-testid=message-assistant]')[answers];
        if (!answer?.textContent?.includes(mark)) return;
        observer.disconnect();
        (window as unknown as { __afterPaint(run: () => void): void }).__afterPaint(() => (bench.painted = now()));
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    { mark: MARK, answers },
  );
  const before = upstream.chatRequests.length;
  await input.press('Enter');
  await page.waitForFunction(() => window.__bench?.painted !== undefined, undefined, { timeout: 30_000 });
  const { sent, painted } = (await page.evaluate(() => window.__bench))!;
  const request = upstream.chatRequests.slice(before).find((r) => r.model === 'bench-model');
  if (!request?.firstTokenAt || sent === undefined || painted === undefined) throw new Error('the answer was not measured');
  // Let the answer finish before the next message.
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=message-assistant]')[n]?.getAttribute('data-status') === 'done', answers, { timeout: 30_000 });
  const total = painted - sent;
  const upstreamWait = request.firstTokenAt - request.receivedAt;
  return {
    kind,
    total,
    upstream: upstreamWait,
    appAdded: total - upstreamWait,
    requestSide: request.receivedAt - sent,
    responseSide: painted - request.firstTokenAt,
  };
}

const samples: Sample[] = [];
try {
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    await page.goto(`${flint.url}/`);
    await page.locator('[data-testid=chat][data-hydrated]').waitFor();
    // As a person would: the page has finished loading before the message is typed.
    await page.waitForLoadState('networkidle');
    const first = await measure(page, `Question ${round}: how long until the first token?`, 'new chat');
    const second = await measure(page, `And a follow-up to question ${round}.`, 'follow-up');
    if (round >= WARMUP_ROUNDS) samples.push(first, second);
  }
} finally {
  await browser.close();
  await flint.stop();
  await upstream.close();
}

function summary(of: Sample[]) {
  const pick = (key: keyof Omit<Sample, 'kind'>) => of.map((s) => s[key]);
  return {
    count: of.length,
    appAddedP50: round(percentile(pick('appAdded'), 50)),
    appAddedP95: round(percentile(pick('appAdded'), 95)),
    requestSideP50: round(percentile(pick('requestSide'), 50)),
    responseSideP50: round(percentile(pick('responseSide'), 50)),
    totalP50: round(percentile(pick('total'), 50)),
    upstreamP50: round(percentile(pick('upstream'), 50)),
  };
}

const result = {
  ...runInfo(),
  upstreamDelayMs: UPSTREAM_DELAY_MS,
  rounds: ROUNDS,
  all: summary(samples),
  newChat: summary(samples.filter((s) => s.kind === 'new chat')),
  followUp: summary(samples.filter((s) => s.kind === 'follow-up')),
  budget: { p50: budgets.firstTokenP50Ms, p95: budgets.firstTokenP95Ms },
};
console.log(`\nApp-added latency to the first token (upstream waits ${UPSTREAM_DELAY_MS} ms; ${ROUNDS} rounds, ms)\n`);
console.table(Object.fromEntries((['all', 'newChat', 'followUp'] as const).map((k) => [k, result[k]])));
console.log(`Budget: p50 ≤ ${budgets.firstTokenP50Ms} ms, p95 ≤ ${budgets.firstTokenP95Ms} ms`);
await writeFile(path.join(root, 'bench', 'results-first-token.json'), `${JSON.stringify(result, null, 2)}\n`);
