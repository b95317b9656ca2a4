import { shuffledIndices } from './random';

export interface Batch {
  /** Row indices of this batch; a read-only view into the epoch's order (safe to keep). */
  indices: Int32Array;
  /** The 0-based epoch this batch belongs to. */
  epoch: number;
  /** Fraction of that epoch done once this batch is used, in (0, 1]; 1 on its last batch. */
  epochProgress: number;
}

/**
 * Mini-batches over 0 … count−1. Epoch e visits every index exactly once, in the order
 * shuffledIndices(count, seed + e). Batches never span two epochs: the last batch of an epoch
 * holds what is left and may be smaller (60,000 at 128 ends with 96), so "epoch" means exactly
 * one pass and every batch's epoch is unambiguous.
 */
export class BatchSampler {
  private readonly count: number;
  private readonly seed: number;
  private batchSize: number;
  private order: Int32Array;
  private currentEpoch = 0;
  private position = 0;

  constructor(count: number, batchSize: number, seed: number) {
    if (!Number.isSafeInteger(count) || count <= 0) throw new RangeError(`BatchSampler: count must be a positive integer, got ${count}`);
    this.count = count;
    this.seed = seed;
    this.batchSize = checkBatchSize(batchSize);
    this.order = shuffledIndices(count, seed);
  }

  /** The epoch the next batch comes from, which is also the number of epochs completed. */
  get epoch(): number {
    return this.currentEpoch;
  }

  /** Takes effect from the next batch; the position within the epoch is kept. */
  setBatchSize(batchSize: number): void {
    this.batchSize = checkBatchSize(batchSize);
  }

  next(): Batch {
    const start = this.position;
    const end = Math.min(start + this.batchSize, this.count);
    const batch: Batch = {
      indices: this.order.subarray(start, end),
      epoch: this.currentEpoch,
      epochProgress: end / this.count,
    };
    if (end === this.count) {
      this.currentEpoch++;
      this.position = 0;
      // A fresh array (not an in-place shuffle) keeps earlier batches' views valid.
      this.order = shuffledIndices(this.count, this.seed + this.currentEpoch);
    } else {
      this.position = end;
    }
    return batch;
  }
}

function checkBatchSize(batchSize: number): number {
  if (!Number.isSafeInteger(batchSize) || batchSize <= 0) {
    throw new RangeError(`BatchSampler: batch size must be a positive integer, got ${batchSize}`);
  }
  return batchSize;
}
