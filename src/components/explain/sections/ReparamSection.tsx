// Idea 2: the reparameterization trick, with the live ε and z of the image in focus, and the
// drift of all codes toward the prior that switching the trick off brings.
import { useMemo } from 'react';
import { useT } from '../../i18n/LanguageProvider';
import { ImageCanvas } from '../../latentShared/ImageCanvas';
import { useBatchDecode } from '../../latentShared/useBatchDecode';
import { useClientState } from '../../usePlayground';
import { codeDrift } from '../codeStats';
import { useFocus, useSample } from '../ExplainContext';
import { formatNumber } from '../formatNumber';
import { MathFormula, num } from '../math/MathFormula';
import { Rich } from '../math/Rich';
import { DecodeArrow, focusPhrase, Live, NoFocus, TryIt, Worked } from '../parts';
import { useLatentSnapshot } from '../useLiveData';
import { ReparamPlot } from './ReparamPlot';
import { F, reparamLive } from '../formulas';


export function ReparamSection() {
  const t = useT();
  const focus = useFocus();
  const sample = useSample();
  const state = useClientState();
  const latent = useLatentSnapshot();
  const { kind } = state.config.model;
  const trick = state.config.hyper.reparam;
  const decoded = useBatchDecode(sample?.z ?? null, 1, state.weightsStep);
  const drift = useMemo(
    () => (latent?.logvar ? codeDrift(latent.mu, latent.logvar, latent.count, latent.dim) : null),
    [latent],
  );

  if (kind !== 'vae') return <p className="xp-muted">{t('x.aeOnly')}</p>;
  const live = focus?.logvar && sample && sample.z.length === focus.mu.length ? { logvar: focus.logvar, ...sample } : null;
  // The coordinates the map shows, so the numbers match the arrow drawn there.
  const shown = focus ? [...new Set(focus.dims)].filter((j) => j < focus.mu.length) : [];
  return (
    <>
      <Rich text={t('x.reparam.p1')} />
      <MathFormula tex={F.reparam} />
      {focus ? (
        <Worked caption={t('x.reparam.live', { what: focusPhrase(t, focus) })}>
          <div className="xp-eq-stack" data-testid="reparam-live">
              {live &&
                shown.map((j) => (
                  <MathFormula
                    key={j}
                    tex={reparamLive(j)}
                    slots={{
                      m: num(focus.mu[j]),
                      s: num(Math.exp(0.5 * live.logvar[j])),
                      e: num(live.eps[j], 2, true),
                      z: num(live.z[j]),
                    }}
                  />
                ))}
          </div>
          <div className="xp-reparam-row">
            <ReparamPlot focus={focus} sample={sample} />
            <DecodeArrow />
            <ImageCanvas pixels={decoded} label={t('lx.decodedAria')} className="xp-flow-img" />
          </div>
        </Worked>
      ) : (
        <NoFocus />
      )}
      <Rich text={t('x.reparam.p2')} />
      <p className={`xp-state ${trick ? 'is-on' : 'is-off'}`}>{t(trick ? 'x.reparam.on' : 'x.reparam.off')}</p>
      {drift && (
        <Rich
          text={t('x.reparam.drift')}
          slots={{
            mu: <Live testId="drift-mu">{formatNumber(drift.meanAbsMu, 2)}</Live>,
            sigma: <Live testId="drift-sigma">{formatNumber(drift.meanSigma, 2)}</Live>,
          }}
        />
      )}
      <TryIt text={t('x.reparam.try')} />
    </>
  );
}
