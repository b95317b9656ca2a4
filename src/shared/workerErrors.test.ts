import { describe, expect, it } from 'vitest';
import { classifyError, looksLikeOutOfMemory, WorkerError } from './workerErrors';

describe('classifyError', () => {
  it('keeps the code and words of a WorkerError', () => {
    const c = classifyError(new WorkerError('dataset', 'HTTP 404 for manifest.json', false), 'starting up');
    expect(c).toEqual({ code: 'dataset', message: 'HTTP 404 for manifest.json', recoverable: false });
  });

  it('recognises how WASM, WebGL and the JS engine say memory ran out', () => {
    for (const err of [
      new RangeError('Array buffer allocation failed'),
      new Error('Aborted(OOM)'),
      new Error('Cannot enlarge memory, requested 2147483648 bytes'),
      new Error('Requested texture size [16384x16384] greater than WebGL maximum on this browser / GPU [8192x8192].'),
      new RangeError('Invalid typed array length: 4294967296'),
    ]) {
      expect(looksLikeOutOfMemory(err)).toBe(true);
      const c = classifyError(err, 'training');
      expect(c.code).toBe('oom');
      expect(c.message).toMatch(/^Ran out of memory while training \(.+\)\. Training is paused/);
    }
  });

  it('does not call an ordinary bug out-of-memory, and says what was being done', () => {
    const err = new TypeError("Cannot read properties of undefined (reading 'shape')");
    expect(looksLikeOutOfMemory(err)).toBe(false);
    expect(classifyError(err, 'saving a checkpoint', 'checkpoint')).toEqual({
      code: 'checkpoint',
      message: "Something went wrong while saving a checkpoint: Cannot read properties of undefined (reading 'shape')",
      recoverable: true,
    });
    expect(classifyError('a thrown string', 'training').message).toBe('Something went wrong while training: a thrown string');
  });
});
