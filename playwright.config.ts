import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT || 3123);
// A fresh data directory per run: tests never depend on what an earlier run left behind.
// Exported through the environment so that a journey can seed data "from an older version" into
// the store before the server loads it (the workers inherit the runner's environment).
const dataDir = process.env.E2E_DATA_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'cg-e2e-'));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // The production server as users run it (the build is made by `npm test` before this).
    command: 'NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 node --import tsx server/index.ts',
    url: `http://localhost:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    // The suite creates a workshop per test from one address, faster than a person would: the
    // per-address limits have their own tests (server/http/abuse.test.ts).
    // The join-code limit stays at its default: e2e/join-code.spec.ts types ten wrong codes (last).
    env: { PORT: String(port), DATA_DIR: dataDir, UNLOAD_GRACE_MS: '2000', CREATE_PER_MINUTE: '10000', IMPORT_PER_MINUTE: '10000', JOIN_CODE_MAX_WRONG: '10' },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
