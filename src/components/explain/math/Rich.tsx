// A translated sentence with its live parts: `**term**` in bold, `$…$` as inline math, and
// `{name}` replaced by a React node (a number, a link, a button). Dictionaries stay plain text.
import { Fragment, type ReactNode } from 'react';
import { MathFormula } from './MathFormula';

export type RichSlots = Readonly<Record<string, ReactNode>>;

const TOKEN = /(\*\*[^*]+\*\*|\$[^$]+\$|\{\w+\})/g;

export type RichPart =
  | { kind: 'text'; v: string }
  | { kind: 'bold'; v: string }
  | { kind: 'math'; v: string }
  | { kind: 'slot'; v: string };

/** Splits a template into its parts (pure, so the dictionaries' markup can be tested). */
export function richParts(template: string): RichPart[] {
  return template
    .split(TOKEN)
    .filter((s) => s !== '')
    .map((s): RichPart => {
      if (s.startsWith('**') && s.endsWith('**') && s.length > 4) return { kind: 'bold', v: s.slice(2, -2) };
      if (s.startsWith('$') && s.endsWith('$') && s.length > 2) return { kind: 'math', v: s.slice(1, -1) };
      if (/^\{\w+\}$/.test(s)) return { kind: 'slot', v: s.slice(1, -1) };
      return { kind: 'text', v: s };
    });
}

/** Punctuation that must not start a line after inline math ("an image x̂." stays whole). */
const TRAILING = /^[.,;:!?)\]。、，．：；！？）」』]+/u;

function inline(template: string, slots: RichSlots): ReactNode[] {
  const parts = richParts(template);
  return parts.map((p, i) => {
    switch (p.kind) {
      case 'text':
        return <Fragment key={i}>{parts[i - 1]?.kind === 'math' ? p.v.replace(TRAILING, '') : p.v}</Fragment>;
      case 'bold':
        return <strong key={i}>{inline(p.v, slots)}</strong>;
      case 'math': {
        const next = parts[i + 1];
        const tail = next?.kind === 'text' ? (TRAILING.exec(next.v)?.[0] ?? '') : '';
        const math = <MathFormula tex={p.v} display={false} />;
        if (!tail) return <Fragment key={i}>{math}</Fragment>;
        return (
          <span key={i} className="xp-nobr">
            {math}
            {tail}
          </span>
        );
      }
      case 'slot':
        return <Fragment key={i}>{p.v in slots ? slots[p.v] : `{${p.v}}`}</Fragment>;
    }
  });
}

interface RichProps {
  text: string;
  slots?: RichSlots;
  /** The element that holds it; a paragraph by default. */
  as?: 'p' | 'span' | 'li' | 'div' | 'figcaption';
  className?: string;
}

export function Rich({ text, slots = {}, as: Tag = 'p', className }: RichProps) {
  return <Tag className={className}>{inline(text, slots)}</Tag>;
}
