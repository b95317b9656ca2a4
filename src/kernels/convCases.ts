// The convolutions of the Keras-example conv VAE (math.md, "Convolutional reference") at 28×28
// and 32×32 inputs, as our conv kernels' tests and benchmarks see them: each forward layer, and
// the filter gradient it asks for (Conv2DBackpropFilter's x, filter shape and stride).

/** One forward layer: tf.conv2d, or tf.conv2dTranspose (which runs as Conv2DBackpropInput). */
export interface ConvLayer {
  name: string;
  kind: 'conv' | 'convT';
  /** The layer's input, per image: [h, w, c]. */
  input: [number, number, number];
  /** conv: [fH, fW, inC, outC]; convT: [fH, fW, outC, inC] (TF.js's layout for both). */
  filter: [number, number, number, number];
  stride: number;
  /** Share of zeros in the input: the image's blank pixels, a ReLU's zeros. */
  inputZeros: number;
}

/** A filter gradient: x per image, the filter's shape, stride and padding. */
export interface ConvLayerCase {
  name: string;
  x: [number, number, number];
  filter: [number, number, number, number];
  stride: number;
  pad: 'same' | 'valid';
  /** Share of zeros in x. */
  xZeros: number;
}

function layersFor(side: number): ConvLayer[] {
  const q = side / 4;
  const h = side / 2;
  return [
    { name: `conv 1→32 s2 (${side})`, kind: 'conv', input: [side, side, 1], filter: [3, 3, 1, 32], stride: 2, inputZeros: 0.8 },
    { name: `conv 32→64 s2 (${side})`, kind: 'conv', input: [h, h, 32], filter: [3, 3, 32, 64], stride: 2, inputZeros: 0.5 },
    { name: `convT 64→64 s2 (${side})`, kind: 'convT', input: [q, q, 64], filter: [3, 3, 64, 64], stride: 2, inputZeros: 0.5 },
    { name: `convT 64→32 s2 (${side})`, kind: 'convT', input: [h, h, 64], filter: [3, 3, 32, 64], stride: 2, inputZeros: 0.5 },
    { name: `convT 32→1 s1 (${side})`, kind: 'convT', input: [side, side, 32], filter: [3, 3, 1, 32], stride: 1, inputZeros: 0.5 },
  ];
}

/** The VAE's five convolutions at 28×28, then at 32×32 (all 3×3, 'same'). */
export const VAE_LAYERS: ConvLayer[] = [...layersFor(28), ...layersFor(32)];

/** The layer's output per image: [h, w, c] ('same' padding). */
export function layerOutput(l: ConvLayer): [number, number, number] {
  const [h, w] = l.input;
  const c = l.kind === 'conv' ? l.filter[3] : l.filter[2];
  return l.kind === 'conv' ? [Math.ceil(h / l.stride), Math.ceil(w / l.stride), c] : [h * l.stride, w * l.stride, c];
}

/**
 * The filter gradient a layer asks for: a conv's x is its input; a convT's (a Conv2DBackpropInput)
 * is the gradient of its output, dense.
 */
export function filterCase(l: ConvLayer): ConvLayerCase {
  const x = l.kind === 'conv' ? l.input : layerOutput(l);
  return { name: l.name, x, filter: l.filter, stride: l.stride, pad: 'same', xZeros: l.kind === 'conv' ? l.inputZeros : 0 };
}

export const VAE_CONV_LAYERS: ConvLayerCase[] = VAE_LAYERS.map(filterCase);
