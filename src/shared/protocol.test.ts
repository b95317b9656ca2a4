// Every message kind survives structuredClone (what postMessage does) with its typed arrays
// intact, and big arrays can be transferred. The sample tables are exhaustive by type: a new
// message kind without a sample here fails to compile.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER, DEFAULT_MODEL, type NetworkWeights } from '../model/types';
import { nonPlainPaths } from '../workers/plainData';
import type { FromInference, FromTrainer, SessionConfig, TestMetrics, ToInference, ToTrainer } from './protocol';
import { weightBuffers } from './transfer';

type Samples<U extends { type: string }> = { [K in U['type']]: Extract<U, { type: K }> };

const config: SessionConfig = { dataset: 'mnist', model: DEFAULT_MODEL, hyper: DEFAULT_HYPER, seed: 1 };
const test: TestMetrics = { elbo: -150, recon: 140, kl: 10, objective: 150, full: false, count: 1000 };
const f32 = (n: number, scale = 1) => Float32Array.from({ length: n }, (_, i) => i * scale - 0.5);
const dense = (inDim: number, outDim: number) => ({ inDim, outDim, W: f32(inDim * outDim, 1e-3), b: f32(outDim) });
const weights = (): NetworkWeights => ({
  config: { ...DEFAULT_MODEL, hidden: [4] },
  encoder: [dense(784, 4)],
  mu: dense(4, 2),
  logvar: dense(4, 2),
  decoder: [dense(2, 4), dense(4, 784)],
});
const history = { steps: [0, 1], elbo: [-200, -190], recon: [190, 181], kl: [10, 9], objective: [200, 190], test: [{ ...test, step: 1 }] };

const toTrainer: Samples<ToTrainer> = {
  init: { type: 'init', config, backend: 'auto', baseUrl: 'http://localhost/' },
  play: { type: 'play' },
  pause: { type: 'pause' },
  step: { type: 'step', chunks: 3 },
  reset: { type: 'reset', config },
  setHyper: { type: 'setHyper', hyper: { beta: 2, reparam: false } },
  setBackend: { type: 'setBackend', backend: 'wasm' },
  evaluate: { type: 'evaluate', id: 1, full: true, iwK: 50 },
  measureDisentanglement: { type: 'measureDisentanglement' },
  save: { type: 'save', id: 2, history },
  load: { type: 'load', id: 3, bytes: new Uint8Array([1, 2, 3]).buffer },
  loadPartner: { type: 'loadPartner', id: 9, bytes: new Uint8Array([4, 5]).buffer },
  debug: { type: 'debug', fault: 'nan' },
  setView: { type: 'setView', view: 'compare' },
  setModelB: { type: 'setModelB', settings: { kind: 'vae', beta: 4, hidden: [256] } },
  sweepStart: { type: 'sweepStart', sweepId: 1, values: [0.25, 1, 4], steps: 1000 },
  sweepControl: { type: 'sweepControl', action: 'pause' },
  openSweepModel: { type: 'openSweepModel', id: 10, settings: { beta: 4 }, config, weights: weights(), test: { ...test, full: true, count: 10000 } },
  useImages: {
    type: 'useImages',
    id: 8,
    config: { ...config, dataset: 'custom' },
    images: {
      title: 'digits',
      classes: ['1', '7'],
      train: { count: 2, pixels: new Uint8Array(2 * 784).fill(3), labels: new Uint8Array([0, 1]) },
      test: { count: 1, pixels: new Uint8Array(784).fill(5), labels: new Uint8Array([1]) },
    },
  },
};

