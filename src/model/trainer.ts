// One optimizer step, evaluation and log p(x) for a network: the training loop's only model code.

import * as tf from '@tensorflow/tfjs-core';
import { accelerators } from './accelerators';
import { validateHyper } from './config';
import { assertGradientsRegistered } from './gradients';
import { importanceWeightedLogpx } from './logpx';
import { lossTerms, type LossTerms } from './losses';
import { FAST_START, learningRateAt } from './lrSchedule';
import type { Network } from './network';
import { deriveSeed } from './prng';
import { settled } from './readback';
import type { Hyper, Metrics } from './types';

export type StepResult = { ok: true; metrics: Metrics } | { ok: false; reason: 'nan'; metrics: Metrics };

/** Fixed seeds, so evaluation and log p(x) of the same weights give the same numbers. */
const EVAL_SEED = 0xe7a1;
const LOGPX_SEED = 0x1095;

/** Adam whose learning rate can change without losing its moment estimates. */
interface AdjustableAdam extends tf.Optimizer {
  setLearningRate(lr: number): void;
}

/**
 * Adam on the plugged-in base (accelerators.ts: one fused kernel on WASM) or TF.js's own: the
 * same arithmetic either way.
 */
function adjustableAdam(lr: number): AdjustableAdam {
  const Base = accelerators().Adam ?? tf.AdamOptimizer;
  return new (class extends Base {
    setLearningRate(rate: number): void {
      this.learningRate = rate;
    }
  })(lr, 0.9, 0.999);
}

/** The four batch means in one tensor, so a step reads back a single small array. */
const packTerms = (t: LossTerms): tf.Tensor1D => tf.stack([t.objective, t.elbo, t.recon, t.kl]) as tf.Tensor1D;
const unpack = (v: ArrayLike<number>): Metrics => ({ objective: v[0], elbo: v[1], recon: v[2], kl: v[3] });

/** A step's loss and gradients, computed but not yet read or applied. */
interface PendingStep {
  value: tf.Scalar;
  grads: tf.NamedTensorMap;
  terms: tf.Tensor1D | undefined;
}

function checkedHyper(h: Hyper): Hyper {
  const problems = validateHyper(h);
  if (problems.length > 0) throw new Error(`Invalid hyperparameters: ${problems.join('; ')}`);
  return { ...h };
}

export class Trainer {
  readonly net: Network;
  /** Applied updates so far; with the seed it fixes each step's ε draw. */
  stepCount = 0;
  private current: Hyper;
  private readonly seed: number;
  private readonly optimizer: AdjustableAdam;

  constructor(net: Network, hyper: Hyper, seed: number) {
    assertGradientsRegistered();
    this.net = net;
    this.current = checkedHyper(hyper);
    this.seed = seed;
    this.optimizer = adjustableAdam(hyper.learningRate);
  }

  get hyper(): Hyper {
    return { ...this.current };
  }

  setHyper(h: Partial<Hyper>): void {
    this.current = checkedHyper({ ...this.current, ...h });
  }

  /** The rate the next step uses: the set rate, or the fast start's multiple of it early on. */
  get effectiveLearningRate(): number {
    const base = this.current.learningRate;
    return this.current.warmStart === true ? learningRateAt(FAST_START, base, this.stepCount) : base;
  }

  /** One Adam step on the batch, unless the loss is not finite: then the weights stay as they were. */
  step(x: tf.Tensor2D): StepResult {
    return this.applyStep(this.forward(x));
  }

  /** The same step, its loss read asynchronously on WebGPU (readback.ts); at once elsewhere. */
  async stepAsync(x: tf.Tensor2D): Promise<StepResult> {
    const pending = this.forward(x);
    try {
      if (pending.terms) await settled([pending.terms]);
    } catch (err) {
      tf.dispose([pending.value, pending.terms, pending.grads]);
      throw err;
    }
    return this.applyStep(pending);
  }

  /** The loss and its gradients for the next step; nothing applied yet. */
  private forward(x: tf.Tensor2D): PendingStep {
    const seed = deriveSeed(this.seed, this.stepCount);
    this.optimizer.setLearningRate(this.effectiveLearningRate);
    const kept: { terms?: tf.Tensor1D } = {};
    const { value, grads } = tf.variableGrads(() => {
      const t = lossTerms(this.net, x, this.current, seed, this.stepCount);
      kept.terms = tf.keep(packTerms(t));
      return t.objective;
    }, this.net.variables);
    return { value, grads, terms: kept.terms };
  }

  /** Reads the step's loss and applies its gradients when the loss is finite; frees them either way. */
  private applyStep({ value, grads, terms }: PendingStep): StepResult {
    const values = terms ? terms.dataSync() : [NaN, NaN, NaN, NaN];
    value.dispose();
    terms?.dispose();
    const metrics = unpack(values);

    if (!Array.from(values).every(Number.isFinite)) {
      tf.dispose(grads);
      return { ok: false, reason: 'nan', metrics };
    }
    // Adam pairs moment estimates with gradients by position: pass every variable, always in order.
    const ordered = this.net.variables.map((v) => ({ name: v.name, tensor: grads[v.name] ?? tf.zerosLike(v) }));
    this.optimizer.applyGradients(ordered);
    tf.dispose(ordered.map((g) => g.tensor));
    this.stepCount++;
    return { ok: true, metrics };
  }

  /** Means over x without gradients, one ε draw per image from a fixed seed; β applies to `objective`. */
  evaluate(x: tf.Tensor2D, batchSize = 1000): Metrics {
    return this.means(this.evaluationSums(x, batchSize), x.shape[0]);
  }

  /** The same means, read asynchronously on WebGPU (readback.ts); at once elsewhere. */
  async evaluateAsync(x: tf.Tensor2D, batchSize = 1000): Promise<Metrics> {
    const sums = this.evaluationSums(x, batchSize);
    try {
      await settled([sums]);
    } catch (err) {
      sums.dispose();
      throw err;
    }
    return this.means(sums, x.shape[0]);
  }

  /** The four terms summed over x's images, in batches. */
  private evaluationSums(x: tf.Tensor2D, batchSize: number): tf.Tensor1D {
    const n = x.shape[0];
    if (n === 0) throw new Error('evaluate needs at least one image');
    const h = { ...this.current, samples: 1 };
    let sums: tf.Tensor1D = tf.zeros([4]);
    for (let start = 0, b = 0; start < n; start += batchSize, b++) {
      const nb = Math.min(batchSize, n - start);
      const next = tf.tidy(() => {
        const t = lossTerms(this.net, tf.slice(x, [start, 0], [nb, -1]), h, deriveSeed(EVAL_SEED, b), this.stepCount);
        return tf.add(sums, tf.mul(packTerms(t), nb)) as tf.Tensor1D;
      });
      sums.dispose();
      sums = next;
    }
    return sums;
  }

  /** Reads and frees the sums: the means over n images. */
  private means(sums: tf.Tensor1D, n: number): Metrics {
    const totals = sums.dataSync();
    sums.dispose();
    return unpack(Array.from(totals, (s) => s / n));
  }

  /** Importance-weighted log p(x) with K samples (VAE only), and the K-sample ELBO beside it. */
  logpx(x: tf.Tensor2D, K: number, onProgress?: (done: number, total: number) => void): Promise<{ logpx: number; elbo: number }> {
    return importanceWeightedLogpx(this.net, x, K, this.current, LOGPX_SEED, onProgress);
  }

  /** Frees the optimizer state; the network belongs to the caller. */
  dispose(): void {
    this.optimizer.dispose();
  }
}
