// Compare's Model B in a shared link: each setting in which B differs from Model A under A's own
// link name with a `b.` in front (`b.beta=4`, `b.z=10`, `b.model=ae`), read and checked exactly
// as A's are (hyperSchema.ts: clamped or refused, each with a note). A link without any b.* name
// opens the default pair (B an AE); with some, B is A with those settings (its kind A's unless
// b.model says otherwise).
import { applyModelB, DEFAULT_MODEL_B, MODEL_B_KEYS, modelBDiff, sameModelB, type ModelBKey, type ModelBSettings } from '../shared/modelB';
import type { SessionConfig } from '../shared/protocol';
import { parseHidden, SCHEMA, validateSetting } from './hyperSchema';

export const MODEL_B_PREFIX = 'b.';
/** Notes about Model B's link values start with this, so the page can say whose value it was. */
export const MODEL_B_NOTE = 'Model B: ';

export function modelBParam(key: ModelBKey): string {
  return `${MODEL_B_PREFIX}${SCHEMA[key].param}`;
}

/** Every b.* name a link may carry (one per setting Model B may hold apart). */
export const MODEL_B_LINK_NAMES: readonly string[] = MODEL_B_KEYS.map(modelBParam);

/** One link value as B's setting; a note when it was corrected or refused. */
function readOne(key: ModelBKey, raw: string): { value?: ModelBSettings[ModelBKey]; note?: string } {
  const checked = validateSetting(key, raw.slice(0, 64));
  const note = checked.note ? `${MODEL_B_NOTE}${checked.note}` : undefined;
  if (!checked.ok) return { note };
  const value = checked.value;
  // The Model menu offers Compare too; Model B is one model.
  if (key === 'kind' && value !== 'vae' && value !== 'ae') return { note: `${MODEL_B_NOTE}${SCHEMA.kind.label}: "${raw.slice(0, 32)}" is not one of the choices; kept ${SCHEMA.kind.default}.` };
  if (key === 'hidden') return { value: parseHidden(String(value)) ?? undefined, note };
  return { value: value as ModelBSettings[ModelBKey], note };
}

/** Model B from a link: null when it names no b.* setting (the default pair). */
export function modelBFromParams(params: URLSearchParams): { modelB: ModelBSettings | null; notes: string[] } {
  const out: ModelBSettings = {};
  const notes: string[] = [];
  let named = false;
  for (const key of MODEL_B_KEYS) {
    const raw = params.get(modelBParam(key));
    if (raw === null) continue;
    named = true;
    const { value, note } = readOne(key, raw);
    if (value !== undefined) Object.assign(out, { [key]: value });
    if (note) notes.push(note);
  }
  return { modelB: named ? out : null, notes };
}

/**
 * Writes B's settings that differ from A's as b.* names (none for the default pair). B's kind is
 * written whenever anything is, so the link reads whole ("b.model=vae&b.beta=4").
 */
export function modelBToParams(a: SessionConfig, b: ModelBSettings, into = new URLSearchParams()): URLSearchParams {
  for (const name of MODEL_B_LINK_NAMES) into.delete(name);
  const diff = modelBDiff(a, b);
  if (sameModelB(diff, DEFAULT_MODEL_B)) return into;
  into.set(modelBParam('kind'), applyModelB(a, b).model.kind);
  for (const key of MODEL_B_KEYS) {
    const value = diff[key];
    if (key === 'kind' || value === undefined) continue;
    into.set(modelBParam(key), Array.isArray(value) ? value.join('-') : typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return into;
}
