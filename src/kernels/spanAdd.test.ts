// addspan adds f32 runs in place: every length from 0 to 19 floats (the f32x4 part and the tail),
// at unaligned addresses, leaving the floats around the run untouched.

import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../model/prng';
import { spanAddModuleBytes, type AddSpan } from './spanAdd';

describe('addspan', () => {
  it('adds src into dst for every length, aligned or not, and touches nothing else', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(spanAddModuleBytes({ minPages: 1, shared: false })), { env: { memory } });
    const add = instance.exports.addspan as AddSpan;
    const heap = new Float32Array(memory.buffer);
    const rand = mulberry32(5);
    for (let n = 0; n < 20; n++) {
      for (const [dst, src] of [[64, 1024], [65, 1027]]) {
        for (let i = 0; i < 2048; i++) heap[i] = Math.fround(rand() * 8 - 4);
        const before = heap.slice(0, 2048);
        add(dst * 4, src * 4, n * 4);
        const want = before.slice();
        for (let i = 0; i < n; i++) want[dst + i] = Math.fround(before[dst + i] + before[src + i]);
        expect(Array.from(heap.subarray(0, 2048)), `n ${n} dst ${dst}`).toEqual(Array.from(want));
      }
    }
  });
});
