// The top row, drawn as the model itself, left to right: input x → encoder θ → latent space →
// decoder φ → decoded x̂. Holds the UI state the panels share (what is hovered or picked, which
// dimensions are shown, the active tab); streaming arrays stay in the client and the stores.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DataSplit } from '../../data/types';
import type { LatentSnapshot } from '../../client/clientTypes';
import { activeUnits } from '../explain/activeUnits';
import { useExplain, useSample } from '../explain/ExplainContext';
import type { FocusView } from '../explain/explainStore';
import { InfoButton } from '../explain/InfoButton';
import { localClassNames } from '../i18n/classNames';
import { useLanguage } from '../i18n/LanguageProvider';
import { useNoHover } from '../useNoHover';
import { CLASS_COLORS } from '../palette';
import { useClientState, usePlaygroundClient, useTopic } from '../usePlayground';
import { CodeSpread } from './CodeSpread';
import { DecodedPanel } from './DecodedPanel';
import { ExplorerTabs, type TabSpec } from './ExplorerTabs';
import { topVarianceDims } from '../latentShared/geometry';
import { InputPanel } from './InputPanel';
import { InterpolationStrip } from './InterpolationStrip';
import { LatentMap } from './LatentMap';
import { ColourLegend } from '../disentangle/ColourLegend';
import { colouringOf, type ColourChoice } from '../disentangle/colourBy';
import { LatentPointStore } from '../latentShared/latentPoint';
import type { MapMarks } from './MapOverlay';
import { MapToolbar } from './MapToolbar';
import { DecoderBox, EncoderBox, type EncodedView } from './NetworkBox';
import { imageFromBytes } from '../latentShared/paintImage';
import { PRIOR_COUNT, PriorSamples } from './PriorSamples';
import { samplePrior } from '../latentShared/priorSampling';
import { TraversalPanel } from './TraversalPanel';
import { DisentanglementPanel } from '../disentangle/DisentanglementPanel';
import { useDrawnCode } from './useDrawnCode';
import './latent.css';

type Tab = 'explore' | 'interpolate' | 'prior' | 'traversal';
const DIGITS = Array.from({ length: 10 }, (_, i) => String(i));
const NO_ENDS: [number, number] = [-1, -1];

/** What the input column and the encoder box show: a test image, the drawing, or nothing. */
type Pinned = { kind: 'test'; index: number } | { kind: 'drawn' } | null;

interface LatentExplorerProps {
  /** What the map's colours show (the link's `colour=`), and its change. */
  colourBy?: ColourChoice;
  onColourBy?(c: ColourChoice): void;
}

