// The Japanese wording a teacher expects (issue 13): one word per idea, and none that misleads.
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ja } from './ja';
import { JA_SETTINGS } from './settingText';

const all = Object.entries(ja);

describe('Japanese wording', () => {
  it('never calls the latent code 符号 (“sign/coding”), the map 地図, or traversal 走査', () => {
    for (const [key, text] of all) {
      expect(text, key).not.toMatch(/符号|地図|走査/);
    }
  });

  it('uses one word for decode: デコード, never 復号', () => {
    for (const [key, text] of all) expect(text, key).not.toContain('復号');
    expect(ja['lx.tabDecode']).toBe('デコード');
    expect(ja['lx.decodedAria']).toBe('デコード画像');
  });

  it('names traversals トラバーサル, the loss legend 再構成誤差, the latent code 潜在ベクトル/潜在表現', () => {
    expect(ja['lx.tabTraversal']).toBe('トラバーサル');
    expect(ja['x.traversal.p1']).toContain('**トラバーサル**タブ');
    expect(ja['loss.recon']).toBe('再構成誤差');
    expect(ja['loss.aeRecon']).toContain('再構成誤差');
    expect(ja['x.network.p1']).toMatch(/潜在ベクトル/);
    expect(ja['x.network.p1']).toMatch(/潜在変数 \$z\$/);
  });

  it('names Compare in the text exactly as its button does', () => {
    const button = JA_SETTINGS.kind.options?.compare;
    expect(button).toBe('比較');
    expect(ja['x.continuity.try']).toContain(`**${button}**`);
    expect(ja['x.continuity.try']).not.toContain('Compare');
  });
});

describe('text that agrees with the app', () => {
  it('says the trick off makes reconstruction worse, not merely stuck', () => {
    expect(en['x.reparam.try']).toMatch(/climbs/);
    expect(ja['x.reparam.try']).toMatch(/上がっていきます/);
  });

  it('describes only the hovered image’s ellipse', () => {
    expect(en['x.kl.p1']).not.toMatch(/Each ellipse/i);
    expect(en['x.kl.p1']).toMatch(/Hover a test point/);
  });

  it('says Step trains one chunk, a single step at first', () => {
    expect(en['header.stepTitle']).toMatch(/single step at first/);
    expect(ja['header.stepTitle']).toMatch(/最初は 1 ステップ/);
  });

  it('says the Bernoulli likelihood on grey pixels is a cross-entropy', () => {
    expect(en['x.likelihood.grey']).toMatch(/cross-entropy/);
    expect(ja['x.likelihood.grey']).toMatch(/交差エントロピー/);
  });
});
