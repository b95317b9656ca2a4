// The frame the bench, the soak and the startup bench share: build the app when asked (or when
// no build is there), serve it with `vite preview`, launch headless Chromium, hand both to the
// measurement, and close them again, also on Ctrl-C. The report is saved as JSON beside the build.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { launchChromium, type LaunchedBrowser } from './launchChromium';
import { buildSite, siteExists, startPreview, type Preview } from './previewSite';

/** always: build first; if-missing: build only when there is no build; never: use the last one or fail. */
export type BuildMode = 'always' | 'if-missing' | 'never';

export interface ChromiumFrame {
  /** The served app, ending in '/'. */
  url: string;
  browser: Browser;
  /** The executable used, or "playwright" for Playwright's bundled Chromium. */
  executable: string;
  version: string;
}

export interface FrameOutcome {
  /** How long the build took, ms; null when none ran. */
  buildMs: number | null;
  /** What stopped the frame or the measurement; null when it ran to the end. */
  error: unknown;
}

/** What the frame starts; the defaults are the real ones, tests pass their own. */
export interface FrameParts {
  buildSite(root: string, log: (s: string) => void): number;
  siteExists(root: string): boolean;
  startPreview(root: string): Promise<Preview>;
  launchChromium(): Promise<LaunchedBrowser>;
  onInterrupt(stop: () => void): () => void;
}

const REAL_PARTS: FrameParts = {
  buildSite,
  siteExists,
  startPreview: (root) => startPreview(root),
  launchChromium,
  onInterrupt(stop) {
    process.once('SIGINT', stop);
    return () => process.off('SIGINT', stop);
  },
};

/**
 * Runs `measure` against the built app in headless Chromium and cleans up after it. Never
 * throws: a failure of the build, the preview, the launch or `measure` comes back as `error`,
 * after the browser and the preview are closed. On Ctrl-C both are closed and the process
 * exits with 130.
 */
export async function runInChromium(
  opts: { root: string; build: BuildMode; log: (s: string) => void },
  measure: (frame: ChromiumFrame) => Promise<void>,
  parts: FrameParts = REAL_PARTS,
): Promise<FrameOutcome> {
  let preview: Preview | null = null;
  let launched: LaunchedBrowser | null = null;
  const cleanup = async () => {
    const browser = launched?.browser;
    launched = null;
    await browser?.close().catch(() => {});
    preview?.stop();
    preview = null;
  };
  const stopListening = parts.onInterrupt(() => void cleanup().then(() => process.exit(130)));
  const outcome: FrameOutcome = { buildMs: null, error: null };
  try {
    const exists = parts.siteExists(opts.root);
    if (opts.build === 'never' && !exists) throw new Error('--no-build, but there is no built site yet: run once without it');
    if (opts.build === 'always' || !exists) outcome.buildMs = parts.buildSite(opts.root, opts.log);
    preview = await parts.startPreview(opts.root);
    launched = await parts.launchChromium();
    await measure({ url: preview.url, browser: launched.browser, executable: launched.executable, version: launched.version });
  } catch (e) {
    outcome.error = e;
  } finally {
    await cleanup();
    stopListening();
  }
  return outcome;
}

/** An error's message (its first line with `firstLine`), or the thrown value as text. */
export function errorText(e: unknown, firstLine = false): string {
  const text = e instanceof Error ? e.message : String(e);
  return firstLine ? (text.split('\n')[0] ?? '') : text;
}

/** Writes `json` to bench-results/<prefix>-<startedAt>.json; returns that path relative to `root`. */
export function saveJsonReport(root: string, prefix: string, startedAt: string, json: string): string {
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  const file = join('bench-results', `${prefix}-${startedAt.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}.json`);
  writeFileSync(join(root, file), `${json}\n`);
  return file;
}
