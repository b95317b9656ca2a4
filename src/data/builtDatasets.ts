// For tests in Node: the real public/datasets, built first if missing (the script is
// idempotent, so this costs ≈ 0.1 s when postinstall already built them).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const datasetsDir = join(repoRoot, 'public', 'datasets');

/** Runs scripts/build-datasets.mjs and returns what it printed. */
export function buildDatasets(): string {
  return execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build-datasets.mjs')], { encoding: 'utf8' });
}

/** Long enough for a first build on two busy cores. */
export const BUILD_TIMEOUT_MS = 240_000;
