// What the PyTorch exchange's layer list says about one module (vae.json's model.layers), and its
// error. Shared by the MLP table (torchLayout.ts) and the conv table (torchLayoutConv.ts).

export class TorchLayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TorchLayoutError';
  }
}

export type Activation = 'relu' | 'linear';

/** One layer with weights as the manifest lists it (an MLP's are all Linear). */
export interface TorchLayer {
  /** Module path, e.g. "encoder.0", "fc_mu", "decoder.4". */
  name: string;
  role: 'encoder' | 'mu' | 'logvar' | 'decoder';
  /** The module: absent for nn.Linear (the MLP's manifests never said it). */
  type?: 'conv2d' | 'convTranspose2d';
  /** Features (Linear) or channels (convolutions). */
  in: number;
  out: number;
  /** Applied after the layer. */
  activation: Activation;
  /** What the output means, where it is not just the next layer's input. */
  output?: 'mu' | 'logvar' | 'logits';
  /** log σ² is clamped to this range before use (math.md). */
  clamp?: [number, number];
  /** Convolutions: square kernel and stride, feature-map sides in and out. */
  kernel?: number;
  stride?: number;
  inSide?: number;
  outSide?: number;
  /** The module's own padding argument (PyTorch's, both sides alike). */
  padding?: number;
  /** Conv2d: zeros added [before, after] on each axis ahead of it (TF 'same' at stride 2 is uneven: [0, 1]). */
  pad?: [number, number];
  /** ConvTranspose2d: values cut [before, after] from each axis of its output. */
  crop?: [number, number];
}
