// Formulas as MathML (Chromium, Firefox and Safari render MathML Core natively): real italic
// variables, fractions, sums with limits, scripts, and live numbers in slots. React elements
// only, no HTML strings. θ and φ take the encoder's and decoder's colours wherever they appear.
import { createElement, useMemo, type ReactElement, type ReactNode } from 'react';
import { formatNumber } from '../formatNumber';
import { FitBox } from './FitBox';
import { FUNCTION_WORDS, parseTex, TexError, type MathNode } from './texParse';

export type MathSlots = Readonly<Record<string, MathNode>>;

/** A live number; parenthesised when negative and `paren` is set (as in 0.5 × (−1.2)). */
export function num(v: number, digits = 2, paren = false): MathNode {
  const mn: MathNode = { t: 'mn', v: formatNumber(v, digits) };
  if (!paren || !(v < 0) || formatNumber(v, digits) === formatNumber(0, digits)) return mn;
  return { t: 'row', c: [{ t: 'mo', v: '(', large: false }, mn, { t: 'mo', v: ')', large: false }] };
}

/** Any formula text as a slot value (e.g. a sum built term by term). */
export function tex(src: string): MathNode {
  return parseTex(src);
}

const ACCENT_CLASS: Readonly<Record<string, string>> = { θ: 'm-enc', φ: 'm-dec' };
const FENCES: ReadonlySet<string> = new Set(['(', ')', '[', ']', '|', '‖', '{', '}']);

function el(tag: string, props: Record<string, string> | null, ...children: ReactNode[]): ReactElement {
  return createElement(tag, props, ...children);
}

function render(node: MathNode, slots: MathSlots): ReactElement {
  switch (node.t) {
    case 'mi': {
      const cls = ACCENT_CLASS[node.v];
      return el('mi', cls ? { className: cls } : null, node.v);
    }
    case 'mn':
      return el('mn', null, node.v);
    case 'mo':
      if (node.large) return el('mo', { largeop: 'true' }, node.v);
      // As in TeX without \left…\right: fences keep their text size.
      return el('mo', FENCES.has(node.v) ? { stretchy: 'false' } : null, node.v);
    case 'text':
      return el('mtext', null, node.v);
    case 'space':
      return el('mspace', { width: node.quad ? '1em' : '0.1667em' });
    case 'row': {
      const out: ReactElement[] = [];
      node.c.forEach((child, i) => {
        // Thin spaces around log, exp, … as TeX sets them: after an ordinary symbol before the
        // word, and between the word and an argument that is not parenthesised.
        const isFunction = child.t === 'mi' && child.word && FUNCTION_WORDS.has(child.v);
        const prev = node.c[i - 1];
        if (isFunction && prev && prev.t !== 'mo') out.push(el('mspace', { width: '0.1667em' }));
        out.push(render(child, slots));
        const next = node.c[i + 1];
        const opens = next?.t === 'mo' && (next.v === '(' || next.v === '[');
        if (isFunction && next && !opens) out.push(el('mspace', { width: '0.1667em' }));
      });
      return el('mrow', null, ...out);
    }
    case 'scripts': {
      const base = render(node.base, slots);
      const sub = node.sub && render(node.sub, slots);
      const sup = node.sup && render(node.sup, slots);
      // Limits of ∑ go under and over in display style and move to the side inline (movablelimits).
      const large = node.base.t === 'mo' && node.base.large;
      if (sub && sup) return el(large ? 'munderover' : 'msubsup', null, base, sub, sup);
      if (sub) return el(large ? 'munder' : 'msub', null, base, sub);
      return el(large ? 'mover' : 'msup', null, base, sup);
    }
    case 'frac':
      return el('mfrac', null, render(node.num, slots), render(node.den, slots));
    case 'sqrt':
      return el('msqrt', null, render(node.c, slots));
    case 'hat':
      return el('mover', { accent: 'true' }, render(node.c, slots), el('mo', null, '^'));
    case 'slot': {
      const value = slots[node.name];
      return value ? render(value, slots) : el('mtext', { className: 'm-missing' }, '?');
    }
  }
}

interface MathFormulaProps {
  /** The formula; in display style, " \\ " breaks it into lines (the later ones indented). */
  tex: string;
  slots?: MathSlots;
  /** A displayed formula on its own line (default), or inline in a sentence. */
  display?: boolean;
  className?: string;
}

const NO_SLOTS: MathSlots = {};

export function MathFormula({ tex: src, slots = NO_SLOTS, display = true, className }: MathFormulaProps) {
  const split = useMemo(() => splitLines(src, display), [src, display]);
  const cls = `xp-math ${display ? 'is-display' : 'is-inline'} ${className ?? ''}`.trim();
  if (split.kind === 'aligned') {
    // TeX's align: each line "left & right", the & marks lined up (usually on = or ≥).
    const rows = split.rows.map(([left, right], i) =>
      el('mtr', { key: String(i) }, el('mtd', { className: 'm-left' }, render(left, slots)), el('mtd', { className: 'm-right' }, render(right, slots))),
    );
    return box(el('math', { display: 'block', className: cls }, el('mtable', { className: 'm-align' }, ...rows)));
  }
  const lines = split.lines;
  if (lines.length === 1) {
    const math = el('math', { display: display ? 'block' : 'inline', className: cls }, render(lines[0], slots));
    return display ? box(math) : math;
  }
  // Several lines: each an inline formula in display style, so the lines share a left edge
  // (continued ones indented) while the group stays centred.
  return el(
    'div',
    { className: `xp-lines ${className ?? ''}`.trim() },
    ...lines.map((line, i) =>
      el(
        'div',
        { className: i > 0 ? 'xp-line is-continued' : 'xp-line', key: String(i) },
        el('math', { displaystyle: 'true', className: 'xp-math is-line' }, render(line, slots)),
      ),
    ),
  );
}

/**
 * A displayed formula inside a box that shrinks it to fit and scrolls what still does not fit
 * (a <math> element does not scroll reliably by itself).
 */
function box(math: ReactElement): ReactElement {
  return createElement(FitBox, null, math);
}

/** A line break inside a displayed formula. */
export const LINE_BREAK = ' \\\\ ';
/** Where the lines of a broken formula line up (one per line, or none at all). */
export const ALIGN_MARK = '&';

type Split = { kind: 'lines'; lines: MathNode[] } | { kind: 'aligned'; rows: Array<[MathNode, MathNode]> };

/** A displayed formula's lines, parsed; aligned when every line has exactly one & mark. */
export function splitLines(src: string, display: boolean): Split {
  const lines = display ? src.split(LINE_BREAK) : [src];
  const marks = lines.map((line) => line.split(ALIGN_MARK).length - 1);
  if (lines.length > 1 && marks.every((m) => m === 1)) {
    return { kind: 'aligned', rows: lines.map((line) => line.split(ALIGN_MARK).map(parseTex) as [MathNode, MathNode]) };
  }
  if (marks.some((m) => m > 0)) throw new TexError(`"${ALIGN_MARK}" must appear once on every line of a broken formula: ${src}`);
  return { kind: 'lines', lines: lines.map(parseTex) };
}
