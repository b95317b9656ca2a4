// A formula of the explanations as MathML (mathml.ts: Temml, live numbers in @name slots, θ and φ
// in their accent colours). A displayed formula sits in a box that shrinks it to fit the drawer
// (FitBox); an inline one flows with its sentence.
import { useMemo } from 'react';
import { FitBox } from './FitBox';
import { fillSlots, formulaMathML, type MathSlots } from './mathml';
import 'temml/dist/Temml-Local.css';

export { num, type MathSlots } from './mathml';

interface MathFormulaProps {
  /** The formula in TeX; @name marks a slot. */
  tex: string;
  slots?: MathSlots;
  /** A displayed formula on its own line (default), or inline in a sentence. */
  display?: boolean;
  className?: string;
}

const NO_SLOTS: MathSlots = {};

export function MathFormula({ tex, slots = NO_SLOTS, display = true, className }: MathFormulaProps) {
  const filled = fillSlots(tex, slots);
  // Temml's markup, built from our own formulas and formatted numbers (its text escaped by Temml).
  const markup = useMemo(() => formulaMathML(filled, { display, className }), [filled, display, className]);
  if (display) return <FitBox markup={markup} />;
  return <span className="xp-math-inline" dangerouslySetInnerHTML={{ __html: markup }} />;
}
