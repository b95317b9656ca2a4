// The CLI's per-epoch look at the latent code over the test images: per-dimension KL (VAE; which
// dimensions carry information and which collapsed to the prior) and, on Shapes, MIG with the
// latent × factor mutual-information matrix (src/model/mig.ts). Fields for the epoch's JSON line.

import * as tf from '@tensorflow/tfjs-core';
import { FACTOR_NAMES } from '../src/data/shapes';
import { klPerDim } from '../src/model/klPerDim';
import { mig, MigRefusal } from '../src/model/mig';
import type { Network } from '../src/model';

export interface LatentFields {
  /** Mutual information gap in [0, 1] (Shapes, latent dimension ≥ 2). */
  mig?: number;
  /** I(μ_j; v_k) in nats: one row per latent dimension, one column per factor (factorNames). */
  mi?: number[][];
  /** H(v_k) in nats, per factor. */
  factorEntropy?: number[];
  /** (I_(1) − I_(2)) / H(v_k) per factor; mig is their mean. */
  migGap?: number[];
  factorNames?: readonly string[];
  /** Why there is no MIG on a Shapes run (latent dimension 1, a diverged model). */
  migNote?: string;
  /** Mean KL(q(z_j|x) ‖ N(0, 1)) in nats per latent dimension (VAE only); sums to the test KL. */
  klPerDim?: number[];
}

/** μ and log σ² (null for the AE) of every row of x, encoded in batches, read back as arrays. */
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
 * The epoch's latent fields over x (the test images). `factors`: each image's factor indices in
 * FACTOR_NAMES order (Shapes), or null (no MIG).
 */
export function latentFields(net: Network, x: tf.Tensor2D, factors: ReadonlyArray<ArrayLike<number>> | null): LatentFields {
  const { latentDim } = net.config;
  const { mu, logvar } = encodeAll(net, x);
  const out: LatentFields = {};
  if (factors) {
    if (latentDim < 2) {
      out.migNote = `no MIG with latent dimension ${latentDim}: it is the gap between the two latents that know most about a factor, and needs at least 2`;
    } else {
      try {
        const m = mig(mu, latentDim, factors);
        Object.assign(out, {
          mig: r4(m.mig),
          mi: m.mi.map((row) => row.map(r4)),
          factorEntropy: m.entropy.map(r4),
          migGap: m.gap.map(r4),
          factorNames: FACTOR_NAMES,
        });
      } catch (e) {
        if (!(e instanceof MigRefusal)) throw e;
        out.migNote = `no MIG: ${e.message}`;
      }
    }
  }
  if (logvar) out.klPerDim = Array.from(klPerDim(mu, logvar, latentDim), r4);
  return out;
}
