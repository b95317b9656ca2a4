// The one parameter schema (src/model/params.ts) and its four views agree: the model's defaults
// and validation, the controls, the link, and the CLI — same names, defaults and bounds; where
// the controls offer less than the model takes (a choice's ui subset), a link is held to them.
import { describe, expect, it } from 'vitest';
import { configToSettings, defaultSettings, SCHEMA, settingsToConfig, type SettingKey } from '../src/components/hyperSchema';
import { settingsFromParams } from '../src/components/settingsLink';
import { DEFAULT_HYPER, DEFAULT_MODEL, validateHyper, validateModelConfig } from '../src/model';
import { inputDimOf, PARAMS, type ChoiceParam, type NumberParam, type ParamKey } from '../src/model/params';
import { parseTrainArgs, USAGE } from './cliArgs';

const KEYS = Object.keys(PARAMS) as ParamKey[];
const NUMBERS = KEYS.filter((k) => PARAMS[k].type === 'number') as Array<ParamKey & SettingKey>;
const number = (k: ParamKey) => PARAMS[k] as NumberParam;

/** The CLI's reading of one flag, or its error message. */
function cli(...argv: string[]) {
  const r = parseTrainArgs(argv, 4);
  if (r.kind === 'error') return { error: r.message };
  if (r.kind !== 'train') throw new Error('expected a run');
  return { args: r.args };
}

