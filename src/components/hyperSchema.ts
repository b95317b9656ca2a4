// The controls' view of the one parameter schema (src/model/params.ts): each setting's label,
// hint and menu labels beside what the schema fixes (default, the controls' range, link name,
// needs-new-weights, AE or not). It drives the controls, the URL and the validation of values
// that come from outside (a shared link, a loaded checkpoint).
import { INPUT_DIM, inputDimOf, PARAMS, type Arch } from '../model/params';
import type { SessionConfig } from '../shared/protocol';

type Hyper = SessionConfig['hyper'];
type ModelConfig = SessionConfig['model'];
export type DatasetName = SessionConfig['dataset'];
export type ModelKind = ModelConfig['kind'];
/** The Model choice: one kind, or both side by side (AE vs VAE). */
export type ViewKind = ModelKind | 'compare';
export type Likelihood = Hyper['likelihood'];
export type Objective = NonNullable<Hyper['objective']>;

/** Everything the UI can set, flattened; `hidden` is a preset such as "512-256". */
export interface Settings {
  dataset: DatasetName;
  arch: Arch;
  kind: ViewKind;
  latentDim: number;
  hidden: string;
  learningRate: number;
  beta: number;
  likelihood: Likelihood;
  sigmaX: number;
  samples: number;
  reparam: boolean;
  batchSize: number;
  warmStart: boolean;
  seed: number;
  objective: Objective;
  gamma: number;
  cMax: number;
  rampSteps: number;
}
export type SettingKey = keyof Settings;

interface FieldBase {
  label: string;
  /** One line under the control. */
  hint: string;
  /** Query-string name. */
  param: string;
  /** Changing it needs new weights (asks before resetting a trained model). */
  needsReset: boolean;
  /** Meaningless for the AE (no sampling, no KL). */
  vaeOnly?: boolean;
  /** Only used by this likelihood. */
  likelihood?: Likelihood;
  /** Only used by this objective. */
  objective?: Objective;
}
export interface RangeField extends FieldBase {
  type: 'range';
  min: number;
  max: number;
  step: number;
  integer: boolean;
  default: number;
}
export interface ChoiceField<T extends string | number> extends FieldBase {
  type: 'choice';
  options: ReadonlyArray<{ value: T; label: string }>;
  default: T;
}
export interface ToggleField extends FieldBase {
  type: 'toggle';
  default: boolean;
}
// Wrapped in [] so unions such as 'mnist' | 'fashion' are not distributed into separate fields.
type FieldFor<T> = [T] extends [boolean]
  ? ToggleField
  : [T] extends [number]
    ? RangeField | ChoiceField<number>
    : [T] extends [string]
      ? ChoiceField<T>
      : never;
export type Schema = { [K in SettingKey]: FieldFor<Settings[K]> };

export const AE_HINT = 'AE: no sampling, no KL';
/** Why the hidden sizes are greyed with the conv network (its layers are fixed). */
export const MLP_ONLY_HINT = 'MLP only: the conv layers are fixed.';
export { INPUT_DIM };
const P = PARAMS;
/** The schema's link name, needs-new-weights and AE flags, as the fields name them. */
const from = (p: { url: string; newWeights: boolean; ae: boolean }) => ({ param: p.url, needsReset: p.newWeights, ...(p.ae ? {} : { vaeOnly: true }) });
/** The menu offers the schema's ui subset (MNIST, Fashion-MNIST, Shapes), so a link naming another is refused. */
const DATASET_LABELS: Record<(typeof P.dataset.ui.options)[number], string> = { mnist: 'MNIST', fashion: 'Fashion-MNIST', shapes: 'Shapes' };

