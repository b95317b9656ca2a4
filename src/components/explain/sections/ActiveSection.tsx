// Active units: which latent dimensions the encoder uses, and the posterior-collapse warning.
import { useMemo } from 'react';
import { useT } from '../../i18n/LanguageProvider';
import { useClientState } from '../../usePlayground';
import { activeUnits, collapseLevel } from '../activeUnits';
import { MathFormula, num } from '../math/MathFormula';
import { Rich } from '../math/Rich';
import { useLatentSnapshot } from '../useLiveData';
import { ActiveBars } from './ActiveBars';
import { F } from '../formulas';

export function ActiveSection() {
  const t = useT();
  const state = useClientState();
  const latent = useLatentSnapshot();
  const d = state.config.model.latentDim;
  const units = useMemo(() => (latent && latent.dim === d ? activeUnits(latent.mu, latent.count, latent.dim) : null), [latent, d]);
  const level = units ? collapseLevel(units) : null;
  return (
    <>
      <Rich text={t('x.active.p1')} />
      <MathFormula tex={units ? F.activeLive : F.active} slots={units ? { a: num(units.active, 0) } : undefined} />
      {units && latent ? (
        <>
          <Rich className="xp-caption" text={t('x.active.bars', { count: latent.count.toLocaleString('en-US') })} />
          <ActiveBars units={units} label={t('lx.activeUnits', { n: units.active, d: units.dim })} />
          <p className={`xp-state ${level === 'ok' ? 'is-on' : 'is-off'}`} data-testid="active-status" role={level === 'all' ? 'alert' : undefined}>
            {level === 'all'
              ? t('x.active.all')
              : level === 'some'
                ? t('x.active.some', { k: units.dim - units.active, d: units.dim })
                : t('x.active.ok', { d: units.dim })}
          </p>
        </>
      ) : (
        <p className="xp-muted">{t('x.active.none')}</p>
      )}
      <Rich text={t('x.active.p2')} />
    </>
  );
}
