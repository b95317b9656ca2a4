// Settings in a shared link: read from a query string (every refused or corrected value yields a
// note) and written back with only what differs from the defaults; and the page's language,
// which travels in the link too but is not a training setting.

import { defaultSettings, SCHEMA, validateSetting, type ChoiceField, type SettingKey, type Settings } from './hyperSchema';

/** Reads settings from a query string; every refused or corrected value yields a note. */
export function settingsFromParams(params: URLSearchParams): { settings: Settings; notes: string[] } {
  const settings = defaultSettings() as unknown as Record<SettingKey, unknown>;
  const notes: string[] = [];
  for (const key of Object.keys(SCHEMA) as SettingKey[]) {
    const raw = params.get(SCHEMA[key].param);
    if (raw === null) continue;
    const result = validateSetting(key, raw.slice(0, 64));
    if (result.ok) settings[key] = result.value;
    if (result.note) notes.push(result.note);
  }
  // The conv network's layers are fixed: hidden sizes are kept (for a switch back to the MLP) but not used.
  if (settings.arch === 'conv' && params.has(SCHEMA.hidden.param)) {
    notes.push(`${SCHEMA.hidden.label}: MLP only; the conv network ignores them.`);
  }
  return { settings: settings as unknown as Settings, notes };
}

/** Writes only what differs from the defaults, so a shared link stays short. */
export function settingsToParams(s: Settings, into = new URLSearchParams()): URLSearchParams {
  for (const key of Object.keys(SCHEMA) as SettingKey[]) {
    const value = s[key];
    const field = SCHEMA[key];
    // The user's own images live in this tab only: a link cannot bring them, so it names none.
    if (value === field.default || (key === 'dataset' && value === 'custom')) {
      into.delete(field.param);
      continue;
    }
    into.set(field.param, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return into;
}

/** The page's language. Not a training setting (a checkpoint does not carry it), so not in Settings. */
export type Lang = 'en' | 'ja';
export const LANG_FIELD: ChoiceField<Lang> = {
  type: 'choice', label: 'Language', param: 'lang', needsReset: false, default: 'en',
  hint: 'Language of the page.',
  options: [{ value: 'en', label: 'English' }, { value: 'ja', label: '日本語' }],
};

/** The `lang` link value; anything but a listed language falls back to the default with a note. */
export function langFromParams(params: URLSearchParams): { lang: Lang; note?: string } {
  const raw = params.get(LANG_FIELD.param);
  if (raw === null) return { lang: LANG_FIELD.default };
  const hit = LANG_FIELD.options.find((o) => o.value === raw.trim().toLowerCase());
  if (hit) return { lang: hit.value };
  const names = LANG_FIELD.options.map((o) => o.value).join(', ');
  return { lang: LANG_FIELD.default, note: `${LANG_FIELD.label}: "${raw.slice(0, 32)}" is not one of ${names}; using ${LANG_FIELD.default}.` };
}
