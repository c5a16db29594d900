// How Flint's tests and benchmarks start Chromium: the system's (Debian's /usr/bin/chromium) where it
// exists, for machines that cannot download Playwright's own browser, with the flags that keep it
// off the network; otherwise Playwright's own browser.
import { existsSync } from 'node:fs';

const systemChromium = '/usr/bin/chromium';

export const chromiumLaunchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    }
  : {};
