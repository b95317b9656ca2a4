import { describe, expect, it } from 'vitest';
import {
  CHUNK_BAND,
  charge,
  EMPTY_LEDGER,
  EXTRA_EVERY_CHUNKS,
  EXTRA_MAX_SHARE,
  extraDue,
  extrasAffordable,
  nextChunkSize,
  nextSliceSize,
  SLICE_BAND,
  SLICE_LADDER,
} from './chunkSchedule';

describe('nextChunkSize', () => {
  it('keeps the size while a chunk takes 150–250 ms', () => {
    expect(nextChunkSize(10, 150)).toBe(10);
    expect(nextChunkSize(10, 249)).toBe(10);
  });

  it('converges into the band for any constant step time', () => {
    for (const msPerStep of [0.5, 3, 20, 70, 140, 260, 2500]) {
      let steps = 1;
      for (let i = 0; i < 30; i++) steps = nextChunkSize(steps, steps * msPerStep);
      const ms = steps * msPerStep;
      if (msPerStep > CHUNK_BAND.maxMs) expect(steps).toBe(1);
      else if (steps < CHUNK_BAND.maxSize) {
        expect(ms).toBeGreaterThanOrEqual(CHUNK_BAND.minMs * 0.6);
        expect(ms).toBeLessThanOrEqual(CHUNK_BAND.maxMs * 1.4);
      } else expect(ms).toBeLessThan(CHUNK_BAND.maxMs);
    }
  });

  it('at most doubles or halves per chunk, and never goes below one step or above the cap', () => {
    expect(nextChunkSize(4, 1)).toBe(8);
    expect(nextChunkSize(40, 10_000)).toBe(20);
    expect(nextChunkSize(1, 10_000)).toBe(1);
    expect(nextChunkSize(CHUNK_BAND.maxSize, 1)).toBe(CHUNK_BAND.maxSize);
    expect(nextChunkSize(3, 0)).toBe(6);
  });
});

describe('nextSliceSize', () => {
  it('settles near 100 ms per slice, shorter than a chunk, so messages get in between', () => {
    for (const msPerImage of [0.04, 0.2, 0.4, 1.5]) {
      let rows = 500;
      for (let i = 0; i < 20; i++) rows = nextSliceSize(rows, rows * msPerImage);
      expect(rows * msPerImage).toBeLessThanOrEqual(SLICE_BAND.maxMs);
      if (rows < 2000) expect(rows * msPerImage).toBeGreaterThanOrEqual(SLICE_BAND.minMs / 2);
    }
  });

  it('only ever returns sizes from the ladder, which divide the test set sizes', () => {
    const seen = new Set<number>();
    for (const rows of SLICE_LADDER) for (const ms of [1, 30, 80, 120, 400, 5000]) seen.add(nextSliceSize(rows, ms));
    for (const size of seen) {
      expect(SLICE_LADDER).toContain(size);
      expect(10_000 % size).toBe(0);
      if (size <= 1000) expect(1000 % size).toBe(0);
    }
    expect(nextSliceSize(50, 10_000)).toBe(50);
  });
});

describe('extra work budget', () => {
  it('allows extras at the start and after enough training, never more than a quarter of the time', () => {
    expect(extrasAffordable(EMPTY_LEDGER)).toBe(true);
    let ledger = charge(EMPTY_LEDGER, 'extra', 1500);
    let trainMs = 0;
    while (!extrasAffordable(ledger)) {
      ledger = charge(ledger, 'train', 200);
      trainMs += 200;
    }
    expect(trainMs).toBe(4600);
    expect(1500 / (1500 + trainMs)).toBeLessThanOrEqual(EXTRA_MAX_SHARE);
  });

  it('needs enough chunks since the last run, even with budget to spare', () => {
    const rich = charge(EMPTY_LEDGER, 'train', 10_000);
    expect(extraDue(EXTRA_EVERY_CHUNKS - 1, rich)).toBe(false);
    expect(extraDue(EXTRA_EVERY_CHUNKS, rich)).toBe(true);
  });

  it('forgets the distant past but keeps the ratio', () => {
    let ledger = EMPTY_LEDGER;
    for (let i = 0; i < 1000; i++) ledger = charge(charge(ledger, 'train', 300), 'extra', 100);
    expect(ledger.trainMs + ledger.extraMs).toBeLessThanOrEqual(60_000 + 1e-6);
    expect(ledger.extraMs / ledger.trainMs).toBeCloseTo(1 / 3, 2);
  });
});
