// The input sizes a model may have: one per image size of the datasets (params.ts INPUT_DIMS),
// and a model whose size does not match its dataset's images is named as such.
import { describe, expect, it } from 'vitest';
import { datasetInputProblem, inputDimOf, validateModelConfig } from './config';
import { DEFAULT_MODEL } from './types';

describe('a model config’s input size', () => {
  it('is 784 for the 28×28 datasets and 1024 for Shapes, from one table', () => {
    expect(inputDimOf('mnist')).toBe(784);
    expect(inputDimOf('fashion')).toBe(784);
    expect(inputDimOf('custom')).toBe(784);
    expect(inputDimOf('shapes')).toBe(1024);
    expect(DEFAULT_MODEL.inputDim).toBe(inputDimOf('mnist'));
  });

  it('accepts 784 and 1024 and refuses any other number, saying which sizes exist', () => {
    expect(validateModelConfig({ ...DEFAULT_MODEL, inputDim: 784 })).toEqual([]);
    expect(validateModelConfig({ ...DEFAULT_MODEL, inputDim: 1024 })).toEqual([]);
    for (const bad of [1000, 0, 785, 4096, 1024.5, NaN]) {
      expect(validateModelConfig({ ...DEFAULT_MODEL, inputDim: bad })).toEqual([
        `inputDim must be 784 (28×28 images) or 1024 (32×32 images), got ${bad}`,
      ]);
    }
  });

  it('names a model whose input size is not its dataset’s images, and lets unknown datasets be', () => {
    expect(datasetInputProblem('shapes', 1024)).toBeNull();
    expect(datasetInputProblem('mnist', 784)).toBeNull();
    expect(datasetInputProblem('shapes', 784)).toBe('the model takes 784 inputs but shapes images are 32×32 = 1024 pixels');
    expect(datasetInputProblem('fashion', 1024)).toBe('the model takes 1024 inputs but fashion images are 28×28 = 784 pixels');
    expect(datasetInputProblem('someone-elses', 1024)).toBeNull();
    expect(datasetInputProblem('toString', 1024)).toBeNull();
  });
});
