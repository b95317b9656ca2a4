// The human-readable summary of a BenchResult (stderr): machine, per-backend figures, the long
// run, scaling, the Node CLI and the ratios, every figure with its unit.

import type { BenchResult } from './report';
import type { SessionResult } from './session';
import { NEG_ELBO_LINE } from './session';
import { fmt, fmtMiB, formatTable } from './table';

const ms = (v: number | null | undefined, digits = 0) => fmt(v, 'ms', digits);
const ips = (v: number | null | undefined) => fmt(v, 'img/s');
const x = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${fmt(v, '', 2)}×`);

function backendLabel(s: SessionResult): string {
  const used = s.backend ?? 'none';
  return s.requestedBackend === 'auto' ? `auto → ${used}` : s.requestedBackend === used ? used : `${s.requestedBackend} → ${used} (fell back)`;
}

function backendRows(sessions: readonly SessionResult[]): string[][] {
  return sessions.map((s) => [
    backendLabel(s),
    ms(s.navToReadyMs),
    ms(s.trainToFirstStepMs),
    ips(s.training?.throughput.chunkImagesPerSec),
    ips(s.training?.throughput.wallImagesPerSec),
    fmt(s.training?.frames.fps, 'fps', 1),
    s.training ? `${s.training.longTasks.count} / ${ms(s.training.longTasks.totalMs)}` : '–',
    s.dragWhileTraining ? `${ms(s.dragWhileTraining.latencyMs.p50, 1)} / ${ms(s.dragWhileTraining.latencyMs.p95, 1)}` : '–',
    fmt(s.dragWhileTraining?.frames.fps, 'fps', 1),
  ]);
}

function memoryRows(s: SessionResult): string[][] {
  const m = s.memory;
  if (!m) return [];
  return (['atFirstStep', 'atEnd'] as const).flatMap((k) => {
    const v = m[k];
    if (!v) return [];
    return [[
      k === 'atFirstStep' ? 'first step' : 'end',
      fmt(v.step),
      fmt(v.numTensors),
      fmtMiB(v.trainingWorker?.usedBytes),
      fmtMiB(v.trainingWorker?.backingStorageBytes),
      fmtMiB(v.inferenceWorker?.usedBytes),
      fmtMiB(v.mainThread?.usedBytes),
    ]];
  });
}

/** The native reference with the BLAS it ran on: the figure means little without it. */
function nativeLine(n: NonNullable<BenchResult['native']>): string {
  if (!('imagesPerSec' in n)) return `Native: not run (${n.unavailable})`;
  const epoch = n.epoch ? `; a whole epoch ${ips(n.epoch.imagesPerSec)} (${fmt(n.epoch.seconds, 's', 1)}, test −ELBO ${fmt(n.epoch.testNegElbo, 'nats', 2)})` : '';
  return `Native: ${n.framework} with ${n.blas}: ${ips(n.imagesPerSec)} over ${fmt(n.steps)} steps, ${ms(n.msPerStep, 1)}/step${epoch}`;
}

/** The conv VAE on WASM beside PyTorch, each with its load average and the BLAS named. */
function convLines(c: NonNullable<BenchResult['conv']>): string[] {
  const w = c.wasm;
  const out = ['imagesPerSec' in w
    ? `Conv VAE on WASM (Node, our kernels, ${fmt(w.threads)} thread(s)): ${ips(w.imagesPerSec)} (${ms(w.msPerStep, 1)}/step, CPU ${ms(w.cpuMsPerStep, 1)}/step) over ${fmt(w.steps)} steps, load ${fmt(w.loadAverage1m[0], '', 2)} → ${fmt(w.loadAverage1m[1], '', 2)}`
    : `Conv VAE on WASM: not run (${w.unavailable})`];
  const n = c.native;
  if (n && 'imagesPerSec' in n) {
    out.push(`Conv VAE in ${n.framework} with ${n.blas}: ${ips(n.imagesPerSec)} (${ms(n.msPerStep, 1)}/step, CPU ${ms(n.cpuMsPerStep ?? null, 1)}/step) over ${fmt(n.steps)} steps, load ${fmt(n.loadAverage1m ?? null, '', 2)}`);
  } else if (n) out.push(`Conv VAE in PyTorch: not run (${n.unavailable})`);
  out.push(`Conv ratios: WASM vs PyTorch ${x(c.wasmVsNative)} (per CPU second ${x(c.wasmVsNativeCpu)})`);
  return out;
}

/** Shapes beside MNIST: each run's rate with its load average, and the ratio beside what the wider layers explain. */
function datasetLines(d: NonNullable<BenchResult['datasets']>): string[] {
  const run = (r: (typeof d.mnist)[number]) => {
    const load = `load ${fmt(r.loadAverage1m[0], '', 2)} → ${fmt(r.loadAverage1m[1], '', 2)}`;
    return 'imagesPerSec' in r.result
      ? `${ips(r.result.imagesPerSec)} (${fmt(r.result.imagesPerCpuSec, 'per CPU s')}, ${ms(r.result.msPerStep, 1)}/step, ${load})`
      : `not run (${r.result.unavailable})`;
  };
  const line = (name: string, layers: string, runs: typeof d.mnist, best: number | null) =>
    `  ${name} (${layers}): best ${ips(best)} of ${runs.map(run).join(', ')}`;
  return [
    `Shapes vs MNIST (Node CLI, our kernels, ${fmt(d.threads)} thread, ${fmt(d.trainSize)} images a run, batch 128, alternating)`,
    line('MNIST', d.layers.mnist, d.mnist, d.best.mnist),
    line('Shapes', d.layers.shapes, d.shapes, d.best.shapes),
    `  Shapes/MNIST ${x(d.shapesVsMnist)} (best vs best), per CPU second ${x(d.shapesVsMnistCpu)}; the wider layers alone: ${x(d.layerCostRatio)}`,
  ];
}

export function summaryText(r: BenchResult): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`VAE Playground benchmark (${r.mode}) · ${r.startedAt} · ${fmt(r.durationS, 's')} · ok: ${r.ok}${r.error ? ` (${r.error})` : ''}`);
  if (m) {
    out.push(
      `machine: ${m.cpuCores} cores (${m.cpuModel}), ${fmt(m.memoryGiB, 'GiB', 1)}, load ${fmt(m.loadAverage1m.start, '', 2)} → ${fmt(m.loadAverage1m.end, '', 2)} · ` +
        `Chromium ${m.chromium?.version ?? '–'} (${m.chromium?.executable ?? '–'}) · TF.js ${m.tfjsVersion} · Node ${m.node} · Playwright ${m.playwrightVersion}`,
    );
  }
  out.push(`model: ${r.model.dataset} ${r.model.kind} ${r.model.layers}, batch ${r.model.batch}`);
  out.push(
    `threads for WASM's products: page ${fmt(r.threads.page)} of ${fmt(r.hardwareConcurrency.page)} cores (navigator.hardwareConcurrency) · ` +
      `Node CLI ${fmt(r.threads.nodeCli)} of ${fmt(r.hardwareConcurrency.node)} (os.availableParallelism())`,
    '',
  );

  if (r.backends.length) {
    out.push('Training in the worker (window after warm-up; long tasks: count / total)');
    out.push(formatTable(
      ['backend', 'nav→ready', 'Train→1st step', 'chunk rate', 'wall rate', 'page fps', 'long tasks', 'drag p50 / p95', 'fps dragging'],
      backendRows(r.backends),
    ), '');
  }

  const withIdle = r.longRun ?? r.backends.find((s) => s.dragIdle || s.memory) ?? null;
  if (withIdle) {
    const e = withIdle.endurance;
    if (e) {
      out.push(`Long run on ${withIdle.backend}: ${fmt(e.steps)} steps in ${fmt(e.seconds, 's', 1)}; test −ELBO < ${NEG_ELBO_LINE} nats after ` +
        `${e.trainToNegElboLineMs === null ? `– (not reached; best ${fmt(e.bestTestNegElbo, 'nats', 1)})` : ms(e.trainToNegElboLineMs)}`);
    }
    if (withIdle.dragIdle) {
      out.push(`Drag while paused: ${ms(withIdle.dragIdle.latencyMs.p50, 1)} p50 / ${ms(withIdle.dragIdle.latencyMs.p95, 1)} p95 (${withIdle.dragIdle.latencyMs.n} paints of ${withIdle.dragIdle.moves} moves)`);
    }
    if (withIdle.pointsRedraw) {
      const p = withIdle.pointsRedraw;
      out.push(`Latent map redraw of ${fmt(p.points)} points: ${ms(p.redrawMs.p50, 2)} p50 / ${ms(p.redrawMs.p95, 2)} p95 (${p.redrawMs.n} redraws)`);
    }
    const rows = memoryRows(withIdle);
    if (rows.length) {
      out.push('', `Memory on ${withIdle.backend} (JS heap after a forced GC; WASM/ArrayBuffer storage apart)`);
      out.push(formatTable(['when', 'step', 'tensors', 'training heap', 'training buffers', 'inference heap', 'page heap'], rows));
    }
    out.push('');
  }

  if (r.scaling.length) {
    out.push(`Scaling on ${r.best?.backend ?? '–'}`);
    out.push(formatTable(
      ['batch', 'hidden', 'chunk rate', 'wall rate', 'vs 128 / 512-256'],
      r.scaling.map((p) => [String(p.batch), p.hidden, ips(p.chunkImagesPerSec), ips(p.wallImagesPerSec), x(r.ratios.scalingVsDefault[`batch${p.batch}-hidden${p.hidden}`])]),
    ), '');
  }

  if (r.nodeCli) out.push(`Node CLI (${r.nodeCli.backend}, our kernels, ${fmt(r.nodeCli.trainSize)} images): ${ips(r.nodeCli.imagesPerSec)}, ${ms(r.nodeCli.msPerStep, 1)}/step`);
  if (r.nodeCliStockKernels) {
    out.push(`Node CLI (${r.nodeCliStockKernels.backend}, TF.js's own kernels, ${fmt(r.nodeCliStockKernels.trainSize)} images): ${ips(r.nodeCliStockKernels.imagesPerSec)}, ${ms(r.nodeCliStockKernels.msPerStep, 1)}/step`);
  }
  if (r.bareLoop) out.push(`Bare TF.js loop (Node: ${r.bareLoop.what}): ${ips(r.bareLoop.imagesPerSec)}, ${ms(r.bareLoop.msPerStep, 1)}/step`);
  if (r.native) out.push(nativeLine(r.native));
  if (r.convSession) {
    const c = r.convSession;
    const t = c.training?.throughput;
    const d = c.dragWhileTraining?.latencyMs;
    out.push(`Conv VAE in the page (${c.backend ?? c.requestedBackend}): chunk rate ${ips(t?.chunkImagesPerSec ?? null)}, wall rate ${ips(t?.wallImagesPerSec ?? null)}; ` +
      `drag while training ${ms(d?.p50 ?? null, 1)} p50 / ${ms(d?.p95 ?? null, 1)} p95${c.errors.length ? ` (${c.errors.join('; ')})` : ''}`);
  }
  if (r.conv) out.push(...convLines(r.conv));
  if (r.datasets) out.push(...datasetLines(r.datasets));
  // With --only datasets no other section ran: its ratios would all read "–".
  if (r.backends.length || r.nodeCli || r.bareLoop) out.push(
    `Ratios: best vs bare TF.js loop (this run) ${x(r.ratios.bestVsBareLoop)} · our kernels vs TF.js's in the Node CLI ${x(r.ratios.nodeCliVsStockKernels)} · ` +
      `native vs best ${x(r.ratios.nativeVsBest)} (whole epoch ${x(r.ratios.nativeEpochVsBest)}) · best vs bare-loop reference (${r.reference.bareLoopImagesPerSec} img/s, chromium.md, not this run) ${x(r.ratios.bestVsBareLoopReference)} · ` +
      `best vs Node CLI ${x(r.ratios.bestVsNodeCli)} (wall rate ${x(r.ratios.bestWallVsNodeCli)}) · wall/chunk ${x(r.ratios.bestWallVsChunk)} · drag p95 training/idle ${x(r.ratios.dragP95TrainingVsIdle)}`,
  );
  for (const n of r.notes) out.push(`note: ${n}`);
  for (const e of r.errors) out.push(`error: ${e}`);
  return out.join('\n');
}
