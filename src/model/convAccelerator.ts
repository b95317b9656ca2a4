// The page's and the inference worker's transposed convolutions on our SIMD kernels: the caller
// hands over how to load them (src/kernels/convTransposeGemm.ts), so the model imports nothing
// from the kernels (architecture.md); this compiles them once per thread and installs them in
// convForward.ts.

import { setConvTransposeAccelerator, type ConvTransposeAccelerator } from './convForward';

let installing: Promise<boolean> | null = null;

/**
 * Loads the accelerator (asynchronously, once per thread) and hands convForward.ts's transposed
 * convolutions to it; resolves false, leaving the plain loops in place, where WebAssembly or its
 * SIMD is missing. Until it resolves the loops run.
 */
export function installConvAccelerator(load: () => Promise<ConvTransposeAccelerator>): Promise<boolean> {
  if (installing) return installing;
  if (typeof WebAssembly === 'undefined') return (installing = Promise.resolve(false));
  installing = load().then(
    (a) => {
      setConvTransposeAccelerator(a);
      return true;
    },
    () => false,
  );
  return installing;
}
