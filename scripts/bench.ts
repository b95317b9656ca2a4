// `npm run bench [-- --quick] [-- --no-build]`: the built app in headless Chromium, measured
// as a user meets it (backends, training speed, page smoothness, drag-to-decode latency, map
// redraw, memory, scaling), and the same model in the Node CLI. One JSON object goes to stdout
// and to bench-results/bench-<time>.json; a table goes to stderr. --quick reports and never
// judges: it exits 0 even when the app cannot load, with "ok": false and the reason.

import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseBenchArgs, USAGE, type BenchPlan } from './bench/args';
import { runBareLoop, runConvLoop, runNative } from './bench/references';
import { runDatasetComparison } from './bench/datasets';
import { runNodeCli } from './bench/nodeCli';
import { BARE_LOOP_REFERENCE_IMAGES_PER_SEC, bestBackend, computeRatios, convComparison, threadFigures, UNITS, type BenchResult, type Machine } from './bench/report';
import { runSession, type BackendRequest, type SessionOptions } from './bench/session';
import { round } from './bench/stats';
import { summaryText } from './bench/summaryText';
import { errorText, runInChromium, saveJsonReport, type ChromiumFrame } from './chromium/runInChromium';

const ROOT = process.cwd();
const BATCH = 128;
const HIDDEN = '512-256';
const START = performance.now();
const log = (s: string) => process.stderr.write(`${s}\n`);
/** Progress lines carry the time since start, so a slow stage shows. */
const progress = (s: string) => log(`[${String(Math.round((performance.now() - START) / 1000)).padStart(3)} s] ${s}`);
const message = (e: unknown) => errorText(e);

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function machine(): Machine {
  const cores = cpus();
  return {
    cpuCores: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1) ?? 0,
    loadAverage1m: { start: round(loadavg()[0] ?? 0, 2) ?? 0, end: null },
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    chromium: null,
    tfjsVersion: packageVersion('@tensorflow/tfjs-core'),
    playwrightVersion: packageVersion('@playwright/test'),
  };
}

function emptyResult(plan: BenchPlan): BenchResult {
  return {
    ok: false,
    mode: plan.quick ? 'quick' : 'full',
    startedAt: new Date().toISOString(),
    durationS: null,
    machine: machine(),
    model: { dataset: 'mnist', kind: 'vae', layers: '784-512-256-2', batch: BATCH },
    build: { built: false, seconds: null },
    backends: [],
    best: null,
    longRun: null,
    scaling: [],
    nodeCli: null,
    threads: { page: null, nodeCli: null },
    hardwareConcurrency: { page: null, node: availableParallelism() },
    bareLoop: null,
    nodeCliStockKernels: null,
    native: null,
    conv: null,
    convSession: null,
    datasets: null,
    reference: { bareLoopImagesPerSec: BARE_LOOP_REFERENCE_IMAGES_PER_SEC, source: 'shared/chromium.md: a bare TF.js loop in a Chromium worker, measured earlier, not by this run' },
    ratios: computeRatios({ backends: [], best: null, longRun: null, scaling: [], nodeCli: null }),
    units: UNITS,
    notes: [],
    errors: [],
  };
}

/** Kept for the conv session, the scaling points and the Node CLI when the long run is sized, ms. */
const RESERVE_AFTER_LONG_RUN_MS = 210_000;
/** Roughly what one scaling visit takes besides its windows (load, first step), ms. */
const SCALING_OVERHEAD_MS = 15_000;

