import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Machines without Playwright's own browser download use the system Chromium.
const systemChromium = '/usr/bin/chromium';
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    }
  : {};

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // Each worker runs its own Flint server (e2e/fixtures.ts); the machine has two cores.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    ...devices['Desktop Chrome'],
    launchOptions,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    permissions: ['clipboard-read', 'clipboard-write'],
  },
});
