// Command-line flags of scripts/train.ts: parsing and help. The training settings' flags,
// defaults and ranges come from the one parameter schema (src/model/params.ts), so the CLI and
// the app accept the same values; the flags of a run (epochs, out, backend, …) live here.

import { availableParallelism } from 'node:os';
import { DEFAULT_TRAIN_SIZE as SHAPES_TRAIN_SIZE } from '../src/data/shapes';
import type { DatasetName } from '../src/data/types';
import { MAX_THREADS } from '../src/kernels/registerFastMatMul';
import { DEFAULT_MODEL, validateHyper, validateModelConfig, type Hyper, type ModelConfig } from '../src/model';
import { HIDDEN_MLP_ONLY } from '../src/model/config';
import { inputDimOf, PARAMS, validRangeText, type NumberParam, type ParamKey, type SwitchParam } from '../src/model/params';
import { MAX_SWEEP_VALUES, sweepRequest } from './sweepArgs';

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
  /** Says so when --hidden is given with --arch conv (the conv layers are fixed; the sizes are ignored). */
  hiddenNote?: string;
  /** TF.js's own WASM kernels only: the bare TF.js loop the benchmark compares against. */
  stockKernels: boolean;
  /** --sweep-beta: one model per β, same seed, batches and steps (scripts/sweep.ts); null: one model. */
  sweepBeta: number[] | null;
  /** --steps: each swept model's step budget; null: --epochs' worth. */
  steps: number | null;
  /** Start from this model (a .vaeckpt, model.safetensors + vae.json, …) instead of random weights; null: random. */
  init: string | null;
}

export type ParsedArgs = { kind: 'train'; args: TrainArgs } | { kind: 'help' } | { kind: 'error'; message: string };

const P = PARAMS;

/** The help line of one schema setting: flag, value, what it is, valid range and default. */
function paramHelp(key: ParamKey, what: string): string {
  const p = P[key];
  const value =
    p.type === 'number' ? (p.integer ? 'N' : 'X') : p.type === 'choice' ? p.options.join('|') : p.type === 'layers' ? 'N,N,...' : '';
  const range =
    p.type === 'number'
      ? p.integer ? `, ${p.valid.min}–${p.valid.max}` : `, ${validRangeText(p)}`
      : p.type === 'layers' ? `, ${p.layers.min}–${p.layers.max} layers of ${p.size.min}–${p.size.max}` : '';
  const dflt = p.type === 'switch' ? '' : ` (default ${p.type === 'layers' ? p.default.join(',') : p.default})`;
  return `  ${`--${p.cli} ${value}`.trimEnd().padEnd(32)}${what}${range}${dflt}`;
}

export const USAGE = `Train a VAE or AE with the playground's model code and save a checkpoint the app can load.

usage: npm run train -- [flags]

${paramHelp('dataset', 'dataset')}
${paramHelp('arch', 'network: dense layers, or the Keras example\'s conv layers (fixed; --hidden is MLP-only)')}
${paramHelp('kind', 'variational or plain autoencoder')}
${paramHelp('latentDim', 'latent dimensions')}
${paramHelp('hidden', 'encoder hidden sizes; the decoder mirrors them')}
  --epochs N                      passes over the training set, 1–1000 (default 1)
${paramHelp('batchSize', 'batch size')}
${paramHelp('learningRate', 'Adam learning rate')}
${paramHelp('beta', 'weight of KL in the objective')}
${paramHelp('objective', 'beta: recon + β·KL; capacity: recon + γ·|KL − C|, C rising to C_max (Burgess et al. 2018)')}
${paramHelp('gamma', 'capacity objective: weight γ of |KL − C|')}
${paramHelp('cMax', 'capacity objective: C_max in nats')}
${paramHelp('rampSteps', 'capacity objective: steps over which C rises from 0 to C_max')}
${paramHelp('likelihood', 'decoder likelihood')}
${paramHelp('sigmaX', 'Gaussian σ_x')}
${paramHelp('samples', 'ε samples per image')}
${paramHelp('reparam', 'sample z without the reparameterization trick (teaching demo)')}
${paramHelp('warmStart', "the app's fast start: 4× the learning rate for 300 steps, back by step 1,000")}
                                  (off by default, so runs compare with Adam at a constant rate, as math.md's figures do)
${paramHelp('seed', 'seed of weights, data order and ε')}
  --out DIR                       output folder (default runs/<dataset>-<model>-z<latent>-seed<seed>)
  --train-size N                  train on a fixed random subset of N images (default: all); shapes: on N images
                                  generated from its fixed data seed (default ${SHAPES_TRAIN_SIZE}), drawn per batch
  --backend wasm|cpu              TF.js backend; wasm falls back to cpu (default wasm)
  --float16                       store weights as float16 (half the file size)
  --threads auto|N                threads for the fast WASM matrix product, 1 to this machine's cores; auto (default)
                                  times a few steps of the default model at 1, 2, 4, … up to every core and keeps the fastest
  --stock-kernels                 TF.js's own WASM kernels, none of ours (the bare TF.js loop, for comparison)
  --init FILE                     start from a model: a .vaeckpt, or model.safetensors + vae.json (their folder or a .zip);
                                  its architecture and dataset are used, so --dataset, --arch, --model, --latent and --hidden are not given
  --sweep-beta X,X,...            train one VAE per β (same seed, batches and step budget), 1–${MAX_SWEEP_VALUES} distinct values above 0;
                                  prints one JSON line per β: rate (test KL), distortion (test recon), negElbo, and mig on shapes
  --steps N                       with --sweep-beta: training steps per model (default: --epochs' worth)
  --help                          show this message

Prints one JSON line per epoch to stdout (progress goes to stderr); writes DIR/metrics.jsonl
and DIR/checkpoint.vaeckpt. A VAE's line has "klPerDim" (nats per latent dimension over the test
images); on shapes also "mig", the latent × factor "mi" matrix and "factorEntropy" (nats).`;