export const SCHEMA: Schema = {
  dataset: {
    type: 'choice', label: 'Dataset', ...from(P.dataset), default: P.dataset.default,
    hint: 'Which images to learn.',
    options: P.dataset.ui.options.map((value) => ({ value, label: DATASET_LABELS[value] })),
  },
  arch: {
    type: 'choice', label: 'Architecture', ...from(P.arch), default: P.arch.default,
    hint: 'Dense layers, or the Keras example’s convolutions.',
    options: [{ value: 'mlp', label: 'MLP' }, { value: 'conv', label: 'Conv' }],
  },
  // Switching keeps each model's weights (the worker holds one per kind): no reset needed.
  kind: {
    type: 'choice', label: 'Model', ...from(P.kind), default: P.kind.default,
    hint: 'VAE samples z and pays KL; AE maps x to one point.',
    options: [...P.kind.options.map((value) => ({ value, label: value.toUpperCase() })), { value: 'compare', label: 'Compare' }],
  },
  latentDim: {
    type: 'range', label: 'Latent dimensions', ...from(P.latentDim), ...P.latentDim.ui, integer: true, default: P.latentDim.default,
    hint: 'Size of z; 2 can be drawn whole.',
  },
  hidden: {
    type: 'choice', label: 'Hidden layers', ...from(P.hidden), default: P.hidden.default.join('-'),
    hint: 'Encoder widths; decoder mirrors.',
    options: P.hidden.options.map((sizes) => ({ value: sizes.join('-'), label: sizes.join(' → ') })),
  },
  // The capacity objective weighs KL by γ against C instead: β then does nothing.
  beta: {
    type: 'range', label: 'Beta', ...from(P.beta), objective: 'beta', ...P.beta.ui, integer: false, default: P.beta.default,
    hint: 'KL weight; 1 is the true ELBO.',
  },
  learningRate: {
    type: 'choice', label: 'Learning rate', ...from(P.learningRate), default: P.learningRate.default,
    hint: 'Adam step size.',
    options: P.learningRate.ui.options.map((v) => ({ value: v, label: formatRate(v) })),
  },
  batchSize: {
    type: 'choice', label: 'Batch size', ...from(P.batchSize), default: P.batchSize.default,
    hint: 'Images per step (next chunk).',
    options: P.batchSize.ui.options.map((v) => ({ value: v, label: String(v) })),
  },
  likelihood: {
    type: 'choice', label: 'Likelihood', ...from(P.likelihood), default: P.likelihood.default,
    hint: 'How p(x|z) scores a pixel.',
    options: P.likelihood.options.map((value) => ({ value, label: value === 'gaussian' ? 'Gaussian' : 'Bernoulli' })),
  },
  sigmaX: {
    type: 'range', label: 'Decoder sigma', ...from(P.sigmaX), likelihood: P.sigmaX.likelihood, ...P.sigmaX.ui, integer: false,
    default: P.sigmaX.default,
    hint: 'σₓ: small sharpens, large blurs.',
  },
  samples: {
    type: 'range', label: 'Samples L', ...from(P.samples), ...P.samples.ui, integer: true, default: P.samples.default,
    hint: 'ε draws per image (Monte Carlo).',
  },
  warmStart: {
    type: 'toggle', label: 'Fast start', ...from(P.warmStart), default: P.warmStart.default,
    hint: '4× the rate for 300 steps, back by 1,000.',
  },
  reparam: {
    type: 'toggle', label: 'Reparameterization trick', ...from(P.reparam), default: P.reparam.default,
    hint: 'Off: no recon gradient reaches θ.',
  },
  seed: {
    type: 'range', label: 'Seed', ...from(P.seed), ...P.seed.ui, integer: true, default: P.seed.default,
    hint: 'Fixes the initial weights and batch order.',
  },
  objective: {
    type: 'choice', label: 'Objective', ...from(P.objective), default: P.objective.default,
    hint: 'β·KL, or KL held near C.',
    options: [{ value: 'beta', label: 'β-VAE' }, { value: 'capacity', label: 'Capacity' }],
  },
  gamma: {
    type: 'choice', label: 'Gamma', ...from(P.gamma), objective: P.gamma.objective, default: P.gamma.default,
    hint: 'γ: how hard KL is held to C.',
    options: P.gamma.ui.options.map((v) => ({ value: v, label: v.toLocaleString('en-US') })),
  },
  cMax: {
    type: 'range', label: 'Capacity C max', ...from(P.cMax), objective: P.cMax.objective, ...P.cMax.ui, integer: false, default: P.cMax.default,
    hint: 'Nats of KL that C rises to.',
  },
  rampSteps: {
    type: 'choice', label: 'Capacity ramp', ...from(P.rampSteps), objective: P.rampSteps.objective, default: P.rampSteps.default,
    hint: 'Steps over which C rises from 0.',
    options: P.rampSteps.ui.options.map((v) => ({ value: v, label: v.toLocaleString('en-US') })),
  },
};

