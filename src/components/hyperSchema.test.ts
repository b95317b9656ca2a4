import { describe, expect, it } from 'vitest';
import {
  applicability,
  clampToField,
  configToSettings,
  defaultSettings,
  formatRate,
  parseHidden,
  SCHEMA,
  settingsToConfig,
  validateSetting,
  type RangeField,
  type SettingKey,
} from './hyperSchema';
import { LANG_FIELD, langFromParams, settingsFromParams, settingsToParams } from './settingsLink';

describe('schema defaults', () => {
  it('every default is inside its bounds or among its options', () => {
    for (const key of Object.keys(SCHEMA) as SettingKey[]) {
      const f = SCHEMA[key];
      if (f.type === 'range') {
        expect(f.default).toBeGreaterThanOrEqual(f.min);
        expect(f.default).toBeLessThanOrEqual(f.max);
        expect(clampToField(f, f.default)).toBe(f.default);
      } else if (f.type === 'choice') {
        expect((f.options as ReadonlyArray<{ value: unknown }>).map((o) => o.value)).toContain(f.default);
      }
      expect(validateSetting(key, f.default)).toEqual({ ok: true, value: f.default });
    }
  });
  it('builds the session config the app starts with', () => {
    expect(settingsToConfig(defaultSettings())).toEqual({
      dataset: 'mnist',
      model: { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [512, 256] },
      hyper: { learningRate: 1e-3, beta: 1, likelihood: 'bernoulli', sigmaX: 1, samples: 1, reparam: true, batchSize: 128, warmStart: true },
      seed: 1,
    });
  });
  it('config and settings round-trip', () => {
    const s = { ...defaultSettings(), kind: 'ae' as const, latentDim: 16, hidden: '256-128', beta: 4 };
    expect(configToSettings(settingsToConfig(s))).toEqual(s);
  });
});

describe('validateSetting', () => {
  it('clamps numbers into range and onto the step grid', () => {
    expect(validateSetting('latentDim', 500)).toMatchObject({ ok: true, value: 64 });
    expect(validateSetting('latentDim', '0')).toMatchObject({ ok: true, value: 1 });
    expect(validateSetting('latentDim', 2.6)).toMatchObject({ ok: true, value: 3 });
    expect(validateSetting('beta', '0.34')).toMatchObject({ ok: true, value: 0.3 });
    expect(validateSetting('beta', '-3').ok && validateSetting('beta', '-3')).toMatchObject({ value: 0 });
    expect(validateSetting('sigmaX', 0)).toMatchObject({ ok: true, value: 0.05 });
    const corrected = validateSetting('samples', 99);
    expect(corrected.ok && corrected.note).toMatch(/Samples L/);
  });
  it('refuses what is not a value, with a note', () => {
    for (const raw of ['abc', '', 'NaN', 'Infinity', '<script>']) {
      const r = validateSetting('beta', raw);
      expect(r.ok).toBe(false);
      expect(r.note).toContain('Beta');
    }
    expect(validateSetting('likelihood', 'poisson').ok).toBe(false);
    expect(validateSetting('dataset', 'cifar').ok).toBe(false);
    expect(validateSetting('reparam', 'maybe').ok).toBe(false);
  });
  it('snaps numeric choices to the nearest offered value', () => {
    expect(validateSetting('learningRate', '0.0012')).toMatchObject({ ok: true, value: 1e-3 });
    expect(validateSetting('batchSize', '100')).toMatchObject({ ok: true, value: 128 });
    expect(validateSetting('batchSize', '-5').ok).toBe(false);
  });
  it('accepts toggles as 1/0/true/false', () => {
    expect(validateSetting('reparam', '0')).toEqual({ ok: true, value: false });
    expect(validateSetting('reparam', 'true')).toEqual({ ok: true, value: true });
  });
  it('accepts sane hidden sizes beyond the presets and refuses others', () => {
    expect(parseHidden('300-100')).toEqual([300, 100]);
    expect(validateSetting('hidden', '300-100')).toEqual({ ok: true, value: '300-100' });
    expect(parseHidden('4')).toBeNull();
    expect(parseHidden('99999')).toBeNull();
    expect(parseHidden('1-2-3-4-5')).toBeNull();
    expect(validateSetting('hidden', '512,256').ok).toBe(false);
  });
  it('clampToField handles 0.1 steps without binary noise', () => {
    const beta = SCHEMA.beta as RangeField;
    expect(clampToField(beta, 0.30000000000000004)).toBe(0.3);
    expect(clampToField(beta, 9.96)).toBe(10);
  });
});

describe('URL', () => {
  it('reads a shared link, correcting bad values with notes', () => {
    const { settings, notes } = settingsFromParams(new URLSearchParams('data=fashion&model=ae&z=999&beta=x&lr=0.01'));
    expect(settings.dataset).toBe('fashion');
    expect(settings.kind).toBe('ae');
    expect(settings.latentDim).toBe(64);
    expect(settings.beta).toBe(1);
    expect(settings.learningRate).toBe(0.01);
    expect(notes).toHaveLength(2);
  });
  it('writes only non-defaults and round-trips', () => {
    const s = { ...defaultSettings(), beta: 2.5, reparam: false };
    const params = settingsToParams(s);
    expect(params.toString()).toBe('beta=2.5&reparam=0');
    expect(settingsFromParams(params)).toEqual({ settings: s, notes: [] });
  });
});

describe('applicability', () => {
  it('disables sampling and KL controls for the AE, sigma unless Gaussian', () => {
    const vae = defaultSettings();
    const ae = { ...vae, kind: 'ae' as const };
    expect(applicability('beta', vae).enabled).toBe(true);
    expect(applicability('beta', ae)).toEqual({ enabled: false, reason: 'AE: no sampling, no KL' });
    expect(applicability('sigmaX', vae).enabled).toBe(false);
    expect(applicability('sigmaX', { ...vae, likelihood: 'gaussian' }).enabled).toBe(true);
    expect(applicability('learningRate', ae).enabled).toBe(true);
  });
  it('formats learning rates', () => {
    expect(formatRate(1e-3)).toBe('1e-3');
    expect(formatRate(3e-4)).toBe('3e-4');
    expect(formatRate(0.1)).toBe('1e-1');
  });
});

describe('language', () => {
  it('reads en and ja, defaults to en, and notes anything else', () => {
    expect(langFromParams(new URLSearchParams(''))).toEqual({ lang: 'en' });
    expect(langFromParams(new URLSearchParams('lang=ja'))).toEqual({ lang: 'ja' });
    expect(langFromParams(new URLSearchParams('lang=JA'))).toEqual({ lang: 'ja' });
    const bad = langFromParams(new URLSearchParams('lang=<script>'));
    expect(bad.lang).toBe('en');
    expect(bad.note).toBe('Language: "<script>" is not one of en, ja; using en.');
    expect(LANG_FIELD.default).toBe('en');
  });
});
