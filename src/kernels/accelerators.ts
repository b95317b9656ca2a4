// What src/kernels plugs into the model (src/model/accelerators.ts): the object has the model's
// Accelerators shape without importing it, so neither layer imports the other. The worker
// (src/workers/backend.ts) and the CLI plug it in once they have chosen a backend.

import { fusedBernoulliApplies, fusedBernoulliLogLik } from './fusedBernoulli';
import { FusedAdamOptimizer } from './fusedAdamOptimizer';

/** The fused Bernoulli likelihood (where registered and applicable) and the single-pass Adam. */
export const kernelAccelerators = {
  bernoulliLogLik: (x: Parameters<typeof fusedBernoulliApplies>[0], logits: Parameters<typeof fusedBernoulliApplies>[1]) =>
    fusedBernoulliApplies(x, logits) ? fusedBernoulliLogLik(x, logits) : null,
  Adam: FusedAdamOptimizer,
};
