// `npm run bench:thinking`: Vitest only as the TypeScript runner (it knows the `@/` alias and
// `server-only`); the benchmark prints a table and asserts nothing about time.
import { defineConfig } from 'vitest/config';
import base from '../vitest.config';

export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['bench/**/*.bench-run.ts'],
    environment: 'node',
    testTimeout: 600_000,
    disableConsoleIntercept: true,
    reporters: ['dot'],
    env: { FLINT_OLLAMA_PROBE: 'off', NEXT_TELEMETRY_DISABLED: '1' },
  },
});
