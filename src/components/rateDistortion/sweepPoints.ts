// The β sweeps' models as points of the rate–distortion plane: rate R = test KL, distortion D =
// test reconstruction, each labelled with its β (and its sweep's number when more than one sweep
// is kept), and named for screen readers and keyboard users with its figures. Pure.
import type { SweepSnapshot } from '../../client/sweepStore';
import type { Translate } from '../i18n/translate';
import { formatNats } from '../lossChartScales';
import type { RdPoint } from './rdGeometry';

export interface SweepPoint extends RdPoint {
  sweepId: number;
  index: number;
  beta: number;
  negElbo: number;
  /** On the plot, beside the point: "β = 4". */
  label: string;
  /** The point's accessible name: "Sweep model β = 4 · R 5.21 · D 140.1 · −ELBO 145.3". */
  name: string;
}

export function sweepPoints(snapshot: SweepSnapshot, t: Translate): SweepPoint[] {
  const several = snapshot.sweeps.length > 1;
  return snapshot.sweeps.flatMap((sweep) =>
    sweep.models.map((m) => {
      const rate = m.test.kl;
      const distortion = m.test.recon;
      const negElbo = rate + distortion;
      const beta = m.beta.toLocaleString('en-US', { maximumFractionDigits: 4 });
      const label = `${t('sw.label', { beta })}${several ? ` (${t('sw.name', { n: sweep.number })})` : ''}`;
      const figures = t('sw.pointText', { r: formatNats(rate), d: formatNats(distortion), e: formatNats(negElbo) });
      const mig = m.mig === null ? '' : ` · ${t('sw.pointMig', { mig: m.mig.toFixed(2) })}`;
      const name = `${t('sw.pointName', { beta })}${several ? ` (${t('sw.name', { n: sweep.number })})` : ''} · ${figures}${mig}`;
      return { sweepId: sweep.id, index: m.index, beta: m.beta, rate, distortion, negElbo, label, name };
    }),
  );
}
