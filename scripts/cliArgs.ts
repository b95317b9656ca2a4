// Command-line flags of scripts/train.ts: parsing, defaults and ranges (the ranges themselves
// come from src/model, so the CLI and the app accept the same values).

import { availableParallelism } from 'node:os';
import type { DatasetName } from '../src/data/types';
import { MAX_THREADS } from '../src/kernels/registerFastMatMul';
import { DEFAULT_HYPER, DEFAULT_MODEL, validateHyper, validateModelConfig, type Hyper, type ModelConfig } from '../src/model';

export type CliBackend = 'wasm' | 'cpu';

export interface TrainArgs {
  dataset: DatasetName;
  config: ModelConfig;
  hyper: Hyper;
  epochs: number;
  seed: number;
  out: string;
  /** Train on a fixed random subset of this many images; null: the whole training split. */
  trainSize: number | null;
  backend: CliBackend;
  float16: boolean;
  /** Threads for the fast WASM matrix product: a count, or 'auto' (measured at start, like the app's probe). */
  threads: number | 'auto';
  /** Why the thread count asked for was changed (e.g. clamped to the machine's cores). */
  threadsNote?: string;
  /** TF.js's own WASM kernels only: the bare TF.js loop the benchmark compares against. */
  stockKernels: boolean;
  /** Start from this model (a .vaeckpt, model.safetensors + vae.json, …) instead of random weights; null: random. */
  init: string | null;
}

export type ParsedArgs = { kind: 'train'; args: TrainArgs } | { kind: 'help' } | { kind: 'error'; message: string };

export const USAGE = `Train a VAE or AE with the playground's model code and save a checkpoint the app can load.

usage: npm run train -- [flags]

  --dataset mnist|fashion         dataset (default mnist)
  --model vae|ae                  variational or plain autoencoder (default ${DEFAULT_MODEL.kind})
  --latent N                      latent dimensions, 1–64 (default ${DEFAULT_MODEL.latentDim})
  --hidden N,N,...                encoder hidden sizes, 1–4 layers of 8–2048; the decoder mirrors them (default ${DEFAULT_MODEL.hidden.join(',')})
  --epochs N                      passes over the training set, 1–1000 (default 1)
  --batch N                       batch size, 1–4096 (default ${DEFAULT_HYPER.batchSize})
  --lr X                          Adam learning rate, (0, 1] (default ${DEFAULT_HYPER.learningRate})
  --beta X                        weight of KL in the objective, 0–100 (default ${DEFAULT_HYPER.beta})
  --likelihood bernoulli|gaussian decoder likelihood (default ${DEFAULT_HYPER.likelihood})
  --sigma X                       Gaussian σ_x, 0.01–10 (default ${DEFAULT_HYPER.sigmaX})
  --samples N                     ε samples per image, 1–64 (default ${DEFAULT_HYPER.samples})
  --no-reparam                    sample z without the reparameterization trick (teaching demo)
  --fast-start                    the app's fast start: 4× the learning rate for 300 steps, back by step 1,000
                                  (off by default, so runs compare with Adam at a constant rate, as math.md's figures do)
  --seed N                        seed of weights, data order and ε, 0–2147483647 (default 1)
  --out DIR                       output folder (default runs/<dataset>-<model>-z<latent>-seed<seed>)
  --train-size N                  train on a fixed random subset of N images (default: all)
  --backend wasm|cpu              TF.js backend; wasm falls back to cpu (default wasm)
  --float16                       store weights as float16 (half the file size)
  --threads auto|N                threads for the fast WASM matrix product, 1 to this machine's cores; auto (default)
                                  times a few steps of the default model at 1, 2, 4, … up to every core and keeps the fastest
  --stock-kernels                 TF.js's own WASM kernels, none of ours (the bare TF.js loop, for comparison)
  --init FILE                     start from a model: a .vaeckpt, or model.safetensors + vae.json (their folder or a .zip);
                                  its architecture and dataset are used, so --dataset, --model, --latent and --hidden are not given
  --help                          show this message

Prints one JSON line per epoch to stdout (progress goes to stderr); writes DIR/metrics.jsonl
and DIR/checkpoint.vaeckpt.`;

type Raw = Map<string, string | true>;

const VALUE_FLAGS = [
  'dataset', 'model', 'latent', 'hidden', 'epochs', 'batch', 'lr', 'beta', 'likelihood',
  'sigma', 'samples', 'seed', 'out', 'train-size', 'backend', 'threads', 'init',
] as const;
const SWITCHES = ['float16', 'no-reparam', 'fast-start', 'stock-kernels', 'help'] as const;

class UsageError extends Error {}

function tokenize(argv: string[]): Raw {
  const raw: Raw = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (raw.has(name)) throw new UsageError(`--${name} given twice`);
    if ((SWITCHES as readonly string[]).includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      raw.set(name, true);
    } else if ((VALUE_FLAGS as readonly string[]).includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
      raw.set(name, value);
    } else {
      throw new UsageError(`unknown flag --${name}`);
    }
  }
  return raw;
}

function number(raw: Raw, name: string, fallback: number, integer: boolean): number {
  const v = raw.get(name);
  if (v === undefined) return fallback;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'}, got "${v}"`);
  }
  return n;
}

