// Starts a real Flint production server (`next start` on the last `next build`) on a free port with
// its own data folder and environment, so a test controls configuration, restarts and crashes.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

const PROVIDER_VARIABLES = [
  'DATABASE_URL',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_BASE_URL',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'GOOGLE_GENERATIVE_AI_API_KEY',
  'GOOGLE_GENERATIVE_AI_BASE_URL',
  'OPENAI_COMPATIBLE_BASE_URL',
  'OPENAI_COMPATIBLE_API_KEY',
  'OPENAI_COMPATIBLE_MODELS',
  'OLLAMA_BASE_URL',
];

export interface FlintServer {
  url: string;
  port: number;
  dataDir: string;
  env: Record<string, string>;
  /** The server process (benchmarks read its memory and CPU time). */
  pid: number;
  logs(): string;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** A crash: SIGKILL, no cleanup. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function tempDataDir(label = 'flint-e2e') {
  return mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

/** A new data folder: a copy of the test run's template when there is one (global-setup.ts). */
function newDataDir() {
  const dir = tempDataDir();
  const template = process.env.FLINT_E2E_DATA_TEMPLATE;
  if (template) cpSync(template, dir, { recursive: true });
  return dir;
}

export interface StartOptions {
  env?: Record<string, string>;
  dataDir?: string;
  port?: number;
}

export async function startFlint(options: StartOptions = {}): Promise<FlintServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? newDataDir();
  const base: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !PROVIDER_VARIABLES.includes(key) && !key.startsWith('FLINT_')) base[key] = value;
  }
  const env: Record<string, string> = {
    ...base,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    CHECKPOINT_DISABLE: '1',
    FLINT_DATA_DIR: dataDir,
    FLINT_OLLAMA_PROBE: 'off',
    FLINT_OFFLINE_TOKENS_PER_SECOND: '400',
    // Every test opens fresh browser contexts (new guests, new sign-ins) from one address; the
    // real limits are tested on servers of their own.
    FLINT_GUESTS_PER_MINUTE: '10000',
    FLINT_LOGIN_ATTEMPTS_PER_MINUTE: '10000',
    ...options.env,
  };
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Flint exited during startup:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Flint did not become healthy within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  return {
    url,
    port,
    dataDir,
    env,
    pid: child.pid!,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
