// Faults injected on purpose through the test/debug hook (window.__vaeDebug, src/client/debugHook.ts):
// a NaN step, a crashed training worker, a hung one, a lost WebGL context. Each time the page
// must say what happened, training must go on past the restored step, and the image decoded for
// a fixed z from the weights after recovery must equal the one decoded from the same snapshot
// before the fault (bit for bit: the same weights came back, not new or rounded ones).
import { expect, test, type Page } from '@playwright/test';
import { statusStep } from './pageReaders';

const READY_MS = 120_000;
/** A latent point away from the origin, where a fresh and a trained decoder differ most. */
const Z = [0.7, -1.1];

/** From scratch (a setting of its own, so not the pretrained model). */
const link = (backend: 'wasm' | 'webgl') => `./?seed=2&backend=${backend}`;

interface DecodedAt {
  step: number;
  hash: string;
  at: number;
}

async function start(page: Page, backend: 'wasm' | 'webgl'): Promise<void> {
  await page.goto(link(backend));
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: READY_MS });
  await page.evaluate((z) => window.__vaeDebug?.watchDecodes(z), Z);
}

/** Trains until past `steps` with a snapshot of weights taken after step 0. */
async function trainTo(page: Page, steps: number): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(steps);
  await expect.poll(() => page.evaluate(() => window.__vaeDebug?.snapshotStep() ?? 0), { timeout: 60_000 }).toBeGreaterThan(0);
}

/** Injects the fault; returns the page time just before it. */
async function inject(page: Page, fault: 'nan' | 'crash' | 'hang' | 'lose-context'): Promise<number> {
  return page.evaluate((f) => {
    const t = performance.now();
    window.__vaeDebug?.fault(f);
    return t;
  }, fault);
}

const decodes = (page: Page) => page.evaluate(() => (window.__vaeDebug?.decodes ?? []).slice() as DecodedAt[]);

async function noticeMatching(page: Page, pattern: RegExp, timeout = 60_000): Promise<string> {
  const notice = page.locator('.notice-text').filter({ hasText: pattern });
  await expect(notice).toBeVisible({ timeout });
  return (await notice.first().textContent()) ?? '';
}

/** The image of Z decoded from the restored step's weights after the fault equals the one decoded from them before. */
async function expectSameImageAsSnapshot(page: Page, restored: number, faultAt: number): Promise<void> {
  // The snapshot's weights arrive once when they are taken (possibly just after the fault was
  // sent, while the chunk under way finished) and once more when the recovery restores them.
  const atRestored = async () => (await decodes(page)).filter((d) => d.step === restored);
  await expect
    .poll(async () => {
      const seen = await atRestored();
      return seen.length >= 2 && seen.some((d) => d.at > faultAt);
    }, { timeout: 60_000 })
    .toBe(true);
  const all = await decodes(page);
  const seen = all.filter((d) => d.step === restored);
  const before = seen.slice(0, 1);
  const after = seen.slice(-1);
  expect(before.length, `an image decoded from the step-${restored} snapshot before the recovery`).toBeGreaterThan(0);
  expect(after[0]?.hash).toBe(before.at(-1)?.hash);
  // And it is not just any image: earlier weights decode Z differently.
  const earliest = all.reduce((a, b) => (b.step < a.step ? b : a));
  expect(earliest.step).toBeLessThan(restored);
  expect(earliest.hash).not.toBe(before.at(-1)?.hash);
}

/** Training goes on past the restored step (pressing Train first when the recovery paused it). */
async function expectTrainingContinues(page: Page, restored: number): Promise<void> {
  const train = page.getByRole('button', { name: 'Train', exact: true });
  if (await train.isVisible()) await train.click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect.poll(() => statusStep(page), { timeout: READY_MS }).toBeGreaterThan(restored + 20);
}

test.describe('recovery from faults', () => {
  test.setTimeout(240_000);

  test('a NaN step pauses training, restores the last good weights and suggests a smaller learning rate', async ({ page }) => {
    await start(page, 'wasm');
    await trainTo(page, 60);
    const at = await inject(page, 'nan');
    const text = await noticeMatching(page, /loss became NaN/);
    expect(text).toMatch(/training paused/);
    expect(text).toMatch(/Try a smaller learning rate/);
    const restored = Number(/restored from step (\d+)/.exec(text)?.[1] ?? NaN);
    expect(restored).toBeGreaterThan(0);
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
    await expect.poll(() => statusStep(page)).toBe(restored);
    await expectSameImageAsSnapshot(page, restored, at);
    await expectTrainingContinues(page, restored);
  });

  test('a crashed training worker is replaced, from the latest snapshot, and training goes on', async ({ page }) => {
    await start(page, 'wasm');
    await trainTo(page, 60);
    const at = await inject(page, 'crash');
    const text = await noticeMatching(page, /training worker stopped with an error/);
    const restored = Number(/took over from step (\d+)/.exec(text)?.[1] ?? NaN);
    expect(restored).toBeGreaterThan(0);
    expect(text).toMatch(/training goes on/);
    await expectSameImageAsSnapshot(page, restored, at);
    await expectTrainingContinues(page, restored);
  });

  test('a hung training worker is replaced after 10 s of silence, and training goes on', async ({ page }) => {
    // Page time of each training chunk's metrics, per training worker (the hung one is the first).
    await page.addInitScript(() => {
      const chunks: Array<{ worker: number; at: number }> = [];
      (window as unknown as { __chunkTimes: typeof chunks }).__chunkTimes = chunks;
      const Base = window.Worker;
      let made = 0;
      window.Worker = class extends Base {
        constructor(url: string | URL, opts?: WorkerOptions) {
          super(url, opts);
          if (!String(url).includes('training')) return;
          const worker = made++;
          this.addEventListener('message', (e: MessageEvent) => {
            const d = e.data as { type?: string; train?: { elbo: number[] } };
            if (d?.type === 'metrics' && d.train && d.train.elbo.length > 0) chunks.push({ worker, at: performance.now() });
          });
        }
      };
    });
    await start(page, 'wasm');
    await trainTo(page, 60);
    const at = await inject(page, 'hang');
    const text = await noticeMatching(page, /stopped answering for more than 10 s/, 60_000);
    // Nothing moved while the worker spun: after the fault it reported at most the chunk that was under way.
    const chunks = await page.evaluate(() => (window as unknown as { __chunkTimes: Array<{ worker: number; at: number }> }).__chunkTimes.slice());
    expect(chunks.filter((c) => c.worker === 0 && c.at < at).length).toBeGreaterThan(0);
    expect(chunks.filter((c) => c.worker === 0 && c.at > at).length).toBeLessThanOrEqual(1);
    const restored = Number(/took over from step (\d+)/.exec(text)?.[1] ?? NaN);
    expect(restored).toBeGreaterThan(0);
    await expectSameImageAsSnapshot(page, restored, at);
    await expectTrainingContinues(page, restored);
  });

  test('a lost WebGL context moves training to the next backend from the latest snapshot', async ({ page }) => {
    await start(page, 'webgl');
    await expect(page.getByTestId('status')).toContainText('WebGL');
    await trainTo(page, 20);
    const at = await inject(page, 'lose-context');
    const text = await noticeMatching(page, /WebGL context was lost/);
    const restored = Number(/continues from step (\d+)/.exec(text)?.[1] ?? NaN);
    expect(restored).toBeGreaterThan(0);
    expect(text).toMatch(/moved to wasm/);
    await expect(page.getByTestId('status')).toContainText('WASM');
    await expectSameImageAsSnapshot(page, restored, at);
    await expectTrainingContinues(page, restored);
  });
});