function choice<T extends string>(raw: Raw, name: string, options: readonly T[], fallback: T): T {
  const v = raw.get(name) ?? fallback;
  if (!options.includes(v as T)) throw new UsageError(`--${name} must be one of ${options.join(', ')}, got "${v}"`);
  return v as T;
}

function inRange(name: string, n: number, min: number, max: number): number {
  if (n < min || n > max) throw new UsageError(`--${name} must be ${min}–${max}, got ${n}`);
  return n;
}

/** Names the flag behind a src/model validation message ("latentDim must…" → "--latent: latentDim must…"). */
const FLAG_OF: Array<[RegExp, string]> = [
  [/^latentDim/, 'latent'], [/^hidden/, 'hidden'], [/^learning rate/, 'lr'], [/^β/, 'beta'],
  [/^σ_x/, 'sigma'], [/^samples/, 'samples'], [/^batch size/, 'batch'],
];
function withFlag(problem: string): string {
  const flag = FLAG_OF.find(([re]) => re.test(problem))?.[1];
  return flag ? `--${flag}: ${problem}` : problem;
}

/**
 * --threads: 'auto', or a whole number from 1 to the machine's cores (more is clamped, with a note:
 * helper threads beyond the cores only take turns).
 */
function threadsArg(raw: Raw, cores: number): { threads: number | 'auto'; threadsNote?: string } {
  const v = raw.get('threads');
  if (v === undefined || v === 'auto') return { threads: 'auto' };
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  const top = Math.max(1, Math.min(cores, MAX_THREADS));
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--threads must be auto or a whole number from 1 to ${top} (this machine's cores), got "${v}"`);
  if (n > top) return { threads: top, threadsNote: `--threads ${n} is more than this machine's ${cores} cores${cores > MAX_THREADS ? ` (or the ${MAX_THREADS} the kernel allows)` : ''}: using ${top}` };
  return { threads: n };
}

/** `cores`: the machine's (os.availableParallelism()); --threads is checked against it. */
export function parseTrainArgs(argv: string[], cores: number = availableParallelism()): ParsedArgs {
  try {
    const raw = tokenize(argv);
    if (raw.has('help')) return { kind: 'help' };
    const fixedByInit = ['dataset', 'model', 'latent', 'hidden'].filter((f) => raw.has('init') && raw.has(f));
    if (fixedByInit.length > 0) throw new UsageError(`--init takes the architecture and dataset from its file; drop --${fixedByInit.join(', --')}`);
    const hiddenText = raw.get('hidden');
    const hidden =
      typeof hiddenText === 'string'
        ? hiddenText.split(',').map((s) => {
            const n = s.trim() === '' ? NaN : Number(s);
            if (!Number.isInteger(n)) throw new UsageError(`--hidden must list integers like 512,256, got "${hiddenText}"`);
            return n;
          })
        : [...DEFAULT_MODEL.hidden];
    const config: ModelConfig = {
      kind: choice(raw, 'model', ['vae', 'ae'], DEFAULT_MODEL.kind),
      inputDim: DEFAULT_MODEL.inputDim,
      latentDim: number(raw, 'latent', DEFAULT_MODEL.latentDim, true),
      hidden,
    };
    const hyper: Hyper = {
      learningRate: number(raw, 'lr', DEFAULT_HYPER.learningRate, false),
      beta: number(raw, 'beta', DEFAULT_HYPER.beta, false),
      likelihood: choice(raw, 'likelihood', ['bernoulli', 'gaussian'], DEFAULT_HYPER.likelihood),
      sigmaX: number(raw, 'sigma', DEFAULT_HYPER.sigmaX, false),
      samples: number(raw, 'samples', DEFAULT_HYPER.samples, true),
      reparam: !raw.has('no-reparam'),
      warmStart: raw.has('fast-start'),
      batchSize: number(raw, 'batch', DEFAULT_HYPER.batchSize, true),
    };
    const problems = [...validateModelConfig(config), ...validateHyper(hyper)];
    if (problems.length > 0) throw new UsageError(problems.map(withFlag).join('; '));
    const dataset = choice(raw, 'dataset', ['mnist', 'fashion'], 'mnist');
    const seed = inRange('seed', number(raw, 'seed', 1, true), 0, 2 ** 31 - 1);
    const trainSize = raw.has('train-size') ? inRange('train-size', number(raw, 'train-size', 0, true), 1, 1e7) : null;
    const out = raw.get('out');
    return {
      kind: 'train',
      args: {
        dataset,
        config,
        hyper,
        epochs: inRange('epochs', number(raw, 'epochs', 1, true), 1, 1000),
        seed,
        out: typeof out === 'string' ? out : `runs/${dataset}-${config.kind}-z${config.latentDim}-seed${seed}`,
        trainSize,
        backend: choice(raw, 'backend', ['wasm', 'cpu'], 'wasm'),
        float16: raw.has('float16'),
        ...threadsArg(raw, cores),
        stockKernels: raw.has('stock-kernels'),
        init: typeof raw.get('init') === 'string' ? (raw.get('init') as string) : null,
      },
    };
  } catch (e) {
    if (e instanceof UsageError) return { kind: 'error', message: e.message };
    throw e;
  }
}

/** The command line as a shell would take it back, for the checkpoint's record. */
export function commandLine(argv: string[]): string {
  const quote = (s: string) => (/^[\w.,=\/:+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return ['npm', 'run', 'train', '--', ...argv].map(quote).join(' ');
}
