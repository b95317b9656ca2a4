// The encoder θ and decoder φ as the trapezoids of every VAE diagram (wide at the image side,
// narrow at z), each in its accent colour, with what flows through them right now: μ and σ of
// the image in focus, and the live sample z = μ + σ·ε (ε redrawn every second).

import type { ReactNode } from 'react';
import type { SessionConfig } from '../../shared/protocol';
import type { SampleView } from '../explain/explainStore';
import { InfoButton } from '../explain/InfoButton';
import { useT } from '../i18n/LanguageProvider';
import { formatZ } from '../latentShared/geometry';
import { layerChain } from './networkLayers';

type ModelConfig = SessionConfig['model'];

const sub = (j: number) => String(j + 1).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);

/** "q_θ(z|x)" with a real subscript. */
function Dist({ f, sub: s, args }: { f: string; sub: string; args: string }) {
  return (
    <>
      <tspan>{f}</tspan>
      <tspan dy={3} fontSize="0.75em">
        {s}
      </tspan>
      <tspan dy={-3}>{args}</tspan>
    </>
  );
}

function Trapezoid({ narrowing, label }: { narrowing: 'right' | 'left'; label: ReactNode }) {
  // Drawn in a 100×84 box; the arrow shaft continues the data flow on both sides.
  const shape = narrowing === 'right' ? 'M14,6 L80,28 L80,56 L14,78 Z' : 'M20,28 L86,6 L86,78 L20,56 Z';
  return (
    <svg className="lx-trap" viewBox="0 0 100 84" aria-hidden="true">
      <path className="lx-trap-shape" d={shape} />
      <text x={50} y={46} textAnchor="middle">
        {label}
      </text>
      <path className="lx-arrow" d="M0,42 H12 M88,42 H98 M94,38 L98,42 L94,46" />
    </svg>
  );
}

const layers = (config: ModelConfig, reverse: boolean) => layerChain(config, reverse ? 'decoder' : 'encoder');

export interface EncodedView {
  mu: ArrayLike<number>;
  /** log σ², null for the AE. */
  logvar: ArrayLike<number> | null;
}

interface EncoderBoxProps {
  config: ModelConfig;
  dims: [number, number];
  /** The current item's code, or null when nothing is hovered, picked or drawn. */
  code: EncodedView | null;
  /** The live sample of that code (VAE only). */
  sample: SampleView | null;
}

export function EncoderBox({ config, dims, code, sample }: EncoderBoxProps) {
  const t = useT();
  const vae = config.kind === 'vae';
  const rows = dims.map((j) => ({
    j,
    mu: code ? formatZ(code.mu[j]) : '–',
    sigma: code?.logvar ? formatZ(Math.exp(0.5 * code.logvar[j])) : '–',
  }));
  return (
    <section className="lx-box enc" aria-label={t('lx.encoderAria')}>
      <h3 className="lx-col-title enc">
        {t('lx.encoder')} <span className="lx-math">θ</span>
        <InfoButton section="network" />
      </h3>
      <Trapezoid narrowing="right" label={vae ? <Dist f="q" sub="θ" args="(z|x)" /> : <Dist f="f" sub="θ" args="(x)" />} />
      <p className="lx-layers">{layers(config, false)}</p>
      <table className="lx-code" aria-label={t('lx.codeAria')}>
        <tbody>
          {rows.map((r) => (
            <tr key={r.j}>
              <th scope="row">μ{sub(r.j)}</th>
              <td>{r.mu}</td>
              {vae && (
                <>
                  <th scope="row">σ{sub(r.j)}</th>
                  <td>{r.sigma}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="lx-flow" title={t(vae ? 'lx.reparamTitle' : 'lx.aeTitle')}>
        {vae ? 'z = μ + σ·ε' : 'z = μ'}
        {vae && <InfoButton section="reparam" />}
      </p>
      {vae && sample && (
        <table className="lx-sample-code" aria-label={t('lx.sampleAria')} data-testid="sample-code">
          <tbody>
            {dims.map((j) => (
              <tr key={j}>
                <th scope="row">ε{sub(j)}</th>
                <td>{formatZ(sample.eps[j] ?? 0)}</td>
                <th scope="row">z{sub(j)}</th>
                <td className="is-z">{formatZ(sample.z[j] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function DecoderBox({ config }: { config: ModelConfig }) {
  const t = useT();
  return (
    <section className="lx-box dec" aria-label={t('lx.decoderAria')}>
      <h3 className="lx-col-title dec">
        {t('lx.decoder')} <span className="lx-math">φ</span>
        <InfoButton section="likelihood" />
      </h3>
      <Trapezoid narrowing="left" label={<Dist f="p" sub="φ" args="(x|z)" />} />
      <p className="lx-layers">{layers(config, true)}</p>
      <p className="lx-flow">x̂ = σ(ℓ(z))</p>
    </section>
  );
}
