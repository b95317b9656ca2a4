// Side effect: registers every TF.js gradient, for bundled (ESM) code such as the training worker.
// See gradients.ts for why Node uses registerGradientsNode instead.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
