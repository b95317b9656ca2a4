// The Model choice's third value, Compare, through the settings schema and the link.
import { describe, expect, it } from 'vitest';
import { configToSettings, defaultSettings, SCHEMA, settingsToConfig } from './hyperSchema';
import { settingsFromParams, settingsToParams } from './settingsLink';

describe('Model: VAE | AE | Compare', () => {
  it('offers Compare, and switching needs no new weights', () => {
    expect(SCHEMA.kind.options.map((o) => o.label)).toEqual(['VAE', 'AE', 'Compare']);
    expect(SCHEMA.kind.needsReset).toBe(false);
  });

  it('Compare trains a VAE as the shown model and round-trips through the link', () => {
    const s = { ...defaultSettings(), kind: 'compare' as const };
    const config = settingsToConfig(s);
    expect(config.model.kind).toBe('vae');
    expect(configToSettings(config, 'compare').kind).toBe('compare');
    expect(configToSettings(config).kind).toBe('vae');
    const params = settingsToParams(s);
    expect(params.get('model')).toBe('compare');
    expect(settingsFromParams(params)).toEqual({ settings: s, notes: [] });
  });
});
