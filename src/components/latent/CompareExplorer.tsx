// AE vs VAE: the two latent maps side by side, each with its model's decoded image of the one
// shared latent point (drag it in either map: both handles move, both decoders answer) and
// the spread of its codes underneath. Both maps show the same two dimensions, so one z means
// the same place in each. Each side says its training step, and the top says where the two
// started from (compareStart.ts): a fair comparison is one at equal steps.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LatentSnapshot } from '../../client/clientTypes';
import type { ModelTag } from '../../shared/protocol';
import { localClassNames } from '../i18n/classNames';
import { useLanguage, useT } from '../i18n/LanguageProvider';
import { CLASS_COLORS } from '../palette';
import { useClientState, usePlaygroundClient, useTopic } from '../usePlayground';
import { CodeSpread } from './CodeSpread';
import { CompareDecoded } from './CompareDecoded';
import { CoordsReadout } from './CoordsReadout';
import { topVarianceDims } from '../latentShared/geometry';
import { LatentMap } from './LatentMap';
import { LatentPointStore } from '../latentShared/latentPoint';
import { Legend } from './Legend';
import type { MapMarks } from './MapOverlay';
import './compare.css';
import './latent.css';

const DIGITS = Array.from({ length: 10 }, (_, i) => String(i));
const MODELS: ReadonlyArray<{ model: ModelTag; label: string; title: 'cmp.vaeTitle' | 'cmp.aeTitle' }> = [
  { model: 'vae', label: 'VAE', title: 'cmp.vaeTitle' },
  { model: 'ae', label: 'AE', title: 'cmp.aeTitle' },
];
const NO_GRID = { on: false, n: 0 };

export function CompareExplorer() {
  const client = usePlaygroundClient();
  const state = useClientState();
  const { t, lang } = useLanguage();
  const { latentDim } = state.config.model;
  const dataset = state.config.dataset;
  const manifestClasses = state.manifest?.datasets.find((d) => d.name === dataset)?.classes ?? DIGITS;
  const classNames = useMemo(() => localClassNames(lang, manifestClasses), [lang, manifestClasses]);

  const read = useCallback(
    (): Record<ModelTag, LatentSnapshot | null> => ({
      vae: client.getLatentOf('vae'),
      ae: client.getLatentOf('ae'),
    }),
    [client],
  );
  const [latent, setLatent] = useState(read);
  useTopic('latent', () => setLatent(read()));
  const readSteps = useCallback(
    (): Record<ModelTag, number> => ({ vae: client.weightsStepOf('vae'), ae: client.weightsStepOf('ae') }),
    [client],
  );
  const [steps, setSteps] = useState(readSteps);
  useTopic('weights', () => setSteps(readSteps()));
  // Training steps: the VAE's is the status line's; the AE's streams in with its curves.
  const [aeTrained, setAeTrained] = useState(() => client.stepOf('ae'));
  useTopic('metrics', () => setAeTrained(client.stepOf('ae')));
  const trained: Record<ModelTag, number> = { vae: state.step, ae: aeTrained };
  const origin = state.compareFrom ?? 'fresh';
  const originText = t(origin === 'shipped' ? 'cmp.fromShipped' : origin === 'same' ? 'cmp.fromSame' : 'cmp.fromFresh');
  // A reset clears the weights of both (state.weightsStep is the VAE's).
  const vaeStep = state.weightsStep;
  const weightsSteps = useMemo(() => ({ vae: vaeStep, ae: steps.ae }), [vaeStep, steps.ae]);

  const [point] = useState(() => new LatentPointStore(latentDim));
  useEffect(() => point.resize(latentDim), [point, latentDim]);
  const usable = (m: ModelTag) => {
    const l = latent[m];
    return l && l.dim === latentDim ? l : null;
  };
  const vae = usable('vae');
  // The VAE's most varied pair, shown in both maps: one z must be the same place in each.
  const dims = useMemo<[number, number]>(() => (vae && vae.dim > 2 ? topVarianceDims(vae.mu, vae.count, vae.dim) : [0, 1]), [vae]);
  const [hovered, setHovered] = useState(-1);
  const [highlight, setHighlight] = useState<number | null>(null);
  const marks: MapMarks = useMemo(
    () => ({ hovered, selected: -1, drawn: null, interp: [-1, -1], prior: null, sample: null }),
    [hovered],
  );

  return (
    <div className="cmp" data-testid="compare">
      <div className="cmp-top">
        <p className="lx-hint cmp-hint">
          {t('cmp.hint', { glyph: '◎' })} <span data-testid="compare-origin">{originText}</span>
        </p>
        <Legend classNames={classNames} colors={CLASS_COLORS} highlight={highlight} onHighlight={setHighlight} />
      </div>
      <div className="cmp-row">
        {MODELS.map(({ model, label, title }) => (
          <CompareSide
            key={model}
            model={model}
            label={label}
            title={t(title)}
            ariaLabel={t('cmp.mapAria', { model: label })}
            latent={usable(model)}
            dims={dims}
            latentDim={latentDim}
            classNames={classNames}
            highlight={highlight}
            marks={marks}
            point={point}
            weightsStep={weightsSteps[model]}
            trained={trained[model]}
            onHover={setHovered}
          />
        ))}
      </div>
    </div>
  );
}

interface SideProps {
  model: ModelTag;
  label: string;
  title: string;
  ariaLabel: string;
  latent: LatentSnapshot | null;
  dims: [number, number];
  latentDim: number;
  classNames: readonly string[];
  highlight: number | null;
  marks: MapMarks;
  point: LatentPointStore;
  weightsStep: number;
  /** Training steps of this side's model. */
  trained: number;
  onHover(i: number): void;
}

function CompareSide(p: SideProps) {
  const t = useT();
  const { model, latent, dims, point } = p;
  const [dx, dy] = dims;
  // Picking a test image puts z at its code in this model's space; the other model decodes that z too.
  const onPick = useCallback(
    (i: number) => {
      if (latent) point.moveTo(dx, dy, latent.mu[i * latent.dim + dx] ?? 0, latent.mu[i * latent.dim + dy] ?? 0, performance.now());
    },
    [latent, point, dx, dy],
  );
  return (
    <section className="cmp-side" aria-label={p.ariaLabel} data-model={model}>
      <h3 className="lx-col-title cmp-title">
        {p.title} <span className="cmp-step" data-testid={`compare-step-${model}`}>{t('cmp.step', { n: p.trained.toLocaleString('en-US') })}</span>
      </h3>
      <div className="cmp-body">
        <div className="cmp-map">
          <LatentMap
            latent={latent}
            dims={dims}
            kind={model}
            latentDim={p.latentDim}
            classNames={p.classNames}
            colors={CLASS_COLORS}
            highlight={p.highlight}
            marks={p.marks}
            point={point}
            grid={NO_GRID}
            weightsStep={p.weightsStep}
            onHover={p.onHover}
            onPick={onPick}
          />
        </div>
        <div className="cmp-out">
          <CompareDecoded model={model} label={p.label} point={point} weightsStep={p.weightsStep} />
          <CoordsReadout point={point} dims={dims} />
        </div>
      </div>
      <CodeSpread latent={latent} model={p.label} dims={dims} />
    </section>
  );
}
