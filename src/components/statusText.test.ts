import { describe, expect, it } from 'vitest';
import { translator } from './i18n/translate';
import { backendOptionLabel, statusText, triedText } from './statusText';

describe('statusText', () => {
  it('reads like the design', () => {
    expect(statusText({ phase: 'ready', step: 1200, epoch: 2, backend: 'webgl', imagesPerSec: 2310.4 })).toBe(
      'step 1,200 · epoch 2 · WebGL · 2,310 img/s',
    );
  });
  it('says when no backend runs yet, and leaves out an unknown throughput', () => {
    expect(statusText({ phase: 'loading', step: 0, epoch: 0, backend: null, imagesPerSec: 0 })).toBe(
      'step 0 · epoch 0 · starting…',
    );
  });
  it('explains each backend that was tried', () => {
    expect(
      triedText([
        { backend: 'webgpu', ok: false, reason: 'no adapter' },
        { backend: 'webgl', ok: true },
      ]),
    ).toBe('WebGPU: not used (no adapter)\nWebGL: running');
  });
});

describe('backendOptionLabel', () => {
  const probe = {
    version: 1 as const,
    measuredAt: '2026-11-24T23:00:00.000Z',
    agent: 'UA',
    batch: 128,
    hidden: [512, 256],
    results: [
      { backend: 'wasm' as const, imagesPerSec: 3412.4 },
      { backend: 'webgl' as const, imagesPerSec: null, reason: 'context lost' },
    ],
  };
  it('adds the measured speed, says which did not run, and leaves the unmeasured bare', () => {
    expect(backendOptionLabel('wasm', probe)).toBe('WASM · 3,412 img/s');
    expect(backendOptionLabel('webgl', probe)).toBe('WebGL · did not run here');
    expect(backendOptionLabel('cpu', probe)).toBe('CPU');
    expect(backendOptionLabel('wasm', null)).toBe('WASM');
  });
  it('names the measured thread count when more than one thread trains, in both languages', () => {
    const threaded = { ...probe, results: [{ backend: 'wasm' as const, imagesPerSec: 6921, threads: 4 }] };
    expect(backendOptionLabel('wasm', threaded)).toBe('WASM · 4 threads · 6,921 img/s');
    expect(backendOptionLabel('wasm', threaded, translator('ja'))).toBe('WASM · 4 スレッド · 毎秒 6,921 枚');
    const single = { ...probe, results: [{ backend: 'wasm' as const, imagesPerSec: 3412, threads: 1 }] };
    expect(backendOptionLabel('wasm', single)).toBe('WASM · 3,412 img/s');
  });
});
