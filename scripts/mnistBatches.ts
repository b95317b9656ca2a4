// Real MNIST training batches for Node scripts (profile-step, the bare-loop benchmark): the
// kernels' speed depends on the data, so they time on images, not noise.

import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { BatchSampler, loadManifest, loadSplit, toFloat32 } from '../src/data';
import { fsSource } from '../src/data/fsSource';

/** Loads the training split once; each call of the result is a new batch tensor (the caller disposes it). */
export async function mnistTrainBatches(batchSize: number, seed: number): Promise<() => tf.Tensor2D> {
  const source = fsSource(join(process.cwd(), 'public/datasets'));
  const train = await loadSplit(source, await loadManifest(source), 'mnist', 'train');
  const sampler = new BatchSampler(train.count, batchSize, seed);
  const D = 784;
  return () => tf.tensor2d(toFloat32(train.pixels, sampler.next().indices, D), [batchSize, D]);
}