type Raw = Map<string, string | true>;

const SCHEMA_PARAMS = Object.values(P);
const VALUE_FLAGS = [
  ...SCHEMA_PARAMS.filter((p) => p.type !== 'switch').map((p) => p.cli),
  'epochs', 'out', 'train-size', 'backend', 'threads', 'init', 'sweep-beta', 'steps',
];
const SWITCHES = [...SCHEMA_PARAMS.filter((p) => p.type === 'switch').map((p) => p.cli), 'float16', 'stock-kernels', 'help'];

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

/** A schema number by its flag, its default and integer rule from the schema. */
const param = (raw: Raw, p: NumberParam): number => number(raw, p.cli, p.default, p.integer);
/** A schema switch: giving the flag flips the CLI's default. */
const switched = (raw: Raw, p: SwitchParam): boolean => {
  const dflt = p.cliDefault ?? p.default;
  return raw.has(p.cli) ? !dflt : dflt;
};

function inRange(name: string, n: number, min: number, max: number): number {
  if (n < min || n > max) throw new UsageError(`--${name} must be ${min}–${max}, got ${n}`);
  return n;
}

/** Names the flag behind a src/model validation message ("latentDim must…" → "--latent: latentDim must…"). */
const FLAG_OF: Array<[RegExp, string]> = [
  [/^latentDim/, 'latent'], [/^hidden/, 'hidden'], [/^learning rate/, 'lr'], [/^β/, 'beta'],
  [/^σ_x/, 'sigma'], [/^samples/, 'samples'], [/^batch size/, 'batch'],
  [/^γ/, 'gamma'], [/^C_max/, 'c-max'], [/^the capacity ramp/, 'c-ramp'], [/^objective/, 'objective'],
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
    const fixedByInit = [P.dataset, P.arch, P.kind, P.latentDim, P.hidden].map((p) => p.cli).filter((f) => raw.has('init') && raw.has(f));
    if (fixedByInit.length > 0) throw new UsageError(`--init takes the architecture and dataset from its file; drop --${fixedByInit.join(', --')}`);
    const hiddenText = raw.get(P.hidden.cli);
    const hidden =
      typeof hiddenText === 'string'
        ? hiddenText.split(',').map((s) => {
            const n = s.trim() === '' ? NaN : Number(s);
            if (!Number.isInteger(n)) throw new UsageError(`--hidden must list integers like 512,256, got "${hiddenText}"`);
            return n;
          })
        : [...DEFAULT_MODEL.hidden];
    const dataset = choice(raw, P.dataset.cli, P.dataset.options, P.dataset.default);
    const arch = choice(raw, P.arch.cli, P.arch.options, P.arch.default);
    const config: ModelConfig = {
      // arch only for the conv network, so an MLP's checkpoint is as before.
      ...(arch === 'conv' ? { arch } : {}),
      kind: choice(raw, P.kind.cli, P.kind.options, P.kind.default),
      // The dataset fixes the input size (784 for the 28×28 sets, 1024 for Shapes).
      inputDim: inputDimOf(dataset),
      latentDim: param(raw, P.latentDim),
      hidden,
    };
    const hyper: Hyper = {
      learningRate: param(raw, P.learningRate),
      beta: param(raw, P.beta),
      likelihood: choice(raw, P.likelihood.cli, P.likelihood.options, P.likelihood.default),
      sigmaX: param(raw, P.sigmaX),
      samples: param(raw, P.samples),
      reparam: switched(raw, P.reparam),
      warmStart: switched(raw, P.warmStart),
      batchSize: param(raw, P.batchSize),
    };
    const objective = choice(raw, P.objective.cli, P.objective.options, P.objective.default);
    const capacityFlags = [P.gamma, P.cMax, P.rampSteps].map((p) => p.cli).filter((f) => raw.has(f));
    if (objective !== 'capacity' && capacityFlags.length > 0) throw new UsageError(`--${capacityFlags.join(', --')} apply to --objective capacity only`);
    // Only with the capacity objective, so a β-VAE's checkpoint is as before.
    if (objective === 'capacity') Object.assign(hyper, { objective, gamma: param(raw, P.gamma), cMax: param(raw, P.cMax), rampSteps: param(raw, P.rampSteps) });
    const sweep = sweepRequest((flag) => raw.get(flag), config.kind, objective);
    if ('error' in sweep) throw new UsageError(sweep.error);
    const problems = [...validateModelConfig(config), ...validateHyper(hyper)];
    if (problems.length > 0) throw new UsageError(problems.map(withFlag).join('; '));
    const seed = inRange(P.seed.cli, param(raw, P.seed), P.seed.valid.min, P.seed.valid.max);
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
        out: typeof out === 'string' ? out : `runs/${dataset}-${arch === 'conv' ? 'conv-' : ''}${config.kind}-z${config.latentDim}-seed${seed}`,
        trainSize,
        backend: choice(raw, 'backend', ['wasm', 'cpu'], 'wasm'),
        float16: raw.has('float16'),
        ...threadsArg(raw, cores),
        ...(arch === 'conv' && raw.has(P.hidden.cli) ? { hiddenNote: `--${P.hidden.cli}: ${HIDDEN_MLP_ONLY}` } : {}),
        stockKernels: raw.has('stock-kernels'),
        ...sweep,
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
