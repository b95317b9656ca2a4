// Idea 8: disentanglement, seen in the explorer's Traversal tab (one decoded row per dimension).
import { useMemo } from 'react';
import { useT } from '../../i18n/LanguageProvider';
import { useClientState } from '../../usePlayground';
import { activeUnits } from '../activeUnits';
import { useExplain } from '../ExplainContext';
import { Rich } from '../math/Rich';
import { Live, TryIt } from '../parts';
import { useLatentSnapshot } from '../useLiveData';

export function TraversalSection() {
  const t = useT();
  const store = useExplain();
  const state = useClientState();
  const latent = useLatentSnapshot();
  const d = state.config.model.latentDim;
  const units = useMemo(() => (latent && latent.dim === d ? activeUnits(latent.mu, latent.count, latent.dim) : null), [latent, d]);
  return (
    <>
      <Rich text={t('x.traversal.p1')} />
      <Rich text={t('x.traversal.p2')} />
      <Rich
        className="xp-live-line"
        text={t('x.traversal.live')}
        slots={{ d: <Live>{d}</Live>, active: <Live>{units ? units.active : '–'}</Live> }}
      />
      <p>
        <button type="button" className="xp-small xp-primary" onClick={() => store.requestTab('traversal')}>
          {t('x.traversal.open')}
        </button>
      </p>
      <TryIt text={t('x.traversal.try')} />
    </>
  );
}
