// The Architecture setting through the controls' schema and the link: arch=conv reaches the
// model config (an MLP's config carries no arch, as before), hidden sizes are greyed and, when a
// conv link names them, noted as ignored; an unknown architecture is refused with a note.
import { describe, expect, it } from 'vitest';
import { applicability, configToSettings, defaultSettings, SCHEMA, settingsToConfig } from './hyperSchema';
import { settingsFromParams, settingsToParams } from './settingsLink';
import { reasonText } from './i18n/settingText';

describe('the Architecture setting', () => {
  it('arch=conv in a link gives a conv config, and back', () => {
    const { settings, notes } = settingsFromParams(new URLSearchParams({ arch: 'conv' }));
    expect(notes).toEqual([]);
    expect(settings.arch).toBe('conv');
    const config = settingsToConfig(settings);
    expect(config.model.arch).toBe('conv');
    expect(configToSettings(config)).toEqual(settings);
    expect(settingsToParams(settings).get('arch')).toBe('conv');
    // The MLP (the default) writes no arch: its config and checkpoint are as before.
    expect(settingsToConfig(defaultSettings()).model).not.toHaveProperty('arch');
    expect(settingsToParams(defaultSettings()).has('arch')).toBe(false);
  });

  it('greys the hidden sizes for the conv network, in both languages, and notes a link’s hidden sizes as ignored', () => {
    const conv = { ...defaultSettings(), arch: 'conv' as const };
    expect(applicability('hidden', conv)).toEqual({ enabled: false, reason: 'MLP only: the conv layers are fixed.' });
    expect(applicability('hidden', defaultSettings())).toEqual({ enabled: true });
    expect(reasonText('hidden', conv, ((k: string) => (k === 'hyper.mlpOnly' ? 'JA' : k)) as never)).toBe('JA');
    const link = settingsFromParams(new URLSearchParams({ arch: 'conv', hidden: '256' }));
    expect(link.settings.hidden).toBe('256');
    expect(link.notes).toEqual([`${SCHEMA.hidden.label}: MLP only; the conv network ignores them.`]);
  });

  it('refuses an architecture it does not know, keeping the MLP', () => {
    const link = settingsFromParams(new URLSearchParams({ arch: 'resnet' }));
    expect(link.settings.arch).toBe('mlp');
    expect(link.notes).toEqual(['Architecture: "resnet" is not one of the choices; kept mlp.']);
  });
});
