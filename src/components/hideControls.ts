// What a teacher can hide from the link (`hide=beta,likelihood,recon`): any setting, the
// backend menu, and whole panels. Names are forgiving (link name, setting key or label, any
// case); what is not a known name is reported, never interpreted.
import { applicability, PANEL_KEYS, SCHEMA, STACKED_KEYS, type SettingKey, type Settings } from './hyperSchema';

export const PANELS = ['hyper', 'curves', 'recon', 'files'] as const;
export type PanelName = (typeof PANELS)[number];
export type HideTarget = SettingKey | 'backend' | PanelName;

/** More names than this in one link is not a teacher's list; the rest are ignored. */
export const MAX_HIDE_NAMES = 32;

const PANEL_ALIASES: Record<PanelName, readonly string[]> = {
  hyper: ['hyper', 'hyperparameters', 'knobs'],
  curves: ['curves', 'loss', 'losscurves', 'chart'],
  recon: ['recon', 'reconstructions', 'reconstruction'],
  files: ['files', 'saveload', 'checkpoints'],
};

const normalize = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

// Built once: every accepted spelling → its target.
const NAMES: ReadonlyMap<string, HideTarget> = (() => {
  const names = new Map<string, HideTarget>();
  for (const key of Object.keys(SCHEMA) as SettingKey[]) {
    const field = SCHEMA[key];
    for (const alias of [field.param, key, field.label]) names.set(normalize(alias), key);
  }
  names.set('backend', 'backend');
  for (const panel of PANELS) for (const alias of PANEL_ALIASES[panel]) names.set(alias, panel);
  return names;
})();

/** The one name a target is written as in a link: a setting's link name, else its own name. */
export function linkName(target: HideTarget): string {
  return target in SCHEMA ? SCHEMA[target as SettingKey].param : target;
}

export function isPanel(target: string): target is PanelName {
  return (PANELS as readonly string[]).includes(target);
}

/** Reads a comma-separated list; each name that is not recognised gives a note. */
export function parseHideList(text: string | null): { hidden: Set<HideTarget>; notes: string[] } {
  const hidden = new Set<HideTarget>();
  const notes: string[] = [];
  if (text === null) return { hidden, notes };
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const name of names.slice(0, MAX_HIDE_NAMES)) {
    const target = NAMES.get(normalize(name.slice(0, 64)));
    if (target) hidden.add(target);
    else notes.push(`Hide: "${name.slice(0, 32)}" is not a control or panel name; ignored.`);
  }
  if (names.length > MAX_HIDE_NAMES) notes.push(`Hide: only the first ${MAX_HIDE_NAMES} names are used.`);
  return { hidden, notes };
}

/** The list as it goes back into the link: canonical names, in a stable order. */
export function hideListText(hidden: ReadonlySet<HideTarget>): string {
  const order = [...(Object.keys(SCHEMA) as HideTarget[]), 'backend', ...PANELS] as HideTarget[];
  return order.filter((t) => hidden.has(t)).map(linkName).join(',');
}

/**
 * CSS that hides the hyperparameter panel's controls for hidden settings. The panel renders
 * one child per PANEL_KEYS entry, in order (and, collapsed, one summary row per applicable
 * key), so positions are known here without the panel knowing about hiding.
 */
export function hiddenControlsCss(hidden: ReadonlySet<HideTarget>, settings: Settings): string {
  const rules: string[] = [];
  PANEL_KEYS.forEach((key) => {
    if (hidden.has(key)) rules.push(panelSelector(key));
  });
  PANEL_KEYS.filter((key) => applicability(key, settings).enabled).forEach((key, i) => {
    if (hidden.has(key)) rules.push(`.hyper-summary > :nth-child(${i + 1})`);
  });
  return rules.length === 0 ? '' : `${rules.join(',\n')} { display: none !important; }`;
}

/**
 * Where a key's control is in the panel's grid: one cell per key, except that a stacked key
 * shares the cell of the key before it (a `.control-stack` holding the host first, then each
 * stacked key in order).
 */
export function panelSelector(key: SettingKey): string {
  const i = PANEL_KEYS.indexOf(key as (typeof PANEL_KEYS)[number]);
  let host = i;
  while (host > 0 && STACKED_KEYS.has(PANEL_KEYS[host])) host--;
  const cell = PANEL_KEYS.slice(0, host + 1).filter((k) => !STACKED_KEYS.has(k)).length;
  const stacked = host + 1 < PANEL_KEYS.length && STACKED_KEYS.has(PANEL_KEYS[host + 1]);
  return stacked ? `.hyper-grid > :nth-child(${cell}) > :nth-child(${i - host + 1})` : `.hyper-grid > :nth-child(${cell})`;
}

/** Whether every control of the hyperparameter panel is hidden (then the panel goes too). */
export function allPanelControlsHidden(hidden: ReadonlySet<HideTarget>): boolean {
  return PANEL_KEYS.every((key) => hidden.has(key));
}
