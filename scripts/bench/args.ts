// Flags of scripts/bench.ts and the plan each mode follows (how long each measurement runs).

export interface BenchPlan {
  quick: boolean;
  build: boolean;
  /** Backends to measure; 'auto' alone in quick mode. */
  backends: Array<'auto' | 'webgl' | 'wasm' | 'cpu'>;
  /** Training before the throughput window opens (after the first step), ms. */
  warmMs: number;
  /** The throughput and fps window while training, ms (at least 5 s for fps). */
  windowMs: number;
  /** Pointer moves of each drag of the latent point. */
  dragMoves: number;
  /** Steps of the long run on the fastest backend (heap, tensors, time to the −ELBO line)… */
  enduranceSteps: number;
  /** …unless this much time from pressing Train passes first, ms. 0: no long run. */
  enduranceCapMs: number;
  /** Scaling points on the best backend: batch size and hidden layers ("512-256"). */
  scaling: Array<{ batch: number; hidden: string }>;
  scalingWarmMs: number;
  scalingWindowMs: number;
  /** Training images for the Node CLI comparison. */
  nodeTrainSize: number;
  /** Training images for the Node CLI with TF.js's own kernels (≈ 4× slower). */
  stockKernelsTrainSize: number;
  /** Timed steps of the bare TF.js loop (≈ 0.3 s each). */
  bareLoopSteps: number;
  /** Steps of the PyTorch reference (0: not run). */
  nativeSteps: number;
  /** Timed steps of the conv VAE on WASM (conv-loop.ts, ≈ 0.5 s each) and, in full mode, in PyTorch (0: not run). */
  convSteps: number;
  /** Training images of each Node CLI run of the Shapes vs MNIST comparison (scripts/bench/datasets.ts). */
  datasetTrainSize: number;
  /** Alternating MNIST/Shapes pairs of that comparison; each dataset's best run counts. */
  datasetPairs: number;
  /** The whole run's time; the long run shrinks and scaling points drop to stay within it, ms. */
  budgetMs: number;
  /** 'datasets': only the Shapes vs MNIST comparison (no browser, no other section); null: everything. */
  only: 'datasets' | null;
}

export const USAGE = `Benchmark the built app in headless Chromium, and the same model in Node.

usage: npm run bench -- [--quick] [--no-build] [--only datasets]

  --quick     about a minute: the automatic backend only, short windows, no scaling,
              no long run; reports numbers and never fails on a slow machine
  --no-build  serve the last build in bench-results/site instead of building again
  --only datasets
              only training images/s on Shapes beside MNIST (the same MLP, Node CLI,
              1 thread each, back to back); no browser
  --help      show this message

Prints one JSON object to stdout (also written to bench-results/bench-<time>.json) and a
table to stderr.`;

const FULL: Omit<BenchPlan, 'build' | 'only'> = {
  quick: false,
  backends: ['webgl', 'wasm', 'cpu'],
  warmMs: 4_000,
  windowMs: 12_000,
  dragMoves: 200,
  enduranceSteps: 2_000,
  enduranceCapMs: 270_000,
  scaling: [
    { batch: 32, hidden: '512-256' },
    { batch: 128, hidden: '512-256' },
    { batch: 512, hidden: '512-256' },
    { batch: 128, hidden: '256' },
  ],
  scalingWarmMs: 3_000,
  scalingWindowMs: 8_000,
  nodeTrainSize: 6_400,
  stockKernelsTrainSize: 1_280,
  bareLoopSteps: 30,
  nativeSteps: 300,
  convSteps: 20,
  datasetTrainSize: 12_800,
  datasetPairs: 3,
  budgetMs: 570_000,
};

const QUICK: Omit<BenchPlan, 'build' | 'only'> = {
  quick: true,
  backends: ['auto'],
  warmMs: 2_000,
  windowMs: 5_000,
  dragMoves: 60,
  enduranceSteps: 0,
  enduranceCapMs: 0,
  scaling: [],
  scalingWarmMs: 0,
  scalingWindowMs: 0,
  nodeTrainSize: 2_560,
  stockKernelsTrainSize: 640,
  bareLoopSteps: 10,
  nativeSteps: 0,
  convSteps: 5,
  datasetTrainSize: 2_560,
  datasetPairs: 1,
  budgetMs: 90_000,
};

export type ParsedBenchArgs = { kind: 'run'; plan: BenchPlan } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseBenchArgs(argv: readonly string[]): ParsedBenchArgs {
  let quick = false;
  let build = true;
  let only: BenchPlan['only'] = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    else if (arg === '--quick') quick = true;
    else if (arg === '--no-build') build = false;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (value !== 'datasets') return { kind: 'error', message: `--only takes "datasets", got ${value === undefined ? 'nothing' : `"${value}"`}` };
      only = value;
    } else return { kind: 'error', message: `unknown argument "${arg}"` };
  }
  const base = quick ? QUICK : FULL;
  return { kind: 'run', plan: { ...base, backends: [...base.backends], scaling: base.scaling.map((s) => ({ ...s })), build, only } };
}
