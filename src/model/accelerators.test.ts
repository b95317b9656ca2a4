import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lossTerms } from './losses';
import { createNetwork } from './network';
import './registerGradientsNode';
import { plugAccelerators } from './accelerators';
import { DEFAULT_HYPER, type ModelConfig } from './types';

const cfg: ModelConfig = { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [64, 32] };

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => plugAccelerators({}));

/** Every variable's gradient of the objective on one batch, as plain arrays. */
function gradients(native: boolean): Float32Array[] {
  plugAccelerators({ transposedProducts: native });
  const net = createNetwork(cfg, 3);
  const x = tf.tidy(() => tf.round(tf.randomUniform([16, 784], 0, 1, 'float32', 5)) as tf.Tensor2D);
  const { value, grads } = tf.variableGrads(() => lossTerms(net, x, DEFAULT_HYPER, 11).objective, net.variables);
  const out = net.variables.map((v) => {
    const g = grads[v.name];
    if (!g) throw new Error(`no gradient for ${v.name}`);
    return g.dataSync() as Float32Array;
  });
  tf.dispose([x, value, ...Object.values(grads)]);
  net.dispose();
  return out;
}

describe('transposed products in the backward pass', () => {
  it('give the same gradients with transpose flags as with explicit transposes (relative error ≤ 1e-5)', () => {
    const before = tf.memory().numTensors;
    const explicit = gradients(false);
    const flagged = gradients(true);
    expect(flagged.length).toBe(explicit.length);
    for (let i = 0; i < explicit.length; i++) {
      let diff = 0;
      let norm = 0;
      for (let j = 0; j < explicit[i].length; j++) {
        diff += (flagged[i][j] - explicit[i][j]) ** 2;
        norm += explicit[i][j] ** 2;
      }
      expect(norm).toBeGreaterThan(0);
      expect(Math.sqrt(diff / norm)).toBeLessThanOrEqual(1e-5);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('skip the Transpose kernels when flagged', async () => {
    const count = async (native: boolean) => {
      plugAccelerators({ transposedProducts: native });
      const net = createNetwork(cfg, 3);
      const x = tf.zeros([4, 784]) as tf.Tensor2D;
      const info = await tf.profile(() => {
        const { value, grads } = tf.variableGrads(() => lossTerms(net, x, DEFAULT_HYPER, 1).objective, net.variables);
        tf.dispose([value, ...Object.values(grads)]);
      });
      x.dispose();
      net.dispose();
      return info.kernels.filter((k) => k.name === 'Transpose').length;
    };
    expect(await count(false)).toBeGreaterThanOrEqual(5);
    expect(await count(true)).toBe(0);
  });
});
