// The training worker's TrainerController as the worker tests drive it, in Node: TF.js on its
// CPU backend (whatever backend the selection reports), synthetic datasets from memory, every
// posted message checked for plain data and kept as the page would receive it (a copy). Tests
// only (it imports Vitest); not named *.test.ts, so Vitest runs it only through the tests.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { expect, vi } from 'vitest';
import { BatchSampler } from '../data';
import { crc32 } from '../model/crc32';
import { DEFAULT_HYPER } from '../model/types';
import type { BackendChoice, FromTrainer, SessionConfig, ToTrainer } from '../shared/protocol';
import type { BackendSelection } from './backend';
import { nonPlainPaths } from './plainData';
import { syntheticSource } from './syntheticDataset';
import { TrainerController, type ControllerDeps } from './trainerController';

export type Msg<T extends FromTrainer['type']> = Extract<FromTrainer, { type: T }>;

/** A small MNIST VAE with a 2-d latent space; the hidden layer, batch size and seed are the test's. */
export function mnistConfig({ hidden = 16, batchSize = 32, seed = 5 } = {}): SessionConfig {
  return { dataset: 'mnist', model: { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [hidden] }, hyper: { ...DEFAULT_HYPER, batchSize }, seed };
}

/** A small Shapes VAE with a 3-d latent space. */
export const SHAPES_CONFIG: SessionConfig = {
  dataset: 'shapes',
  model: { kind: 'vae', inputDim: 1024, latentDim: 3, hidden: [16] },
  hyper: { ...DEFAULT_HYPER, batchSize: 32 },
  seed: 2,
};

export interface HarnessOptions {
  /** Images per split of the synthetic MNIST and Fashion (syntheticDataset.ts). */
  train?: number;
  test?: number;
  /** What the backend selection answers; TF.js runs on its CPU backend whatever this reports. */
  select?: (...args: Parameters<ControllerDeps['selectBackend']>) => BackendSelection;
}

const CPU: BackendSelection = { backend: 'cpu', tried: [{ backend: 'cpu', ok: true }] };

export function cpuController({ train = 200, test = 300, select = () => CPU }: HarnessOptions = {}) {
  /** What was posted, oldest first; take() empties it. */
  const sent: FromTrainer[] = [];
  /** Every backend choice the selection was asked for. */
  const choices: BackendChoice[] = [];
  /** Set to stage a lost WebGL context (the controller asks contextLost()). */
  const lost = { value: false };
  const controller = new TrainerController({
    post: (msg) => {
      // What the worker really posts must be plain data (no tensors, no class instances).
      expect(nonPlainPaths(msg)).toEqual([]);
      sent.push(structuredClone(msg));
    },
    selectBackend: async (...args) => {
      choices.push(args[0]);
      await tf.setBackend('cpu');
      return select(...args);
    },
    openSource: () => syntheticSource(train, test).source,
    contextLost: () => lost.value,
  });
  const take = () => sent.splice(0, sent.length);
  const of = <T extends FromTrainer['type']>(type: T, msgs: FromTrainer[] = sent) => msgs.filter((m): m is Msg<T> => m.type === type);
  /** Works until nothing is left to do (bounded, in case it never goes idle). */
  async function idle(limit = 10_000): Promise<void> {
    for (let i = 0; i < limit && controller.hasWork; i++) await controller.work();
    expect(controller.hasWork).toBe(false);
  }
  /** idle(), then what was posted since the last take. */
  async function drain(limit?: number): Promise<FromTrainer[]> {
    await idle(limit);
    return take();
  }
  async function send(msg: ToTrainer, limit?: number): Promise<FromTrainer[]> {
    await controller.handle(msg);
    return drain(limit);
  }
  /** Works until `done` holds (bounded). */
  async function until(done: () => boolean, limit = 2_000): Promise<void> {
    for (let i = 0; i < limit && !done(); i++) await controller.work();
    expect(done()).toBe(true);
  }
  /** The init message with in-memory data; the choice is 'auto' unless `more` says otherwise. */
  const init = (config: SessionConfig, more: Partial<Extract<ToTrainer, { type: 'init' }>> = {}) =>
    controller.handle({ type: 'init', config, backend: 'auto', baseUrl: 'memory:/', ...more });
  return { controller, sent, choices, lost, take, of, idle, drain, send, until, init };
}

/**
 * Records every batch the models draw (a spy on BatchSampler.next): the CRC-32 of each batch's
 * image indices, per sampler (one per model), samplers in order of first use.
 */
export function recordBatches() {
  const next = vi.spyOn(BatchSampler.prototype, 'next');
  const hashOf = (indices: Int32Array) => crc32(new Uint8Array(Int32Array.from(indices).buffer));
  function hashes(): number[][] {
    const perSampler = new Map<unknown, number[]>();
    next.mock.contexts.forEach((sampler, call) => {
      const batch = next.mock.results[call]!.value as { indices: Int32Array };
      perSampler.set(sampler, [...(perSampler.get(sampler) ?? []), hashOf(batch.indices)]);
    });
    return [...perSampler.values()];
  }
  return { hashes, clear: () => next.mockClear(), restore: () => next.mockRestore() };
}
