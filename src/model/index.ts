// The model layer's public surface (architecture.md): networks, losses, training, checkpoints,
// and the TF.js-free forward pass.

export * from './types';
export { validateModelConfig, validateHyper, sameConfig, layerShapes } from './config';
export { createNetwork, type Network } from './network';
export {
  bernoulliLogLik,
  gaussianLogLik,
  klDivergence,
  reconLogLik,
  sampleLatent,
  stopGradient,
  lossTerms,
  type LossTerms,
  type LossHyper,
} from './losses';
export { Trainer, type StepResult } from './trainer';
export {
  serializeCheckpoint,
  parseCheckpoint,
  CheckpointError,
  CHECKPOINT_EXTENSION,
  DEFAULT_MAX_CHECKPOINT_BYTES,
  type Checkpoint,
} from './checkpoint';
export { decodeMeans, encodeMlp, activeUnits } from './mlp';
export { deriveSeed } from './prng';
