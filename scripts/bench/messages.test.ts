import { describe, expect, it } from 'vitest';
import { bestTestNegElbo, firstOf, firstTestBelow, firstTrainChunk, latestStep, tensorCounts, throughput, warmupMs } from './messages';
import type { SpiedMessage } from '../chromium/workerSpy';

const chunk = (t: number, step: number, imagesPerSec: number, numTensors = 47): SpiedMessage => ({
  t, type: 'metrics', step, trainSteps: 2, imagesPerSec, numTensors,
});
const testPoint = (t: number, step: number, elbo: number): SpiedMessage => ({
  t, type: 'metrics', step, trainSteps: 0, testElbo: elbo, testFull: false, testCount: 1000,
});

const record: SpiedMessage[] = [
  { t: 100, type: 'ready', backend: 'wasm' },
  { t: 150, type: 'progress', stage: 'warmup', loaded: 0, total: 1 },
  chunk(2000, 1, 150, 40),
  { t: 2010, type: 'progress', stage: 'warmup', loaded: 1, total: 1 },
  testPoint(2300, 1, -540),
  chunk(3000, 3, 600),
  chunk(4000, 5, 700),
  testPoint(4100, 5, -180),
  chunk(5000, 7, 500),
  testPoint(5500, 7, -169.5),
  chunk(6000, 9, 650, 47),
];

describe('reading the worker record', () => {
  it('finds the first training chunk after a time, skipping test points', () => {
    expect(firstTrainChunk(record, 0)?.t).toBe(2000);
    expect(firstTrainChunk(record, 2001)?.t).toBe(3000);
    expect(firstTrainChunk(record, 9000)).toBeNull();
    expect(firstOf(record, 'ready', 0)?.backend).toBe('wasm');
  });

  it('takes the median chunk rate and the wall rate over the window', () => {
    const r = throughput(record, 2500, 6000, 128);
    expect(r.chunks).toBe(4);
    expect(r.chunkImagesPerSec).toBe(625);
    // From the chunk before the window (step 1 at 2000) to the last in it (step 9 at 6000).
    expect(r.steps).toBe(8);
    expect(r.wallImagesPerSec).toBe(256);
    expect(r.windowS).toBe(3.5);
  });

  it('has no wall rate with a single chunk and nothing before it', () => {
    const r = throughput([chunk(10, 1, 100)], 0, 20, 128);
    expect(r.wallImagesPerSec).toBeNull();
    expect(r.chunkImagesPerSec).toBe(100);
  });

  it('finds when the test −ELBO first falls below a line', () => {
    expect(firstTestBelow(record, 0, 170)?.t).toBe(5500);
    expect(firstTestBelow(record, 0, 150)).toBeNull();
    expect(bestTestNegElbo(record)).toBe(169.5);
  });

  it('reads steps, tensors and the warm-up', () => {
    expect(latestStep(record)).toBe(9);
    expect(tensorCounts(record)).toEqual({ first: 40, last: 47 });
    expect(warmupMs(record)).toBe(1860);
    expect(warmupMs(record.filter((m) => m.type !== 'progress'))).toBeNull();
  });
});
