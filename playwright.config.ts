import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in a real Chromium against the real app and backend.
 *
 * The browser is the one at PLAYWRIGHT_CHROMIUM_PATH (scripts/test-all.mjs
 * sets it to the system's Chromium); without it, Playwright's own Chromium,
 * which `npx playwright install chromium` downloads.
 */
const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH || undefined;

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: 'e2e-test-report/results.json' }],
    ['html', { open: 'never', outputFolder: 'e2e-test-report/html' }],
  ],
  outputDir: 'e2e-test-report/artifacts',
  // Starts app (3000) and backend (7007) unless they already run.
  webServer: {
    command: 'npm start',
    url: 'http://localhost:3000',
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
    stdout: 'ignore',
    stderr: 'pipe',
    // Report runs write at most 20 rows a second here only (the dev demo
    // has no cap), so the demo's report runs for some seconds and
    // reports.test.ts sees its progress across several polls.
    env: { APP_CONFIG_enterpriseConsole_reports_worker_maxRowsPerSecond: '20' },
  },
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath,
          // No network beyond localhost here: keep Chromium from calling home.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
