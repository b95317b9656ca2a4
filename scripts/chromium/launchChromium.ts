// Headless Chromium for the bench, the soak and the startup bench: the same one the e2e tests use
// (CHROME_PATH, a system Chromium, else Playwright's own; scripts/chromium/findChromium.ts).

import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './findChromium';

export interface LaunchedBrowser {
  browser: Browser;
  /** The executable used, or "playwright" for Playwright's bundled Chromium. */
  executable: string;
  version: string;
}

export async function launchChromium(): Promise<LaunchedBrowser> {
  const found = findChromium();
  const browser = await chromium.launch({ executablePath: found?.executablePath, args: CHROMIUM_ARGS });
  return { browser, executable: found?.executablePath ?? 'playwright', version: browser.version() };
}
