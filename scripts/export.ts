// `npm run export -- --checkpoint FILE --out DIR`: a model (our .vaeckpt, or anything "Open
// model…" reads) to model.safetensors + vae.json in PyTorch's layout, with the standalone
// scripts/python/load_vae.py beside them.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportForTorch } from '../src/model/torchExport';
import { MANIFEST_FILE, WEIGHTS_FILE } from '../src/model/vaeManifest';
import { openModel } from './modelFiles';

const here = dirname(fileURLToPath(import.meta.url));

export const EXPORT_USAGE = `Export a model for PyTorch: model.safetensors, vae.json and load_vae.py.

usage: npm run export -- --checkpoint FILE --out DIR

  --checkpoint FILE   a .vaeckpt (or model.safetensors + vae.json, a folder or .zip)
  --out DIR           output folder (created if needed)

Then: python3 DIR/load_vae.py DIR --check public/datasets   (prints test −ELBO with z = μ)`;

export function parseExportArgs(argv: string[]): { checkpoint: string; out: string } | { error: string } | { help: true } {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help') return { help: true };
    const [flag, inline] = a.split(/=(.*)/s, 2);
    if (flag !== '--checkpoint' && flag !== '--out') return { error: `unknown argument "${a}"` };
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) return { error: `${flag} needs a value` };
    if (args.has(flag)) return { error: `${flag} given twice` };
    args.set(flag, value);
  }
  const checkpoint = args.get('--checkpoint');
  const out = args.get('--out');
  if (!checkpoint || !out) return { error: 'both --checkpoint and --out are required' };
  return { checkpoint, out };
}

function main(argv: string[]): void {
  const parsed = parseExportArgs(argv);
  if ('help' in parsed) {
    process.stdout.write(`${EXPORT_USAGE}\n`);
    return;
  }
  if ('error' in parsed) {
    process.stderr.write(`error: ${parsed.error}\n\n${EXPORT_USAGE}\n`);
    process.exit(2);
  }
  const { checkpoint } = openModel([parsed.checkpoint]);
  const { version } = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')) as { version: string };
  const { safetensors, manifest } = exportForTorch(checkpoint, version);
  mkdirSync(parsed.out, { recursive: true });
  writeFileSync(join(parsed.out, WEIGHTS_FILE), safetensors);
  writeFileSync(join(parsed.out, MANIFEST_FILE), manifest);
  copyFileSync(join(here, 'python', 'load_vae.py'), join(parsed.out, 'load_vae.py'));
  process.stderr.write(`wrote ${WEIGHTS_FILE} (${safetensors.length} bytes), ${MANIFEST_FILE} and load_vae.py to ${parsed.out}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`export: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
