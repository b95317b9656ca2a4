// Headless Chromium: Debian's /usr/bin/chromium where it exists (Playwright's download cannot
// work on our machines), Playwright's own Chromium everywhere else.

import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

// Without the networking flags Chromium keeps trying to reach the internet (chromium.md).
const ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export interface LaunchedBrowser {
  browser: Browser;
  /** The executable used, or "playwright" for Playwright's bundled Chromium. */
  executable: string;
  version: string;
}

export async function launchChromium(): Promise<LaunchedBrowser> {
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p));
  const browser = await chromium.launch({ executablePath: system, args: ARGS });
  return { browser, executable: system ?? 'playwright', version: browser.version() };
}
