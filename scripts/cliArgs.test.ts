import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, DEFAULT_MODEL } from '../src/model';
import { commandLine, parseTrainArgs, type ParsedArgs, type TrainArgs } from './cliArgs';

const args = (r: ParsedArgs): TrainArgs => {
  if (r.kind !== 'train') throw new Error(`expected arguments, got ${JSON.stringify(r)}`);
  return r.args;
};
const error = (argv: string[]): string => {
  const r = parseTrainArgs(argv);
  if (r.kind !== 'error') throw new Error(`expected an error for ${argv.join(' ')}`);
  return r.message;
};

describe('parseTrainArgs', () => {
  it('defaults to the app defaults', () => {
    const a = args(parseTrainArgs([]));
    expect(a.config).toEqual(DEFAULT_MODEL);
    // The fast start is the app's; the CLI trains at a constant rate unless asked (math.md's protocol).
    expect(a.hyper).toEqual({ ...DEFAULT_HYPER, warmStart: false });
    expect(a).toMatchObject({ dataset: 'mnist', epochs: 1, seed: 1, trainSize: null, backend: 'wasm', float16: false, stockKernels: false });
    expect(a.out).toBe('runs/mnist-vae-z2-seed1');
  });

  it('reads every flag, as --flag value or --flag=value', () => {
    const a = args(
      parseTrainArgs([
        '--dataset', 'fashion', '--model=ae', '--latent', '20', '--hidden', '400', '--epochs', '3', '--batch=64',
        '--lr', '3e-4', '--beta', '0.5', '--likelihood', 'gaussian', '--sigma', '0.1', '--samples', '4', '--seed', '7',
        '--out', '/tmp/x', '--train-size', '1000', '--backend', 'cpu', '--float16', '--no-reparam', '--fast-start',
        '--stock-kernels',
      ]),
    );
    expect(a.config).toEqual({ kind: 'ae', inputDim: 784, latentDim: 20, hidden: [400] });
    expect(a.hyper).toEqual({ learningRate: 3e-4, beta: 0.5, likelihood: 'gaussian', sigmaX: 0.1, samples: 4, reparam: false, batchSize: 64, warmStart: true });
    expect(a).toMatchObject({ dataset: 'fashion', epochs: 3, seed: 7, out: '/tmp/x', trainSize: 1000, backend: 'cpu', float16: true, stockKernels: true });
  });

  it('takes the input size from the dataset: 1024 for Shapes (32×32), 784 for the others', () => {
    const a = args(parseTrainArgs(['--dataset', 'shapes', '--latent', '6', '--beta', '4']));
    expect(a.dataset).toBe('shapes');
    expect(a.config).toEqual({ ...DEFAULT_MODEL, inputDim: 1024, latentDim: 6 });
    expect(a.hyper.beta).toBe(4);
    expect(a.out).toBe('runs/shapes-vae-z6-seed1');
    expect(args(parseTrainArgs(['--dataset', 'fashion'])).config.inputDim).toBe(784);
    expect(args(parseTrainArgs(['--dataset=shapes', '--train-size', '500'])).trainSize).toBe(500);
  });

  it('measures the thread count by default, takes 1 to the cores, clamps more with a note and refuses nonsense', () => {
    expect(args(parseTrainArgs([], 8)).threads).toBe('auto');
    expect(args(parseTrainArgs(['--threads', 'auto'], 8)).threads).toBe('auto');
    expect(args(parseTrainArgs(['--threads', '3'], 8))).toMatchObject({ threads: 3 });
    expect(args(parseTrainArgs(['--threads', '3'], 8)).threadsNote).toBeUndefined();
    const clamped = args(parseTrainArgs(['--threads', '999'], 2));
    expect(clamped.threads).toBe(2);
    expect(clamped.threadsNote).toBe("--threads 999 is more than this machine's 2 cores: using 2");
    expect(parseTrainArgs(['--threads', '0'], 2)).toEqual({ kind: 'error', message: '--threads must be auto or a whole number from 1 to 2 (this machine\'s cores), got "0"' });
    for (const bad of ['0', 'x', '-1', '1.5', '']) {
      const r = parseTrainArgs(['--threads', bad], 4);
      expect(r.kind, bad).toBe('error');
      if (r.kind === 'error') expect(r.message).toContain('--threads must be auto or a whole number from 1 to 4');
    }
  });

  it('answers --help', () => {
    expect(parseTrainArgs(['--latent', '3', '--help'])).toEqual({ kind: 'help' });
  });

  it('rejects unknown flags, missing values, repeats and stray words', () => {
    expect(error(['--latnet', '2'])).toBe('unknown flag --latnet');
    expect(error(['--latent'])).toBe('--latent needs a value');
    expect(error(['--latent', '--epochs', '2'])).toBe('--latent needs a value');
    expect(error(['--seed', '1', '--seed', '2'])).toBe('--seed given twice');
    expect(error(['mnist'])).toBe('unexpected argument "mnist"');
    expect(error(['--float16=yes'])).toBe('--float16 takes no value');
  });

  it('rejects malformed and out-of-range values with the reason', () => {
    expect(error(['--dataset', 'cifar'])).toBe('--dataset must be one of mnist, fashion, shapes, got "cifar"');
    expect(error(['--latent', 'two'])).toBe('--latent must be an integer, got "two"');
    expect(error(['--latent', '1.5'])).toBe('--latent must be an integer, got "1.5"');
    expect(error(['--latent', '65'])).toBe('--latent: latentDim must be an integer 1–64, got 65');
    expect(error(['--hidden', '512,,256'])).toMatch(/--hidden must list integers/);
    expect(error(['--hidden', '4096'])).toMatch(/hidden layer 1 must be an integer 8–2048/);
    expect(error(['--lr', '0'])).toBe('--lr: learning rate must be in (0, 1], got 0');
    expect(error(['--lr', ''])).toBe('--lr must be a number, got ""');
    expect(error(['--sigma', '-1'])).toMatch(/σ_x must be in/);
    expect(error(['--samples', '0'])).toMatch(/samples L must be/);
    expect(error(['--batch', '0'])).toMatch(/batch size/);
    expect(error(['--epochs', '0'])).toBe('--epochs must be 1–1000, got 0');
    expect(error(['--seed', '-3'])).toBe('--seed must be 0–2147483647, got -3');
    expect(error(['--train-size', '0'])).toMatch(/--train-size must be/);
    expect(error(['--backend', 'webgl'])).toMatch(/--backend must be one of wasm, cpu/);
  });
});

describe('commandLine', () => {
  it('quotes only what a shell would split', () => {
    expect(commandLine(['--latent', '2', '--out', 'my runs/a'])).toBe("npm run train -- --latent 2 --out 'my runs/a'");
  });
});

describe('--arch', () => {
  it('conv: the config names the conv network; --hidden is ignored with a note; mlp leaves the config as before', () => {
    const conv = args(parseTrainArgs(['--arch', 'conv']));
    expect(conv.config).toEqual({ ...DEFAULT_MODEL, arch: 'conv' });
    expect(conv.out).toBe('runs/mnist-conv-vae-z2-seed1');
    expect(conv.hiddenNote).toBeUndefined();
    const withHidden = args(parseTrainArgs(['--arch', 'conv', '--hidden', '64']));
    expect(withHidden.hiddenNote).toBe('--hidden: hidden sizes apply to the MLP only; the conv network has fixed layers and ignores them');
    expect(args(parseTrainArgs(['--arch', 'mlp'])).config).not.toHaveProperty('arch');
    expect(error(['--arch', 'resnet'])).toBe('--arch must be one of mlp, conv, got "resnet"');
    expect(error(['--init', 'x.vaeckpt', '--arch', 'conv'])).toContain('drop --arch');
  });
});
