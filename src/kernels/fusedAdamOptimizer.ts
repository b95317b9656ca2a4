// tf.AdamOptimizer with the same update, state and (de)serialisation, whose applyGradients runs
// the single-pass FusedAdamUpdate kernel where the current backend has it (the WASM backend
// after registerFusedAdam) and the stock sequence of ops everywhere else. A drop-in base class:
// `class AdjustableAdam extends FusedAdamOptimizer` keeps working code unchanged.

import * as tf from '@tensorflow/tfjs-core';
import { FUSED_ADAM_KERNEL, type FusedAdamAttrs } from './fusedAdam';

/** tfjs-core's NamedTensor, which its index does not export. */
interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

interface Moment {
  originalName: string;
  variable: tf.Variable;
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  // Own state: the base class keeps its moments private, and they stay empty here.
  private firstMoments: Moment[] = [];
  private secondMoments: Moment[] = [];
  /** β1ᵗ and β2ᵗ for the coming step t (as the base class's accBeta1/accBeta2). */
  private powBeta1: number;
  private powBeta2: number;

  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon?: number) {
    super(learningRate, beta1, beta2, epsilon);
    this.powBeta1 = beta1;
    this.powBeta2 = beta2;
  }

  /** Whether updates on the current backend take the fused kernel. */
  get fused(): boolean {
    return tf.getKernel(FUSED_ADAM_KERNEL, tf.getBackend()) !== undefined;
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    const fused = this.fused;
    const attrs: FusedAdamAttrs = {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      correction1: 1 - this.powBeta1,
      correction2: 1 - this.powBeta2,
    };
    tf.tidy(() => {
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        // Moments pair with variables by position, created on first sight, as in the base class.
        this.firstMoments[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        this.secondMoments[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        const gradient = Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name];
        if (gradient == null) return;
        const m = this.firstMoments[i].variable;
        const v = this.secondMoments[i].variable;
        const [newValue, newM, newV] = fused
          ? (tf.engine().runKernel(FUSED_ADAM_KERNEL, { value, grad: gradient, m, v }, { ...attrs }) as tf.Tensor[])
          : unfusedUpdate(value, gradient, m, v, attrs);
        m.assign(newM);
        v.assign(newV);
        value.assign(newValue);
      });
    });
    this.powBeta1 *= this.beta1;
    this.powBeta2 *= this.beta2;
    this.incrementIterations();
  }

  override dispose(): void {
    super.dispose();
    tf.dispose([...this.firstMoments, ...this.secondMoments].map((s) => s.variable));
    this.firstMoments = [];
    this.secondMoments = [];
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const moments = [...this.firstMoments, ...this.secondMoments];
    return [await this.saveIterations(), ...moments.map((s) => ({ name: s.originalName, tensor: s.variable }))];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const values = await this.extractIterations(weightValues);
    this.powBeta1 = this.beta1 ** (this.iterations + 1);
    this.powBeta2 = this.beta2 ** (this.iterations + 1);
    tf.dispose([...this.firstMoments, ...this.secondMoments].map((s) => s.variable));
    const count = values.length / 2;
    const toMoment = (w: NamedTensor): Moment => ({ originalName: w.name, variable: w.tensor.variable(false) });
    this.firstMoments = values.slice(0, count).map(toMoment);
    this.secondMoments = values.slice(count, 2 * count).map(toMoment);
  }
}

/** The base class's arithmetic, op by op, for backends without the fused kernel. */
function unfusedUpdate(value: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, a: FusedAdamAttrs): tf.Tensor[] {
  const newM = tf.add(tf.mul(m, a.beta1), tf.mul(g, 1 - a.beta1));
  const newV = tf.add(tf.mul(v, a.beta2), tf.mul(tf.square(g), 1 - a.beta2));
  const step = tf.div(tf.div(newM, a.correction1), tf.add(tf.sqrt(tf.div(newV, a.correction2)), a.epsilon));
  return [tf.add(tf.mul(step, -a.learningRate), value), newM, newV];
}