/**
 * Controls of the hyperparameter panel, three columns top to bottom: shape and step size, the
 * objective, the estimator; with the capacity objective a fourth column holds its settings
 * (dataset/model are in the header, the seed only in the link).
 */
export const PANEL_KEYS = [
  'latentDim', 'arch', 'hidden', 'learningRate',
  'beta', 'likelihood', 'objective', 'sigmaX',
  'batchSize', 'samples', 'reparam', 'warmStart',
  'gamma', 'cMax', 'rampSteps',
] as const satisfies readonly SettingKey[];

/** Controls that share the grid cell of the control before them (two short ones, one cell). */
export const STACKED_KEYS: ReadonlySet<SettingKey> = new Set<SettingKey>(['hidden', 'objective', 'warmStart']);

/** Drawn only while their objective is chosen (the others stay, greyed, with the reason). */
export function shownInPanel(key: SettingKey, s: Settings): boolean {
  const field = SCHEMA[key];
  return field.objective !== 'capacity' || s.objective === 'capacity';
}

export function formatRate(v: number): string {
  const exp = Math.floor(Math.log10(v) + 1e-9);
  const mant = Math.round(v / 10 ** exp);
  return mant === 1 ? `1e${exp}` : `${mant}e${exp}`;
}

export function defaultSettings(): Settings {
  const out = {} as Record<SettingKey, unknown>;
  for (const key of Object.keys(SCHEMA) as SettingKey[]) out[key] = SCHEMA[key].default;
  return out as unknown as Settings;
}

export type Validated<T> = { ok: true; value: T; note?: string } | { ok: false; note: string };

/**
 * Checks one value from outside (URL text, a number, a loaded config) against its field:
 * numbers are clamped and rounded to the field's grid, choices must be listed (numbers snap
 * to the nearest option), anything else is refused with a note saying why.
 */
export function validateSetting<K extends SettingKey>(key: K, raw: unknown): Validated<Settings[K]> {
  const field = SCHEMA[key] as RangeField | ChoiceField<string | number> | ToggleField;
  const accept = (value: unknown, note?: string): Validated<Settings[K]> =>
    note ? { ok: true, value: value as Settings[K], note } : { ok: true, value: value as Settings[K] };
  const refuse = (why: string, kept: string): Validated<Settings[K]> => ({
    ok: false,
    note: `${field.label}: "${String(raw)}" ${why}; kept ${kept}.`,
  });

  if (field.type === 'toggle') {
    if (raw === true || raw === '1' || raw === 'true') return accept(true);
    if (raw === false || raw === '0' || raw === 'false') return accept(false);
    return refuse('is not on/off', field.default ? 'on' : 'off');
  }
  if (field.type === 'range') {
    const n = toNumber(raw);
    if (!Number.isFinite(n)) return refuse('is not a number', String(field.default));
    const value = clampToField(field, n);
    if (value === n) return accept(value);
    return accept(value, `${field.label}: ${n} is outside ${field.min}–${field.max} or off its step; using ${value}.`);
  }
  if (typeof field.default === 'number') {
    // Numeric choices (learning rate, batch size) snap to the nearest offered value, on a log scale.
    const n = toNumber(raw);
    if (!Number.isFinite(n) || n <= 0) return refuse('is not one of the choices', String(field.default));
    const distance = (o: { value: string | number }) => Math.abs(Math.log(Number(o.value) / n));
    const nearest = field.options.reduce((best, o) => (distance(o) < distance(best) ? o : best));
    if (nearest.value === n) return accept(n);
    return accept(nearest.value, `${field.label}: ${n} is not offered; using ${nearest.label}.`);
  }
  if (key === 'hidden' && typeof raw === 'string' && parseHidden(raw) !== null) return accept(raw);
  const hit = field.options.find((o) => o.value === raw);
  return hit ? accept(hit.value) : refuse('is not one of the choices', String(field.default));
}