/** The browser part: every session the plan asks for, within the plan's time budget from `t0`. */
async function measureBrowser(plan: BenchPlan, r: BenchResult, { url, browser }: ChromiumFrame, t0: number): Promise<void> {
  const left = () => plan.budgetMs - (performance.now() - t0);
  const short = (backend: BackendRequest): SessionOptions => ({
    backend, batch: BATCH, hidden: HIDDEN, warmMs: plan.warmMs, windowMs: plan.windowMs, dragMoves: plan.dragMoves,
    endurance: null, idleDragMoves: plan.quick ? plan.dragMoves : 0, heap: true,
  });
  for (const backend of plan.backends) {
    progress(`bench: ${backend} (batch ${BATCH}, hidden ${HIDDEN})`);
    r.backends.push(await runSession(browser, url, short(backend), progress));
  }
  r.best = bestBackend(r.backends);
  if (!r.best || plan.quick) return;
  const best = r.best.backend as BackendRequest;

  const capMs = Math.min(plan.enduranceCapMs, left() - RESERVE_AFTER_LONG_RUN_MS);
  if (plan.enduranceCapMs > 0 && capMs < plan.enduranceCapMs) r.notes.push(`The long run was cut to ${Math.max(0, Math.round(capMs / 1000))} s to stay within the time budget.`);
  if (capMs >= 60_000) {
    progress(`bench: long run on ${best} (${plan.enduranceSteps} steps or ${Math.round(capMs / 1000)} s)`);
    r.longRun = await runSession(browser, url, {
      backend: best, batch: BATCH, hidden: HIDDEN, warmMs: 0, windowMs: 0, dragMoves: 0,
      endurance: { steps: plan.enduranceSteps, capMs }, idleDragMoves: plan.dragMoves, heap: true,
    }, progress);
  }
  if (left() > plan.warmMs + plan.windowMs + SCALING_OVERHEAD_MS + 60_000) {
    progress(`bench: conv VAE on ${best} (batch ${BATCH}): training rate and drag decode`);
    r.convSession = await runSession(browser, url, {
      backend: best, batch: BATCH, hidden: HIDDEN, arch: 'conv', warmMs: plan.warmMs, windowMs: plan.windowMs,
      dragMoves: plan.dragMoves, endurance: null, idleDragMoves: 0, heap: false,
    }, progress);
  } else r.notes.push('The conv session was skipped: the time budget was spent.');
  for (const p of plan.scaling) {
    if (left() < plan.scalingWarmMs + plan.scalingWindowMs + SCALING_OVERHEAD_MS + 30_000) {
      r.notes.push(`Scaling point batch ${p.batch} / hidden ${p.hidden} skipped: the time budget was spent.`);
      continue;
    }
    progress(`bench: scaling on ${best}: batch ${p.batch}, hidden ${p.hidden}`);
    const s = await runSession(browser, url, {
      backend: best, batch: p.batch, hidden: p.hidden, warmMs: plan.scalingWarmMs, windowMs: plan.scalingWindowMs,
      dragMoves: 0, endurance: null, idleDragMoves: 0, heap: false,
    }, progress);
    r.scaling.push({
      backend: s.backend, batch: p.batch, hidden: p.hidden,
      chunkImagesPerSec: s.training?.throughput.chunkImagesPerSec ?? null,
      wallImagesPerSec: s.training?.throughput.wallImagesPerSec ?? null,
      steps: s.training?.throughput.steps ?? 0,
      errors: s.errors,
    });
  }
}

/** `all`: every section ran, so the notes on the page's figures apply; otherwise only the load note. */
function addNotes(r: BenchResult, all: boolean): void {
  if (r.nodeCli && !r.nodeCli.exitedByItself) r.notes.push('The Node CLI printed its result but did not exit by itself; it was stopped after a grace period.');
  const m = r.machine;
  const load = m ? Math.max(m.loadAverage1m.start, m.loadAverage1m.end ?? 0) : 0;
  if (m && load > m.cpuCores) r.notes.push(`The machine was busy (1-min load up to ${load} on ${m.cpuCores} cores): compare ratios, not digits.`);
  if (!all) return;
  r.notes.push(
    'chunk rate: the worker\'s own images/s while a chunk trains (the status line\'s figure), median over the window; ' +
      'wall rate: steps × batch ÷ elapsed time, including test passes and latent snapshots.',
    'Drag latency: from the pointer event\'s own timestamp (input arrival, so the wait in the page\'s input queue counts) to the decoded image painted on its canvas (the app\'s __vaeLatency), one sample per paint; the drag decodes on the page from a copy of the decoder (pointerrawupdate where offered).',
  );
  for (const s of r.backends) {
    if (s.trainToFirstLatentMs !== null && s.trainToFirstStepMs !== null) {
      r.notes.push(`${s.backend}: ${s.trainToFirstLatentMs} ms of the ${s.trainToFirstStepMs} ms from Train to the first step went to the latent snapshot of the whole test set, which the worker posts before its first chunk` +
        (s.shaderWarmupMs !== null ? `; the first chunk's shader compile took ${s.shaderWarmupMs} ms.` : '.'));
    }
  }
}

