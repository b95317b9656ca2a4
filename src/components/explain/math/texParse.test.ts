import { describe, expect, it } from 'vitest';
import { F, klLive, klTerm, reparamLive } from '../formulas';
import { splitLines } from './MathFormula';
import { parseTex, slotNames, TexError, type MathNode } from './texParse';

const row = (n: MathNode) => (n.t === 'row' ? n.c : [n]);
/** Every part of a displayed formula, line by line (and left, right of an alignment mark). */
const parseLines = (tex: string): MathNode[] => {
  const split = splitLines(tex, true);
  return split.kind === 'lines' ? split.lines : split.rows.flat();
};

describe('parseTex', () => {
  it('reads single letters as italic identifiers and letter runs as upright words', () => {
    expect(row(parseTex('x log KL \\log'))).toEqual([
      { t: 'mi', v: 'x', word: false },
      { t: 'mi', v: 'log', word: true },
      { t: 'mi', v: 'KL', word: true },
      { t: 'mi', v: 'log', word: true },
    ]);
  });

  it('attaches scripts and groups, and keeps astral letters whole', () => {
    const [q] = row(parseTex('q_θ'));
    expect(q).toEqual({ t: 'scripts', base: { t: 'mi', v: 'q', word: false }, sub: { t: 'mi', v: 'θ', word: false }, sup: null });
    const [s] = row(parseTex('σ_j^2'));
    expect(s).toMatchObject({ t: 'scripts', sub: { v: 'j' }, sup: { t: 'mn', v: '2' } });
    expect(row(parseTex('𝒩(0, I)'))[0]).toEqual({ t: 'mi', v: '𝒩', word: false });
  });

  it('builds fractions, sums with limits, hats and slots', () => {
    const [frac] = row(parseTex('\\frac{1}{L}'));
    expect(frac).toMatchObject({ t: 'frac', num: { t: 'row', c: [{ t: 'mn', v: '1' }] } });
    const [sum] = row(parseTex('\\sum_{l=1}^{L}'));
    expect(sum).toMatchObject({ t: 'scripts', base: { t: 'mo', v: '∑', large: true } });
    expect(row(parseTex('\\hat{x}'))[0]).toMatchObject({ t: 'hat' });
    expect(slotNames(parseTex('@a + \\frac{@b}{2} = x_{@c}'))).toEqual(['a', 'b', 'c']);
  });

  it('reads numbers with decimals, and operators one character at a time', () => {
    expect(row(parseTex('0.01 ≥ −3'))).toEqual([
      { t: 'mn', v: '0.01' },
      { t: 'mo', v: '≥', large: false },
      { t: 'mo', v: '−', large: false },
      { t: 'mn', v: '3' },
    ]);
  });

  it('refuses malformed input with a TexError', () => {
    for (const bad of ['{x', 'x}', '\\frac{1}', '\\nope', 'x_', '@']) expect(() => parseTex(bad), bad).toThrow(TexError);
  });

  it('parses every formula of the explanations, line by line', () => {
    for (const [name, tex] of Object.entries(F)) {
      const lines = parseLines(tex);
      // A mistyped line break would survive as a literal backslash operator.
      expect(JSON.stringify(lines), name).not.toContain('"v":"\\\\"');
    }
    expect(splitLines(F.elbo, true)).toMatchObject({ kind: 'aligned', rows: [[{}, {}], [{}, {}]] });
    expect(splitLines(F.mc, true)).toMatchObject({ kind: 'lines' });
    expect(() => splitLines('a & = b \\\\ c', true)).toThrow(TexError);
    expect(slotNames(parseTex(reparamLive(0)))).toEqual(['m', 's', 'e', 'z']);
    const kl = parseLines(klLive([klTerm(0), klTerm(1)], true));
    expect(kl).toHaveLength(6);
    expect(kl.flatMap(slotNames)).toEqual(['m0', 's0', 's0', 'm1', 's1', 's1', 'kl']);
    expect(parseLines(F.gaussianLive).flatMap(slotNames).sort()).toEqual(['c', 'd', 'err', 'll', 's', 's', 'sq']);
  });
});
