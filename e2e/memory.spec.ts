// Memory in the browser over a few hundred steps (issue 20), on WASM and on WebGL: the JS heaps
// of the page and of both workers (after a forced GC, read through the DevTools protocol as the
// soak does: scripts/bench/heap.ts), the WASM memory outside the training worker's heap, and
// tf.memory() in the training worker (from its metrics messages).
//
// The bound, per heap: 2 MiB + 10 % of the size after warm-up, the soak's tolerance for its
// per-minute samples (scripts/soak/verdict.ts). Forced-GC heaps move by a few hundred kB between
// reads, and what grows by design over 300 steps (the loss history, a few numbers a step) is a
// few kB; so a heap leaking ≥ 7 kB a step fails. Smaller leaks per step are caught where they
// cost most, in tf.memory(): the tensor count is held to ± 2 (the soak's bound), so one tensor
// left undisposed per step shows as +300.
import { expect, test, type Page } from '@playwright/test';
import { HeapReader } from '../scripts/bench/heap';
import { collectErrors, pauseSettled, READY_MS, trainButton, waitReady } from './pageActions';
import { weightsNote } from './pageReaders';

const WARM_STEPS = 60;
/**
 * Steps measured per backend. WebGL runs on SwiftShader here, about 3 steps a second at batch 32,
 * so it measures 120 (a tensor left a step still shows as +120; the heaps catch ≥ 17 kB a step);
 * WASM measures 300 in a few seconds, with the finer heap bound.
 */
const STEPS = { wasm: 300, webgl: 120 } as const;
const MiB = 2 ** 20;

interface Reading {
  main: number;
  trainer: number;
  inference: number | null;
  wasm: number | null;
  numTensors: number;
  numBytes: number;
}

/** The last tf.memory() figures a training chunk reported. */
async function tfMemory(page: Page): Promise<{ numTensors: number; numBytes: number }> {
  const m = await page.evaluate(() => (window as unknown as { __tfMemory?: { numTensors: number; numBytes: number } }).__tfMemory ?? null);
  if (!m) throw new Error('no metrics message with tf.memory() figures');
  return m;
}

/** Heaps after a forced GC: the smaller of two reads, so a collection in between does not count. */
async function read(page: Page, heap: HeapReader): Promise<Reading> {
  const once = async () => {
    const [main, trainer, inference] = [await heap.main(), await heap.worker('training.worker'), await heap.worker('inference.worker')];
    if (!trainer) throw new Error('the training worker is not attached');
    return { main: main.usedBytes, trainer: trainer.usedBytes, inference: inference?.usedBytes ?? null, wasm: trainer.backingStorageBytes };
  };
  const [a, b] = [await once(), await once()];
  const min = (x: number | null, y: number | null) => (x === null || y === null ? null : Math.min(x, y));
  return { main: Math.min(a.main, b.main), trainer: Math.min(a.trainer, b.trainer), inference: min(a.inference, b.inference), wasm: min(a.wasm, b.wasm), ...(await tfMemory(page)) };
}

/** Trains `steps` more steps, pauses, and waits for the paused step's weights (the worker is idle). */
async function trainMore(page: Page, steps: number): Promise<number> {
  const status = page.getByTestId('status');
  const stepNow = async () => Number(/step ([\d,]+)/.exec((await status.textContent()) ?? '')?.[1].replaceAll(',', '') ?? NaN);
  const from = await stepNow();
  await trainButton(page).click();
  await expect.poll(stepNow, { timeout: 400_000, intervals: [1_000] }).toBeGreaterThanOrEqual(from + steps);
  const at = await pauseSettled(page);
  await expect(weightsNote(page, at)).toBeVisible({ timeout: READY_MS });
  return at;
}

const bound = (start: number) => 2 * MiB + 0.1 * start;

for (const backend of ['wasm', 'webgl'] as const) {
  test(`memory stays flat over ${STEPS[backend]} steps on ${backend}`, async ({ browser }, testInfo) => {
    test.setTimeout(600_000);
    const { baseURL, viewport } = testInfo.project.use;
    const page = await browser.newPage({ baseURL, viewport });
    const errors = collectErrors(page);
    await page.addInitScript(() => {
      const Base = window.Worker;
      window.Worker = class extends Base {
        constructor(url: string | URL, opts?: WorkerOptions) {
          super(url, opts);
          if (!String(url).includes('training')) return;
          this.addEventListener('message', (e: MessageEvent) => {
            const d = e.data as { type?: string; numTensors?: number; numBytes?: number; train?: { elbo: number[] } };
            if (d?.type === 'metrics' && d.train && d.train.elbo.length > 0 && d.numTensors !== undefined && d.numBytes !== undefined) {
              (window as unknown as { __tfMemory: object }).__tfMemory = { numTensors: d.numTensors, numBytes: d.numBytes };
            }
          });
        }
      };
    });
    const heap = await HeapReader.attach(page);
    // Small batches: the same work per step for the code under test, four times the steps a second.
    await page.goto(`./?backend=${backend}&seed=3&batch=32`);
    await waitReady(page);
    await expect(page.getByRole('combobox', { name: 'Backend' })).toHaveAttribute('data-backend', backend);

    // Warm-up: shader compiles, the first test pass and snapshots, the heaps' first growth.
    const warm = await trainMore(page, WARM_STEPS);
    const before = await read(page, heap);
    const step = await trainMore(page, STEPS[backend]);
    const after = await read(page, heap);
    await heap.detach();
    const mb = (b: number | null) => (b === null ? '–' : `${(b / MiB).toFixed(2)} MiB`);
    testInfo.annotations.push({
      type: 'memory',
      description: `${backend}, steps ${warm}→${step}: main ${mb(before.main)}→${mb(after.main)}, trainer ${mb(before.trainer)}→${mb(after.trainer)}, inference ${mb(before.inference)}→${mb(after.inference)}, outside the JS heap ${mb(before.wasm)}→${mb(after.wasm)}, tensors ${before.numTensors}→${after.numTensors}, tensor bytes ${mb(before.numBytes)}→${mb(after.numBytes)}`,
    });
    console.log(testInfo.annotations.at(-1)?.description);

    expect(after.main - before.main, 'page heap growth').toBeLessThan(bound(before.main));
    expect(after.trainer - before.trainer, 'training-worker heap growth').toBeLessThan(bound(before.trainer));
    if (before.inference !== null && after.inference !== null) {
      expect(after.inference - before.inference, 'inference-worker heap growth').toBeLessThan(bound(before.inference));
    }
    if (before.wasm !== null && after.wasm !== null) {
      expect(after.wasm - before.wasm, 'training-worker memory outside the JS heap').toBeLessThan(bound(before.wasm));
    }
    expect(Math.abs(after.numTensors - before.numTensors), 'tf.memory().numTensors').toBeLessThanOrEqual(2);
    expect(after.numBytes - before.numBytes, 'tf.memory().numBytes').toBeLessThan(MiB);
    expect(errors).toEqual([]);
    await page.close();
  });
}
