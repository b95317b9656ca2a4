// Capacity annealing (Burgess et al. 2018, "Understanding disentangling in β-VAE"): instead of
// weighting KL by β, hold it near a target C that rises linearly from 0 to C_max:
//   objective = recon + γ·|KL − C(step)|,  C(step) = C_max · min(1, step / rampSteps).
// The code may then carry only as many nats as C allows, and as C grows it takes on first what
// lowers the reconstruction most (for Shapes: position, then scale, then shape and angle),
// one factor at a time. recon and KL stay math.md's per-image nats; the charts still report
// the true ELBO and show C beside KL.
//
// Defaults for playground scale, against the paper's (C_max 25 nats, γ 1000, 100k steps):
// - C_max 15 nats: one image of the whole Shapes grid takes ln 737,280 = 13.5 nats to name, so
//   15 lets the code hold every factor at the grid's resolution, and a ramp to 25 would spend
//   its last third on nats the data does not have. (A 2-D MNIST VAE's KL is about 7 nats, so
//   on MNIST the default ends above what a 2-D code uses and the objective behaves like the
//   ELBO late in training.)
// - γ 100, not the paper's 1000: measured on Shapes (seed 1, C_max 15 over a shortened
//   1,000-step ramp, one seed), γ 1000 ended at KL 15.16 nats, recon 57.8, MIG 0.018; γ 100 at
//   KL 15.11, recon 36.8, MIG 0.065. KL tracks C as closely at 100 and the reconstructions are
//   far better. Our reading (not measured separately): at 1000 the gradient of γ·|KL − C|
//   dwarfs the reconstruction's, so Adam's normalised steps go mostly to holding KL at C.
//   Our recon is the paper's kind of number (Bernoulli, summed over the pixels: 1,024 for
//   Shapes, 4,096 in the paper), and 100 is still steep enough that KL does not run past C.
// - 5,000 steps of ramp: about 11 epochs of Shapes' 60,000 images at batch 128, the few
//   minutes a class trains for, instead of the paper's 100k steps (hours in a browser).
// Measured since (README, Shapes; 3 seeds, 10 epochs): C_max 10 over a 4,000-step ramp, γ 100,
// gives mean MIG 0.177 (β = 4: 0.176) with 4.6 nats better reconstruction than β = 4; at that
// budget a C_max above the ELBO's own KL (about 11 nats) pushes the code past what it needs.
// The step is the trainer's optimizer step count (it carries on across a resumed checkpoint).

import * as tf from '@tensorflow/tfjs-core';
import { capacityAt } from './capacitySchedule';
import { PARAMS } from './params';
import type { Hyper } from './types';

export { capacityAt } from './capacitySchedule';
export { OBJECTIVES } from './params';
export type { Objective } from './types';

export interface CapacitySettings {
  /** γ: weight of |KL − C|. */
  gamma: number;
  /** C_max in nats per image. */
  cMax: number;
  /** Optimizer steps over which C rises from 0 to C_max; 0 holds C at C_max from the start. */
  rampSteps: number;
}

/** The three settings' entries of the one parameter schema (params.ts): defaults, ranges, link and CLI names. */
export const CAPACITY_PARAMS = { gamma: PARAMS.gamma, cMax: PARAMS.cMax, rampSteps: PARAMS.rampSteps } as const;

export const DEFAULT_CAPACITY: CapacitySettings = {
  gamma: CAPACITY_PARAMS.gamma.default,
  cMax: CAPACITY_PARAMS.cMax.default,
  rampSteps: CAPACITY_PARAMS.rampSteps.default,
};

/** What is wrong with these settings, as messages naming each one; empty when they are valid. */
export function validateCapacity(s: CapacitySettings): string[] {
  const problems: string[] = [];
  for (const key of ['gamma', 'cMax', 'rampSteps'] as const) {
    const p = CAPACITY_PARAMS[key];
    const v = s[key];
    const label = key === 'gamma' ? 'γ' : key === 'cMax' ? 'C_max' : 'the ramp';
    if (typeof v !== 'number' || !Number.isFinite(v) || v < p.valid.min || v > p.valid.max || (p.integer && !Number.isInteger(v))) {
      problems.push(`${label} must be ${p.integer ? 'an integer ' : ''}in [${p.valid.min}, ${p.valid.max}]${key === 'rampSteps' ? ' steps' : ''}, got ${v}`);
    }
  }
  return problems;
}

/** The capacity objective's settings of a Hyper, filled from the defaults where it has none. */
export function capacitySettings(h: Hyper): CapacitySettings {
  return { gamma: h.gamma ?? PARAMS.gamma.default, cMax: h.cMax ?? PARAMS.cMax.default, rampSteps: h.rampSteps ?? PARAMS.rampSteps.default };
}


/**
 * recon + γ·|KL − C(step)| from the batch means of recon (−log p(x|z)) and KL, as a new scalar
 * (its intermediates are tidied; the caller owns the result, inside or outside a tidy).
 */
export function capacityObjective(recon: tf.Scalar, kl: tf.Scalar, step: number, s: CapacitySettings): tf.Scalar {
  const c = capacityAt(step, s);
  return tf.tidy(() => tf.add(recon, tf.mul(s.gamma, tf.abs(tf.sub(kl, c)))) as tf.Scalar);
}