async function main(): Promise<number> {
  const parsed = parseBenchArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    log(`error: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const plan = parsed.plan;
  const t0 = performance.now();
  const r = emptyResult(plan);
  if (plan.only !== 'datasets') await measureAllButDatasets(plan, r, t0);
  // Shapes vs MNIST, after everything else (the CLI runs would compete with the page for the cores).
  progress(`bench: Shapes vs MNIST (Node CLI, ${plan.datasetPairs} × ${plan.datasetTrainSize} images each, 1 thread)`);
  r.datasets = await runDatasetComparison(ROOT, plan.datasetTrainSize, plan.datasetPairs);

  const trained = plan.only === 'datasets' ? r.datasets.shapesVsMnist !== null : r.backends.some((s) => s.trainToFirstStepMs !== null);
  r.ok = trained;
  if (!trained) {
    r.error = plan.only === 'datasets'
      ? 'the Shapes vs MNIST comparison did not measure both datasets'
      : `the app did not train in Chromium: ${r.backends.flatMap((s) => s.errors)[0] ?? r.errors[0] ?? 'no session ran'}`;
  }
  Object.assign(r, threadFigures(r, availableParallelism()));
  r.ratios = computeRatios(r);
  if (r.machine) r.machine.loadAverage1m.end = round(loadavg()[0] ?? 0, 2);
  r.durationS = round((performance.now() - t0) / 1000, 1);
  addNotes(r, plan.only === null);

  const json = JSON.stringify(r, null, 2);
  const file = saveJsonReport(ROOT, 'bench', r.startedAt, json);
  log('');
  log(summaryText(r));
  log(`\nwrote ${file}`);
  process.stdout.write(`${json}\n`);
  return plan.quick || r.ok ? 0 : 1;
}

/** Every section but Shapes vs MNIST: the page in Chromium, the Node CLI, the references, the conv loop. */
async function measureAllButDatasets(plan: BenchPlan, r: BenchResult, t0: number): Promise<void> {
  const browserRun = await runInChromium({ root: ROOT, build: plan.build ? 'always' : 'if-missing', log: progress }, async (frame) => {
    if (r.machine) r.machine.chromium = { version: frame.version, executable: frame.executable };
    await measureBrowser(plan, r, frame, t0);
  });
  if (browserRun.buildMs !== null) r.build = { built: true, seconds: round(browserRun.buildMs / 1000, 1) };
  if (browserRun.error !== null) r.errors.push(message(browserRun.error));
  // The CLI runs after the browser has closed, so the two do not compete for the cores.
  try {
    progress(`bench: Node CLI (${plan.nodeTrainSize} images, our kernels, --threads auto)`);
    r.nodeCli = await runNodeCli(ROOT, plan.nodeTrainSize, { threads: 'auto', stockKernels: false });
  } catch (e) {
    r.errors.push(`node CLI: ${message(e)}`);
  }
  try {
    progress(`bench: Node CLI with TF.js's own kernels (${plan.stockKernelsTrainSize} images)`);
    r.nodeCliStockKernels = await runNodeCli(ROOT, plan.stockKernelsTrainSize, { threads: 1, stockKernels: true });
  } catch (e) {
    r.errors.push(`node CLI, stock kernels: ${message(e)}`);
  }
  progress(`bench: bare TF.js loop (${plan.bareLoopSteps} steps)`);
  const bare = runBareLoop(ROOT, plan.bareLoopSteps);
  if (typeof bare === 'string') r.errors.push(`bare loop: ${bare}`);
  else r.bareLoop = bare;
  if (plan.nativeSteps > 0) {
    progress(`bench: native reference (PyTorch, ${plan.nativeSteps} steps)`);
    const native = runNative(ROOT, plan.nativeSteps, availableParallelism());
    r.native = typeof native === 'string' ? { unavailable: native } : native;
  }
  if (plan.convSteps > 0) {
    // Issue 17's comparison: the conv VAE on WASM (our kernels) and in PyTorch, same thread count, back to back.
    const threads = availableParallelism();
    progress(`bench: conv VAE on WASM (${plan.convSteps} steps, ${threads} threads)`);
    const wasm = runConvLoop(ROOT, plan.convSteps, threads);
    let native = null;
    if (plan.nativeSteps > 0) {
      progress(`bench: conv VAE in PyTorch (${plan.convSteps} steps, ${threads} threads)`);
      const n = runNative(ROOT, plan.convSteps, threads, true);
      native = typeof n === 'string' ? { unavailable: n } : n;
    }
    r.conv = convComparison(typeof wasm === 'string' ? { unavailable: wasm } : wasm, native);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(`bench: ${message(e)}`);
    process.exit(1);
  },
);
