import { describe, expect, it } from 'vitest';
import { enSaveLoad, type SaveLoadKey } from './enSaveLoad';
import { jaSaveLoad } from './jaSaveLoad';
import { translator } from './translate';

describe('Save / Load text', () => {
  it('keeps the English accessible names the e2e tests and saved links rely on', () => {
    const t = translator('en');
    expect(t('saveload.button')).toBe('Save / Load');
    expect(t('saveload.nameAria')).toBe('Checkpoint name');
    expect(t('saveload.loadFileAria')).toBe('Load checkpoint file');
    expect(t('saveload.saveFile')).toBe('Save to file');
    expect(t('saveload.deleteEntry', { name: 'Lesson 1' })).toBe('Delete Lesson 1');
    expect(t('export.pngLatent')).toBe('Export PNG: latent map');
    expect(t('saveload.loadFailedUnchanged', { source: '“a.vaeckpt”', message: 'Not a checkpoint.' })).toBe(
      'Could not load “a.vaeckpt”. Not a checkpoint. The current model is unchanged.',
    );
  });

  it('has a Japanese entry, written in Japanese, for every English one', () => {
    for (const key of Object.keys(enSaveLoad) as SaveLoadKey[]) {
      expect(jaSaveLoad[key], key).not.toBe(enSaveLoad[key]);
      expect(jaSaveLoad[key], key).toMatch(/[\u3000-\u30ff\u4e00-\u9fff]/);
    }
    expect(translator('ja')('saveload.quoted', { name: 'Lesson 1' })).toBe('「Lesson 1」');
  });
});
