// Node side of "Open model…": paths on the command line (files, a folder, a .zip) to the
// ModelFile list src/model/importModel.ts reads, so the CLI and the page accept the same inputs.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { importModelFiles, MAX_IMPORT_BYTES, type ImportedModel, type ModelFile } from '../src/model/importModel';

function walk(dir: string, root: string, out: ModelFile[], depth: number): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth < 2) walk(path, root, out, depth + 1);
    else if (entry.isFile()) {
      if (statSync(path).size > MAX_IMPORT_BYTES) throw new Error(`${path} is larger than ${MAX_IMPORT_BYTES / 2 ** 20} MB`);
      out.push({ name: relative(root, path).split('\\').join('/'), bytes: new Uint8Array(readFileSync(path)) });
    }
  }
}

/** The files behind the paths: a folder contributes its files (two levels deep) named relative to it. */
export function readModelFiles(paths: string[]): ModelFile[] {
  const out: ModelFile[] = [];
  for (const p of paths) {
    const st = statSync(p);
    if (st.isDirectory()) walk(p, p, out, 0);
    else {
      if (st.size > MAX_IMPORT_BYTES) throw new Error(`${p} is larger than ${MAX_IMPORT_BYTES / 2 ** 20} MB`);
      out.push({ name: basename(p), bytes: new Uint8Array(readFileSync(p)) });
    }
  }
  return out;
}

/** A model from CLI paths (.vaeckpt, model.safetensors + vae.json, model.json + shards, a folder or .zip). */
export function openModel(paths: string[]): ImportedModel {
  return importModelFiles(readModelFiles(paths));
}
