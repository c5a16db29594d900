// What the offline demo model builds when asked for an artifact: a small playable paddle game and a
// dashboard of the numbers found in the conversation (or clearly labelled sample data). Pure
// functions, like offline-answers.ts: templates filled in deterministically, never a pretence of
// design. Changes ("make the paddle faster", "as a line chart") edit the template's settings.
import { words } from './offline-answers';

export type OfflineArtifactKind = 'game' | 'dashboard';

export interface OfflineArtifact {
  title: string;
  kind: 'html';
  content: string;
}

/** An artifact the conversation already has, as listed in the model's instructions. */
export interface KnownArtifact {
  id: string;
  title: string;
  kind: string;
  version: number;
  content: string;
}

const GAME_WORDS = /\b(game|games|pong|breakout|arcade|playable)\b/i;
const DASHBOARD_WORDS = /\b(dashboard|dashboards|chart|charts|graph|graphs|plot|visuali[sz]e|visuali[sz]ation)\b/i;

/** Which artifact a message asks for, if any. */
export function requestedArtifact(text: string): OfflineArtifactKind | undefined {
  if (DASHBOARD_WORDS.test(text)) return 'dashboard';
  if (GAME_WORDS.test(text)) return 'game';
  return undefined;
}

/** Reads the `<artifact …>` blocks of the artifact instructions (lib/ai/prompts/artifacts.ts). */
export function knownArtifacts(system: string): KnownArtifact[] {
  const found: KnownArtifact[] = [];
  const pattern = /<artifact id="([^"]+)" title="([^"]*)" kind="([^"]+)" version="(\d+)">\n([\s\S]*?)\n<\/artifact>/g;
  for (const match of system.matchAll(pattern)) {
    found.push({ id: match[1]!, title: match[2]!, kind: match[3]!, version: Number(match[4]), content: match[5]! });
  }
  return found;
}

export function demoKindOf(content: string): OfflineArtifactKind | undefined {
  const match = /data-flint-demo="(game|dashboard)"/.exec(content);
  return match ? (match[1] as OfflineArtifactKind) : undefined;
}

// ── Data ────────────────────────────────────────────────────────────────────────────────────────

export interface Dataset {
  labels: string[];
  series: Array<{ name: string; values: number[] }>;
  /** Where the numbers came from, in words. */
  origin: string;
}

