// The Disentanglement region beside the map: MIG as text (or why there is none), the latent ×
// factor mutual information as a heat map, and the KL of each latent dimension. The KL bars are
// live from every latent snapshot (any dataset, the VAE only); MIG and the matrix come from the
// worker after each Shapes epoch or when Measure asks.
import { useMemo, useState } from 'react';
import type { DisentanglementSnapshot, LatentSnapshot } from '../../client/clientTypes';
import { klPerDim } from '../../model/klPerDim';
import { InfoButton } from '../explain/InfoButton';
import { useT } from '../i18n/LanguageProvider';
import type { Translate } from '../i18n/translate';
import { useClientState, usePlaygroundClient, useTopic } from '../usePlayground';
import { formatShare } from './disentangleScales';
import { KlBars } from './KlBars';
import { MiHeatmap } from './MiHeatmap';
import './disentangle.css';

/** The worker's reasons for no MIG (src/model/latentEval.ts), in the page's language. */
export function migNoteText(note: string, t: Translate): string {
  if (/factors of variation are known/.test(note)) return t('dis.noteNoFactors');
  const dim = /latent dimension (\d+)/.exec(note);
  if (dim) return t('dis.noteDim', { d: dim[1] });
  if (/diverged/.test(note)) return t('dis.noteDiverged');
  return t('dis.noteOther', { note });
}

/**
 * `compact`: only the head line (MIG, the KL total, Measure), so the tabs other than Decode
 * (strips, samples, traversal rows that name their factors themselves) keep the column's height.
 */
export function DisentanglementPanel({ compact = false }: { compact?: boolean }) {
  const client = usePlaygroundClient();
  const state = useClientState();
  const t = useT();
  const model = state.config.model;
  const [latent, setLatent] = useState<LatentSnapshot | null>(() => client.getLatent());
  const [snapshot, setSnapshot] = useState<DisentanglementSnapshot | null>(() => client.getDisentanglement());
  const [asked, setAsked] = useState<number | null>(null);
  useTopic('latent', () => setLatent(client.getLatent()));
  useTopic('disentanglement', () => {
    setSnapshot(client.getDisentanglement());
    setAsked(null);
  });

  const usable = latent && latent.dim === model.latentDim && latent.kind === 'vae' && latent.logvar ? latent : null;
  const kl = useMemo(() => (usable && usable.logvar && usable.count > 0 ? klPerDim(usable.mu, usable.logvar, usable.dim) : null), [usable]);
  const shown = snapshot && (snapshot.mi.length === 0 || snapshot.mi.length === model.latentDim) ? snapshot : null;
  const measuring = asked !== null;

  return (
    <section className="lx-dis" aria-label={t('dis.title')} data-compact={compact}>
      <div className="dis-head">
        <h3 className="dis-title">
          {t('dis.title')}
          <InfoButton section="disentangle" />
        </h3>
        <p className="dis-mig" data-testid="mig" aria-live="polite">
          {shown?.mig !== null && shown?.mig !== undefined ? (
            <>
              <strong className="num">{t('dis.mig', { value: formatShare(shown.mig) })}</strong>{' '}
              <span className="dis-step">{t('dis.atStep', { step: shown.step.toLocaleString('en-US') })}</span>
            </>
          ) : shown?.note ? (
            <span className="dis-note">{migNoteText(shown.note, t)}</span>
          ) : (
            <span className="dis-note">{t('dis.notYet')}</span>
          )}
        </p>
        <button
          type="button"
          className="small"
          disabled={measuring || state.phase !== 'ready'}
          onClick={() => {
            setAsked(state.step);
            client.measureDisentanglement();
          }}
        >
          {measuring ? t('dis.measuring') : t('dis.measure')}
        </button>
      </div>
      {compact && kl && (
        <p className="dis-note" data-testid="kl-total-line">
          {t('dis.klCaption')} {t('dis.klTotal', { total: kl.reduce((a, v) => a + v, 0).toFixed(2) })}
        </p>
      )}
      <div className="dis-figures" hidden={compact}>
        {kl ? <KlBars values={kl} /> : model.kind === 'ae' ? <p className="dis-note">{t('dis.klAe')}</p> : <p className="dis-note">{t('dis.klWait')}</p>}
        {shown && shown.mig !== null && shown.mi.length > 0 && <MiHeatmap snapshot={shown} />}
      </div>
    </section>
  );
}
