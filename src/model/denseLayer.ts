// A dense layer held as tf.Variables, y = x·W + b with its gradient written out, and its plain
// copy (DenseWeights): shared by the MLP (network.ts) and the conv network's dense layers.

import * as tf from '@tensorflow/tfjs-core';
import { accelerators } from './accelerators';
import { mulberry32 } from './prng';
import { isConvLayer, type DenseWeights, type LayerWeights } from './types';

export interface Dense {
  W: tf.Variable<tf.Rank.R2>;
  b: tf.Variable<tf.Rank.R1>;
}

/** Glorot (Xavier) uniform weights from a seeded stream, zero biases. */
export function createDense(inDim: number, outDim: number, seed: number): Dense {
  const rand = mulberry32(seed);
  const limit = Math.sqrt(6 / (inDim + outDim));
  const w = new Float32Array(inDim * outDim);
  for (let i = 0; i < w.length; i++) w[i] = (2 * rand() - 1) * limit;
  return { W: toVariable(tf.tensor2d(w, [inDim, outDim])), b: toVariable(tf.zeros([outDim])) };
}

/** tf.variable shares the data of its initial value; dispose that handle so no tensor leaks. */
export function toVariable<R extends tf.Rank>(t: tf.Tensor<R>): tf.Variable<R> {
  const v = tf.variable(t, true);
  t.dispose();
  return v;
}

/**
 * y = x·W + b with its gradient written out. TF.js's WASM backend runs a matMul with a
 * transposed operand (what autodiff asks for: dy·Wᵀ, xᵀ·dy) in a naive loop; transposing
 * explicitly keeps every product on its XNNPACK path: a training step ran 4.5× faster. Kernels
 * that read transposed operands at full speed skip that copy (accelerators.ts).
 * `inputGrad` false (the layer that reads the data) skips dL/dx, which nothing uses.
 */
function affineOp(inputGrad: boolean): (x: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D {
  const op = tf.customGrad((...args) => {
    const [x, W, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([x, W]);
    return {
      value: tf.add(tf.matMul(x, W), b),
      gradFunc: (dy: tf.Tensor, [xs, Ws]: tf.Tensor[]) => {
        const dy2 = dy as tf.Tensor2D;
        const [x2, W2] = [xs as tf.Tensor2D, Ws as tf.Tensor2D];
        if (accelerators().transposedProducts) {
          const dx = inputGrad ? tf.matMul(dy2, W2, false, true) : tf.zerosLike(x2);
          return [dx, tf.matMul(x2, dy2, true, false), tf.sum(dy2, 0)];
        }
        const dx = inputGrad ? tf.matMul(dy2, tf.transpose(W2)) : tf.zerosLike(x2);
        return [dx, tf.matMul(tf.transpose(x2), dy2), tf.sum(dy2, 0)];
      },
    };
  });
  return (x, W, b) => op(x, W, b) as tf.Tensor2D;
}
const affine = affineOp(true);
const inputAffine = affineOp(false);

export function apply(x: tf.Tensor2D, layer: Dense, relu: boolean, isInput = false): tf.Tensor2D {
  const y = (isInput ? inputAffine : affine)(x, layer.W, layer.b);
  return relu ? tf.relu(y) : y;
}

export function toWeights(layer: Dense): DenseWeights {
  const [inDim, outDim] = layer.W.shape;
  return { inDim, outDim, W: new Float32Array(layer.W.dataSync()), b: new Float32Array(layer.b.dataSync()) };
}

export function checkShape(name: string, got: LayerWeights | null | undefined, [inDim, outDim]: [number, number]): asserts got is DenseWeights {
  if (!got) throw new Error(`weights: layer ${name} is missing`);
  if (isConvLayer(got)) throw new Error(`weights: layer ${name} is a convolution, expected a dense ${inDim}×${outDim} layer`);
  if (got.inDim !== inDim || got.outDim !== outDim || got.W.length !== inDim * outDim || got.b.length !== outDim) {
    throw new Error(
      `weights: layer ${name} is ${got.inDim}×${got.outDim} (W ${got.W.length}, b ${got.b.length} values), expected ${inDim}×${outDim}`,
    );
  }
}

export function assign(layer: Dense, w: DenseWeights): void {
  tf.tidy(() => {
    layer.W.assign(tf.tensor2d(w.W, [w.inDim, w.outDim]));
    layer.b.assign(tf.tensor1d(w.b));
  });
}

