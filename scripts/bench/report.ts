// The benchmark's JSON report: its shape, the reference constant, and the ratios that compare
// figures taken in the same run (the machine is shared and noisy: ratios travel, digits don't).

import type { BareLoopResult, ConvLoopResult, NativeResult } from './references';
import type { DatasetComparison } from './datasets';
import type { NodeCliResult } from './nodeCli';
import type { SessionResult } from './session';
import { ratio } from './stats';

/**
 * A bare TF.js training loop in a Chromium worker on these machines, images/s, from
 * shared/chromium.md: an earlier measurement (WebGL ≈ 690, WASM ≈ 590), not taken by this run.
 */
export const BARE_LOOP_REFERENCE_IMAGES_PER_SEC = 650;

export interface ScalingPoint {
  backend: string | null;
  batch: number;
  hidden: string;
  /** images/s */
  chunkImagesPerSec: number | null;
  /** images/s */
  wallImagesPerSec: number | null;
  steps: number;
  errors: string[];
}

export interface Machine {
  cpuCores: number;
  cpuModel: string;
  memoryGiB: number;
  /** 1-minute load average at the start and the end: above the core count, other work competed. */
  loadAverage1m: { start: number; end: number | null };
  node: string;
  platform: string;
  chromium: { version: string; executable: string } | null;
  tfjsVersion: string;
  playwrightVersion: string;
}

export interface Ratios {
  /** Best backend's chunk images/s ÷ the bare TF.js loop measured in this run (bare-loop.ts, Node). */
  bestVsBareLoop: number | null;
  /** The Node CLI with our kernels ÷ with TF.js's own: the kernels' gain, same model code, same runtime. */
  nodeCliVsStockKernels: number | null;
  /** The native framework's images/s ÷ the best backend's chunk images/s (> 1: native is faster). */
  nativeVsBest: number | null;
  /** The native framework's whole-epoch images/s ÷ the best backend's chunk images/s. */
  nativeEpochVsBest: number | null;
  /** Best backend's chunk images/s ÷ the bare-loop reference constant. */
  bestVsBareLoopReference: number | null;
  /** Best backend's chunk images/s ÷ the Node CLI's images/s (same model, same run). */
  bestVsNodeCli: number | null;
  /** Best backend's wall images/s (test passes and snapshots included) ÷ the Node CLI's images/s. */
  bestWallVsNodeCli: number | null;
  /** Wall images/s ÷ chunk images/s on the best backend: the share of time spent training. */
  bestWallVsChunk: number | null;
  /** Each backend's chunk images/s ÷ the best's. */
  backendVsBest: Record<string, number | null>;
  /** Drag latency p95 while training ÷ while paused. */
  dragP95TrainingVsIdle: number | null;
  /** Each scaling point's images/s (chunk) ÷ batch 128 with 512-256. */
  scalingVsDefault: Record<string, number | null>;
}

/**
 * The conv VAE (math.md's conv reference) trained on WASM with our kernels in Node beside the same
 * model in PyTorch on the CPU, one after the other in this run at the same thread count.
 */
export interface ConvComparison {
  wasm: ConvLoopResult | { unavailable: string };
  /** Null in quick mode (no native runs there). */
  native: NativeResult | { unavailable: string } | null;
  /** WASM images/s ÷ PyTorch images/s (≥ 1 meets issue 17's target). */
  wasmVsNative: number | null;
  /** The same per CPU second (both processes' threads): robust to other processes on the cores. */
  wasmVsNativeCpu: number | null;
}

export interface BenchResult {
  ok: boolean;
  error?: string;
  mode: 'quick' | 'full';
  startedAt: string;
  durationS: number | null;
  machine: Machine | null;
  model: { dataset: 'mnist'; kind: 'vae'; layers: string; batch: number };
  build: { built: boolean; seconds: number | null };
  /** One short visit per backend (full), or the automatic one (quick). */
  backends: SessionResult[];
  best: { backend: string; chunkImagesPerSec: number } | null;
  /** The long run on the fastest backend: memory after many steps, time to the −ELBO line, idle drag, redraw. */
  longRun: SessionResult | null;
  scaling: ScalingPoint[];
  /** The Node CLI with our kernels, --threads auto. */
  nodeCli: NodeCliResult | null;
  /** Threads sharing WASM's matrix products: on the page (the probe's answer, as the worker reported it) and in the Node CLI (--threads auto). */
  threads: { page: number | null; nodeCli: number | null };
  /** The cores each side sees: navigator.hardwareConcurrency on the page, os.availableParallelism() in Node. */
  hardwareConcurrency: { page: number | null; node: number };
  /** The bare TF.js loop, measured in this run (bare-loop.ts: plain ops, tf.train.adam, TF.js's kernels). */
  bareLoop: BareLoopResult | null;
  /** The Node CLI with TF.js's own kernels (--stock-kernels): our model code without our kernels. */
  nodeCliStockKernels: NodeCliResult | null;
  /** The same model in PyTorch on the CPU (full mode, when torch is installed; the BLAS named), or why not. */
  native: NativeResult | { unavailable: string } | null;
  /** The conv VAE on WASM (ours) beside PyTorch (the issue-17 target), or null when not run. */
  conv: ConvComparison | null;
  /** The conv VAE trained in the page on the best backend (full mode): its rate and the drag while training. */
  convSession: SessionResult | null;
  /** Training images/s on Shapes beside MNIST, the same MLP in the Node CLI, back to back (scripts/bench/datasets.ts). */
  datasets: DatasetComparison | null;
  reference: { bareLoopImagesPerSec: number; source: string };
  ratios: Ratios;
  units: Record<string, string>;
  notes: string[];
  errors: string[];
}

