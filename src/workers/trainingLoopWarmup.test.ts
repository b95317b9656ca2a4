// The training worker on "WebGL" (the CPU backend, reported as WebGL so the loop paces as it
// would there): which work is announced as a shader warm-up, that Train starts with the first
// step instead of a snapshot, and the heartbeat between slow slices of extra work.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FromTrainer } from '../shared/protocol';
import { cpuController, mnistConfig } from './controllerFixtures';

const config = mnistConfig({ hidden: 32, batchSize: 64, seed: 3 });

const webglController = () => cpuController({ train: 300, test: 2100, select: () => ({ backend: 'webgl', tried: [{ backend: 'webgl', ok: true }] }) });
const h = webglController();
const { controller, take } = h;
/** A message as a word: progress as 'warmup 0/1', metrics as 'train' or 'test'. */
const word = (m: FromTrainer) => (m.type === 'progress' ? `${m.stage} ${m.loaded}/${m.total}` : m.type === 'metrics' ? (m.train.elbo.length > 0 ? 'train' : 'test') : m.type);
const drain = async (): Promise<string[]> => (await h.drain()).map(word);
/** Warm-ups never nest or stay open: each 0/1 is closed by a 1/1 before the next opens. */
function balanced(words: string[]): boolean {
  let open = false;
  for (const w of words) {
    if (w === 'warmup 0/1') {
      if (open) return false;
      open = true;
    } else if (w === 'warmup 1/1') {
      if (!open) return false;
      open = false;
    }
  }
  return !open;
}

describe('TrainingLoop on WebGL: shader warm-ups and the heartbeat', () => {
  let init: string[];
  beforeAll(async () => {
    await h.init(config, { backend: 'webgl' });
    init = await drain();
  });
  afterEach(() => vi.restoreAllMocks());

  it('the first snapshot announces its first slice and its reconstructions, once each', () => {
    expect(init).toContain('latent');
    expect(balanced(init)).toBe(true);
    const opened = init.filter((w) => w === 'warmup 0/1').length;
    // The first 500-row slice, and the end (reconstructions); later 500-row slices are warm.
    expect(opened).toBe(2);
    expect(init.indexOf('warmup 0/1')).toBeLessThan(init.indexOf('latent'));
    expect(init.lastIndexOf('warmup 1/1')).toBeGreaterThan(init.indexOf('weights'));
  });

  it('Train with a snapshot owed starts with the first step, announced as a warm-up; a preview follows it', async () => {
    await controller.handle({ type: 'reset', config: { ...config, seed: 4 } });
    take();
    await controller.handle({ type: 'play' });
    const words: string[] = [];
    for (let i = 0; i < 400 && !words.includes('latent'); i++) {
      await controller.work();
      words.push(...take().map(word));
    }
    const first = words.indexOf('train');
    expect(first).toBeGreaterThan(0);
    expect(words.indexOf('latent')).toBeGreaterThan(first);
    expect(words.slice(first - 1, first + 2)).toEqual(['warmup 0/1', 'train', 'warmup 1/1']);
    // The test pass after the first chunk compiles its own shapes.
    expect(words.slice(first + 2, first + 3)).toEqual(['warmup 0/1']);
    expect(words).toContain('test');
    expect(balanced(words)).toBe(true);
    // Later chunks are warm.
    for (let i = 0; i < 20; i++) await controller.work();
    const later = take().map(word);
    expect(later.filter((w) => w === 'train').length).toBeGreaterThan(0);
    // (Slices of extra work may move to another size on the ladder, and compile that once.)
    expect(later.filter((w, i) => w === 'train' && later[i - 1] === 'warmup 0/1')).toEqual([]);
    await controller.handle({ type: 'pause' });
    await drain();
  });

  it('a job of slow slices says alive between them, so the page hears from it every few seconds', async () => {
    // Every reading of the clock moves it 1.5 s on: each slice seems to take seconds, so they
    // also step down the ladder of sizes (each new size a warm-up, each repeat a plain slice).
    let t = performance.now();
    vi.spyOn(performance, 'now').mockImplementation(() => (t += 1_500));
    const other = webglController();
    await other.init(config, { backend: 'webgl' });
    const words: string[] = [];
    for (let i = 0; i < 300 && !words.includes('weights'); i++) {
      await other.controller.work();
      words.push(...other.take().map(word));
    }
    const latent = words.indexOf('latent');
    expect(latent).toBeGreaterThan(0);
    // Between slices with nothing else to say, and only there (never inside a warm-up), the page hears 'alive'.
    const alive = words.flatMap((w, i) => (w === 'alive' ? [i] : []));
    expect(alive.length).toBeGreaterThan(1);
    expect(alive.every((i) => i < latent && words[i - 1] !== 'warmup 0/1')).toBe(true);
    expect(balanced(words)).toBe(true);
    // Steps that take seconds: from the second on, each is announced with the last one's duration.
    other.take();
    await other.controller.handle({ type: 'step', chunks: 3 });
    const steps: FromTrainer[] = [];
    for (let i = 0; i < 300 && steps.filter((m) => word(m) === 'train').length < 3; i++) {
      await other.controller.work();
      steps.push(...other.take());
    }
    const before = steps.flatMap((m, i) => (word(m) === 'train' ? [steps[i - 1]] : []));
    expect(before[0]).toMatchObject({ type: 'progress', stage: 'warmup', loaded: 0 });
    for (const m of before.slice(1)) expect(m).toMatchObject({ type: 'alive', busyMs: expect.any(Number) as number });
  });
});
