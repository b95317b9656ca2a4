// C(step), the capacity objective's target KL (capacity.ts says why and with which defaults).
// TF.js-free, so the page's loss chart draws the same line the trainer aims at.

/** C at this optimizer step, in nats: a straight line from 0 to C_max over rampSteps, then flat. */
export function capacityAt(step: number, s: { cMax: number; rampSteps: number }): number {
  if (!Number.isFinite(step) || step < 0) throw new RangeError(`capacityAt: step must be ≥ 0, got ${step}`);
  if (s.rampSteps <= 0) return s.cMax;
  return s.cMax * Math.min(1, step / s.rampSteps);
}
