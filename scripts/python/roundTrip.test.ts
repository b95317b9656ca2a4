// The two round trips of issue 19, run when a Python with torch and numpy is found (PYTHON,
// then /usr/bin/python3 — Debian's python3-torch — then python3 on PATH) and reported as
// skipped, with the reason, when none is:
// 1. our model → npm run export → load_vae.py --check gives our z = μ test −ELBO within 0.05 nats;
// 2. train_vae.py (300 steps, seed 1) → import → our z = μ evaluation gives what PyTorch printed.
// A fixed subset (the first 2,000 test images) on both sides keeps the run short.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest, loadSplit } from '../../src/data';
import { fsSource } from '../../src/data/fsSource';
import type { DataSplit } from '../../src/data/types';
import { evaluateAtMean } from '../../src/model/meanEvaluation';
import { openModel } from '../modelFiles';
import { findTorchPython, lastJson, root, run } from './torchPython';

const LIMIT = 2000;
const TOLERANCE = 0.05;

const { python, tried } = findTorchPython();
if (!python) {
  console.warn(`PyTorch round trips SKIPPED: no Python with torch and numpy (tried ${tried.join(', ')}); on Debian: apt-get install python3-torch`);
}

describe.skipIf(!python)(`PyTorch round trips (${python ?? 'no Python with torch'})`, () => {
  let dir: string;
  let test: DataSplit;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vae-roundtrip-'));
    const source = fsSource(join(root, 'public/datasets'));
    test = await loadSplit(source, await loadManifest(source), 'mnist', 'test');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('our model → export → load_vae.py --check: the same test −ELBO with z = μ', () => {
    const out = join(dir, 'export');
    run(process.execPath, ['--import', 'tsx', 'scripts/export.ts', '--checkpoint', 'public/pretrained/mnist-vae-2d.vaeckpt', '--out', out]);
    const torch = lastJson(run(python!, [join(out, 'load_vae.py'), out, '--check', 'public/datasets', '--limit', String(LIMIT)]));
    const { checkpoint } = openModel(['public/pretrained/mnist-vae-2d.vaeckpt']);
    const ours = evaluateAtMean(checkpoint.weights, test.pixels, LIMIT, checkpoint.hyper);
    console.info(`round trip 1 (export): ours ${ours.nelbo.toFixed(6)}, PyTorch ${torch.test_nelbo.toFixed(6)} nats over ${LIMIT} images`);
    expect(torch.count).toBe(LIMIT);
    expect(ours.nelbo).toBeGreaterThan(100); // a trained 2-D VAE, not an empty sum
    expect(Math.abs(torch.test_nelbo - ours.nelbo)).toBeLessThan(TOLERANCE);
    expect(Math.abs(torch.kl - ours.kl)).toBeLessThan(TOLERANCE);
  });

  it('a model trained by train_vae.py → import → our evaluation gives what PyTorch printed', () => {
    const out = join(dir, 'torch');
    const printed = lastJson(run(python!, ['scripts/python/train_vae.py', '--data', 'public/datasets', '--out', out, '--steps', '300', '--seed', '1', '--eval-limit', String(LIMIT), '--threads', '1']));
    const { checkpoint, origin } = openModel([out]);
    expect(origin).toEqual({ producer: 'pytorch', step: 300 });
    expect(checkpoint.config).toEqual({ kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] });
    const ours = evaluateAtMean(checkpoint.weights, test.pixels, LIMIT, checkpoint.hyper);
    console.info(`round trip 2 (import): PyTorch ${printed.test_nelbo.toFixed(6)}, ours ${ours.nelbo.toFixed(6)} nats over ${LIMIT} images`);
    expect(printed.step).toBe(300);
    expect(Math.abs(printed.test_nelbo - ours.nelbo)).toBeLessThan(TOLERANCE);
    expect(Math.abs(printed.recon - ours.recon)).toBeLessThan(TOLERANCE);
  });
});
