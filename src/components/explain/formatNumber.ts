// Numbers for people: fixed decimals, a true minus sign (U+2212), thousands separated, never "−0.0".

export function formatNumber(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '–' : v > 0 ? '∞' : '−∞';
  const s = Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const zero = /^[0.,]+$/.test(s);
  return v < 0 && !zero ? `\u2212${s}` : s;
}
