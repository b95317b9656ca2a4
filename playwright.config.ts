import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium/findChromium.ts';

// CHROME_PATH, a system Chromium, or Playwright's own; `npm run test:e2e` provisions one first
// (scripts/chromium/ensureChromium.ts).
const executablePath = findChromium()?.executablePath;
const PORT = Number(process.env.E2E_PORT ?? 4173);
// Another build to serve (e.g. a helper's own `vite build --outDir`), so parallel runs do not share dist/.
const DIST = process.env.E2E_DIST ? ` --outDir ${process.env.E2E_DIST}` : '';

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  // No retries: a flaky test is fixed, not retried.
  retries: 0,
  reporter: [['list']],
  globalSetup: './e2e/globalSetup.ts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    // The backend probe counts as done (see e2e/globalSetup.ts); per port, for parallel runs.
    storageState: `/tmp/vae-playground-e2e-probed-state-${PORT}.json`,
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      executablePath,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort${DIST}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
