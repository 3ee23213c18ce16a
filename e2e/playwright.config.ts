// Playwright e2e: Debian's Chromium against `fleetplan serve` (each test gets its own temp plan
// document, see support/fixtures.ts); Electron-only specs live in e2e/electron and skip, saying
// why, when no Electron binary is installed. Run with Node 22 first on PATH:
//   PATH=/work/main/node_modules/.bin:$PATH npx playwright test -c e2e/playwright.config.ts
import { defineConfig } from '@playwright/test';

export const CHROMIUM_PATH = process.env.FLEETPLAN_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: '.',
  // concurrent runs must not share (and wipe) each other's artifacts: override per run if needed
  outputDir: process.env.FLEETPLAN_E2E_OUT ?? '../test-results/e2e',
  globalSetup: './support/global-setup.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: 'list',
  // budgets for a busy 2-core machine: a whole flow (optimize, read the plan, TCO, what-if) ran past
  // 60 s there while every step was right; a bound only ends a stuck test, it measures nothing
  timeout: 180_000,
  expect: { timeout: 20_000 },
  use: {
    viewport: { width: 1400, height: 900 },
    actionTimeout: 10_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testMatch: /.*\.spec\.ts$/,
      testIgnore: /electron\//,
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
    {
      name: 'electron',
      testMatch: /electron\/.*\.electron\.spec\.ts$/,
    },
  ],
});
