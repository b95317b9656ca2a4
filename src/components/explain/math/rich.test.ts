import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Rich } from './Rich';

const html = (text: string) => renderToStaticMarkup(createElement(Rich, { text }));

describe('Rich', () => {
  it('renders inline math as MathML inside the sentence', () => {
    const out = html('The **encoder** $q_θ(z|x)$ reads $x$');
    expect(out).toMatch(/^<p>The <strong>encoder<\/strong> <span class="xp-math-inline"><math class="xp-math is-inline">/);
    expect(out).toContain('<mi class="m-enc">θ</mi>');
    expect(out.endsWith(' reads <span class="xp-math-inline"><math class="xp-math is-inline"><mi>x</mi></math></span></p>')).toBe(true);
  });

  it('keeps the punctuation after inline math on its line, in English and Japanese', () => {
    const en = html('back into an image $\\hat{x}$. Then');
    expect(en).toMatch(/<span class="xp-nobr"><span class="xp-math-inline"><math [^]*<\/math><\/span>\.<\/span> Then<\/p>$/);
    const ja = html('平均 $μ$、広がり $σ$ です');
    expect(ja).toMatch(/<span class="xp-nobr"><span class="xp-math-inline"><math [^]*<mi>μ<\/mi><\/math><\/span>、<\/span>広がり /);
    // Nothing to glue: no extra span.
    expect(html('$z$ and more')).not.toContain('xp-nobr');
  });
});