const NUMBER = /^[-+]?[$€£¥]?\s?\d[\d_']*(\.\d+)?\s?%?$/;

function toNumber(cell: string): number | undefined {
  const trimmed = cell.trim();
  if (!NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(/[$€£¥%_'\s]/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

function humanise(name: string) {
  const spaced = name.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function fromRows(header: string[] | undefined, rows: string[][], origin: string): Dataset | undefined {
  const width = Math.max(...rows.map((r) => r.length));
  const numericColumns: number[] = [];
  let labelColumn: number | undefined;
  for (let c = 0; c < width; c++) {
    const cells = rows.map((r) => r[c] ?? '');
    if (cells.every((cell) => toNumber(cell) !== undefined)) numericColumns.push(c);
    else labelColumn ??= c;
  }
  if (!numericColumns.length) return undefined;
  const labels = rows.map((r, i) => (labelColumn !== undefined ? (r[labelColumn] ?? '').trim() : `Row ${i + 1}`));
  const series = numericColumns.map((c, i) => ({
    name: humanise(header?.[c]?.trim() || (numericColumns.length === 1 ? 'Value' : `Series ${i + 1}`)),
    values: rows.map((r) => toNumber(r[c] ?? '') ?? 0),
  }));
  return { labels, series, origin };
}

function parseDelimited(text: string): Dataset | undefined {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  for (const delimiter of ['\t', ';', ',', '|']) {
    const table = lines.filter((l) => l.includes(delimiter)).map((l) => l.replace(/^\||\|$/g, '').split(delimiter).map((c) => c.trim()));
    const rows = table.filter((r) => !r.every((c) => /^:?-{2,}:?$/.test(c)));
    if (rows.length < 3) continue;
    const width = rows[0]!.length;
    if (width < 2 || !rows.every((r) => r.length === width)) continue;
    const headerLooksLikeNames = rows[0]!.some((c, i) => toNumber(c) === undefined && rows.slice(1).every((r) => toNumber(r[i] ?? '') !== undefined));
    const header = headerLooksLikeNames ? rows[0] : undefined;
    const body = headerLooksLikeNames ? rows.slice(1) : rows;
    const data = fromRows(header, body, `the ${body.length} rows you pasted`);
    if (data) return data;
  }
  return undefined;
}

function parseJson(text: string): Dataset | undefined {
  for (const start of ['[', '{']) {
    const from = text.indexOf(start);
    const to = text.lastIndexOf(start === '[' ? ']' : '}');
    if (from < 0 || to <= from) continue;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(from, to + 1));
    } catch {
      continue;
    }
    if (Array.isArray(value) && value.length >= 2 && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
      const records = value as Array<Record<string, unknown>>;
      const keys = Object.keys(records[0]!);
      const header = keys;
      const rows = records.map((record) => keys.map((key) => String(record[key] ?? '')));
      const data = fromRows(header, rows, `the ${rows.length} records of your JSON`);
      if (data) return data;
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => typeof v === 'number');
      if (entries.length >= 2) {
        return { labels: entries.map(([k]) => k), series: [{ name: 'Value', values: entries.map(([, v]) => v as number) }], origin: `the ${entries.length} values of your JSON` };
      }
    }
  }
  return undefined;
}

/** "Jan: 120, Feb: 150", or items that are only a label and a number ("Jan 120, Feb 150", one per line). */
function parsePairs(text: string): Dataset | undefined {
  const value = String.raw`([-+]?[$€£]?\d[\d_]*(?:\.\d+)?%?)`;
  const label = String.raw`(\p{L}[\p{L}\p{N} .'’&/()-]{0,40}?)`;
  const collect = (matches: Iterable<RegExpMatchArray>) =>
    [...matches].flatMap((match) => {
      const name = match[1]!.trim();
      const number = toNumber(match[2]!);
      return name && number !== undefined && words(name).length <= 5 ? [[name, number] as [string, number]] : [];
    });
  let pairs = collect(text.matchAll(new RegExp(`${label}\\s*[:=]\\s*${value}(?![\\d.])`, 'gu')));
  if (pairs.length < 2) {
    const whole = new RegExp(`^${label}\\s*(?:[-–—]\\s*)?${value}$`, 'u');
    pairs = collect(text.split(/[\n,;]/).map((item) => whole.exec(item.trim())).filter((m): m is RegExpExecArray => m !== null));
  }
  if (pairs.length < 2) return undefined;
  return { labels: pairs.map(([l]) => l), series: [{ name: 'Value', values: pairs.map(([, v]) => v) }], origin: `the ${pairs.length} numbers in your message` };
}

/** The numbers in the conversation: the latest message first, then earlier ones. */
export function findDataset(texts: string[]): Dataset | undefined {
  for (const text of texts) {
    const data = parseJson(text) ?? parseDelimited(text) ?? parsePairs(text);
    if (data) return { ...data, labels: data.labels.slice(0, 60), series: data.series.slice(0, 4).map((s) => ({ ...s, values: s.values.slice(0, 60) })) };
  }
  return undefined;
}

export const SAMPLE_DATA: Dataset = {
  labels: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'],
  series: [
    { name: 'Visitors', values: [1200, 1350, 1280, 1520, 1710, 1660] },
    { name: 'Sign-ups', values: [84, 97, 90, 121, 140, 133] },
  ],
  origin: 'sample data',
};

// ── Templates ───────────────────────────────────────────────────────────────────────────────────

function json(value: unknown) {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface GameSettings {
  paddleSpeed: number;
  paddleWidth: number;
  ballSpeed: number;
  ballSize: number;
  color: string;
}

export const DEFAULT_GAME_SETTINGS: GameSettings = { paddleSpeed: 520, paddleWidth: 110, ballSpeed: 320, ballSize: 10, color: '#f97316' };

export function gameArtifact(settings: GameSettings = DEFAULT_GAME_SETTINGS): OfflineArtifact {
  const content = `<!doctype html>
<html lang="en" data-flint-demo="game">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Paddle game</title>
<style>
  html, body { margin: 0; height: 100%; background: #1c1917; color: #fafaf9; font-family: system-ui, -apple-system, sans-serif; }
  #hud { position: fixed; top: 14px; left: 0; right: 0; text-align: center; pointer-events: none; user-select: none; }
  #score { font-size: 28px; font-weight: 700; letter-spacing: -0.02em; }
  #message { margin-top: 4px; font-size: 13px; opacity: 0.75; }
</style>
</head>
<body>
<div id="hud"><div id="score">0</div><div id="message">Press Space or tap to start · move with ← → or drag</div></div>
<script src="/api/artifacts/vendor/flint-game.js"></script>
<script>
// Settings to play with: ask for a change ("make the paddle faster") or edit them here.
const SETTINGS = {
  paddleSpeed: ${settings.paddleSpeed}, // pixels per second
  paddleWidth: ${settings.paddleWidth}, // pixels
  ballSpeed: ${settings.ballSpeed}, // pixels per second at the start
  ballSize: ${settings.ballSize}, // radius in pixels
  color: '${settings.color}',
};

const view = FlintGame.canvas({ background: '#1c1917' });
const ctx = view.ctx;
const scoreText = document.getElementById('score');
const messageText = document.getElementById('message');
let paddle, ball, score = 0, best = 0, playing = false;

function reset() {
  paddle = { x: view.width / 2 - SETTINGS.paddleWidth / 2, y: view.height - 44, w: SETTINGS.paddleWidth, h: 12 };
  const angle = FlintGame.random(-0.5, 0.5);
  ball = { x: view.width / 2, y: view.height / 3, vx: Math.sin(angle) * SETTINGS.ballSpeed, vy: Math.cos(angle) * SETTINGS.ballSpeed, r: SETTINGS.ballSize };
  score = 0;
  scoreText.textContent = '0';
}

function start() {
  if (playing) return;
  reset();
  playing = true;
  messageText.textContent = 'Best: ' + best;
}

window.addEventListener('keydown', (event) => { if (event.key === ' ' || event.key === 'Enter') start(); });
window.addEventListener('pointerdown', start);

function update(dt) {
  paddle.y = view.height - 44;
  if (FlintGame.keys.has('ArrowLeft') || FlintGame.keys.has('a')) paddle.x -= SETTINGS.paddleSpeed * dt;
  if (FlintGame.keys.has('ArrowRight') || FlintGame.keys.has('d')) paddle.x += SETTINGS.paddleSpeed * dt;
  if (FlintGame.pointer.moved) paddle.x += FlintGame.clamp(FlintGame.pointer.x - paddle.w / 2 - paddle.x, -SETTINGS.paddleSpeed * dt, SETTINGS.paddleSpeed * dt);
  paddle.x = FlintGame.clamp(paddle.x, 0, view.width - paddle.w);
  if (!playing) return;

  ball.x += ball.vx * dt;
  ball.y += ball.vy * dt;
  if (ball.x < ball.r) { ball.x = ball.r; ball.vx = Math.abs(ball.vx); }
  if (ball.x > view.width - ball.r) { ball.x = view.width - ball.r; ball.vx = -Math.abs(ball.vx); }
  if (ball.y < ball.r) { ball.y = ball.r; ball.vy = Math.abs(ball.vy); }

  const box = { x: ball.x - ball.r, y: ball.y - ball.r, w: ball.r * 2, h: ball.r * 2 };
  if (ball.vy > 0 && FlintGame.overlaps(box, paddle)) {
    // Where the ball lands on the paddle sets its angle; every hit is a little faster.
    const offset = (ball.x - (paddle.x + paddle.w / 2)) / (paddle.w / 2);
    const speed = Math.hypot(ball.vx, ball.vy) * 1.04;
    ball.vx = speed * Math.sin(offset * 1.05);
    ball.vy = -speed * Math.cos(offset * 1.05);
    ball.y = paddle.y - ball.r;
    score += 1;
    scoreText.textContent = String(score);
  }
  if (ball.y > view.height + ball.r) {
    playing = false;
    best = Math.max(best, score);
    messageText.textContent = 'Game over · best ' + best + ' · Space or tap to play again';
  }
}

function roundedRect(x, y, w, h, r) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
  ctx.fill();
}

function draw() {
  ctx.clearRect(0, 0, view.width, view.height);
  ctx.fillStyle = 'rgba(250, 250, 249, 0.06)';
  for (let y = 0; y < view.height; y += 28) ctx.fillRect(view.width / 2 - 1, y, 2, 14);
  ctx.fillStyle = SETTINGS.color;
  roundedRect(paddle.x, paddle.y, paddle.w, paddle.h, 6);
  if (playing) {
    ctx.fillStyle = '#fafaf9';
    ctx.beginPath();
    ctx.arc(ball.x, ball.y, ball.r, 0, Math.PI * 2);
    ctx.fill();
  }
}

reset();
FlintGame.loop((dt) => {
  update(dt);
  draw();
});
</script>
</body>
</html>
`;
  return { title: 'Paddle game', kind: 'html', content };
}

export type DashboardChart = 'bar' | 'line' | 'doughnut' | 'radar';

export function dashboardTitle(data: Dataset | undefined) {
  if (!data) return 'Sample dashboard';
  const name = data.series[0]!.name;
  return name === 'Value' ? 'Dashboard' : `${name} dashboard`;
}

export function dashboardArtifact(data: Dataset | undefined, chart: DashboardChart = 'bar'): OfflineArtifact {
  const sample = !data;
  const dataset = data ?? SAMPLE_DATA;
  const title = dashboardTitle(data);
  const source = sample
    ? 'Sample data: not real numbers. Paste your own (CSV, JSON or “label: number” lines) to chart them.'
    : `From ${dataset.origin}. Built by Flint’s offline demo model.`;
  const content = `<!doctype html>
<html lang="en" data-flint-demo="dashboard">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  :root { color-scheme: light dark; --bg: #faf8f5; --card: #ffffff; --fg: #1f1b16; --muted: #6b625a; --border: #e9e4dd; --accent: #ea580c; }
  @media (prefers-color-scheme: dark) { :root { --bg: #181614; --card: #211f1c; --fg: #f2eee9; --muted: #aaa198; --border: #34302b; --accent: #fb923c; } }
  * { box-sizing: border-box; }
  body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
  main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 40px; }
  h1 { margin: 0; font-size: 22px; letter-spacing: -0.01em; }
  .source { margin: 4px 0 20px; color: var(--muted); font-size: 13px; }
  .source.sample { display: inline-block; padding: 4px 10px; border-radius: 999px; background: color-mix(in srgb, var(--accent) 14%, transparent); color: var(--fg); }
  .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-bottom: 12px; }
  .card { background: var(--card); border: 1px solid var(--border); border-radius: 14px; padding: 14px 16px; }
  .kpi .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
  .kpi .value { font-size: 24px; font-weight: 650; margin-top: 2px; font-variant-numeric: tabular-nums; }
  .kpi .detail { color: var(--muted); font-size: 12px; }
  .chart { height: 320px; margin-bottom: 12px; }
  table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
  th, td { padding: 7px 10px; border-bottom: 1px solid var(--border); text-align: right; }
  th:first-child, td:first-child { text-align: left; }
  th { color: var(--muted); font-weight: 600; font-size: 12px; }
  tr:last-child td { border-bottom: 0; }
  .table { overflow-x: auto; }
</style>
</head>
<body>
<main>
  <h1>${escapeHtml(title)}</h1>
  <p class="source${sample ? ' sample' : ''}">${escapeHtml(source)}</p>
  <section class="kpis" id="kpis"></section>
  <section class="card chart"><canvas id="chart" aria-label="${escapeHtml(title)} chart" role="img"></canvas></section>
  <section class="card table"><table id="table"></table></section>
</main>
<script src="/api/artifacts/vendor/chart.js"></script>
<script>
// The data: ${sample ? 'SAMPLE values, not real numbers' : `taken from ${dataset.origin.replace(/\*\//g, '')}`}.
const DATA = ${json({ labels: dataset.labels, series: dataset.series })};
const CHART_TYPE = '${chart}';

const format = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const first = DATA.series[0];
const total = first.values.reduce((sum, v) => sum + v, 0);
const max = Math.max(...first.values);
const min = Math.min(...first.values);
const kpis = [
  { label: 'Total ' + first.name.toLowerCase(), value: format.format(total), detail: DATA.labels.length + ' entries' },
  { label: 'Average', value: format.format(total / first.values.length), detail: 'per entry' },
  { label: 'Highest', value: format.format(max), detail: DATA.labels[first.values.indexOf(max)] },
  { label: 'Lowest', value: format.format(min), detail: DATA.labels[first.values.indexOf(min)] },
];
document.getElementById('kpis').innerHTML = kpis
  .map((k) => '<div class="card kpi"><div class="label"></div><div class="value"></div><div class="detail"></div></div>')
  .join('');
document.querySelectorAll('.kpi').forEach((card, i) => {
  card.querySelector('.label').textContent = kpis[i].label;
  card.querySelector('.value').textContent = kpis[i].value;
  card.querySelector('.detail').textContent = kpis[i].detail;
});

const table = document.getElementById('table');
const head = table.createTHead().insertRow();
['', ...DATA.series.map((s) => s.name)].forEach((name) => { const th = document.createElement('th'); th.textContent = name; head.appendChild(th); });
const body = table.createTBody();
DATA.labels.forEach((label, i) => {
  const row = body.insertRow();
  row.insertCell().textContent = label;
  DATA.series.forEach((s) => { row.insertCell().textContent = format.format(s.values[i]); });
});

const styles = getComputedStyle(document.documentElement);
const colors = ['#ea580c', '#0ea5e9', '#a855f7', '#16a34a', '#e11d48', '#ca8a04'];
Chart.defaults.color = styles.getPropertyValue('--muted').trim();
Chart.defaults.borderColor = styles.getPropertyValue('--border').trim();
Chart.defaults.font.family = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const round = CHART_TYPE === 'doughnut';
// A series far smaller than the first (orders next to revenue) gets an axis of its own, drawn as a line.
const peak = (s) => Math.max(...s.values.map(Math.abs));
const ownAxis = (s, i) => i > 0 && !round && CHART_TYPE !== 'radar' && peak(s) * 5 < peak(first);
const twoAxes = DATA.series.some(ownAxis);
new Chart(document.getElementById('chart'), {
  type: CHART_TYPE,
  data: {
    labels: DATA.labels,
    datasets: (round ? [first] : DATA.series).map((s, i) => {
      const line = CHART_TYPE === 'line' || ownAxis(s, i);
      return {
        label: s.name,
        data: s.values,
        type: ownAxis(s, i) ? 'line' : undefined,
        // Named, or Chart.js puts every series on the only axis declared below.
        yAxisID: twoAxes ? (ownAxis(s, i) ? 'y1' : 'y') : undefined,
        backgroundColor: round ? DATA.labels.map((_, j) => colors[j % colors.length]) : colors[i % colors.length] + (line ? '33' : 'cc'),
        borderColor: round ? styles.getPropertyValue('--card').trim() : colors[i % colors.length],
        borderWidth: line || round ? 2 : 0,
        borderRadius: line ? 0 : 6,
        pointRadius: line ? 3 : undefined,
        fill: CHART_TYPE === 'line' && i === 0,
        tension: 0.3,
      };
    }),
  },
  options: {
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { display: round || DATA.series.length > 1, position: 'bottom' } },
    scales: twoAxes ? { y: { position: 'left', beginAtZero: true }, y1: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } } } : undefined,
  },
});
</script>
</body>
</html>
`;
  return { title, kind: 'html', content };
}

// ── Changes ─────────────────────────────────────────────────────────────────────────────────────

const CHANGE_WORDS =
  /\b(faster|quicker|slower|bigger|larger|wider|longer|smaller|narrower|shorter|harder|easier|colou?r|red|blue|green|purple|pink|yellow|teal|orange|white|line|bar|pie|doughnut|donut|radar|change|make it|turn it)\b/i;

/** Whether a message asks to change something rather than for something new. */
export function asksForChange(text: string) {
  return CHANGE_WORDS.test(text) && !/\b(new|another|second|different)\s+(game|dashboard|chart)\b/i.test(text);
}

const COLORS: Record<string, string> = {
  red: '#ef4444',
  blue: '#3b82f6',
  green: '#22c55e',
  purple: '#a855f7',
  pink: '#ec4899',
  yellow: '#eab308',
  teal: '#14b8a6',
  orange: '#f97316',
  white: '#fafaf9',
};

export function readGameSettings(content: string): GameSettings | undefined {
  const block = /const SETTINGS = \{([\s\S]*?)\};/.exec(content)?.[1];
  if (!block) return undefined;
  const number = (name: string) => Number(new RegExp(`${name}:\\s*([\\d.]+)`).exec(block)?.[1]);
  const color = /color:\s*'([^']+)'/.exec(block)?.[1];
  const settings = { paddleSpeed: number('paddleSpeed'), paddleWidth: number('paddleWidth'), ballSpeed: number('ballSpeed'), ballSize: number('ballSize'), color: color ?? '' };
  return Object.values(settings).every((v) => v !== '' && !Number.isNaN(v)) ? settings : undefined;
}

export interface Change {
  content: string;
  /** What changed, in words ("paddle speed 520 → 780 px/s"). */
  changes: string[];
}

function scaled(value: number, factor: number) {
  return Math.max(1, Math.round(value * factor));
}

/** A change to the demo game, or undefined when the request names nothing it can change. */
export function changeGame(content: string, request: string): Change | undefined {
  const before = readGameSettings(content);
  if (!before) return undefined;
  const text = request.toLowerCase();
  const after = { ...before };
  const changes: string[] = [];
  const ball = /\bball\b/.test(text);
  const paddle = /\bpaddle\b/.test(text) || !ball;
  const set = <K extends keyof GameSettings>(key: K, value: GameSettings[K], label: string, unit = '') => {
    if (after[key] === value) return;
    changes.push(`${label} ${after[key]}${unit} → ${value}${unit}`);
    after[key] = value;
  };
  if (/\b(faster|quicker|speed up)\b/.test(text)) {
    if (paddle) set('paddleSpeed', scaled(after.paddleSpeed, 1.5), 'paddle speed', ' px/s');
    if (ball) set('ballSpeed', scaled(after.ballSpeed, 1.5), 'ball speed', ' px/s');
  }
  if (/\b(slower|slow down)\b/.test(text)) {
    if (paddle) set('paddleSpeed', scaled(after.paddleSpeed, 1 / 1.5), 'paddle speed', ' px/s');
    if (ball) set('ballSpeed', scaled(after.ballSpeed, 1 / 1.5), 'ball speed', ' px/s');
  }
  if (/\b(bigger|larger|wider|longer)\b/.test(text)) {
    if (paddle) set('paddleWidth', scaled(after.paddleWidth, 1.4), 'paddle width', ' px');
    if (ball) set('ballSize', scaled(after.ballSize, 1.4), 'ball size', ' px');
  }
  if (/\b(smaller|narrower|shorter|tinier)\b/.test(text)) {
    if (paddle) set('paddleWidth', scaled(after.paddleWidth, 1 / 1.4), 'paddle width', ' px');
    if (ball) set('ballSize', scaled(after.ballSize, 1 / 1.4), 'ball size', ' px');
  }
  if (/\bharder\b/.test(text)) {
    set('ballSpeed', scaled(after.ballSpeed, 1.3), 'ball speed', ' px/s');
    set('paddleWidth', scaled(after.paddleWidth, 1 / 1.2), 'paddle width', ' px');
  }
  if (/\beasier\b/.test(text)) {
    set('ballSpeed', scaled(after.ballSpeed, 1 / 1.3), 'ball speed', ' px/s');
    set('paddleWidth', scaled(after.paddleWidth, 1.2), 'paddle width', ' px');
  }
  const color = Object.keys(COLORS).find((name) => new RegExp(`\\b${name}\\b`).test(text));
  if (color) set('color', COLORS[color]!, 'paddle colour');
  if (!changes.length) return undefined;
  return { content: gameArtifact(after).content, changes };
}

export function readDashboard(content: string): { data: Dataset; chart: DashboardChart; sample: boolean } | undefined {
  const data = /const DATA = (\{.*\});/.exec(content)?.[1];
  const chart = /const CHART_TYPE = '(\w+)';/.exec(content)?.[1] as DashboardChart | undefined;
  const origin = /\/\/ The data: taken from (.*)\.\n/.exec(content)?.[1];
  if (!data || !chart) return undefined;
  try {
    const parsed = JSON.parse(data) as Pick<Dataset, 'labels' | 'series'>;
    return { data: { ...parsed, origin: origin ?? 'sample data' }, chart, sample: !origin };
  } catch {
    return undefined;
  }
}

/** A change to the demo dashboard (its chart type), or undefined when there is nothing to change. */
export function changeDashboard(content: string, request: string): Change | undefined {
  const current = readDashboard(content);
  if (!current) return undefined;
  const text = request.toLowerCase();
  const chart: DashboardChart | undefined = /\bline\b/.test(text)
    ? 'line'
    : /\b(pie|doughnut|donut)\b/.test(text)
      ? 'doughnut'
      : /\bradar\b/.test(text)
        ? 'radar'
        : /\bbars?\b/.test(text)
          ? 'bar'
          : undefined;
  if (!chart || chart === current.chart) return undefined;
  return {
    content: dashboardArtifact(current.sample ? undefined : current.data, chart).content,
    changes: [`chart ${current.chart} → ${chart}`],
  };
}

/** The change a message asks of the artifacts the conversation has: the newest one it can apply to. */
export function changeFor(artifacts: KnownArtifact[], request: string): { artifact: KnownArtifact; change: Change } | undefined {
  const prefersDashboard = DASHBOARD_WORDS.test(request) || /\b(line|bar|pie|doughnut|donut|radar)\b/i.test(request);
  const ordered = [...artifacts].sort((a, b) => {
    const score = (x: KnownArtifact) => (demoKindOf(x.content) === (prefersDashboard ? 'dashboard' : 'game') ? 0 : 1);
    return score(a) - score(b);
  });
  for (const artifact of ordered) {
    const kind = demoKindOf(artifact.content);
    const change = kind === 'game' ? changeGame(artifact.content, request) : kind === 'dashboard' ? changeDashboard(artifact.content, request) : undefined;
    if (change) return { artifact, change };
  }
  return undefined;
}
