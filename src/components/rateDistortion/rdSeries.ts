// What the rate–distortion chart draws of each model: its test figures in step order (the path
// it took while training) and the latest one (its point, labelled). An AE has no rate (no KL
// term), so its points sit on the D axis and the chart says why. Pure.
import type { MetricsHistory } from '../../client/clientTypes';
import type { RdPoint } from './rdGeometry';

export interface RdSeries {
  /** Which model: 'a' (shown, or Compare's Model A) or 'b' (Compare's Model B). */
  id: 'a' | 'b';
  label: string;
  /** Whether R is defined (false for the AE). */
  hasRate: boolean;
  path: RdPoint[];
  latest: (RdPoint & { step: number; negElbo: number }) | null;
}

/** One model's series from its curves' test points (finite ones, in step order). */
export function rdSeries(id: 'a' | 'b', label: string, kind: 'vae' | 'ae', h: Pick<MetricsHistory, 'test'>): RdSeries {
  const hasRate = kind === 'vae';
  const tests = h.test
    .filter((t) => Number.isFinite(t.recon) && Number.isFinite(t.kl))
    .slice()
    .sort((x, y) => x.step - y.step);
  const path = tests.map((t) => ({ rate: hasRate ? t.kl : 0, distortion: t.recon }));
  const last = tests.at(-1);
  const latest = last ? { rate: hasRate ? last.kl : 0, distortion: last.recon, step: last.step, negElbo: last.recon + (hasRate ? last.kl : 0) } : null;
  return { id, label, hasRate, path, latest };
}
