// Which Chromium the e2e tests, the bench and the soak drive, in the one order the README gives:
// CHROME_PATH, then a system Chromium (Debian's /usr/bin/chromium, Ubuntu's chromium-browser),
// then Playwright's own download. `ensureChromium.ts` provisions one when none is found.

import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export interface FoundChromium {
  /** The executable to launch; undefined means Playwright's own (it knows its path). */
  executablePath: string | undefined;
  /** Where it came from, for messages and reports. */
  source: 'CHROME_PATH' | 'system' | 'playwright';
  path: string;
}

/** Playwright's own Chromium when it has been downloaded (`playwright install chromium`). */
function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): FoundChromium | undefined {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv && exists(fromEnv)) return { executablePath: fromEnv, source: 'CHROME_PATH', path: fromEnv };
  const system = SYSTEM_CHROMIUM.find((p) => exists(p));
  if (system) return { executablePath: system, source: 'system', path: system };
  const own = playwrightChromium();
  if (own) return { executablePath: undefined, source: 'playwright', path: own };
  return undefined;
}

// Without the networking flags Chromium keeps trying to reach the internet (chromium.md).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
