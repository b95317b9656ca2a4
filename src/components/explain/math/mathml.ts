// TeX → MathML through Temml (MathML Core, which Chromium, Firefox and Safari render natively),
// with the page's two additions: @name slots filled with live numbers, and θ and φ in the
// encoder's and decoder's colours wherever they appear. Only this module imports Temml, and only
// the drawer's lazy chunk imports this module (see ExplainDrawer.tsx).
import temml from 'temml';
import { formatNumber } from '../formatNumber';

/** Live values by slot name, as TeX (num() writes a number). */
export type MathSlots = Readonly<Record<string, string>>;

/** A live number as TeX; parenthesised when negative and `paren` is set (as in 0.5 × (−1.2)). */
export function num(v: number, digits = 2, paren = false): string {
  const text = formatNumber(v, digits);
  // {,}: a thousands separator, not TeX's punctuation comma with its space after.
  const tex = text.replaceAll(',', '{,}');
  if (!paren || !(v < 0) || text === formatNumber(0, digits)) return tex;
  return `(${tex})`;
}

const SLOT = /@([A-Za-z0-9]+)/g;
/** What an unfilled slot shows: a red "?" (a section forgot a value). */
const MISSING = '\\class{m-missing}{\\text{?}}';

/** The formula with every @name replaced by its value, grouped so that @s^2 squares all of it. */
export function fillSlots(tex: string, slots: MathSlots): string {
  return tex.replace(SLOT, (_, name: string) => (name in slots ? `{${slots[name]}}` : MISSING));
}

/** The slot names a formula uses, in order, for checking that a section fills every one. */
export function slotNames(tex: string): string[] {
  return Array.from(tex.matchAll(SLOT), (m) => m[1]);
}

const ACCENT_CLASS: Readonly<Record<string, string>> = { θ: 'm-enc', φ: 'm-dec' };

export interface MathMLOptions {
  /** A displayed formula on its own line (default), or inline in a sentence. */
  display?: boolean;
  /** More classes for the <math> element. */
  className?: string;
  /** Throw Temml's ParseError (tests); otherwise a malformed formula shows Temml's error in red. */
  throwOnError?: boolean;
}

/** One formula (slots already filled) as a <math> element's markup. */
export function formulaMathML(tex: string, { display = true, className, throwOnError = false }: MathMLOptions = {}): string {
  const markup = temml.renderToString(tex, {
    displayMode: display,
    throwOnError,
    // \class only (for the missing-slot mark); no \href, \style or \data from a formula.
    trust: (context: { command: string }) => context.command === '\\class',
  });
  const ours = ['xp-math', display ? 'is-display' : 'is-inline', className].filter(Boolean).join(' ');
  return markup
    .replace(/^<math\b[^>]*>/, (tag) => (tag.includes(' class="') ? tag.replace(' class="', ` class="${ours} `) : tag.replace('<math', `<math class="${ours}"`)))
    .replace(/<mi>([θφ])<\/mi>/g, (_, ch: string) => `<mi class="${ACCENT_CLASS[ch]}">${ch}</mi>`);
}
