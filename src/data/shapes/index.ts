// Shapes: dSprites' factors of variation (Higgins et al. 2017) drawn at 32×32 by our own code,
// for measuring disentanglement (MIG, src/model/mig.ts). Browser, worker and Node alike.
export {
  checkFactors,
  FACTOR_NAMES,
  FACTOR_SIZES,
  factorsOfIndex,
  factorValue,
  GRID_SIZE,
  indexOfFactors,
  sampleFactors,
  SHAPE_NAMES,
  type FactorName,
  type ShapeFactors,
} from './factors';
export { PIXELS, render, renderInto, SIDE } from './render';
export {
  DEFAULT_TRAIN_SIZE,
  EVAL_SIZE,
  makeEvalSet,
  makeTrainSource,
  MAX_TRAIN_SIZE,
  SHAPES_CLASSES,
  SHAPES_DATA_SEED,
  SHAPES_DATASET,
  SHAPES_TITLE,
  shapesOrder,
  type GenerateProgress,
  type ShapesEvalSet,
  type ShapesSplit,
  type ShapesTrainSource,
} from './dataset';
export { evalImagesHash } from './hash';
