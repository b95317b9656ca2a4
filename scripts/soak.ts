// `npm run soak [-- --minutes N]`: the built app trains in headless Chromium for N minutes (30 by
// default) while, once a minute, tf.memory() of the training worker, the JS heaps of the page and
// both workers (after a forced GC), the frame rate and the throughput are recorded. Ends with a
// verdict: growth beyond noise or a slowdown fails it (exit 1). Not part of `npm test`.

import { cpus, loadavg } from 'node:os';
import { frameStats } from './bench/frames';
import { HeapReader } from './bench/heap';
import { sleep } from './bench/probePage';
import { median, round } from './bench/stats';
import { errorText, runInChromium, saveJsonReport, type ChromiumFrame } from './chromium/runInChromium';
import { installWorkerSpy } from './chromium/workerSpy';
import { parseSoakArgs, SOAK_USAGE, type SoakPlan } from './soak/args';
import { drain, type SoakMetrics } from './soak/probe';
import { soakVerdict, type SoakSample, type SoakVerdict } from './soak/verdict';

const ROOT = process.cwd();
const MINUTE_MS = 60_000;
const READY_MS = 180_000;
const START = performance.now();
const log = (s: string) => process.stderr.write(`[${String(Math.round((performance.now() - START) / 1000)).padStart(4)} s] ${s}\n`);
const message = (e: unknown) => errorText(e, true);

interface SoakResult {
  ok: boolean;
  startedAt: string;
  plan: SoakPlan;
  url: string | null;
  machine: { cpuCores: number; cpuModel: string; chromium: string | null };
  backend: string | null;
  samples: SoakSample[];
  verdict: SoakVerdict | null;
  workerErrors: string[];
  errors: string[];
}

/** From scratch (seed 3 is not the pretrained model's), so the whole run is training. */
function soakUrl(base: string, plan: SoakPlan): string {
  const q = new URLSearchParams({ data: 'mnist', model: 'vae', z: '2', hidden: '512-256', batch: String(plan.batch), seed: '3', backend: plan.backend });
  return `${base}?${q}`;
}

const maxOf = (xs: Array<number | null>) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? Math.max(...v) : null;
};

async function soak(plan: SoakPlan, r: SoakResult, { url: base, browser }: ChromiumFrame): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => r.errors.push(`page: ${e.message}`));
  try {
    await installWorkerSpy(page);
    const heap = await HeapReader.attach(page);
    r.url = soakUrl(base, plan);
    await page.goto(r.url);
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await train.waitFor({ state: 'visible', timeout: READY_MS });
    for (const t0 = performance.now(); !(await train.isEnabled()); await sleep(100)) {
      if (performance.now() - t0 > READY_MS) throw new Error('Train stayed disabled');
    }
    r.backend = ((await page.getByTestId('status').textContent()) ?? '').split(' · ')[2] ?? null;
    await drain(page);
    await train.click();
    log(`soak: training on ${r.backend} for ${plan.minutes} min (batch ${plan.batch})`);
    const trainAt = performance.now();
    let last: SoakMetrics | null = null;
    for (let minute = 1; minute <= plan.minutes; minute++) {
      await sleep(trainAt + minute * MINUTE_MS - performance.now());
      const d = await drain(page);
      r.workerErrors.push(...d.errors);
      const chunks = d.metrics.filter((m) => m.trainSteps > 0);
      const first: SoakMetrics | null = last ?? chunks[0] ?? null;
      const end: SoakMetrics | null = chunks.at(-1) ?? last;
      const wall = first && end && end.t > first.t ? ((end.step - first.step) * plan.batch * 1000) / (end.t - first.t) : null;
      const t1 = d.now;
      const [main, trainer, inference] = await Promise.all([
        heap.main().catch(() => null),
        heap.worker('training.worker').catch(() => null),
        heap.worker('inference.worker').catch(() => null),
      ]);
      const sample: SoakSample = {
        minute,
        elapsedS: round((performance.now() - trainAt) / 1000, 0) ?? 0,
        step: end?.step ?? 0,
        numTensors: maxOf(chunks.map((m) => m.numTensors)),
        numBytes: maxOf(chunks.map((m) => m.numBytes)),
        heapMainBytes: main?.usedBytes ?? null,
        heapTrainerBytes: trainer?.usedBytes ?? null,
        heapInferenceBytes: inference?.usedBytes ?? null,
        trainerBackingBytes: trainer?.backingStorageBytes ?? null,
        imagesPerSec: round(wall, 0),
        chunkImagesPerSec: round(median(chunks.map((m) => m.imagesPerSec)), 0),
        fps: frameStats(d.frames, t1 - MINUTE_MS, t1).fps,
        longTasks: d.longTasks,
        loadAverage1m: round(loadavg()[0] ?? 0, 2) ?? 0,
      };
      r.samples.push(sample);
      last = end;
      const mb = (b: number | null) => (b === null ? '?' : (b / 2 ** 20).toFixed(1));
      log(
        `soak: min ${minute}: step ${sample.step}, ${sample.imagesPerSec ?? '?'} img/s, ${sample.fps ?? '?'} fps, ` +
          `tensors ${sample.numTensors ?? '?'} (${mb(sample.numBytes)} MB), heap main ${mb(sample.heapMainBytes)} / trainer ${mb(sample.heapTrainerBytes)} / inference ${mb(sample.heapInferenceBytes)} MB, load ${sample.loadAverage1m}`,
      );
    }
    await heap.detach();
  } finally {
    await context.close().catch(() => {});
  }
}