describe('the parameter schema', () => {
  it('names every setting the controls have, and no other', () => {
    expect(KEYS.sort()).toEqual((Object.keys(SCHEMA) as SettingKey[]).sort());
  });

  it.each(KEYS)('%s: the controls carry its link name, default, reset rule and AE rule', (key) => {
    const p = PARAMS[key];
    const f = SCHEMA[key];
    expect(f.param).toBe(p.url);
    expect(f.default).toEqual(p.type === 'layers' ? p.default.join('-') : p.default);
    expect(f.needsReset).toBe(p.newWeights);
    expect(Boolean(f.vaeOnly)).toBe(!p.ae);
    if (p.type === 'choice' && f.type === 'choice') {
      // A menu offers the schema's ui subset where it has one, else every option (Model adds Compare).
      const offered = f.options.map((o) => o.value).filter((v) => v !== 'compare');
      expect(offered).toEqual([...((p as ChoiceParam).ui?.options ?? p.options)]);
    }
    if (f.type === 'range') {
      const ui = number(key).ui;
      expect(ui).toHaveProperty('step');
      expect([f.min, f.max, f.step]).toEqual([(ui as { min: number }).min, (ui as { max: number }).max, (ui as { step: number }).step]);
    }
  });

  it.each(NUMBERS)('%s: what the controls offer lies inside what the model accepts', (key) => {
    const p = number(key);
    const offered = 'options' in p.ui ? [...p.ui.options] : [p.ui.min, p.ui.max];
    for (const v of offered) {
      expect(v > p.valid.min || (!p.valid.minExclusive && v === p.valid.min)).toBe(true);
      expect(v).toBeLessThanOrEqual(p.valid.max);
    }
    expect(p.default).toBeGreaterThanOrEqual(Math.min(...offered));
    expect(p.default).toBeLessThanOrEqual(Math.max(...offered));
  });

  it('gives the model its defaults, and the controls start from them', () => {
    expect(settingsToConfig(defaultSettings())).toEqual({ dataset: PARAMS.dataset.default, model: DEFAULT_MODEL, hyper: DEFAULT_HYPER, seed: PARAMS.seed.default });
    expect(configToSettings({ dataset: 'mnist', model: DEFAULT_MODEL, hyper: DEFAULT_HYPER, seed: 1 })).toEqual(defaultSettings());
  });

  it.each(['latentDim', 'beta', 'sigmaX', 'samples'] as const)('%s: a link takes the controls’ top value and clamps past it, with a note', (key) => {
    const p = number(key);
    const top = (p.ui as { max: number }).max;
    const at = settingsFromParams(new URLSearchParams({ [p.url]: String(top) }));
    expect(at.settings[key]).toBe(top);
    expect(at.notes).toEqual([]);
    const past = settingsFromParams(new URLSearchParams({ [p.url]: String(top * 2 + 1) }));
    expect(past.settings[key]).toBe(top);
    expect(past.notes.join(' ')).toContain(SCHEMA[key].label);
  });

  it('gives the CLI the same defaults (fast start off, as the schema says)', () => {
    const { args } = cli();
    expect(args?.config).toEqual(DEFAULT_MODEL);
    expect(args?.hyper).toEqual({ ...DEFAULT_HYPER, warmStart: PARAMS.warmStart.cliDefault });
    expect(args?.dataset).toBe(PARAMS.dataset.default);
    expect(args?.seed).toBe(PARAMS.seed.default);
    for (const p of Object.values(PARAMS)) expect(USAGE).toContain(`--${p.cli}`);
  });

  it.each(NUMBERS)('%s: the CLI and the model accept the top of the valid range and refuse past it', (key) => {
    const p = number(key);
    const top = p.valid.max;
    // The capacity settings come with their objective.
    const needs = p.objective ? [`--${PARAMS.objective.cli}`, p.objective] : [];
    const ok = cli(...needs, `--${p.cli}`, String(top));
    expect(ok.error).toBeUndefined();
    const past = cli(...needs, `--${p.cli}`, String(p.integer ? top + 1 : top * 1.5));
    expect(past.error).toContain(`--${p.cli}`);
    if (key !== 'seed' && key !== 'latentDim') {
      expect(validateHyper({ ...DEFAULT_HYPER, [key]: top })).toEqual([]);
      expect(validateHyper({ ...DEFAULT_HYPER, [key]: p.integer ? top + 1 : top * 1.5 })).toHaveLength(1);
    }
    if (key === 'latentDim') {
      expect(validateModelConfig({ ...DEFAULT_MODEL, latentDim: top })).toEqual([]);
      expect(validateModelConfig({ ...DEFAULT_MODEL, latentDim: top + 1 })).toHaveLength(1);
    }
  });

  it('the capacity objective: its settings reach the run from a link and from the CLI, and only with it', () => {
    const link = settingsFromParams(new URLSearchParams({ objective: 'capacity', cmax: '10', gamma: '100', ramp: '2000' }));
    expect(link.notes).toEqual([]);
    expect(settingsToConfig(link.settings).hyper).toMatchObject({ objective: 'capacity', cMax: 10, gamma: 100, rampSteps: 2000 });
    // A β-VAE's config carries none of them (its checkpoint bytes stay as they were).
    expect(settingsToConfig({ ...link.settings, objective: 'beta' }).hyper).not.toHaveProperty('cMax');
    expect(cli('--objective', 'capacity', '--c-max', '10').args?.hyper).toMatchObject({ objective: 'capacity', cMax: 10, gamma: PARAMS.gamma.default });
    expect(cli('--c-max', '10').error).toContain('--objective capacity');
    expect(cli('--objective', 'capacity', '--c-max', '300').error).toContain('--c-max');
  });

  it('the dataset: the menu offers a subset of what the model and the CLI take; a link is held to the menu', () => {
    const ui = PARAMS.dataset.ui.options;
    for (const d of ui) expect(PARAMS.dataset.options).toContain(d);
    expect(PARAMS.dataset.default).toBe(ui[0]);
    // Shapes is in the app's menu (the worker draws it), so data=shapes is taken, with 1,024 inputs;
    // a dataset the app does not have is refused with a note.
    expect(ui).toContain('shapes');
    const shapes = settingsFromParams(new URLSearchParams({ [PARAMS.dataset.url]: 'shapes' }));
    expect(shapes.notes).toEqual([]);
    expect(settingsToConfig(shapes.settings)).toMatchObject({ dataset: 'shapes', model: { inputDim: 1024 } });
    const link = settingsFromParams(new URLSearchParams({ [PARAMS.dataset.url]: 'dsprites' }));
    expect(link.settings.dataset).toBe(PARAMS.dataset.default);
    expect(link.notes).toEqual([`${SCHEMA.dataset.label}: "dsprites" is not one of the choices; kept ${PARAMS.dataset.default}.`]);
    for (const d of ui) {
      const taken = settingsFromParams(new URLSearchParams({ [PARAMS.dataset.url]: d }));
      expect(taken.notes).toEqual([]);
      expect(settingsToConfig(taken.settings).model.inputDim).toBe(inputDimOf(d));
    }
    // Every dataset the schema names reaches the CLI, with its own input size the model accepts.
    for (const d of PARAMS.dataset.options) {
      const run = cli(`--${PARAMS.dataset.cli}`, d).args;
      expect(run?.dataset).toBe(d);
      expect(run?.config.inputDim).toBe(inputDimOf(d));
      expect(validateModelConfig(run!.config)).toEqual([]);
    }
    expect(inputDimOf('shapes')).toBe(1024);
  });

  it('the switches: a CLI flag flips the CLI default, a link sets the app value', () => {
    expect(cli('--no-reparam').args?.hyper.reparam).toBe(!PARAMS.reparam.default);
    expect(cli('--fast-start').args?.hyper.warmStart).toBe(!PARAMS.warmStart.cliDefault);
    expect(settingsFromParams(new URLSearchParams({ [PARAMS.warmStart.url]: '0' })).settings.warmStart).toBe(false);
  });
});
