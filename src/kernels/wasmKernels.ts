// Every kernel of ours for TF.js's WASM backend, registered in one call: the training worker and
// the Node CLI use the same set (scripts/profile-step.ts registers them one by one, to A/B each).

import type * as tfc from '@tensorflow/tfjs-core';
import { registerColumnSum } from './columnSum';
import { registerConvBackpropFilter } from './convBackpropFilter';
import { registerConvKernels } from './convKernels';
import { registerFusedAdam } from './fusedAdam';
import { registerFusedBernoulli } from './fusedBernoulli';
import { registerFusedReluGrad } from './fusedReluGrad';
import { registerFastMatMul, type FastMatMulOptions, type FastMatMulRegistration } from './registerFastMatMul';
import { registerSharedIdentity } from './sharedIdentity';

export interface WasmKernels {
  /** Kernel names now served by our code. */
  registered: string[];
  /** Why some were not registered. */
  reasons: string[];
  matMul: FastMatMulRegistration;
  /** Our matMul reads a transposed operand at full speed: tell the model (its accelerators). */
  transposedProducts: boolean;
}

/**
 * The packed (and sparse, and threaded) matrix product, the single-pass Adam update, the
 * sharing Identity, the column sum, the fused Bernoulli likelihood, the one-pass ReLU gradient,
 * the convolution's filter
 * gradient (which the WASM backend lacks) and its input gradient (convKernels.ts routes each
 * shape to ours or the stock kernel). Idempotent; call after the WASM backend is set.
 */
export function registerWasmKernels(tf: typeof tfc, matMulOptions: FastMatMulOptions): WasmKernels {
  const matMul = registerFastMatMul(tf, matMulOptions);
  const others = [registerFusedAdam(tf), registerSharedIdentity(tf), registerColumnSum(tf), registerFusedBernoulli(), registerFusedReluGrad(), registerConvBackpropFilter(tf), registerConvKernels(tf)];
  const all = [matMul, ...others];
  return {
    registered: all.flatMap((r) => r.registered),
    reasons: all.flatMap((r) => (r.reason === undefined ? [] : [r.reason])),
    matMul,
    transposedProducts: matMul.registered.length > 0,
  };
}
