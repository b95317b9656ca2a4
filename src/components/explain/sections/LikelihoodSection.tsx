// Idea 4: Bernoulli or Gaussian p(x|z), evaluated for the image in focus with x̂ decoded from
// its μ; for the Gaussian, the error term beside the image's KL shows why σ_x = 1 blurs.
import { useMemo } from 'react';
import { useLanguage } from '../../i18n/LanguageProvider';
import { optionLabel } from '../../i18n/settingText';
import { useBatchDecode } from '../../latentShared/useBatchDecode';
import { useClientState } from '../../usePlayground';
import { useFocus } from '../ExplainContext';
import { klTotal } from '../klDivergence';
import { MathFormula, num } from '../math/MathFormula';
import { Rich } from '../math/Rich';
import { focusPhrase, Nats, NoFocus, TryIt, Worked } from '../parts';
import { bernoulliLogLik, gaussianParts, squaredError } from '../reconLogLik';
import { F } from '../formulas';

export function LikelihoodSection() {
  const { t, lang } = useLanguage();
  const state = useClientState();
  const focus = useFocus();
  const { likelihood, sigmaX } = state.config.hyper;
  const decoded = useBatchDecode(focus?.mu ?? null, 1, state.weightsStep);
  const live = useMemo(() => {
    if (!focus?.x || !decoded || decoded.length !== focus.x.length) return null;
    const d = focus.x.length;
    const sq = squaredError(focus.x, decoded);
    return { d, sq, bernoulli: bernoulliLogLik(focus.x, decoded), gaussian: gaussianParts(sq, sigmaX, d) };
  }, [focus, decoded, sigmaX]);
  const kl = focus?.logvar ? klTotal(focus.mu, focus.logvar) : null;
  const likName = optionLabel(lang, 'likelihood', likelihood, likelihood === 'gaussian' ? 'Gaussian' : 'Bernoulli');

  return (
    <>
      <Rich text={t('x.likelihood.p1')} />
      <MathFormula tex={F.bernoulli} />
      <Rich text={t('x.likelihood.grey')} className="xp-caveat" />
      <Rich text={t('x.likelihood.p2')} />
      <MathFormula tex={F.gaussian} />
      {!focus && <NoFocus />}
      {focus && live && (
        <Worked caption={t('x.likelihood.live', { what: focusPhrase(t, focus), lik: likName })}>
          {likelihood === 'bernoulli' ? (
            <MathFormula tex={F.bernoulliLive} slots={{ ll: num(live.bernoulli, 1) }} />
          ) : (
            <MathFormula
              tex={F.gaussianLive}
              slots={{
                sq: num(live.sq, 2),
                s: num(sigmaX, 2),
                d: num(live.d, 0),
                err: num(live.gaussian.error, 1),
                c: num(live.gaussian.constant, 1, true),
                ll: num(live.gaussian.error + live.gaussian.constant, 1),
              }}
            />
          )}
          {likelihood === 'gaussian' && kl !== null && (
            <Rich
              text={t('x.likelihood.compare')}
              slots={{ err: <Nats v={live.gaussian.error} />, kl: <Nats v={kl} /> }}
            />
          )}
        </Worked>
      )}
      <Rich text={t('x.likelihood.p3')} />
      <TryIt text={t('x.likelihood.try')} />
    </>
  );
}
