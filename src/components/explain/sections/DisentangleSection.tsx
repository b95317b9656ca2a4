// Idea 11: disentanglement you can measure. What a factor of variation is, what β does to the
// posterior, what MIG measures and where it stops, and capacity annealing; with this model's
// numbers (β, KL and how many dimensions carry it, MIG, C).
import { useMemo } from 'react';
import { capacityAt } from '../../../model/capacitySchedule';
import { klPerDim } from '../../../model/klPerDim';
import { PARAMS } from '../../../model/params';
import { formatShare } from '../../disentangle/disentangleScales';
import { useT } from '../../i18n/LanguageProvider';
import { useDisentanglement } from '../../disentangle/useDisentanglement';
import { useClientState } from '../../usePlayground';
import { Rich } from '../math/Rich';
import { Live, TryIt } from '../parts';
import { useLatentSnapshot, useLiveMetrics } from '../useLiveData';

/** A dimension carries information when its KL is above this many nats. */
const CARRIES_NATS = 0.1;

export function DisentangleSection() {
  const t = useT();
  const state = useClientState();
  const metrics = useLiveMetrics();
  const latent = useLatentSnapshot();
  const snapshot = useDisentanglement();
  const hyper = state.config.hyper;
  const d = state.config.model.latentDim;
  const kl = useMemo(() => (latent && latent.dim === d && latent.logvar && latent.count > 0 ? klPerDim(latent.mu, latent.logvar, d) : null), [latent, d]);
  const active = kl ? kl.filter((v) => v > CARRIES_NATS).length : null;
  const capacity = hyper.objective === 'capacity';
  const cMax = hyper.cMax ?? PARAMS.cMax.default;
  const c = capacityAt(Math.max(0, state.step), { cMax, rampSteps: hyper.rampSteps ?? PARAMS.rampSteps.default });
  return (
    <>
      <Rich text={t('x.disentangle.p1')} />
      <Rich text={t('x.disentangle.p2')} />
      <Rich
        className="xp-live-line"
        text={t('x.disentangle.live')}
        slots={{
          beta: <Live>{hyper.beta.toFixed(1)}</Live>,
          kl: <Live>{metrics.train ? metrics.train.kl.toFixed(2) : '–'}</Live>,
          d: <Live>{d}</Live>,
          active: <Live testId="dis-active">{active ?? '–'}</Live>,
        }}
      />
      <Rich text={t('x.disentangle.p3')} />
      {snapshot && snapshot.mig !== null ? (
        <Rich
          className="xp-live-line"
          text={t('x.disentangle.mig')}
          slots={{ mig: <Live testId="dis-mig">{formatShare(snapshot.mig)}</Live>, step: <Live>{snapshot.step.toLocaleString('en-US')}</Live> }}
        />
      ) : (
        <p className="xp-muted">{t('x.disentangle.noMig')}</p>
      )}
      <Rich text={t('x.disentangle.p4')} />
      <Rich text={t('x.disentangle.p5')} />
      {capacity && (
        <Rich
          className="xp-live-line"
          text={t('x.disentangle.capacity')}
          slots={{
            gamma: <Live>{(hyper.gamma ?? PARAMS.gamma.default).toLocaleString('en-US')}</Live>,
            c: <Live>{c.toFixed(1)}</Live>,
            cmax: <Live>{cMax.toFixed(1)}</Live>,
          }}
        />
      )}
      <TryIt text={t('x.disentangle.try')} />
    </>
  );
}
