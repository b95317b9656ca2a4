// A checkpoint to the PyTorch exchange pair (model.safetensors + vae.json) and back. TF.js-free.

import type { Checkpoint } from './checkpoint';
import { readSafetensors, writeSafetensors } from './safetensors';
import { fromTorchTensors, toTorchTensors } from './torchLayout';
import { buildManifest, parseManifest, WEIGHTS_FILE, type ModelManifest, type Producer } from './vaeManifest';

export interface TorchExport {
  /** model.safetensors */
  safetensors: Uint8Array;
  /** vae.json, pretty-printed */
  manifest: string;
}

export function exportForTorch(c: Checkpoint, playgroundVersion: string): TorchExport {
  const manifest = buildManifest({
    producer: 'vae-playground',
    playgroundVersion,
    config: c.config,
    hyper: c.hyper,
    dataset: c.dataset,
    seed: c.seed,
    step: c.step,
    epoch: c.epoch,
    createdAt: c.createdAt,
  });
  const metadata = { format: 'pt', producer: 'vae-playground', manifest: 'vae.json' };
  return { safetensors: writeSafetensors(toTorchTensors(c.weights), metadata), manifest: `${JSON.stringify(manifest, null, 2)}\n` };
}

/** Who made an imported model, for the "imported from …" line. */
export interface ImportOrigin {
  producer: Producer | 'keras';
  step: number;
}

/** The words a checkpoint's `command` carries for an imported model (kept when it is saved again). */
export function originCommand(o: ImportOrigin, file: string): string {
  const who = o.producer === 'pytorch' ? 'PyTorch' : o.producer === 'keras' ? 'Keras (TF.js LayersModel)' : 'a VAE Playground export';
  return `imported from ${who} (${file}), step ${o.step}`;
}

/**
 * A Checkpoint (the app's and the CLI's one in-memory model form) from vae.json and
 * model.safetensors; throws ManifestError, SafetensorsError or TorchLayoutError saying what is wrong.
 */
export function checkpointFromTorch(manifestBytes: Uint8Array, weightsBytes: Uint8Array, weightsName = WEIGHTS_FILE): { checkpoint: Checkpoint; origin: ImportOrigin } {
  const m: ModelManifest = parseManifest(manifestBytes);
  const file = readSafetensors(weightsBytes);
  const weights = fromTorchTensors(m.config, file.tensors);
  const origin: ImportOrigin = { producer: m.producer, step: m.step };
  return {
    origin,
    checkpoint: {
      format: 'vae-playground',
      version: 1,
      dataset: m.dataset,
      config: m.config,
      hyper: m.hyper,
      seed: m.seed,
      step: m.step,
      epoch: m.epoch,
      createdAt: m.createdAt,
      command: originCommand(origin, weightsName),
      weights,
    },
  };
}
