// Where the KL-per-dimension bars and their text go in a box of pixels (KlBars.tsx draws it):
// the bars fill the width the axis leaves; the axis's ticks, the margins and which dimensions are
// named under their bars follow the type size, so the text keeps its size at any box size.
import { max, scaleBand, scaleLinear } from 'd3';
import { spreadTicks } from '../lossChartScales';
import { latentName } from './disentangleScales';
import { textWidth, type FigureBox } from './figureBox';

export interface KlTick {
  y: number;
  label: string;
}
export interface KlBar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}
export interface KlName {
  x: number;
  label: string;
}
export interface KlLayout {
  /** The axis's x (its tick marks run left of it, to `tickX`; labels end at `labelX`). */
  axisX: number;
  tickX: number;
  labelX: number;
  ticks: KlTick[];
  bars: KlBar[];
  /** The baseline of the names under the bars. */
  namesY: number;
  names: KlName[];
}

const TICK = 3;
const PAD = 2;
const RIGHT = 4;

/** Bars, ticks and names for `values` (nats per dimension) in `box`. */
export function klLayout(values: ArrayLike<number>, box: FigureBox): KlLayout {
  const f = box.font;
  const d = values.length;
  const vals = Array.from(values, (v) => (Number.isFinite(v) ? Math.max(0, v) : 0));
  const top = Math.ceil(f * 0.6);
  const bottom = Math.ceil(f * 1.35);
  const innerH = Math.max(1, box.height - top - bottom);
  // About one tick per two and a half lines of text, at least the two ends.
  const count = Math.max(2, Math.floor(innerH / (f * 2.5)));
  const y = scaleLinear()
    .domain([0, Math.max(0.1, max(vals) ?? 0)])
    .nice(count)
    .range([box.height - bottom, top]);
  const format = y.tickFormat(count);
  const tickValues = spreadTicks(y.ticks(count), y, f * 1.25);
  const ticks = tickValues.map((v) => ({ y: y(v), label: format(v) }));
  const axisX = Math.ceil(Math.max(0, ...ticks.map((t) => textWidth(t.label, f))) + TICK + PAD + 1);
  const x = scaleBand<number>()
    .domain(Array.from({ length: d }, (_, j) => j))
    .range([axisX, Math.max(axisX + 1, box.width - RIGHT)])
    .padding(0.18);
  const bars = vals.map((v, j) => ({ x: x(j) ?? 0, y: y(v), width: x.bandwidth(), height: y(0) - y(v), value: values[j] }));
  // Every dimension named while the names fit side by side with a gap; else every few.
  const widest = Math.max(0, ...Array.from({ length: d }, (_, j) => textWidth(latentName(j), f)));
  const every = Math.max(1, Math.ceil((widest + f * 0.4) / Math.max(1e-9, x.step())));
  const names = Array.from({ length: d }, (_, j) => j)
    .filter((j) => j % every === 0)
    .map((j) => ({ x: (x(j) ?? 0) + x.bandwidth() / 2, label: latentName(j) }));
  return { axisX, tickX: axisX - TICK, labelX: axisX - TICK - PAD, ticks, bars, namesY: box.height - Math.ceil(f * 0.3), names };
}