function toNumber(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  return typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
}

export function clampToField(field: RangeField, n: number): number {
  const clamped = Math.min(field.max, Math.max(field.min, n));
  const snapped = field.min + Math.round((clamped - field.min) / field.step) * field.step;
  // Round away binary noise (0.1 steps) so values read and compare as typed.
  const value = Number(snapped.toFixed(6));
  return field.integer ? Math.round(value) : Math.min(field.max, value);
}

/** "512-256" → [512, 256]; null unless 1–4 layers of 8–2048 units (the schema's bounds). */
export function parseHidden(text: string): number[] | null {
  if (!/^\d{1,4}(-\d{1,4})*$/.test(text)) return null;
  const sizes = text.split('-').map(Number);
  const { layers, size } = P.hidden;
  if (sizes.length < layers.min || sizes.length > layers.max) return null;
  return sizes.every((s) => s >= size.min && s <= size.max) ? sizes : null;
}

export function settingsToConfig(s: Settings): SessionConfig {
  return {
    dataset: s.dataset,
    // arch only for the conv network, so an MLP's config (and checkpoint) is as before.
    model: { ...(s.arch === 'conv' ? { arch: s.arch } : {}), kind: s.kind === 'compare' ? 'vae' : s.kind, inputDim: inputDimOf(s.dataset), latentDim: s.latentDim, hidden: parseHidden(s.hidden) ?? [...P.hidden.default] },
    hyper: {
      learningRate: s.learningRate, beta: s.beta, likelihood: s.likelihood, sigmaX: s.sigmaX,
      samples: s.samples, reparam: s.reparam, batchSize: s.batchSize, warmStart: s.warmStart,
      // Only with the capacity objective, so a β-VAE's config (and checkpoint) is as before.
      ...(s.objective === 'capacity' ? { objective: s.objective, gamma: s.gamma, cMax: s.cMax, rampSteps: s.rampSteps } : {}),
    },
    seed: s.seed,
  };
}

/** `view`: Compare shows both models; `c` is then the VAE's config. */
export function configToSettings(c: SessionConfig, view?: ViewKind): Settings {
  return {
    dataset: c.dataset, arch: c.model.arch ?? P.arch.default, kind: view === 'compare' ? 'compare' : c.model.kind, latentDim: c.model.latentDim, hidden: c.model.hidden.join('-'),
    learningRate: c.hyper.learningRate, beta: c.hyper.beta, likelihood: c.hyper.likelihood, sigmaX: c.hyper.sigmaX,
    samples: c.hyper.samples, reparam: c.hyper.reparam, batchSize: c.hyper.batchSize,
    warmStart: c.hyper.warmStart ?? SCHEMA.warmStart.default, seed: c.seed,
    objective: c.hyper.objective ?? P.objective.default, gamma: c.hyper.gamma ?? P.gamma.default,
    cMax: c.hyper.cMax ?? P.cMax.default, rampSteps: c.hyper.rampSteps ?? P.rampSteps.default,
  };
}

/** Whether a control applies to this model and likelihood (and why not, for its hint). */
export function applicability(key: SettingKey, s: Settings): { enabled: boolean; reason?: string } {
  const field = SCHEMA[key];
  if (field.vaeOnly && s.kind === 'ae') return { enabled: false, reason: AE_HINT };
  if (key === 'hidden' && s.arch === 'conv') return { enabled: false, reason: MLP_ONLY_HINT };
  if (field.objective && field.objective !== s.objective) {
    return { enabled: false, reason: field.objective === 'capacity' ? 'Capacity objective only.' : 'β-VAE objective only.' };
  }
  if (field.likelihood && field.likelihood !== s.likelihood) {
    return { enabled: false, reason: `${field.likelihood === 'gaussian' ? 'Gaussian' : 'Bernoulli'} likelihood only.` };
  }
  return { enabled: true };
}
