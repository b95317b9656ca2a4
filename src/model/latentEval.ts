// A look at the latent code over the test images, shared by the CLI (scripts/trainEpoch.ts, each
// epoch's JSON line) and the training worker (src/workers/migJob.ts, the page's Disentanglement
// region): per-dimension KL (VAE; which dimensions carry information and which collapsed to the
// prior) and, on Shapes, MIG with the latent × factor mutual-information matrix (mig.ts).

import * as tf from '@tensorflow/tfjs-core';
import { FACTOR_NAMES } from '../data/shapes';
import { klPerDim } from './klPerDim';
import { mig, MigRefusal } from './mig';
import type { Network } from './network';

/** MIG's figures, or (mig null, arrays empty) the reason there are none. */
export interface MigReport {
  /** Mutual information gap in [0, 1]; null when it is not defined (`note` says why). */
  mig: number | null;
  /** I(μ_j; v_k) in nats: one row per latent dimension, one column per factor (factorNames). */
  mi: number[][];
  /** H(v_k) in nats, per factor. */
  factorEntropy: number[];
  /** (I_(1) − I_(2)) / H(v_k) per factor; mig is their mean. */
  migGap: number[];
  factorNames: string[];
  note?: string;
}

/** A MigReport without figures, saying why. */
function refused(note: string): MigReport {
  return { mig: null, mi: [], factorEntropy: [], migGap: [], factorNames: [], note };
}

/** Why there is no MIG on a dataset without known factors (everything but Shapes). */
export const NO_FACTORS_NOTE = 'no MIG: it needs a dataset whose factors of variation are known (Shapes); this one has none';

/**
 * MIG of latent means `mu` (n rows of latentDim, row-major) against `factors`: one array of n
 * factor indices per factor, named by `names` (Shapes' FACTOR_NAMES by default), or null (a
 * dataset without known factors).
 * Never throws for what a model or dataset can be: latent dimension 1, no factors and a diverged
 * model (non-finite μ) come back as a note.
 */
export function migReport(
  mu: ArrayLike<number>,
  latentDim: number,
  factors: ReadonlyArray<ArrayLike<number>> | null,
  names: readonly string[] = FACTOR_NAMES,
): MigReport {
  if (!factors) return refused(NO_FACTORS_NOTE);
  if (names.length !== factors.length) throw new RangeError(`migReport: ${factors.length} factors but ${names.length} names`);
  if (latentDim < 2) {
    return refused(`no MIG with latent dimension ${latentDim}: it is the gap between the two latents that know most about a factor, and needs at least 2`);
  }
  try {
    const m = mig(mu, latentDim, factors);
    return { mig: m.mig, mi: m.mi, factorEntropy: m.entropy, migGap: m.gap, factorNames: [...names] };
  } catch (e) {
    if (!(e instanceof MigRefusal)) throw e;
    return refused(`no MIG: ${e.message}`);
  }
}

/** Fields for the CLI's epoch line. */
export interface LatentFields {
  mig?: number;
  mi?: number[][];
  factorEntropy?: number[];
  migGap?: number[];
  factorNames?: readonly string[];
  /** Why there is no MIG on a Shapes run (latent dimension 1, a diverged model). */
  migNote?: string;
  /** Mean KL(q(z_j|x) ‖ N(0, 1)) in nats per latent dimension (VAE only); sums to the test KL. */
  klPerDim?: number[];
}

/**
 * μ and log σ² (null for the AE) of every row of x, encoded in batches, read back as arrays.
 * Synchronous reads: for Node and the CPU-side backends (the worker reads in slices, awaited).
 */
export function encodeAll(net: Network, x: tf.Tensor2D, batchSize = 1000): { mu: Float32Array; logvar: Float32Array | null } {
  const n = x.shape[0];
  const d = net.config.latentDim;
  const mu = new Float32Array(n * d);
  const logvar = net.config.kind === 'vae' ? new Float32Array(n * d) : null;
  for (let start = 0; start < n; start += batchSize) {
    const nb = Math.min(batchSize, n - start);
    const kept = tf.tidy(() => {
      const e = net.encode(tf.slice(x, [start, 0], [nb, -1]));
      return e.logvar ? [e.mu, e.logvar] : [e.mu];
    });
    mu.set(kept[0].dataSync(), start * d);
    if (logvar && kept[1]) logvar.set(kept[1].dataSync(), start * d);
    tf.dispose(kept);
  }
  return { mu, logvar };
}

/** Rounded for the JSON line: nats to 4 decimals are ample (MIG's bins are far coarser). */
const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

/**
 * The CLI epoch's latent fields over x (the test images). `factors`: each image's factor indices
 * in FACTOR_NAMES order (Shapes), or null (no MIG fields at all).
 */
export function latentFields(net: Network, x: tf.Tensor2D, factors: ReadonlyArray<ArrayLike<number>> | null): LatentFields {
  const { latentDim } = net.config;
  const { mu, logvar } = encodeAll(net, x);
  const out: LatentFields = {};
  if (factors) {
    const m = migReport(mu, latentDim, factors);
    if (m.mig === null) out.migNote = m.note;
    else {
      Object.assign(out, {
        mig: r4(m.mig),
        mi: m.mi.map((row) => row.map(r4)),
        factorEntropy: m.factorEntropy.map(r4),
        migGap: m.migGap.map(r4),
        factorNames: FACTOR_NAMES,
      });
    }
  }
  if (logvar) out.klPerDim = Array.from(klPerDim(mu, logvar, latentDim), r4);
  return out;
}
