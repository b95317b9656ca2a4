// How the backward pass forms the products with a transposed operand (dy·Wᵀ and xᵀ·dy).
// The math is the same either way; only the speed differs by backend:
// - TF.js's stock WASM kernel runs a product with a transpose flag in a naive loop, so the
//   operand is transposed first and the product stays on XNNPACK's fast path;
// - our WASM SIMD kernel (src/kernels) and the WebGL/WebGPU shaders read a transposed operand
//   at full speed while packing or indexing, so a separate Transpose (≈ 10 % of a step) is waste.
// The worker and the CLI say which holds once they know their kernels.

let flagged = false;

/** True when the current backend's matMul takes transposeA/transposeB at no extra cost. */
export function setTransposeFlagsNative(native: boolean): void {
  flagged = native;
}

export function transposeFlagsNative(): boolean {
  return flagged;
}
