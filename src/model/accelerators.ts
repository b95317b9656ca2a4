// The model's one plug for faster kernels. Everything in src/model runs as ordinary TF.js ops and
// imports nothing from src/kernels; once the worker or the CLI knows its backend it plugs in what
// src/kernels offers (src/kernels/accelerators.ts: a fused Bernoulli likelihood, a single-pass
// Adam, free transposed products). Unplugged, or where a piece does not apply, stock ops run:
// the same arithmetic either way, only the speed differs.

import type * as tf from '@tensorflow/tfjs-core';

export interface Accelerators {
  /** Bernoulli log p(x|ℓ) per image, or null where it does not apply to these tensors. */
  bernoulliLogLik?: (x: tf.Tensor2D, logits: tf.Tensor2D) => tf.Tensor1D | null;
  /** An Adam with tf.AdamOptimizer's update, state and constructor. */
  Adam?: typeof tf.AdamOptimizer;
  /**
   * Whether the current backend's matMul takes transposeA/transposeB at no extra cost. TF.js's
   * stock WASM kernel runs a flagged product in a naive loop, so there the operand is transposed
   * first; our WASM kernel and the WebGL/WebGPU shaders read a transposed operand at full speed.
   */
  transposedProducts?: boolean;
}

let plugged: Accelerators = {};

/** Replaces what is plugged in (an empty object unplugs everything). */
export function plugAccelerators(a: Accelerators): void {
  plugged = { ...a };
}

/** Changes one part, keeping the rest. */
export function updateAccelerators(a: Partial<Accelerators>): void {
  plugged = { ...plugged, ...a };
}

export function accelerators(): Readonly<Accelerators> {
  return plugged;
}
