// The side of the images the current model takes: 28 for MNIST, Fashion and the user's own,
// 32 for Shapes (params.ts INPUT_SIDES); canvases and image arrays follow it.
import { INPUT_SIDES } from '../../model/params';
import { useClientState } from '../usePlayground';

/** The side of a square image of `inputDim` pixels. */
export function sideOfInput(inputDim: number): number {
  return INPUT_SIDES.get(inputDim) ?? Math.round(Math.sqrt(inputDim));
}

/** The shown model's image side, re-rendering when it changes. */
export function useImageSide(): number {
  return sideOfInput(useClientState().config.model.inputDim);
}
