// How fast the page becomes usable: navigation → the pretrained map drawn (performance mark
// 'vae:first-map') and → the first decoded image painted ('vae:first-decode'), and the bytes on
// the wire before both, over fresh browser contexts (no cache). Prints JSON.
//   node --import tsx scripts/bench-startup.ts [--no-build] [--runs 5] [--path ./] [--timeout 30000]

import { parseArgs } from 'node:util';
import type { Browser } from '@playwright/test';
import { runInChromium } from './chromium/runInChromium';
import { medians, msAfter, summarizeRun, type Finished, type StartupRun } from './startupTimeline';

const MAP_MARK = 'vae:first-map';
const DECODE_MARK = 'vae:first-decode';
const log = (s: string) => process.stderr.write(`${s}\n`);

async function measureOnce(browser: Browser, url: string, timeoutMs: number): Promise<StartupRun & { errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // Playwright reports the workers' requests with the page's (DevTools' page target does not).
    const finished: Array<Promise<{ url: string; endEpochMs: number; bytes: number }>> = [];
    page.on('requestfinished', (r) => {
      const heard = Date.now();
      finished.push(
        r.sizes().then((s) => {
          const t = r.timing();
          // Without a recorded end (−1), when Playwright heard of it is the honest bound.
          const endEpochMs = t.responseEnd >= 0 ? t.startTime + t.responseEnd : heard;
          return { url: r.url(), endEpochMs, bytes: s.responseBodySize + s.responseHeadersSize };
        }),
      );
    });

    await page.goto(url, { waitUntil: 'commit' });
    const reached = await page
      .waitForFunction(
        ([a, b]) => performance.getEntriesByName(a).length > 0 && performance.getEntriesByName(b).length > 0,
        [MAP_MARK, DECODE_MARK],
        { timeout: timeoutMs, polling: 20 },
      )
      .then(() => true, () => false);
    const marks = await page.evaluate(
      ([a, b]) => ({
        origin: performance.timeOrigin,
        map: performance.getEntriesByName(a)[0]?.startTime ?? null,
        decode: performance.getEntriesByName(b)[0]?.startTime ?? null,
      }),
      [MAP_MARK, DECODE_MARK],
    );
    // Request events trail the page a little: let the ones from before the marks arrive.
    await page.waitForTimeout(300);
    const responses: Finished[] = (await Promise.all(finished)).map((r) => ({ url: r.url, endMs: msAfter(marks.origin, r.endEpochMs), bytes: r.bytes }));
    if (!reached) errors.push(`the marks did not both appear within ${timeoutMs} ms`);
    return { ...summarizeRun(marks.map, marks.decode, responses), errors };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'no-build': { type: 'boolean', default: false },
      runs: { type: 'string', default: '5' },
      path: { type: 'string', default: './' },
      timeout: { type: 'string', default: '30000' },
    },
  });
  const runs = Number(values.runs);
  const timeoutMs = Number(values.timeout);
  if (!Number.isInteger(runs) || runs < 1 || !(timeoutMs > 0)) throw new Error('--runs must be a positive integer and --timeout a positive number of ms');
  const { error } = await runInChromium({ root: process.cwd(), build: values['no-build'] ? 'never' : 'always', log }, async ({ url: base, browser, executable, version }) => {
    const url = new URL(values.path as string, base).href;
    const results: Array<StartupRun & { errors: string[] }> = [];
    for (let i = 0; i < runs; i++) {
      const r = await measureOnce(browser, url, timeoutMs);
      log(`run ${i + 1}: map ${r.firstMapMs} ms, decode ${r.firstDecodeMs} ms, ${r.bytesBeforeDraggable} bytes before${r.errors.length ? `; errors: ${r.errors.join(' | ')}` : ''}`);
      results.push(r);
    }
    const report = { url, browser: { executable, version }, runs: results, median: medians(results) };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (report.median.complete < runs) process.exitCode = 1;
  });
  if (error !== null) throw error;
}

main().catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
