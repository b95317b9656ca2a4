// `npm run evaluate -- MODEL... [--limit N] [--data DIR]`: test −ELBO of a model with z = μ,
// the deterministic figure scripts/python/load_vae.py --check prints for the same weights.
// MODEL: a .vaeckpt, model.safetensors + vae.json, a TF.js model.json with its shards, a folder
// or a .zip. Prints one JSON line {"test_nelbo","recon","kl","count","dataset","step","origin"}.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadManifest, loadSplit } from '../src/data';
import { fsSource } from '../src/data/fsSource';
import type { DatasetName } from '../src/data/types';
import { evaluateAtMean } from '../src/model/meanEvaluation';
import { openModel } from './modelFiles';

export const EVALUATE_USAGE = `Evaluate a model on its dataset's test split with z = μ (deterministic).

usage: npm run evaluate -- MODEL... [--limit N] [--data DIR]

  MODEL       a .vaeckpt, model.safetensors + vae.json, model.json + shards, a folder or a .zip
  --limit N   only the first N test images (default: all)
  --data DIR  dataset folder (default public/datasets)`;

export function parseEvaluateArgs(argv: string[]): { paths: string[]; limit: number | null; data: string } | { error: string } | { help: true } {
  const paths: string[] = [];
  let limit: number | null = null;
  let data = 'public/datasets';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help') return { help: true };
    if (a === '--limit' || a === '--data') {
      const v = argv[++i];
      if (v === undefined) return { error: `${a} needs a value` };
      if (a === '--data') data = v;
      else {
        limit = Number(v);
        if (!Number.isInteger(limit) || limit < 1) return { error: `--limit must be a positive integer, got "${v}"` };
      }
    } else if (a.startsWith('--')) return { error: `unknown flag ${a}` };
    else paths.push(a);
  }
  if (paths.length === 0) return { error: 'name the model to evaluate' };
  return { paths, limit, data };
}

async function main(argv: string[]): Promise<void> {
  const parsed = parseEvaluateArgs(argv);
  if ('help' in parsed) {
    process.stdout.write(`${EVALUATE_USAGE}\n`);
    return;
  }
  if ('error' in parsed) {
    process.stderr.write(`error: ${parsed.error}\n\n${EVALUATE_USAGE}\n`);
    process.exit(2);
  }
  const { checkpoint: c, origin } = openModel(parsed.paths);
  const source = fsSource(join(process.cwd(), parsed.data));
  const manifest = await loadManifest(source);
  if (!manifest.datasets.some((d) => d.name === c.dataset)) throw new Error(`the model was trained on "${c.dataset}", which ${parsed.data} does not have`);
  const test = await loadSplit(source, manifest, c.dataset as DatasetName, 'test');
  const count = Math.min(parsed.limit ?? test.count, test.count);
  const m = evaluateAtMean(c.weights, test.pixels, count, c.hyper);
  const line = { test_nelbo: m.nelbo, recon: m.recon, kl: m.kl, count, dataset: c.dataset, step: c.step, origin: c.command ?? (origin ? origin.producer : 'vae-playground') };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`evaluate: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
