// The training worker's per-step figures as the page receives them: an init script wraps
// window.Worker and keeps every chunk's train series (ELBO, reconstruction, KL per step), so a
// spec can compare runs step by step without reading them off the chart, and the step of each
// weights message (what the page's decoder gets).

import type { Browser, Page, TestInfo } from '@playwright/test';
import { collectErrors, waitReady } from './pageActions';

export interface StepSeries {
  elbo: number[];
  recon: number[];
  kl: number[];
}

interface Chunk extends StepSeries {
  model: string;
  step: number;
}

/** Call before the page loads: records the metrics messages of every training worker it starts. */
export async function tapTraining(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const chunks: Chunk[] = [];
    const weights: Array<{ model: string; step: number }> = [];
    Object.assign(window, { __trainChunks: chunks, __trainWeights: weights });
    const Base = window.Worker;
    window.Worker = class extends Base {
      constructor(url: string | URL, opts?: WorkerOptions) {
        super(url, opts);
        if (!String(url).includes('training')) return;
        this.addEventListener('message', (e: MessageEvent) => {
          const d = e.data as { type?: string; step?: number; model?: string; train?: StepSeries };
          if (d?.type === 'weights') weights.push({ model: d.model ?? 'a', step: d.step ?? -1 });
          if (d?.type !== 'metrics' || !d.train || d.train.elbo.length === 0) return;
          chunks.push({ model: d.model ?? 'a', step: d.step ?? -1, elbo: [...d.train.elbo], recon: [...d.train.recon], kl: [...d.train.kl] });
        });
      }
    };
  });
}

/** Every step trained so far by the model in slot `a` (the one shown) or `b` (Compare's second), in order. */
export async function trainedSteps(page: Page, model: 'a' | 'b' = 'a'): Promise<StepSeries & { lastStep: number }> {
  const chunks = await page.evaluate(() => (window as unknown as { __trainChunks: Chunk[] }).__trainChunks.slice());
  const out = { elbo: [] as number[], recon: [] as number[], kl: [] as number[], lastStep: -1 };
  for (const c of chunks.filter((c) => c.model === model)) {
    out.elbo.push(...c.elbo);
    out.recon.push(...c.recon);
    out.kl.push(...c.kl);
    out.lastStep = c.step;
  }
  return out;
}

/** Steps of the weights the training worker has sent for the model in slot `a` or `b` (each snapshot ends with them). */
export async function weightsSteps(page: Page, model: 'a' | 'b' = 'a'): Promise<number[]> {
  const sent = await page.evaluate(() => (window as unknown as { __trainWeights: Array<{ model: string; step: number }> }).__trainWeights.slice());
  return sent.filter((w) => w.model === model).map((w) => w.step);
}

/** Mean of the last `n` values (or all, when fewer). */
export function tailMean(xs: number[], n: number): number {
  const tail = xs.slice(-n);
  return tail.reduce((a, b) => a + b, 0) / Math.max(tail.length, 1);
}

/** A new page on the project's base URL and viewport, its training worker tapped, dialogs accepted, ready to train. */
export async function openTapped(
  browser: Browser,
  testInfo: TestInfo,
  link: string,
  options: { acceptDownloads?: boolean } = {},
): Promise<{ page: Page; errors: string[] }> {
  const { baseURL, viewport } = testInfo.project.use;
  const page = await browser.newPage({ baseURL, viewport, ...options });
  const errors = collectErrors(page);
  page.on('dialog', (d) => void d.accept());
  await tapTraining(page);
  await page.goto(link);
  await waitReady(page);
  return { page, errors };
}
