// Plain-text tables for the human-readable summary on stderr.

/** A figure with its unit, or "–" when it was not measured. */
export function fmt(value: number | null | undefined, unit = '', digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit ? `${text} ${unit}` : text;
}

/** Bytes as MiB with one decimal. */
export function fmtMiB(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? '–' : fmt(bytes / 2 ** 20, 'MiB', 1);
}

/** Columns padded to their widest cell; numbers-looking cells right-aligned; a rule under the header. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const cols = header.length;
  const cells = [header, ...rows].map((r) => Array.from({ length: cols }, (_, i) => r[i] ?? ''));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(...cells.map((r) => [...r[i]!].length)));
  const numeric = /^[−-]?[\d,.]+(\s|×|$)|^–$/;
  const line = (r: string[], isHeader: boolean) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(widths[i]! - [...c].length);
        return !isHeader && i > 0 && numeric.test(c) ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(cells[0]!, true), rule, ...cells.slice(1).map((r) => line(r, false))].join('\n');
}
