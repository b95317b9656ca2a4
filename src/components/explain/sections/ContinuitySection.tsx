// Idea 7: a continuous latent space. Live: where the latent point is and how far from the
// nearest test code, so a student can see they are "in a gap" while the decoding still reads.
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../i18n/LanguageProvider';
import { useClientState } from '../../usePlayground';
import { nearestCode } from '../codeStats';
import { usePointStore } from '../ExplainContext';
import { formatNumber } from '../formatNumber';
import { Rich } from '../math/Rich';
import { vectorTex } from '../math/vectors';
import { MathFormula } from '../math/MathFormula';
import { Live, TryIt } from '../parts';
import { useLatentSnapshot } from '../useLiveData';

export function ContinuitySection() {
  const t = useT();
  const state = useClientState();
  const point = usePointStore();
  const latent = useLatentSnapshot();
  const [z, setZ] = useState<Float32Array | null>(() => point?.shown ?? null);
  useEffect(() => {
    if (!point) return;
    setZ(point.shown);
    return point.watch(setZ);
  }, [point]);

  const near = useMemo(
    () => (z && latent && latent.dim === z.length ? nearestCode(latent.mu, latent.count, latent.dim, z) : null),
    [z, latent],
  );
  const classes = state.manifest?.datasets.find((d) => d.name === state.config.dataset)?.classes;
  const zv = z ? vectorTex('z', z) : null;

  return (
    <>
      <Rich text={t('x.continuity.p1')} />
      {zv && near && near.index >= 0 && latent && (
        <Rich
          className="xp-live-line"
          text={t('x.continuity.live')}
          slots={{
            z: <MathFormula display={false} tex={zv.tex} slots={zv.slots} />,
            dist: <Live testId="nearest-distance">{formatNumber(near.distance, 2)}</Live>,
            label: classes?.[latent.labels[near.index]] ?? String(latent.labels[near.index]),
          }}
        />
      )}
      <TryIt text={t('x.continuity.try')} />
    </>
  );
}
