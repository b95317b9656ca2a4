// Training needs TF.js's gradient functions registered, and tfjs-core cannot do that one way
// for both runtimes: its CommonJS build (what Node loads) registers none, and its ESM
// `dist/register_all_gradients` (what a bundler loads) fails to import in Node. So each edge
// registers them once: the browser worker imports './registerGradientsBrowser', Node entry
// points and tests import './registerGradientsNode'.

import * as tf from '@tensorflow/tfjs-core';

export function assertGradientsRegistered(): void {
  if (!tf.getGradient('BatchMatMul')) {
    throw new Error(
      "TF.js gradients are not registered: import 'src/model/registerGradientsBrowser' (bundled code) " +
        "or 'src/model/registerGradientsNode' (Node) once before training",
    );
  }
}
