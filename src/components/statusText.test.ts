import { describe, expect, it } from 'vitest';
import { statusText, triedText } from './statusText';

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
