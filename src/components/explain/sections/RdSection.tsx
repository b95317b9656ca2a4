// The rate–distortion plane: R and D, why the ELBO sees only their sum, what β < 1 and β > 1 do,
// where posterior collapse sits and why an AE has no rate; with this model's test R and D.
import { useState } from 'react';
import { useT } from '../../i18n/LanguageProvider';
import { rdSeries } from '../../rateDistortion/rdSeries';
import { useClientState, usePlaygroundClient, useTopic } from '../../usePlayground';
import { Rich } from '../math/Rich';
import { Live } from '../parts';

export function RdSection() {
  const t = useT();
  const client = usePlaygroundClient();
  const kind = useClientState().config.model.kind;
  const read = () => rdSeries('a', kind.toUpperCase(), kind, client.getMetrics()).latest;
  const [latest, setLatest] = useState(read);
  useTopic('metrics', () => setLatest(read()));
  const num = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(2));
  return (
    <>
      <Rich text={t('x.rd.p1')} />
      <Rich
        className="xp-live-line"
        text={t('x.rd.live')}
        slots={{
          r: <Live testId="rd-live-rate">{kind === 'ae' ? '–' : num(latest?.rate)}</Live>,
          d: <Live testId="rd-live-distortion">{num(latest?.distortion)}</Live>,
          e: <Live>{num(latest?.negElbo)}</Live>,
        }}
      />
      <Rich text={t('x.rd.p2')} />
      <Rich text={t('x.rd.p3')} />
      <Rich text={t('x.rd.p4')} />
      <Rich text={t('x.rd.p5')} />
    </>
  );
}
