// Compare: Model A's and Model B's latent maps side by side (by default a VAE and an AE), each
// with its model's decoded image of the one shared latent point (drag it in either map: both
// handles move, both decoders answer) and the spread of its codes underneath. Both maps show
// the same two dimensions, so one z means the same place in each; when the two latent spaces
// differ in size each map has its own point, and the page says so. Each side is named by its
// settings (modelPair.ts) and says its training step; the top says where the two started from
// (compareStart.ts) and holds Model B's settings (ModelBPanel.tsx).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LatentSnapshot } from '../../client/clientTypes';
import type { ModelTag, SessionConfig } from '../../shared/protocol';
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
import { ModelBPanel } from './ModelBPanel';
import { modelPair } from './modelPair';
import './compare.css';
import './latent.css';

const DIGITS = Array.from({ length: 10 }, (_, i) => String(i));
const SLOTS: readonly ModelTag[] = ['a', 'b'];
/** Test ids keep the default pair's names (Model A the VAE, Model B the AE), which the specs use. */
const TEST_ID: Record<ModelTag, string> = { a: 'vae', b: 'ae' };
const NO_GRID = { on: false, n: 0 };

export function CompareExplorer() {
  const client = usePlaygroundClient();
  const state = useClientState();
  const { t, lang } = useLanguage();
  const pair = useMemo(() => modelPair(state.config, state.modelB, t), [state.config, state.modelB, t]);
  const latentDim: Record<ModelTag, number> = { a: pair.config.a.model.latentDim, b: pair.config.b.model.latentDim };
  const dataset = state.config.dataset;
  const manifestClasses = state.manifest?.datasets.find((d) => d.name === dataset)?.classes ?? DIGITS;
  const classNames = useMemo(() => localClassNames(lang, manifestClasses), [lang, manifestClasses]);

  const read = useCallback(
    (): Record<ModelTag, LatentSnapshot | null> => ({
      a: client.getLatentOf('a'),
      b: client.getLatentOf('b'),
    }),
    [client],
  );
  const [latent, setLatent] = useState(read);
  useTopic('latent', () => setLatent(read()));
  const readSteps = useCallback(
    (): Record<ModelTag, number> => ({ a: client.weightsStepOf('a'), b: client.weightsStepOf('b') }),
    [client],
  );
  const [steps, setSteps] = useState(readSteps);
  useTopic('weights', () => setSteps(readSteps()));
  // Training steps: Model A's is the status line's; Model B's streams in with its curves.
  const [bTrained, setBTrained] = useState(() => client.stepOf('b'));
  useTopic('metrics', () => setBTrained(client.stepOf('b')));
  const trained: Record<ModelTag, number> = { a: state.step, b: bTrained };
  const origin = state.compareFrom ?? 'fresh';
  const ORIGIN_TEXT = { shipped: 'cmp.fromShipped', same: 'cmp.fromSame', fresh: 'cmp.fromFresh', sweep: 'cmp.fromSweep' } as const;
  const originText = t(ORIGIN_TEXT[origin]);
  // A reset clears the weights of both (state.weightsStep is Model A's).
  const aStep = state.weightsStep;
  const weightsSteps = useMemo(() => ({ a: aStep, b: steps.b }), [aStep, steps.b]);

  // One point for both maps when one z means the same to both decoders; otherwise one each.
  const [pointA] = useState(() => new LatentPointStore(latentDim.a));
  const [ownB] = useState(() => new LatentPointStore(latentDim.b));
  useEffect(() => pointA.resize(latentDim.a), [pointA, latentDim.a]);
  useEffect(() => ownB.resize(latentDim.b), [ownB, latentDim.b]);
  const points: Record<ModelTag, LatentPointStore> = { a: pointA, b: pair.sharedZ ? pointA : ownB };
  const usable = (m: ModelTag) => {
    const l = latent[m];
    return l && l.dim === latentDim[m] ? l : null;
  };
  const codesA = usable('a');
  const codesB = usable('b');
  // Model A's most varied pair, shown in both maps when they share z: one z must be the same place in each.
  const dimsA = useMemo<[number, number]>(() => topDims(codesA), [codesA]);
  const dimsB = useMemo<[number, number]>(() => topDims(codesB), [codesB]);
  const dims: Record<ModelTag, [number, number]> = { a: dimsA, b: pair.sharedZ ? dimsA : dimsB };
  const defaultPair = pair.label.a === 'VAE' && pair.label.b === 'AE';
  const hint = !pair.sharedZ
    ? t('cmp.ownPoints', { a: latentDim.a, b: latentDim.b })
    : t(defaultPair ? 'cmp.hint' : 'cmp.pairHint', { glyph: '◎' });
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
          <span data-testid="compare-hint">{hint}</span> <span data-testid="compare-origin">{originText}</span>
        </p>
        <ModelBPanel pair={pair} />
        <Legend classNames={classNames} colors={CLASS_COLORS} highlight={highlight} onHighlight={setHighlight} />
      </div>
      <div className="cmp-row">
        {SLOTS.map((model) => {
          const label = pair.label[model];
          const kind = pair.config[model].model.kind;
          return (
            <CompareSide
              key={model}
              model={model}
              kind={kind}
              label={label}
              title={t(kind === 'vae' ? 'cmp.cloudTitle' : 'cmp.pointTitle', { model: label })}
              ariaLabel={t('cmp.mapAria', { model: label })}
              latent={usable(model)}
              dims={dims[model]}
              latentDim={latentDim[model]}
              classNames={classNames}
              highlight={highlight}
              marks={marks}
              point={points[model]}
              weightsStep={weightsSteps[model]}
              trained={trained[model]}
              onHover={setHovered}
            />
          );
        })}
      </div>
    </div>
  );
}

/** The two most varied dimensions of a model's codes ([0, 1] for 2-D codes or none yet). */
function topDims(codes: LatentSnapshot | null): [number, number] {
  return codes && codes.dim > 2 ? topVarianceDims(codes.mu, codes.count, codes.dim) : [0, 1];
}

interface SideProps {
  model: ModelTag;
  kind: SessionConfig['model']['kind'];
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
        {p.title} <span className="cmp-step" data-testid={`compare-step-${TEST_ID[model]}`}>{t('cmp.step', { n: p.trained.toLocaleString('en-US') })}</span>
      </h3>
      <div className="cmp-body">
        <div className="cmp-map">
          <LatentMap
            latent={latent}
            dims={dims}
            kind={p.kind}
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
          <CompareDecoded model={model} testId={TEST_ID[model]} label={p.label} point={point} weightsStep={p.weightsStep} />
          <CoordsReadout point={point} dims={dims} />
        </div>
      </div>
      <CodeSpread latent={latent} model={p.label} dims={dims} />
    </section>
  );
}
