// The capacity objective's target C(step) on the loss chart: a straight rise from 0 to C_max over
// the ramp, then flat (capacity.ts). Three vertices cover any x range on a linear y axis, so the
// chart draws a dashed path of at most three points instead of one value per step; on the log
// (symlog) axis the ramp is a curve, so it is sampled (capacityCurve).
import { capacityAt } from '../model/capacitySchedule';

export interface CapacityLine {
  cMax: number;
  rampSteps: number;
}

/** The vertices of C(step) over [x0, x1] (steps), in order of step. */
export function capacityPoints(line: CapacityLine, x0: number, x1: number): Array<[number, number]> {
  const from = Math.max(0, x0);
  const to = Math.max(from, x1);
  const points: Array<[number, number]> = [[from, capacityAt(from, line)]];
  if (line.rampSteps > from && line.rampSteps < to) points.push([line.rampSteps, line.cMax]);
  if (to > from) points.push([to, capacityAt(to, line)]);
  return points;
}

/**
 * The same line with the ramp sampled at `samples` evenly spaced steps, for a y axis on which a
 * straight rise in nats is not a straight line in pixels (symlog): joining only the vertices
 * there would draw C far below its value mid-ramp.
 */
export function capacityCurve(line: CapacityLine, x0: number, x1: number, samples = 64): Array<[number, number]> {
  const vertices = capacityPoints(line, x0, x1);
  const out: Array<[number, number]> = [vertices[0]!];
  for (let i = 1; i < vertices.length; i++) {
    const [a, b] = [vertices[i - 1]!, vertices[i]!];
    // Only the ramp bends; a flat stretch keeps its two ends.
    const parts = a[1] === b[1] ? 1 : Math.max(1, samples);
    for (let k = 1; k <= parts; k++) {
      const step = a[0] + ((b[0] - a[0]) * k) / parts;
      out.push([step, capacityAt(step, line)]);
    }
  }
  return out;
}
