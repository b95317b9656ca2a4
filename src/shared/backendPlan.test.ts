import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer, measuredOrder, planBackends, probeCandidates, usableProbe, type BackendFacts } from './backendPlan';
import type { BackendProbe } from './protocol';

const everything: BackendFacts = {
  webgpuInstalled: true,
  webgpuAdapter: true,
  offscreenCanvas: true,
  webgl2: true,
  webglRenderer: 'ANGLE (NVIDIA)',
  wasm: true,
};
const thisMachine: BackendFacts = {
  webgpuInstalled: true,
  webgpuAdapter: false,
  offscreenCanvas: true,
  webgl2: true,
  webglRenderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)',
  wasm: true,
};

describe('planBackends', () => {
  it('tries webgpu, webgl, wasm, cpu in that order when everything is there', () => {
    const plan = planBackends('auto', everything);
    expect(plan.map((c) => c.backend)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(plan.every((c) => c.skip === undefined)).toBe(true);
  });

  it('puts WASM before WebGL when WebGL is a software renderer, and WebGL first with a GPU', () => {
    expect(planBackends('auto', thisMachine).map((c) => c.backend)).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
    expect(planBackends('auto', everything).map((c) => c.backend)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(planBackends('auto', { ...everything, webglRenderer: null }).map((c) => c.backend)[1]).toBe('webgl');
  });

  it('a forced WebGL still goes first on a software renderer', () => {
    expect(planBackends('webgl', thisMachine).map((c) => c.backend)).toEqual(['webgl', 'webgpu', 'wasm', 'cpu']);
  });

  it('skips webgpu, saying so, when its backend did not load, even with an adapter', () => {
    const plan = planBackends('auto', { ...thisMachine, webgpuInstalled: false, webgpuAdapter: true });
    expect(plan[0]).toEqual({ backend: 'webgpu', skip: expect.stringMatching(/did not load/) });
    expect(plan.slice(1).map((c) => c.skip)).toEqual([undefined, undefined, undefined]);
  });

  it('skips webgpu without an adapter and webgl without OffscreenCanvas or WebGL2', () => {
    const noAdapter = planBackends('auto', { ...everything, webgpuAdapter: false });
    expect(noAdapter[0]?.skip).toMatch(/adapter/);
    const noCanvas = planBackends('auto', { ...everything, offscreenCanvas: false });
    expect(noCanvas[1]).toEqual({ backend: 'webgl', skip: expect.stringMatching(/OffscreenCanvas/) });
    const noGl2 = planBackends('auto', { ...everything, webgl2: false });
    expect(noGl2[1]?.skip).toMatch(/WebGL2/);
  });

  it('puts a forced backend first and keeps the automatic order behind it as fallback', () => {
    expect(planBackends('cpu', everything).map((c) => c.backend)).toEqual(['cpu', 'webgpu', 'webgl', 'wasm']);
    expect(planBackends('wasm', everything).map((c) => c.backend)).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
  });

  it('still lists a forced backend that cannot work here, with its reason, so the fallback is explained', () => {
    const plan = planBackends('webgpu', thisMachine);
    expect(plan[0]?.backend).toBe('webgpu');
    expect(plan[0]?.skip).toMatch(/no WebGPU adapter/);
    expect(plan.filter((c) => c.backend === 'webgpu')).toHaveLength(1);
  });

  it('never skips cpu, the last resort', () => {
    const nothing: BackendFacts = {
      webgpuInstalled: false,
      webgpuAdapter: false,
      offscreenCanvas: false,
      webgl2: false,
      webglRenderer: null,
      wasm: false,
    };
    const plan = planBackends('auto', nothing);
    expect(plan.filter((c) => c.skip === undefined).map((c) => c.backend)).toEqual(['cpu']);
  });
});

describe('isSoftwareRenderer', () => {
  it('recognises SwiftShader and llvmpipe, not hardware or unknown renderers', () => {
    expect(isSoftwareRenderer(thisMachine.webglRenderer)).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA GeForce RTX 3060)')).toBe(false);
    expect(isSoftwareRenderer(null)).toBe(false);
  });
});

const probe = (results: BackendProbe['results']): BackendProbe => ({
  version: 1,
  measuredAt: '2026-11-24T23:00:00.000Z',
  agent: 'UA',
  batch: 128,
  hidden: [512, 256],
  results,
});

describe('the speed probe', () => {
  it('orders automatic choice by the measured speed, the unmeasured after in the usual order', () => {
    const p = probe([
      { backend: 'wasm', imagesPerSec: 3400 },
      { backend: 'webgl', imagesPerSec: 5200 },
    ]);
    expect(planBackends('auto', thisMachine, p).map((c) => c.backend)).toEqual(['webgl', 'wasm', 'webgpu', 'cpu']);
    // A forced choice is not overruled by the figures.
    expect(planBackends('wasm', thisMachine, p)[0].backend).toBe('wasm');
  });

  it('puts a backend that failed in the probe after those that trained', () => {
    const p = probe([
      { backend: 'webgl', imagesPerSec: null, reason: 'context lost' },
      { backend: 'wasm', imagesPerSec: 900 },
    ]);
    expect(measuredOrder(p, ['webgpu', 'webgl', 'wasm', 'cpu'])).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
  });

  it('measures every backend that can run here but plain JS, WebGPU where there is an adapter', () => {
    expect(probeCandidates(thisMachine)).toEqual(['webgl', 'wasm']);
    expect(probeCandidates({ ...thisMachine, webgpuAdapter: true })).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(probeCandidates({ ...thisMachine, webgl2: false })).toEqual(['wasm']);
  });

  it('uses a remembered probe only from this browser and of the right shape', () => {
    const p = probe([{ backend: 'wasm', imagesPerSec: 3400 }]);
    expect(usableProbe(p, 'UA')).toEqual(p);
    expect(usableProbe(JSON.parse(JSON.stringify(p)), 'UA')).toEqual(p);
    expect(usableProbe(p, 'another browser')).toBeNull();
    // The thread count kept with WASM's figure comes back with it.
    const threaded = probe([{ backend: 'wasm', imagesPerSec: 6900, threads: 4, threadTrials: [{ threads: 1, imagesPerSec: 3400 }, { threads: 4, imagesPerSec: 6900 }] }]);
    expect(usableProbe(JSON.parse(JSON.stringify(threaded)), 'UA')).toEqual(threaded);
    // Nothing measured (no candidate could run): the usual order stands.
    expect(planBackends('auto', thisMachine, probe([])).map((c) => c.backend)).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
    for (const bad of [null, 'x', 42, { ...p, version: 2 }, { ...p, results: 'none' }, { ...p, results: [{ backend: 'gpu', imagesPerSec: 1 }] },
      { ...p, results: [{ backend: 'wasm', imagesPerSec: 'fast' }] }, { ...p, hidden: 'big' },
      { ...p, results: [{ backend: 'wasm', imagesPerSec: 3400, threads: 0 }] }, { ...p, results: [{ backend: 'wasm', imagesPerSec: 3400, threads: 2.5 }] }]) {
      expect(usableProbe(bad, 'UA')).toBeNull();
    }
  });
});
