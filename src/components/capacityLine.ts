// The capacity objective's target C(step) on the loss chart: a straight rise from 0 to C_max over
// the ramp, then flat (capacity.ts). Three vertices cover any x range, so the chart draws a
// dashed path of at most three points instead of one value per step.
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
