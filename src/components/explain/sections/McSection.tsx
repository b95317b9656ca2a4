// Idea 5: the L-sample Monte Carlo estimate of the reconstruction term, drawn for the image in
// focus: per-sample values, repeated estimates and their spread, which shrinks like 1/√L.
import { useState } from 'react';
import { useT } from '../../i18n/LanguageProvider';
import { useClientState } from '../../usePlayground';
import { useFocus } from '../ExplainContext';
import { MathFormula, num } from '../math/MathFormula';
import { Rich } from '../math/Rich';
import { focusPhrase, Nats, NoFocus, TryIt, Worked } from '../parts';
import { MC_REPEATS, useMonteCarlo } from '../useMonteCarlo';
import { McPlot } from './McPlot';
import { F } from '../formulas';

export function McSection() {
  const t = useT();
  const state = useClientState();
  const focus = useFocus();
  const [nonce, setNonce] = useState(0);
  const { hyper, model } = state.config;
  const mc = useMonteCarlo(model.kind === 'vae' ? focus : null, hyper.samples, hyper, state.weightsStep, nonce);

  if (model.kind !== 'vae') return <p className="xp-muted">{t('x.aeOnly')}</p>;
  return (
    <>
      <Rich text={t('x.mc.p1')} />
      <MathFormula tex={F.mc} />
      <MathFormula tex={F.mcSample} />
      <Rich text={t('x.mc.p2')} />
      {!focus && <NoFocus />}
      {focus && mc && (
        <Worked caption={t('x.mc.live', { what: focusPhrase(t, focus), L: mc.L, R: MC_REPEATS })}>
          <McPlot mc={mc} axisLabel={t('x.mc.axis')} />
          <MathFormula
            tex={F.mcLive}
            slots={{ L: num(mc.L, 0), est: num(mc.estimates[0], 1) }}
          />
          <div className="xp-row">
            <Rich
              as="span"
              text={t('x.mc.spread', { R: MC_REPEATS })}
              slots={{ spread: <Nats v={mc.spread} digits={2} testId="mc-spread" /> }}
            />
            <button type="button" className="xp-small" onClick={() => setNonce((n) => n + 1)}>
              {t('x.mc.again')}
            </button>
          </div>
        </Worked>
      )}
      <TryIt text={t('x.mc.try')} />
    </>
  );
}
