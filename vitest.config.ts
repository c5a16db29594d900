import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@/': root,
      // Server modules import 'server-only' to keep them out of client bundles; tests are servers.
      'server-only': `${root}node_modules/server-only/empty.js`,
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'lib/**/*.test.tsx', 'app/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Tests never touch ./data: without a test database of their own they get an in-memory one.
    env: { FLINT_OLLAMA_PROBE: 'off', NEXT_TELEMETRY_DISABLED: '1', FLINT_DATA_DIR: 'memory://' },
  },
});
