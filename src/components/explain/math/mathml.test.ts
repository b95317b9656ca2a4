import { describe, expect, it } from 'vitest';
import { F, klLive, klTerm, reparamLive } from '../formulas';
import { fillSlots, formulaMathML, num, slotNames } from './mathml';
import { vectorTex } from './vectors';

const render = (tex: string, slots = {}, display = true) => formulaMathML(fillSlots(tex, slots), { display, throwOnError: true });
/** The MathML's text in reading order, tags dropped. */
const text = (markup: string) => markup.replace(/<[^>]+>/g, '');

describe('num', () => {
  it('writes live numbers as TeX: true minus, grouped thousands, parentheses only when asked and negative', () => {
    expect(num(-1234.567, 1)).toBe('\u22121{,}234.6');
    expect(num(2)).toBe('2.00');
    expect(num(-0.5, 1, true)).toBe('(\u22120.5)');
    expect(num(0.5, 1, true)).toBe('0.5');
    // Rounds to zero: no "(0.00)".
    expect(num(-0.001, 2, true)).toBe('0.00');
  });
});

describe('slots', () => {
  it('fills each @name with its value as one group, and marks a missing one', () => {
    expect(fillSlots('@s^2 + @m0', { s: '(−1.20)', m0: '3' })).toBe('{(−1.20)}^2 + {3}');
    expect(fillSlots('x = @nope', {})).toBe('x = \\class{m-missing}{\\text{?}}');
    expect(render('x = @nope')).toContain('<mtext class="m-missing">?</mtext>');
  });

  it('names the slots every live formula uses, so a section can fill them all', () => {
    expect(slotNames(reparamLive(0))).toEqual(['m', 's', 'e', 'z']);
    expect(slotNames(klLive([klTerm(0), klTerm(1)], true))).toEqual(['m0', 's0', 's0', 'm1', 's1', 's1', 'kl']);
    expect(slotNames(F.gaussianLive).sort()).toEqual(['c', 'd', 'err', 'll', 's', 's', 'sq']);
    expect(slotNames(F.active)).toEqual([]);
  });
});

describe('formulaMathML', () => {
  it('renders every formula of the explanations as MathML, with no error and no stray TeX', () => {
    for (const [name, tex] of Object.entries(F)) {
      const markup = render(tex, Object.fromEntries(slotNames(tex).map((s) => [s, '1.5'])));
      expect(markup, name).toMatch(/^<math display="block" class="xp-math is-display tml-display"/);
      expect(markup, name).not.toContain('merror');
      expect(markup, name).not.toContain('m-missing');
      // A command Temml did not know would survive as text with its backslash.
      expect(text(markup), name).not.toContain('\\');
    }
  });

  it('writes the live Gaussian formula whole: every number in its place, to the final sum', () => {
    const markup = render(F.gaussianLive, {
      sq: num(512.25),
      s: num(2),
      d: num(784, 0),
      err: num(-64.0, 1),
      c: num(-1320.6, 1, true),
      ll: num(-1384.6, 1),
    });
    // σ_x = 2.00 squared twice (the error term's denominator and inside the log), as numbers.
    expect(markup.match(/<msup><mn>2\.00<\/mn><mn>2<\/mn><\/msup>/g)).toHaveLength(2);
    expect(markup).toContain('<mfrac><mn>512.25</mn><mrow><mn>2</mn><mo>×</mo>');
    expect(markup).toContain('<mfrac><mn>784</mn><mn>2</mn></mfrac>');
    expect(markup).toContain('<mi>log</mi>');
    // log(2π × 2.00²) closes, and the second line carries the sum: −64.0 + (−1,320.6) = −1,384.6.
    expect(text(markup)).toContain('log⁡(2π×2.002)');
    expect(text(markup)).toContain('=−64.0+(−1,320.6)=−1,384.6');
    expect(markup).toContain('<mn>1,320.6</mn>');
    // Two aligned lines.
    expect(markup.match(/<mtr>/g)).toHaveLength(2);
  });

  it('colours the encoder θ and the decoder φ, and nothing else', () => {
    const markup = render(F.networkAe);
    expect(markup).toContain('<msub><mi>f</mi><mi class="m-enc">θ</mi></msub>');
    expect(markup).toContain('<msub><mi>g</mi><mi class="m-dec">φ</mi></msub>');
    expect(markup.match(/class="m-/g)).toHaveLength(2);
  });

  it('sets words upright and operators as operators', () => {
    const markup = render(F.activeLive, { a: num(2, 0) });
    expect(markup).toContain('<mi>Var</mi>');
    expect(markup).toContain('<mo>&gt;</mo><mn>0.01</mn>');
    expect(text(markup).endsWith('=2')).toBe(true);
    expect(render(F.kl)).toContain('<mi>KL</mi>');
    expect(render(F.networkVae)).toContain('<mi>diag</mi>');
  });

  it('writes inline formulas inline, with the caller’s class', () => {
    const markup = formulaMathML('q_θ(z|x)', { display: false, className: 'xp-sample' });
    expect(markup).toMatch(/^<math class="xp-math is-inline xp-sample">/);
    expect(markup).not.toContain('display="block"');
  });

  it('writes a live vector as its first coordinates and an ellipsis', () => {
    const v = vectorTex('z', [0.5, -1.25, 3, 4]);
    expect(v.tex).toBe('(@z0, @z1, @z2, …)');
    expect(text(render(`z = ${v.tex}`, v.slots))).toBe('z=(0.50,−1.25,3.00,…)');
  });

  it('refuses a malformed formula in tests, and shows an error (no crash) on the page', () => {
    expect(() => formulaMathML('\\frac{1}', { throwOnError: true })).toThrow();
    expect(() => formulaMathML('\\nope{x}', { throwOnError: true })).toThrow();
    const shown = formulaMathML('\\frac{1}');
    expect(shown).toContain('class="temml-error"');
    expect(shown).toContain('\\frac{1}');
  });
});
