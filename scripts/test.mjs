#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest. Types and lint, unit and integration
// tests (Vitest), a production build, then end-to-end tests (Playwright) against that build.
// With TEST_DATABASE_URL (a PostgreSQL server), database tests and one end-to-end chat flow also
// run against PostgreSQL; .ci/run starts one.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' };
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const steps = [
  ['Types', bin('tsc'), ['--noEmit', '-p', '.']],
  ['Lint', bin('eslint'), ['.', '--max-warnings=0']],
  ['Unit and integration tests', bin('vitest'), ['run']],
  ['Production build', process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build']],
  ['End-to-end tests', bin('playwright'), ['test']],
];

const only = process.argv.slice(2);
for (const [name, command, args] of steps) {
  if (only.length && !only.some((o) => name.toLowerCase().includes(o.toLowerCase()))) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}
