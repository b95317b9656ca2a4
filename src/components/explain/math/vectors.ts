// Builds formula text for live vectors: "(@a0, @a1, …)" with its slots, so a section can show
// the first few coordinates of a code of any length.
import { num, type MathSlots } from './mathml';

export interface TexWithSlots {
  tex: string;
  slots: MathSlots;
}

/** "(v₀, v₁, v₂, …)": at most `max` coordinates, then an ellipsis. */
export function vectorTex(prefix: string, values: ArrayLike<number>, max = 3, digits = 2): TexWithSlots {
  const shown = Math.min(values.length, max);
  const slots: Record<string, string> = {};
  const parts: string[] = [];
  for (let j = 0; j < shown; j++) {
    slots[`${prefix}${j}`] = num(values[j], digits);
    parts.push(`@${prefix}${j}`);
  }
  if (values.length > shown) parts.push('…');
  return { tex: `(${parts.join(', ')})`, slots };
}
