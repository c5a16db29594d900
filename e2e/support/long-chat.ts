// A Flint server with a long chat of a guest's: start it, make the guest, stop it, write the chat
// into its data folder (seed-long-chat.ts), start it again. Used by the long-chat test and benchmark.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startFlint, tempDataDir, type FlintServer } from './flint-server';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface LongChat {
  flint: FlintServer;
  chatId: string;
  /** The guest's session cookies, for a browser context. */
  cookies: Array<{ name: string; value: string; url: string }>;
}

export async function startWithLongChat({ messages, env = {} }: { messages: number; env?: Record<string, string> }): Promise<LongChat> {
  const dataDir = tempDataDir('flint-long-chat');
  let flint = await startFlint({ env, dataDir });
  const signIn = await fetch(`${flint.url}/api/auth/sign-in/anonymous`, { method: 'POST', headers: { 'content-type': 'application/json', origin: flint.url }, body: '{}' });
  if (!signIn.ok) throw new Error(`guest sign-in failed: HTTP ${signIn.status}`);
  const pairs = signIn.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const session = (await (await fetch(`${flint.url}/api/auth/get-session`, { headers: { cookie: pairs.join('; ') } })).json()) as { user: { id: string } };
  await flint.stop();
  const chatId = crypto.randomUUID();
  await promisify(execFile)(process.execPath, ['--import', './bench/support/hooks.ts', path.join('e2e', 'support', 'seed-long-chat.ts'), dataDir, session.user.id, chatId, String(messages)], {
    cwd: root,
    env: { ...process.env, FLINT_DATA_DIR: dataDir, DATABASE_URL: '' },
  });
  flint = await startFlint({ env, dataDir });
  const cookies = pairs.map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), url: flint.url }));
  return { flint, chatId, cookies };
}