export const UNITS: Record<string, string> = {
  Ms: 'milliseconds',
  S: 'seconds',
  Seconds: 'seconds',
  ImagesPerSec: 'training images per second',
  Bytes: 'bytes',
  fps: 'frames per second (requestAnimationFrame on the main thread)',
  NegElbo: 'nats per image (−ELBO, summed over the 784 pixels; math.md)',
  ratio: 'dimensionless; > 1 means the first figure is larger',
};

/** The session with the highest median chunk rate (the worker's own figure), or null. */
export function bestBackend(sessions: readonly SessionResult[]): { backend: string; chunkImagesPerSec: number } | null {
  let best: { backend: string; chunkImagesPerSec: number } | null = null;
  for (const s of sessions) {
    const rate = s.training?.throughput.chunkImagesPerSec ?? null;
    if (s.backend && rate !== null && (!best || rate > best.chunkImagesPerSec)) best = { backend: s.backend, chunkImagesPerSec: rate };
  }
  return best;
}

/** The thread counts and core counts the run saw (the page's from its training session). */
export function threadFigures(
  r: Pick<BenchResult, 'backends' | 'best' | 'longRun' | 'nodeCli'>,
  nodeCores: number,
): Pick<BenchResult, 'threads' | 'hardwareConcurrency'> {
  const page = r.longRun ?? r.backends.find((s) => s.backend === r.best?.backend) ?? r.backends.find((s) => s.backend !== null) ?? null;
  return {
    threads: { page: page?.threads ?? null, nodeCli: r.nodeCli?.threads ?? null },
    hardwareConcurrency: { page: page?.hardwareConcurrency ?? null, node: nodeCores },
  };
}

const scalingKey = (p: Pick<ScalingPoint, 'batch' | 'hidden'>) => `batch${p.batch}-hidden${p.hidden}`;

export function computeRatios(
  r: Pick<BenchResult, 'backends' | 'best' | 'longRun' | 'scaling' | 'nodeCli'> & Partial<Pick<BenchResult, 'bareLoop' | 'nodeCliStockKernels' | 'native'>>,
): Ratios {
  const native = r.native && 'imagesPerSec' in r.native ? r.native : null;
  const best = r.best;
  const bestSession = r.backends.find((s) => s.backend === best?.backend && s.training);
  const backendVsBest: Record<string, number | null> = {};
  for (const s of r.backends) {
    if (s.backend) backendVsBest[s.backend] = ratio(s.training?.throughput.chunkImagesPerSec, best?.chunkImagesPerSec);
  }
  const idle = r.longRun?.dragIdle ?? r.backends.find((s) => s.dragIdle)?.dragIdle ?? null;
  const training = bestSession?.dragWhileTraining ?? r.backends.find((s) => s.dragWhileTraining)?.dragWhileTraining ?? null;
  const base = r.scaling.find((p) => p.batch === 128 && p.hidden === '512-256');
  const scalingVsDefault: Record<string, number | null> = {};
  for (const p of r.scaling) scalingVsDefault[scalingKey(p)] = ratio(p.chunkImagesPerSec, base?.chunkImagesPerSec);
  return {
    bestVsBareLoop: ratio(best?.chunkImagesPerSec, r.bareLoop?.imagesPerSec),
    nodeCliVsStockKernels: ratio(r.nodeCli?.imagesPerSec, r.nodeCliStockKernels?.imagesPerSec),
    nativeVsBest: ratio(native?.imagesPerSec, best?.chunkImagesPerSec),
    nativeEpochVsBest: ratio(native?.epoch?.imagesPerSec, best?.chunkImagesPerSec),
    bestVsBareLoopReference: ratio(best?.chunkImagesPerSec, BARE_LOOP_REFERENCE_IMAGES_PER_SEC),
    bestVsNodeCli: ratio(best?.chunkImagesPerSec, r.nodeCli?.imagesPerSec),
    bestWallVsNodeCli: ratio(bestSession?.training?.throughput.wallImagesPerSec, r.nodeCli?.imagesPerSec),
    bestWallVsChunk: ratio(bestSession?.training?.throughput.wallImagesPerSec, bestSession?.training?.throughput.chunkImagesPerSec),
    backendVsBest,
    dragP95TrainingVsIdle: ratio(training?.latencyMs.p95, idle?.latencyMs.p95),
    scalingVsDefault,
  };
}

/** The conv comparison with its ratios. */
export function convComparison(wasm: ConvLoopResult | { unavailable: string }, native: NativeResult | { unavailable: string } | null): ConvComparison {
  const w = 'imagesPerSec' in wasm ? wasm : null;
  const n = native && 'imagesPerSec' in native ? native : null;
  return {
    wasm,
    native,
    wasmVsNative: ratio(w?.imagesPerSec, n?.imagesPerSec),
    wasmVsNativeCpu: ratio(w?.imagesPerCpuSec, n?.imagesPerCpuSec),
  };
}
