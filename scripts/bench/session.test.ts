import { describe, expect, it } from 'vitest';
import { sessionUrl } from './session';

describe('sessionUrl', () => {
  it('fixes the 2-D MNIST VAE, its shape, batch, seed and backend in the link, from new weights (not the pretrained model)', () => {
    const url = new URL(sessionUrl('http://127.0.0.1:9/', { backend: 'wasm', batch: 512, hidden: '256' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      data: 'mnist', model: 'vae', z: '2', hidden: '256', batch: '512', seed: '1', backend: 'wasm', start: 'fresh',
    });
    expect(url.pathname).toBe('/');
  });

  it('names the conv network instead of hidden sizes (MLP-only) for a conv session', () => {
    const url = new URL(sessionUrl('http://127.0.0.1:9/', { backend: 'wasm', batch: 128, hidden: '512-256', arch: 'conv' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      data: 'mnist', model: 'vae', z: '2', arch: 'conv', batch: '128', seed: '1', backend: 'wasm', start: 'fresh',
    });
  });
});
