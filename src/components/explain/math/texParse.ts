// A very small TeX-like notation for the formulas of the explanations, parsed into a tree that
// MathFormula renders as MathML. Enough for this page, nothing more:
//   letters → identifiers (a run of two or more Latin letters is one upright word: log, KL, ELBO);
//   digits → numbers; anything else → an operator; spaces only separate;
//   _x ^x scripts; {…} groups; \frac{a}{b} \sqrt{a} \hat{a} \text{words} \sum \log \, \quad;
//   @name → a slot filled at render time (a live number).

export type MathNode =
  | { t: 'mi'; v: string; word: boolean }
  | { t: 'mn'; v: string }
  | { t: 'mo'; v: string; large: boolean }
  | { t: 'text'; v: string }
  /** \, (thin) or \quad (1em). */
  | { t: 'space'; quad: boolean }
  | { t: 'row'; c: MathNode[] }
  | { t: 'scripts'; base: MathNode; sub: MathNode | null; sup: MathNode | null }
  | { t: 'frac'; num: MathNode; den: MathNode }
  | { t: 'sqrt'; c: MathNode }
  | { t: 'hat'; c: MathNode }
  | { t: 'slot'; name: string };

/** Words after which TeX sets a thin space before a non-parenthesised argument. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(['log', 'exp', 'diag', 'Var']);

const LARGE_OPERATORS: Readonly<Record<string, string>> = { sum: '∑', prod: '∏' };
const COMBINING = /\p{M}/u;
const LATIN = /[A-Za-z]/;
const LETTER = /\p{L}/u;

export class TexError extends Error {}

class Parser {
  private i = 0;
  private readonly chars: string[];

  constructor(src: string) {
    // Code points, so letters outside the BMP (𝒩, 𝔼) are one character.
    this.chars = Array.from(src);
  }

  parseAll(): MathNode {
    const row = this.row(false);
    if (this.i < this.chars.length) throw new TexError(`unexpected "${this.chars[this.i]}" at ${this.i}`);
    return row;
  }

  private peek(): string | undefined {
    return this.chars[this.i];
  }

  private skipSpace(): void {
    while (this.peek() === ' ') this.i++;
  }

  private row(inGroup: boolean): MathNode {
    const c: MathNode[] = [];
    for (;;) {
      this.skipSpace();
      const ch = this.peek();
      if (ch === undefined) {
        if (inGroup) throw new TexError('unclosed {');
        break;
      }
      if (ch === '}') {
        if (!inGroup) throw new TexError('unmatched }');
        this.i++;
        break;
      }
      c.push(this.withScripts(this.atom()));
    }
    return { t: 'row', c };
  }

  private withScripts(base: MathNode): MathNode {
    let sub: MathNode | null = null;
    let sup: MathNode | null = null;
    for (;;) {
      this.skipSpace();
      const ch = this.peek();
      if (ch !== '_' && ch !== '^') break;
      this.i++;
      this.skipSpace();
      const script = this.atom();
      if (ch === '_') sub = script;
      else sup = script;
    }
    return sub || sup ? { t: 'scripts', base, sub, sup } : base;
  }

  private group(): MathNode {
    this.skipSpace();
    if (this.peek() !== '{') throw new TexError(`expected { at ${this.i}`);
    this.i++;
    return this.row(true);
  }

  private atom(): MathNode {
    const ch = this.peek();
    if (ch === undefined) throw new TexError('expected something after a script mark');
    if (ch === '{') {
      this.i++;
      return this.row(true);
    }
    if (ch === '\\') return this.command();
    if (ch === '@') {
      this.i++;
      const name = this.run(/[A-Za-z0-9]/);
      if (!name) throw new TexError(`empty slot name at ${this.i}`);
      return { t: 'slot', name };
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(this.chars[this.i + 1] ?? ''))) {
      return { t: 'mn', v: this.run(/[0-9.]/) };
    }
    if (LATIN.test(ch)) {
      const word = this.run(LATIN);
      if (word.length > 1) return { t: 'mi', v: word, word: true };
      return { t: 'mi', v: word + this.run(COMBINING), word: false };
    }
    this.i++;
    if (LETTER.test(ch)) return { t: 'mi', v: ch + this.run(COMBINING), word: false };
    return { t: 'mo', v: ch, large: false };
  }

  private command(): MathNode {
    this.i++;
    const name = this.run(/[A-Za-z]/) || (this.chars[this.i++] ?? '');
    switch (name) {
      case 'frac': {
        const num = this.group();
        return { t: 'frac', num, den: this.group() };
      }
      case 'sqrt':
        return { t: 'sqrt', c: this.group() };
      case 'hat':
        return { t: 'hat', c: this.group() };
      case 'text': {
        this.skipSpace();
        if (this.peek() !== '{') throw new TexError('\\text needs {…}');
        this.i++;
        const start = this.i;
        while (this.i < this.chars.length && this.chars[this.i] !== '}') this.i++;
        if (this.peek() !== '}') throw new TexError('unclosed \\text{');
        const v = this.chars.slice(start, this.i).join('');
        this.i++;
        return { t: 'text', v };
      }
      case ',':
        return { t: 'space', quad: false };
      case 'quad':
        return { t: 'space', quad: true };
      case '{':
      case '}':
      case '\\':
      case '@':
      case '_':
      case '^':
        return { t: 'mo', v: name, large: false };
      default:
        if (name in LARGE_OPERATORS) return { t: 'mo', v: LARGE_OPERATORS[name], large: true };
        // \log reads as in TeX; a bare "log" is the same word.
        if (FUNCTION_WORDS.has(name)) return { t: 'mi', v: name, word: true };
        throw new TexError(`unknown command \\${name}`);
    }
  }

  private run(re: RegExp): string {
    const start = this.i;
    while (this.i < this.chars.length && re.test(this.chars[this.i])) this.i++;
    return this.chars.slice(start, this.i).join('');
  }
}

export function parseTex(src: string): MathNode {
  return new Parser(src).parseAll();
}

/** The slot names a formula uses, for checking that every one is filled. */
export function slotNames(node: MathNode): string[] {
  switch (node.t) {
    case 'slot':
      return [node.name];
    case 'row':
      return node.c.flatMap(slotNames);
    case 'scripts':
      return [node.base, node.sub, node.sup].flatMap((n) => (n ? slotNames(n) : []));
    case 'frac':
      return [...slotNames(node.num), ...slotNames(node.den)];
    case 'sqrt':
    case 'hat':
      return slotNames(node.c);
    default:
      return [];
  }
}
