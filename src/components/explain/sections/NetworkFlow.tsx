// The network in miniature for the image in focus: x → θ → (μ, σ) → z → φ → x̂, where z is
// the live sample (μ itself for the AE) and x̂ its decoding.
import { ImageCanvas } from '../../latentShared/ImageCanvas';
import { useBatchDecode } from '../../latentShared/useBatchDecode';
import type { FocusView, SampleView } from '../explainStore';
import { MathFormula } from '../math/MathFormula';
import { vectorTex } from '../math/vectors';

interface NetworkFlowProps {
  focus: FocusView;
  sample: SampleView | null;
  weightsStep: number;
  labels: { input: string; output: string };
}

function Stage({ letter, kind }: { letter: string; kind: 'enc' | 'dec' }) {
  const d = kind === 'enc' ? 'M2,4 L30,14 L30,30 L2,40 Z' : 'M2,14 L30,4 L30,40 L2,30 Z';
  return (
    <svg className={`xp-stage ${kind}`} viewBox="0 0 32 44" aria-hidden="true">
      <path d={d} />
      <text x={16} y={26} textAnchor="middle">
        {letter}
      </text>
    </svg>
  );
}

export function NetworkFlow({ focus, sample, weightsStep, labels }: NetworkFlowProps) {
  const z = focus.logvar ? (sample?.z ?? null) : focus.mu;
  const decoded = useBatchDecode(z, 1, weightsStep);
  const mu = vectorTex('m', focus.mu);
  const sigma = focus.logvar ? vectorTex('s', Array.from(focus.logvar, (v) => Math.exp(0.5 * v))) : null;
  const zv = z ? vectorTex('z', z) : null;
  return (
    <div className="xp-flow">
      <ImageCanvas pixels={focus.x} label={labels.input} className="xp-flow-img" />
      <Stage letter="θ" kind="enc" />
      <div className="xp-flow-code">
        <MathFormula tex={`μ = ${mu.tex}`} slots={mu.slots} />
        {sigma && <MathFormula tex={`σ = ${sigma.tex}`} slots={sigma.slots} />}
        {zv && <MathFormula className="xp-sample" tex={`z = ${zv.tex}`} slots={zv.slots} />}
      </div>
      <Stage letter="φ" kind="dec" />
      <ImageCanvas pixels={decoded} label={labels.output} className="xp-flow-img" />
    </div>
  );
}