const fromTrainer: Samples<FromTrainer> = {
  ready: { type: 'ready', backend: 'webgl', tried: [{ backend: 'webgpu', ok: false, reason: 'not installed' }, { backend: 'webgl', ok: true }], config },
  probed: {
    type: 'probed',
    probe: { version: 1, measuredAt: '2026-11-24T23:00:00.000Z', agent: 'UA', batch: 128, hidden: [512, 256], results: [{ backend: 'wasm', imagesPerSec: 3400, firstStepMs: 240 }, { backend: 'webgl', imagesPerSec: null, reason: 'lost' }] },
  },
  progress: { type: 'progress', stage: 'download', loaded: 10, total: 100, label: 'Downloading MNIST' },
  alive: { type: 'alive' },
  metrics: {
    type: 'metrics',
    step: 3,
    epoch: 0,
    epochProgress: 0.01,
    train: { firstStep: 0, elbo: [-540, -500, -450], recon: [530, 490, 440], kl: [10, 10, 10], objective: [540, 500, 450] },
    test,
    imagesPerSec: 612.5,
    numTensors: 42,
  },
  latent: {
    type: 'latent',
    step: 3,
    kind: 'vae',
    dim: 2,
    count: 3,
    mu: f32(6),
    logvar: f32(6),
    labels: new Uint8Array([2, 0, 1]),
    factors: { names: ['shape', 'posX'], sizes: [3, 32], values: new Uint8Array([2, 31, 0, 5, 1, 17]) },
  },
  disentanglement: {
    type: 'disentanglement',
    step: 3,
    mig: 0.125,
    mi: [[0.5, 0.01], [0.02, 1.2]],
    factorEntropy: [1.0986, 3.4657],
    migGap: [0.4369, 0.3405],
    factorNames: ['shape', 'posX'],
  },
  weights: { type: 'weights', step: 3, weights: weights() },
  recon: { type: 'recon', step: 3, count: 1, inputs: f32(784, 1e-3), outputs: f32(784, 1e-3) },
  state: { type: 'state', running: true, step: 3, epoch: 0 },
  evaluated: { type: 'evaluated', id: 1, metrics: { ...test, full: true, count: 10000 }, logpx: -140 },
  saved: { type: 'saved', id: 2, bytes: new Uint8Array([9, 8, 7]).buffer },
  loaded: { type: 'loaded', id: 3, config, step: 400, history },
  error: { type: 'error', code: 'nan', message: 'The loss became NaN at step 3', recoverable: true, id: 4 },
  view: { type: 'view', view: 'ae', config },
  sweep: { type: 'sweep', sweepId: 1, phase: 'training', index: 2, of: 6, step: 412, steps: 1000 },
  sweepModel: { type: 'sweepModel', sweepId: 1, index: 2, beta: 1, step: 1000, config, test: { ...test, full: true, count: 10000 }, mig: null, weights: weights() },
};

const toInference: Samples<ToInference> = {
  weights: { type: 'weights', step: 3, weights: weights() },
  decoder: { type: 'decoder', step: 2345, config: weights().config, decoder: weights().decoder },
  decode: { type: 'decode', id: 5, n: 2, z: f32(4) },
  encode: { type: 'encode', id: 6, n: 1, pixels: f32(784, 1e-3) },
};

const fromInference: Samples<FromInference> = {
  decoded: { type: 'decoded', id: 5, n: 2, step: 3, pixels: f32(2 * 784, 1e-4) },
  encoded: { type: 'encoded', id: 6, n: 1, step: 3, mu: f32(2), logvar: null, recon: f32(784, 1e-3) },
  inferenceError: { type: 'inferenceError', id: 7, message: 'no weights yet' },
};

const all = { toTrainer, fromTrainer, toInference, fromInference };

/** Every typed array in a value, with its path. */
function typedArrays(v: unknown, path = ''): Array<[string, string]> {
  if (ArrayBuffer.isView(v)) return [[path, v.constructor.name]];
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) => typedArrays(x, `${path}.${k}`));
}

describe('protocol messages', () => {
  for (const [direction, samples] of Object.entries(all)) {
    for (const [type, msg] of Object.entries(samples)) {
      it(`${direction}.${type} is plain data and survives structuredClone with its typed arrays`, () => {
        expect(nonPlainPaths(msg)).toEqual([]);
        const copy = structuredClone(msg);
        expect(copy).toEqual(msg);
        expect(typedArrays(copy)).toEqual(typedArrays(msg));
      });
    }
  }

  it('the weights transfer without a copy: every buffer moves and the sender loses it', () => {
    const msg = fromTrainer.weights;
    const buffers = weightBuffers(msg.weights);
    expect(buffers).toHaveLength(2 * 5);
    const before = msg.weights.decoder[1]!.W.slice();
    const moved = structuredClone(msg, { transfer: buffers });
    expect(msg.weights.decoder[1]!.W.length).toBe(0);
    expect(moved.weights.decoder[1]!.W).toEqual(before);
  });

  it('the checker does catch what structuredClone would mangle or refuse', () => {
    class Tensorish {
      shape = [2];
    }
    const bad = { type: 'latent', mu: new Tensorish(), err: new Error('x'), cb: () => 1 };
    expect(nonPlainPaths(bad)).toEqual(['msg.mu (an instance of Tensorish)', 'msg.err (an instance of Error)', 'msg.cb (function)']);
  });
});
