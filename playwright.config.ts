/**
 * End-to-end tests drive the real web build in Debian's Chromium (never a downloaded browser).
 * The Electron suite (tests/e2e-electron) skips itself when no Electron binary is present.
 */
import { defineConfig } from '@playwright/test';

// E2E_PORT lets several checkouts run their browser suites side by side on one machine.
const PORT = Number(process.env.E2E_PORT ?? 4319);
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
];

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'web', testMatch: 'e2e/**/*.spec.ts' },
    { name: 'electron', testMatch: 'e2e-electron/**/*.spec.ts' },
  ],
  webServer: {
    command: `node_modules/.bin/tsx scripts/serve-web.ts --port ${PORT} --dir dist-web`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
