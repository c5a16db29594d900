#!/usr/bin/env node
// `npm start`: builds Flint when there is no production build (or the sources changed since),
// then serves it on PORT (default 3000). No configuration needed.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`Flint needs Node.js 22 or newer (24 LTS recommended); this is ${process.version}.`);
  process.exit(1);
}

const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' };
const buildId = path.join(root, '.next', 'BUILD_ID');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'generated') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = ['app', 'components', 'lib', 'prisma', 'public'].map((d) => path.join(root, d)).filter(existsSync);
const sourcesChanged = () => Math.max(...sources.map(newestSource), statSync(path.join(root, 'package.json')).mtimeMs) > statSync(buildId).mtimeMs;

if (!existsSync(buildId) || sourcesChanged()) {
  console.log('Building Flint (first start or changed sources; this takes about a minute)…');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], { cwd: root, env, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? '3000';
const child = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', port], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
