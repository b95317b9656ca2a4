// "Open model…": whatever the user picked (one file, several, a folder, a .zip) to the app's
// one in-memory model form, a Checkpoint, so an imported model opens through the same load path
// as a saved one. Accepts our .vaeckpt, model.safetensors + vae.json (PyTorch layout), and a
// TF.js LayersModel (model.json + weight shards) of Dense layers. TF.js-free; every refusal is
// an ImportError whose message says what is wrong and what would work.

import { unzipSync } from 'fflate';
import { CheckpointError, parseCheckpoint, type Checkpoint } from './checkpoint';
import { SafetensorsError } from './safetensors';
import { checkpointFromTfjsLayers, TfjsImportError } from './tfjsLayers';
import { checkpointFromTorch, type ImportOrigin } from './torchExport';
import { TorchLayoutError } from './torchLayout';
import { ManifestError, MANIFEST_FILE } from './vaeManifest';

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** One picked file; `name` may be a path relative to the picked folder ("run/vae.json"). */
export interface ModelFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportedModel {
  checkpoint: Checkpoint;
  /** null: our own .vaeckpt, which needs no "imported from" line. */
  origin: ImportOrigin | null;
  /** The file the model was read from (for messages). */
  file: string;
}

export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
const MAX_FILES = 512;

export const ACCEPTED_SENTENCE =
  'Open a .vaeckpt, or model.safetensors together with its vae.json, or a TF.js model.json with its weight files (several files at once, a folder, or a .zip of them).';

const baseName = (path: string) => path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1);
const dirName = (path: string) => path.replace(/\\/g, '/').slice(0, Math.max(0, path.replace(/\\/g, '/').lastIndexOf('/')));
const lower = (s: string) => s.toLowerCase();

/** The entries of a zip, refusing one that would expand past the limit (sizes are checked before inflating). */
function unzip(file: ModelFile): ModelFile[] {
  let total = 0;
  let count = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(file.bytes, {
      filter: (f) => {
        if (f.name.endsWith('/') || f.name.startsWith('__MACOSX/')) return false;
        count++;
        total += f.originalSize;
        if (count > MAX_FILES) throw new ImportError(`${file.name} holds more than ${MAX_FILES} files`);
        if (total > MAX_IMPORT_BYTES) throw new ImportError(`${file.name} would expand to more than ${MAX_IMPORT_BYTES / 2 ** 20} MB`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(`${file.name} is not a readable .zip (${(e as Error).message})`);
  }
  return Object.entries(entries).map(([name, bytes]) => ({ name, bytes }));
}

/** The error as an ImportError naming the file (vae.json's errors name it already). */
function explain(e: unknown, file: string): never {
  if (e instanceof ImportError) throw e;
  if (e instanceof ManifestError) throw new ImportError(e.message);
  if (e instanceof CheckpointError || e instanceof SafetensorsError || e instanceof TorchLayoutError || e instanceof TfjsImportError) {
    throw new ImportError(`${file}: ${e.message}`);
  }
  throw e;
}

function openTorch(files: ModelFile[], manifest: ModelFile): ImportedModel {
  const folder = dirName(manifest.name);
  const here = files.filter((f) => dirName(f.name) === folder && lower(f.name).endsWith('.safetensors'));
  let weights = here.find((f) => baseName(f.name) === 'model.safetensors') ?? (here.length === 1 ? here[0] : undefined);
  if (!weights) {
    throw new ImportError(
      here.length === 0
        ? `${manifest.name} needs its weights file model.safetensors beside it: pick both files (or their folder).`
        : `${manifest.name} has ${here.length} .safetensors files beside it and none is named model.safetensors.`,
    );
  }
  weights = weights as ModelFile;
  try {
    const { checkpoint, origin } = checkpointFromTorch(manifest.bytes, weights.bytes, baseName(weights.name));
    return { checkpoint, origin, file: weights.name };
  } catch (e) {
    explain(e, baseName(weights.name));
  }
}

/** Reads the picked files into a Checkpoint, or throws an ImportError saying why not. */
export function importModelFiles(picked: ModelFile[]): ImportedModel {
  if (picked.length === 0) throw new ImportError(`No file was picked. ${ACCEPTED_SENTENCE}`);
  if (picked.length > MAX_FILES) throw new ImportError(`${picked.length} files were picked; a model is a few files. ${ACCEPTED_SENTENCE}`);
  const size = picked.reduce((s, f) => s + f.bytes.length, 0);
  if (size > MAX_IMPORT_BYTES) throw new ImportError(`The files add up to ${(size / 2 ** 20).toFixed(0)} MB, more than the limit of ${MAX_IMPORT_BYTES / 2 ** 20} MB.`);
  const zips = picked.filter((f) => lower(f.name).endsWith('.zip'));
  if (zips.length > 1) throw new ImportError('Pick one .zip at a time.');
  const files = zips.length === 1 ? [...picked.filter((f) => f !== zips[0]), ...unzip(zips[0])] : picked;

  const ckpts = files.filter((f) => lower(f.name).endsWith('.vaeckpt'));
  const manifests = files.filter((f) => baseName(f.name) === MANIFEST_FILE);
  const modelJsons = files.filter((f) => baseName(f.name) === 'model.json');
  const kinds = [ckpts.length > 0, manifests.length > 0, modelJsons.length > 0].filter(Boolean).length;
  if (kinds > 1 || ckpts.length > 1 || manifests.length > 1 || modelJsons.length > 1) {
    throw new ImportError('These files hold more than one model: pick one model at a time.');
  }
  if (ckpts.length === 1) {
    const f = ckpts[0];
    try {
      const b = f.bytes;
      return { checkpoint: parseCheckpoint(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer), origin: null, file: f.name };
    } catch (e) {
      explain(e, baseName(f.name));
    }
  }
  if (manifests.length === 1) return openTorch(files, manifests[0]);
  if (modelJsons.length === 1) {
    try {
      const { checkpoint, origin } = checkpointFromTfjsLayers(modelJsons[0], files);
      return { checkpoint, origin, file: modelJsons[0].name };
    } catch (e) {
      explain(e, baseName(modelJsons[0].name));
    }
  }
  if (files.some((f) => lower(f.name).endsWith('.safetensors'))) {
    throw new ImportError(
      'A .safetensors file alone does not say the architecture, likelihood or dataset: pick it together with its vae.json (written by `npm run export` or save_for_playground).',
    );
  }
  throw new ImportError(`${files.map((f) => baseName(f.name)).slice(0, 3).join(', ')} ${files.length === 1 ? 'is' : 'are'} not a model this app opens. ${ACCEPTED_SENTENCE}`);
}