export function LatentExplorer({ colourBy = 'label', onColourBy }: LatentExplorerProps = {}) {
  const client = usePlaygroundClient();
  const state = useClientState();
  const { t, lang } = useLanguage();
  // A phone or tablet has no hover: its hints say tap.
  const noHover = useNoHover();
  const explain = useExplain();
  const sample = useSample();
  const model = state.config.model;
  const dataset = state.config.dataset;
  const manifestClasses = state.manifest?.datasets.find((d) => d.name === dataset)?.classes ?? DIGITS;
  const classNames = useMemo(() => localClassNames(lang, manifestClasses), [lang, manifestClasses]);
  const tabs: ReadonlyArray<TabSpec<Tab>> = [
    { id: 'explore', label: t('lx.tabDecode') },
    { id: 'interpolate', label: t('lx.tabInterpolate') },
    { id: 'prior', label: t('lx.tabPrior') },
    { id: 'traversal', label: t('lx.tabTraversal') },
  ];
  const weightsStep = state.weightsStep;

  const [latent, setLatent] = useState<LatentSnapshot | null>(() => client.getLatent());
  useTopic('latent', () => setLatent(client.getLatent()));
  const [testSet, setTestSet] = useState<DataSplit | null>(null);
  useEffect(() => {
    let live = true;
    client.getTestSet().then(
      (split) => live && setTestSet(split),
      () => live && setTestSet(null),
    );
    return () => {
      live = false;
    };
    // New images of the user's own keep the dataset's name but bring new classes (a new manifest entry).
  }, [client, dataset, manifestClasses]);

  const [point] = useState(() => new LatentPointStore(model.latentDim));
  const [manualDims, setManualDims] = useState<[number, number] | null>(null);
  const [hovered, setHovered] = useState(-1);
  const [pinned, setPinned] = useState<Pinned>(null);
  const [tab, setTab] = useState<Tab>('explore');
  const [ends, setEnds] = useState<[number, number]>(NO_ENDS);
  const [prior, setPrior] = useState<Float32Array | null>(null);
  const [highlight, setHighlight] = useState<number | null>(null);
  const [grid, setGrid] = useState({ on: false, n: 15 });

  // A new model shape invalidates every index and code held here.
  const shape = `${dataset} ${model.kind} ${model.latentDim}`;
  const [lastShape, setLastShape] = useState(shape);
  if (shape !== lastShape) {
    setLastShape(shape);
    setManualDims(null);
    setPinned(null);
    setHovered(-1);
    setEnds(NO_ENDS);
    setPrior(null);
  }
  useEffect(() => point.resize(model.latentDim), [point, model.latentDim]);
  useEffect(() => {
    explain.setPoint(point);
    return () => explain.setPoint(null);
  }, [explain, point]);
  useEffect(() => explain.onTabRequest((next) => setTab(next)), [explain]);

  const usable = latent && latent.dim === model.latentDim ? latent : null;
  const autoDims = useMemo<[number, number]>(
    () => (usable && usable.dim > 2 ? topVarianceDims(usable.mu, usable.count, usable.dim) : [0, 1]),
    [usable],
  );
  const units = useMemo(() => (usable ? activeUnits(usable.mu, usable.count, usable.dim) : null), [usable]);
  // Colour by a factor: the map gets the points re-labelled by it, with its colours and value names.
  const { colouring, missing } = useMemo(() => colouringOf(usable, colourBy), [usable, colourBy]);
  const byFactor = colouring.kind === 'factor' ? colouring : null;
  const mapLatent = useMemo(() => (usable && byFactor ? { ...usable, labels: byFactor.labels } : usable), [usable, byFactor]);
  const dims = manualDims ?? autoDims;
  const [dx, dy] = dims;
  // The handle keeps its place in the newly shown plane; hidden dimensions return to 0.
  useEffect(() => {
    const z = point.value;
    if (z.length > Math.max(dx, dy)) point.moveTo(dx, dy, z[dx], z[dy], null);
  }, [point, dx, dy]);

  const moveToCode = useCallback(
    (mu: ArrayLike<number>, offset: number) => point.moveTo(dx, dy, mu[offset + dx], mu[offset + dy], performance.now()),
    [point, dx, dy],
  );

  const { drawn, setPixels } = useDrawnCode(weightsStep, (code) => {
    setPinned({ kind: 'drawn' });
    moveToCode(code.mu, 0);
  });

  // The map calls back with the latest of these without re-rendering for a new closure.
  const pick = useRef<(i: number) => void>(() => {});
  pick.current = (i: number) => {
    if (!usable) return;
    if (tab === 'interpolate') {
      setEnds(([a, b]) => (a < 0 || b >= 0 ? [i, -1] : a === i ? [a, -1] : [a, i]));
      return;
    }
    setPinned({ kind: 'test', index: i });
    moveToCode(usable.mu, i * usable.dim);
  };
  const onPick = useCallback((i: number) => pick.current(i), []);

  const focus: Pinned = hovered >= 0 ? { kind: 'test', index: hovered } : pinned;
  const focusTest = focus?.kind === 'test' && usable && focus.index < usable.count ? focus.index : -1;
  const code: EncodedView | null = useMemo(() => {
    if (focusTest >= 0 && usable) {
      const d = usable.dim;
      return { mu: usable.mu.subarray(focusTest * d, (focusTest + 1) * d), logvar: usable.logvar?.subarray(focusTest * d, (focusTest + 1) * d) ?? null };
    }
    return focus?.kind === 'drawn' && drawn ? { mu: drawn.mu, logvar: drawn.logvar } : null;
  }, [focusTest, usable, focus?.kind, drawn]);

  const testReady = testSet && testSet.dataset === dataset;
  const inputImage = useMemo(() => {
    if (focusTest >= 0 && testReady && focusTest < testSet.count) return imageFromBytes(testSet.pixels, focusTest, testSet.width * testSet.height);
    return focus?.kind === 'drawn' && drawn ? drawn.pixels : null;
  }, [focusTest, testReady, testSet, focus?.kind, drawn]);
  const focusClass = focusTest >= 0 && usable ? (classNames[usable.labels[focusTest]] ?? String(usable.labels[focusTest])) : null;
  const caption =
    focusClass !== null
      ? t('lx.testCaption', { name: focusClass, n: focusTest })
      : focus?.kind === 'drawn' && drawn
        ? t('lx.yourDrawing')
        : t(noHover ? 'lx.hoverPointTouch' : 'lx.hoverPoint');

  // The explanations follow the same image: its pixels, code and class.
  const focusView: FocusView | null = useMemo(() => {
    if (!code) return null;
    const mu = Float32Array.from(code.mu);
    const logvar = code.logvar ? Float32Array.from(code.logvar) : null;
    return focusTest >= 0
      ? { kind: 'test', index: focusTest, className: focusClass, x: inputImage, mu, logvar, dims: [dx, dy] }
      : { kind: 'drawn', index: -1, className: null, x: inputImage, mu, logvar, dims: [dx, dy] };
  }, [code, focusTest, focusClass, inputImage, dx, dy]);
  useEffect(() => explain.setFocus(focusView), [explain, focusView]);
  // The pipeline goes on to x̂: while a test image is hovered the decoded image is its reconstruction.
  const decodedFocus = useMemo(
    () => (hovered >= 0 && focusTest === hovered && focusView ? { mu: focusView.mu, index: focusTest, name: focusClass ?? '' } : null),
    [hovered, focusTest, focusView, focusClass],
  );
  useEffect(() => () => explain.setFocus(null), [explain]);

  const marks: MapMarks = useMemo(
    () => ({
      hovered,
      selected: pinned?.kind === 'test' ? pinned.index : -1,
      drawn: drawn ? { mu: drawn.mu, logvar: drawn.logvar, thumbnail: drawn.thumbnail } : null,
      interp: tab === 'interpolate' ? ends : NO_ENDS,
      prior: tab === 'prior' ? prior : null,
      sample: sample && focusView && sample.z.length === model.latentDim ? { mu: focusView.mu, z: sample.z } : null,
    }),
    [hovered, pinned, drawn, tab, ends, prior, sample, focusView, model.latentDim],
  );

  return (
    <div className="lx" data-kind={model.kind}>
      <InputPanel image={inputImage} caption={caption} normalizeDrawing={dataset === 'mnist'} onDrawn={setPixels} />
      <EncoderBox config={model} dims={dims} code={code} sample={marks.sample ? sample : null} />
      <div className="lx-center">
        <MapToolbar
          step={usable?.step ?? null}
          count={usable?.count ?? 0}
          latentDim={model.latentDim}
          dims={dims}
          onDims={setManualDims}
          grid={grid}
          onGrid={setGrid}
          units={model.kind === 'vae' ? units : null}
        />
        <div className="lx-map-area">
          <LatentMap
            latent={mapLatent}
            dims={dims}
            kind={model.kind}
            latentDim={model.latentDim}
            classNames={byFactor ? byFactor.names : classNames}
            colors={byFactor ? byFactor.colors : CLASS_COLORS}
            highlight={byFactor?.scale === 'sequential' ? null : highlight}
            marks={marks}
            point={point}
            grid={grid}
            weightsStep={weightsStep}
            onHover={setHovered}
            onPick={onPick}
          />
          <ColourLegend
            choice={colourBy}
            onChoice={(c) => {
              setHighlight(null);
              onColourBy?.(c);
            }}
            factors={usable?.factors?.names ?? []}
            colouring={colouring}
            missing={missing}
            classNames={classNames}
            colors={CLASS_COLORS}
            highlight={highlight}
            onHighlight={setHighlight}
          />
        </div>
        <CodeSpread latent={usable} model={model.kind === 'vae' ? 'VAE' : 'AE'} dims={dims} />
        <div className="lx-side">
        <ExplorerTabs<Tab> label={t('lx.tabs')} tabs={tabs} value={tab} onChange={setTab}>
          {tab === 'explore' && <DecodeHint text={t(noHover ? 'lx.decodeHintTouch' : 'lx.decodeHint')} />}
          {tab === 'interpolate' && (
            <InterpolationStrip ends={ends} latent={usable} weightsStep={weightsStep} classNames={classNames} colors={CLASS_COLORS} onClear={() => setEnds(NO_ENDS)} />
          )}
          {tab === 'prior' && (
            <PriorSamples z={prior} weightsStep={weightsStep} onSample={() => setPrior(samplePrior(PRIOR_COUNT, model.latentDim))} />
          )}
          {tab === 'traversal' && <TraversalPanel focusMu={focusView?.mu ?? null} point={point} units={units} weightsStep={weightsStep} />}
        </ExplorerTabs>
        <DisentanglementPanel compact={tab !== 'explore'} />
        </div>
      </div>
      <DecoderBox config={model} />
      <DecodedPanel point={point} dims={dims} weightsStep={weightsStep} focus={decodedFocus} />
    </div>
  );
}

/** The Decode tab's hint, with the ◎ glyph in its colour and the way to the explanation. */
function DecodeHint({ text }: { text: string }) {
  const [before, after = ''] = text.split('{glyph}');
  return (
    <p className="lx-hint">
      {before}
      <span className="lx-glyph">◎</span>
      {after}
      <InfoButton section="continuity" />
    </p>
  );
}
