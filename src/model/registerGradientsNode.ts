// Side effect: registers every TF.js gradient in Node (CLI, tests). tfjs-layers' CommonJS bundle
// registers them into tfjs-core's global registry; nothing else of it is used.
// See gradients.ts for why the browser uses registerGradientsBrowser instead.
import '@tensorflow/tfjs-layers';
