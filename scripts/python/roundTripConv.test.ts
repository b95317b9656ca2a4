// The PyTorch round trips for the conv network (issue 17), run when a Python with torch and numpy
// is found and reported as skipped, with the reason, when none is:
// 1. the shipped conv VAE → npm run export → load_vae.py --check: PyTorch's z = μ test −ELBO and KL
//    are ours within 0.05 nats (a layout, flatten-order or 'same'-padding slip costs tens of nats);
// 2. that export loaded into PyTorch's module and written back by save_for_playground → import:
//    every weight exactly as shipped (the layouts' permutations undo each other through torch);
// 3. train_vae.py --arch conv (40 steps from PyTorch's own init) → import → our evaluation gives
//    what PyTorch printed.
// The plain-JS conv forward is slow: 300 test images on both sides.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest, loadSplit } from '../../src/data';
import { fsSource } from '../../src/data/fsSource';
import type { DataSplit } from '../../src/data/types';
import { evaluateAtMean } from '../../src/model/meanEvaluation';
import type { LayerWeights, NetworkWeights } from '../../src/model/types';
import { openModel } from '../modelFiles';
import { findTorchPython, lastJson, root, run } from './torchPython';

const LIMIT = 300;
const TOLERANCE = 0.05;
const SHIPPED = 'public/pretrained/mnist-conv-vae-2d.vaeckpt';

const { python, tried } = findTorchPython();
if (!python) {
  console.warn(`PyTorch conv round trips SKIPPED: no Python with torch and numpy (tried ${tried.join(', ')}); on Debian: apt-get install python3-torch`);
}

const layers = (w: NetworkWeights): LayerWeights[] => [...w.encoder, w.mu, ...(w.logvar ? [w.logvar] : []), ...w.decoder];

describe.skipIf(!python)(`PyTorch conv round trips (${python ?? 'no Python with torch'})`, () => {
  let dir: string;
  let test: DataSplit;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vae-roundtrip-conv-'));
    const source = fsSource(join(root, 'public/datasets'));
    test = await loadSplit(source, await loadManifest(source), 'mnist', 'test');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the shipped conv VAE → export → load_vae.py --check: the same test −ELBO and KL with z = μ', () => {
    const out = join(dir, 'export');
    run(process.execPath, ['--import', 'tsx', 'scripts/export.ts', '--checkpoint', SHIPPED, '--out', out]);
    const torch = lastJson(run(python!, [join(out, 'load_vae.py'), out, '--check', 'public/datasets', '--limit', String(LIMIT)]));
    const { checkpoint } = openModel([SHIPPED]);
    const ours = evaluateAtMean(checkpoint.weights, test.pixels, LIMIT, checkpoint.hyper);
    console.info(`conv round trip 1 (export): ours ${ours.nelbo.toFixed(6)} (KL ${ours.kl.toFixed(6)}), PyTorch ${torch.test_nelbo.toFixed(6)} (KL ${torch.kl.toFixed(6)}) nats over ${LIMIT} images`);
    expect(torch.count).toBe(LIMIT);
    expect(ours.nelbo).toBeGreaterThan(100);
    expect(ours.kl).toBeGreaterThan(2); // a trained encoder: μ spreads, so the KL reads the encoder's layout
    expect(Math.abs(torch.test_nelbo - ours.nelbo)).toBeLessThan(TOLERANCE);
    expect(Math.abs(torch.kl - ours.kl)).toBeLessThan(TOLERANCE);
  });

  it('export → PyTorch module → save_for_playground → import: every weight as shipped', () => {
    const out = join(dir, 'export');
    const back = join(dir, 'back');
    const script = `import sys; sys.path.insert(0, ${JSON.stringify(out)}); from load_vae import load_vae, save_for_playground
m, man = load_vae(${JSON.stringify(out)}); save_for_playground(m, ${JSON.stringify(back)}, step=man["training"]["step"], epoch=man["training"]["epoch"])`;
    run(python!, ['-c', script]);
    const shipped = openModel([SHIPPED]).checkpoint;
    const { checkpoint, origin } = openModel([back]);
    expect(origin).toEqual({ producer: 'pytorch', step: shipped.step });
    expect(checkpoint.config).toEqual(shipped.config);
    const a = layers(shipped.weights);
    const b = layers(checkpoint.weights);
    expect(b.length).toBe(a.length);
    a.forEach((l, k) => {
      expect(b[k].W).toEqual(l.W);
      expect(b[k].b).toEqual(l.b);
    });
  });

  it('a conv VAE trained by train_vae.py → import → our evaluation gives what PyTorch printed', () => {
    const out = join(dir, 'torch');
    const printed = lastJson(run(python!, ['scripts/python/train_vae.py', '--arch', 'conv', '--data', 'public/datasets', '--out', out, '--steps', '40', '--seed', '1', '--eval-limit', String(LIMIT), '--threads', '1']));
    const { checkpoint, origin } = openModel([out]);
    expect(origin).toEqual({ producer: 'pytorch', step: 40 });
    expect(checkpoint.config).toEqual({ arch: 'conv', kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] });
    const ours = evaluateAtMean(checkpoint.weights, test.pixels, LIMIT, checkpoint.hyper);
    console.info(`conv round trip 3 (import): PyTorch ${printed.test_nelbo.toFixed(6)}, ours ${ours.nelbo.toFixed(6)} nats over ${LIMIT} images`);
    expect(Math.abs(printed.test_nelbo - ours.nelbo)).toBeLessThan(TOLERANCE);
    expect(Math.abs(printed.recon - ours.recon)).toBeLessThan(TOLERANCE);
  });
});