function summary(r: SoakResult): string {
  const v = r.verdict;
  if (!v) return `soak: no verdict (${r.errors[0] ?? 'no samples'})`;
  const row = (name: string, c: SoakVerdict['numTensors'], unit: (x: number | null) => string) =>
    `  ${name.padEnd(28)} ${unit(c.early).padStart(12)} → ${unit(c.late).padStart(12)}  ${c.changePct === null ? '' : `${c.changePct > 0 ? '+' : ''}${c.changePct} %`}${c.flagged ? '  ← flagged' : ''}`;
  const mb = (b: number | null) => (b === null ? '?' : `${(b / 2 ** 20).toFixed(2)} MB`);
  const n = (x: number | null) => (x === null ? '?' : String(x));
  return [
    `soak: ${r.samples.length} min on ${r.backend ?? '?'}, ${r.samples.at(-1)?.step ?? 0} steps; early vs late third (memory: lowest, speed: median; after ${v.warmupSamples} min of warm-up):`,
    row('tf numTensors', v.numTensors, n),
    row('tf numBytes', v.numBytes, mb),
    row('JS heap, page', v.heapMain, mb),
    row('JS heap, training worker', v.heapTrainer, mb),
    row('JS heap, inference worker', v.heapInference, mb),
    row('outside JS heap, trainer', v.trainerBacking, mb),
    row('images/s (wall)', v.imagesPerSec, n),
    row('fps', v.fps, n),
    row('machine load (1 min)', v.load, n),
    v.ok ? 'verdict: OK — no growth beyond noise, no slowdown' : `verdict: FAIL — ${v.problems.join('; ')}`,
    ...v.notes.map((t) => `note: ${t}`),
    ...(r.workerErrors.length ? [`worker errors: ${r.workerErrors.slice(0, 5).join(' | ')}`] : []),
  ].join('\n');
}

async function main(): Promise<number> {
  const parsed = parseSoakArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(`${SOAK_USAGE}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`error: ${parsed.message}\n\n${SOAK_USAGE}\n`);
    return 2;
  }
  const plan = parsed.plan;
  const cores = cpus();
  const r: SoakResult = {
    ok: false, startedAt: new Date().toISOString(), plan, url: null,
    machine: { cpuCores: cores.length, cpuModel: cores[0]?.model.trim() ?? 'unknown', chromium: null },
    backend: null, samples: [], verdict: null, workerErrors: [], errors: [],
  };
  const { error } = await runInChromium({ root: ROOT, build: plan.build ? 'always' : 'if-missing', log }, async (frame) => {
    r.machine.chromium = frame.version;
    await soak(plan, r, frame);
  });
  if (error !== null) r.errors.push(message(error));
  if (r.samples.length > 0) r.verdict = soakVerdict(r.samples);
  r.ok = r.errors.length === 0 && (r.verdict?.ok ?? false);
  const json = JSON.stringify(r, null, 2);
  const file = saveJsonReport(ROOT, 'soak', r.startedAt, json);
  process.stderr.write(`\n${summary(r)}\nwrote ${file}\n`);
  process.stdout.write(`${json}\n`);
  return r.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`soak: ${message(e)}\n`);
    process.exit(1);
  },
);
