// The readout under a latent map: per dimension, where the test codes μ lie (min to max) and
// how widely (sd). The dimensions the map shows come first.
import { memo, useMemo } from 'react';
import type { LatentSnapshot } from '../../client/clientTypes';
import { useT } from '../i18n/LanguageProvider';
import { codeSpread } from './codeSpread';
import { formatZ } from '../latentShared/geometry';
import './codeSpread.css';

const sub = (j: number) => String(j + 1).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);

interface CodeSpreadProps {
  latent: LatentSnapshot | null;
  /** The model's name as the page shows it (VAE, AE), for the accessible name. */
  model: string;
  dims: [number, number];
}

export const CodeSpread = memo(function CodeSpread({ latent, model, dims }: CodeSpreadProps) {
  const t = useT();
  const spread = useMemo(() => (latent ? codeSpread(latent.mu, latent.count, latent.dim) : null), [latent]);
  if (!latent || !spread) return null;
  const order = [...new Set([...dims.filter((d) => d < spread.length), ...spread.keys()])];
  return (
    <section className="code-spread" aria-label={t('spread.aria', { model })} data-testid={`code-spread-${model.toLowerCase()}`}>
      <p className="code-spread-title">{t('spread.title', { count: latent.count.toLocaleString('en-US') })}</p>
      <ul>
        {order.map((j) => {
          const d = spread[j]!;
          return (
            <li key={j} data-dim={j} data-sd={d.sd.toFixed(4)} className={dims.includes(j) ? 'is-shown' : ''}>
              {t('spread.row', { dim: `z${sub(j)}`, min: formatZ(d.min), max: formatZ(d.max), sd: d.sd.toFixed(2) })}
            </li>
          );
        })}
      </ul>
    </section>
  );
});
