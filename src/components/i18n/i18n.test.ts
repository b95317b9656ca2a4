import { describe, expect, it } from 'vitest';
import { formulaMathML } from '../explain/math/mathml';
import { richParts } from '../explain/math/Rich';
import { applicability, defaultSettings, SCHEMA, type SettingKey } from '../hyperSchema';
import { localClassNames } from './classNames';
import { en } from './en';
import { ja } from './ja';
import { initialLang, withLangParam } from './lang';
import { JA_SETTINGS, optionLabel, reasonText, settingLabel } from './settingText';
import { fill, slotsOf, translator, type MessageKey } from './translate';

const keys = Object.keys(en) as MessageKey[];

describe('dictionaries', () => {
  it('have the same keys in English and Japanese', () => {
    expect(Object.keys(ja).sort()).toEqual([...keys].sort());
  });

  it('have no empty or whitespace-only strings', () => {
    for (const dict of [en, ja]) {
      for (const key of keys) expect(dict[key].trim(), key).not.toBe('');
    }
  });

  it('use the same {slots} in both languages', () => {
    for (const key of keys) expect(slotsOf(ja[key]).sort(), key).toEqual(slotsOf(en[key]).sort());
  });

  it('keep bold and math markup balanced, and every $formula$ parses', () => {
    for (const dict of [en, ja]) {
      for (const key of keys) {
        const text = dict[key];
        expect((text.match(/\*\*/g) ?? []).length % 2, `${key}: **`).toBe(0);
        expect((text.match(/\$/g) ?? []).length % 2, `${key}: $`).toBe(0);
        for (const part of richParts(text)) if (part.kind === 'math') expect(() => formulaMathML(part.v, { display: false, throwOnError: true }), `${key}: ${part.v}`).not.toThrow();
      }
    }
  });

  it('write Japanese in Japanese (kana or kanji in every prose entry)', () => {
    const prose = keys.filter((k) => /[a-z]{4,} [a-z]{3,}/i.test(en[k].replace(/\$[^$]*\$|\{\w+\}/g, '')));
    expect(prose.length).toBeGreaterThan(100);
    for (const key of prose) expect(ja[key], key).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('use the standard Japanese terms for the key ideas', () => {
    const all = Object.values(ja).join('\n');
    for (const term of ['変分オートエンコーダ', '潜在空間', '再構成', '事前分布', '事後分布', '再パラメータ化トリック', '証拠下界', 'KLダイバージェンス']) {
      expect(all).toContain(term);
    }
  });

  it('names the language toggle in the other language', () => {
    expect(en['lang.toggle']).toBe('日本語');
    expect(ja['lang.toggle']).toBe('English');
  });
});

describe('translate', () => {
  it('fills slots and leaves unknown ones visible', () => {
    expect(fill('step {n} of {m}', { n: 3 })).toBe('step 3 of {m}');
    expect(translator('ja')('status.step', { n: '1,200' })).toBe('ステップ 1,200');
    expect(translator('en')('status.step', { n: '1,200' })).toBe('step 1,200');
  });
});

describe('settings in Japanese', () => {
  it('cover every schema setting and every worded choice', () => {
    for (const key of Object.keys(SCHEMA) as SettingKey[]) {
      expect(JA_SETTINGS[key].label.trim(), key).not.toBe('');
      expect(JA_SETTINGS[key].hint.trim(), key).not.toBe('');
      const field = SCHEMA[key];
      if (field.type !== 'choice') continue;
      for (const o of field.options as ReadonlyArray<{ value: string | number; label: string }>) {
        // Labels that are words (not numbers, sizes or names such as MNIST) need a translation.
        if (/^[A-Z][a-z]+$/.test(o.label)) expect(JA_SETTINGS[key].options?.[String(o.value)], `${key}.${o.value}`).toBeTruthy();
      }
    }
  });

  it('keep the schema labels, the accessible names, in English', () => {
    expect(settingLabel('en', 'reparam')).toBe('Reparameterization trick');
    expect(settingLabel('ja', 'reparam')).toBe('再パラメータ化トリック');
    expect(optionLabel('en', 'likelihood', 'gaussian', 'Gaussian')).toBe('Gaussian');
    expect(optionLabel('ja', 'likelihood', 'gaussian', 'Gaussian')).toBe('ガウス');
    expect(optionLabel('ja', 'batchSize', 128, '128')).toBe('128');
  });

  it('says why a control is off in the same words as the schema, or in Japanese', () => {
    const ae = { ...defaultSettings(), kind: 'ae' as const };
    const bernoulli = defaultSettings();
    for (const [key, s] of [['beta', ae], ['sigmaX', bernoulli], ['sigmaX', ae]] as const) {
      expect(reasonText(key, s, translator('en'))).toBe(applicability(key, s).reason);
      expect(reasonText(key, s, translator('ja'))).toMatch(/[\u3040-\u30ff]/);
    }
    expect(reasonText('beta', bernoulli, translator('en'))).toBeUndefined();
  });

  it('translates Fashion-MNIST classes and leaves digits alone', () => {
    expect(localClassNames('ja', ['Ankle boot', '7'])).toEqual(['アンクルブーツ', '7']);
    expect(localClassNames('en', ['Ankle boot'])).toEqual(['Ankle boot']);
  });
});

describe('language choice', () => {
  it('takes the link first, then the stored choice, then English', () => {
    expect(initialLang('?lang=ja', 'en')).toBe('ja');
    expect(initialLang('?lang=EN', 'ja')).toBe('en');
    expect(initialLang('', 'ja')).toBe('ja');
    expect(initialLang('?lang=fr', 'ja')).toBe('ja');
    expect(initialLang('?lang=fr', 'klingon')).toBe('en');
    expect(initialLang('', null)).toBe('en');
  });

  it('writes lang into the link, leaving the default out and other parameters alone', () => {
    expect(withLangParam('?beta=2', 'ja')).toBe('?beta=2&lang=ja');
    expect(withLangParam('?beta=2&lang=ja', 'en')).toBe('?beta=2');
    expect(withLangParam('?lang=ja', 'en')).toBe('');
  });
});
