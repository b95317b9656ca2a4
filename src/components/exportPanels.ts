// Exports for a teacher's slides and a student's notebook: the curves as CSV, and a panel
// (loss chart, latent map with its manifold grid) as one PNG composed from its canvases and
// SVG layers, with a caption and the legend, in the colours on screen.

/** The curves as the client keeps them (MetricsHistory and HistoryRecord both fit). */
export interface CurvesLike {
  steps: readonly number[];
  elbo: readonly number[];
  recon: readonly number[];
  kl: readonly number[];
  objective: readonly number[];
  test: ReadonlyArray<{ step: number; elbo: number; recon: number; kl: number; objective: number; full: boolean; mig?: number }>;
}

export interface RunLabel {
  dataset: string;
  kind: string;
  latentDim: number;
  step: number;
}

/** e.g. "MNIST · VAE · z 2 · step 1,200" (`title`: the dataset's display name). */
/** e.g. "MNIST · VAE · z 2 · step 1,200"; `stepWord` is the page language's word for a step. */
export function describeRun(run: RunLabel, title = run.dataset, stepWord = 'step'): string {
  return `${title} · ${run.kind.toUpperCase()} · z ${run.latentDim} · ${stepWord} ${run.step.toLocaleString('en-US')}`;
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * −ELBO goes out as `neg_elbo`, positive like the chart's curve and the `recon` and `objective`
 * beside it (neg_elbo = recon + kl), so no column's sign surprises a spreadsheet.
 */
export const CSV_HEADER = 'step,neg_elbo,recon,kl,objective,split';

const cell = (v: number) => (Number.isFinite(v) ? String(v === 0 ? 0 : v) : '');

// Our own join, not d3's csvFormatRows: numbers and three fixed words need no quoting, and non-finite values must be empty cells.
/**
 * One row per train step (split "train"), then one per test point ("test", or "test-full" for the
 * whole set). A run with MIG (Shapes) adds a last column, `mig`, filled on the test points it was
 * measured at and empty elsewhere.
 */
export function curvesCsv(h: CurvesLike): string {
  const withMig = h.test.some((t) => t.mig !== undefined);
  const rows = [withMig ? `${CSV_HEADER},mig` : CSV_HEADER];
  const train = withMig ? ',train,' : ',train';
  for (let i = 0; i < h.steps.length; i++) {
    rows.push([h.steps[i], -h.elbo[i], h.recon[i], h.kl[i], h.objective[i]].map(cell).join(',') + train);
  }
  for (const t of h.test) {
    const mig = withMig ? `,${t.mig === undefined ? '' : cell(t.mig)}` : '';
    rows.push([t.step, -t.elbo, t.recon, t.kl, t.objective].map(cell).join(',') + (t.full ? ',test-full' : ',test') + mig);
  }
  return `${rows.join('\n')}\n`;
}

/** e.g. "vae-playground_mnist_vae_z2_step1200_curves.csv"; only safe characters. */
export function exportFileName(run: RunLabel, what: string, ext: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 40);
  return `vae-playground_${safe(run.dataset)}_${safe(run.kind)}_z${run.latentDim}_step${run.step}_${safe(what)}.${ext}`;
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference by the next task; the page's can go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ─── PNG ────────────────────────────────────────────────────────────────────────────────────

export type ExportPanel = 'curves' | 'latent';

/** Where each exportable panel's drawing lives, and its legend (found by role, as users do). */
const PANELS: Record<ExportPanel, { box: string; legend: string; swatch: string }> = {
  curves: { box: 'section[aria-label="Loss curves"] .plot', legend: 'section[aria-label="Loss curves"] .legend-item', swatch: '.swatch' },
  latent: { box: '.lx-map-box', legend: '[role="group"][aria-label="Classes"] button', swatch: '.lx-swatch' },
};

export function panelAvailable(name: ExportPanel): boolean {
  const box = document.querySelector<HTMLElement>(PANELS[name].box);
  return !!box && box.clientWidth > 0 && box.clientHeight > 0;
}

// Properties that carry how an SVG mark looks when its stylesheet is not there.
const SVG_STYLE = [
  'display', 'visibility', 'opacity', 'color', 'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity',
  'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin', 'font-family', 'font-size', 'font-weight',
  'font-variant-numeric', 'text-anchor', 'dominant-baseline', 'paint-order', 'shape-rendering',
];

/** A standalone copy of an SVG with each element's computed look written inline, rendered at `scale`. */
export function standaloneSvg(svg: SVGSVGElement, width: number, height: number, scale: number): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((el, i) => {
    const target = to[i] as SVGElement | undefined;
    if (!target) return;
    const cs = getComputedStyle(el);
    target.setAttribute('style', SVG_STYLE.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';'));
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  // A viewBox makes the scaled width/height scale the drawing, not just the empty page.
  if (!copy.hasAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  copy.setAttribute('width', String(Math.round(width * scale)));
  copy.setAttribute('height', String(Math.round(height * scale)));
  return new XMLSerializer().serializeToString(copy);
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the panel could not be drawn as an image'));
    img.src = src;
  });
}

interface LegendEntry {
  text: string;
  color: string;
}

function legendEntries(name: ExportPanel): LegendEntry[] {
  return [...document.querySelectorAll<HTMLElement>(PANELS[name].legend)].map((item) => {
    const swatch = item.querySelector<HTMLElement>(PANELS[name].swatch);
    const cs = swatch ? getComputedStyle(swatch) : null;
    const color = cs?.getPropertyValue('--c').trim() || cs?.backgroundColor || 'transparent';
    return { text: (item.textContent ?? '').replace(/\s+/g, ' ').trim(), color };
  });
}

/** The panel's canvases and SVG layers, stacked as on screen, under a caption and its legend, at 2× scale. */
export async function panelPng(name: ExportPanel, caption: string): Promise<Blob> {
  const box = document.querySelector<HTMLElement>(PANELS[name].box);
  if (!box || box.clientWidth === 0) throw new Error('that panel is not on screen');
  const scale = 2;
  const rect = box.getBoundingClientRect();
  const style = getComputedStyle(box);
  const font = style.fontFamily;
  const entries = legendEntries(name);
  const headH = 44;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(rect.width * scale);
  canvas.height = Math.round((rect.height + headH) * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw a PNG');
  ctx.scale(scale, scale);
  const surface = style.getPropertyValue('--surface').trim() || '#ffffff';
  const fg = style.getPropertyValue('--fg').trim() || '#000000';
  ctx.fillStyle = surface;
  ctx.fillRect(0, 0, rect.width, rect.height + headH);
  ctx.fillStyle = fg;
  ctx.font = `600 13px ${font}`;
  ctx.textBaseline = 'top';
  ctx.fillText(caption, 8, 6);
  ctx.font = `12px ${font}`;
  let x = 8;
  for (const e of entries) {
    ctx.fillStyle = e.color;
    ctx.fillRect(x, 29, 12, 4);
    ctx.fillStyle = fg;
    ctx.fillText(e.text, x + 16, 25);
    x += 16 + ctx.measureText(e.text).width + 14;
  }
  const bg = style.backgroundColor;
  if (bg && bg !== 'rgba(0, 0, 0, 0)') {
    ctx.fillStyle = bg;
    ctx.fillRect(0, headH, rect.width, rect.height);
  }
  for (const layer of box.querySelectorAll<HTMLCanvasElement | SVGSVGElement>(':scope > canvas, :scope > svg')) {
    const r = layer.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const x0 = r.left - rect.left;
    const y0 = r.top - rect.top + headH;
    if (layer instanceof HTMLCanvasElement) {
      ctx.drawImage(layer, x0, y0, r.width, r.height);
    } else {
      const xml = standaloneSvg(layer, r.width, r.height, scale);
      const img = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`);
      ctx.drawImage(img, x0, y0, r.width, r.height);
    }
  }
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))), 'image/png'),
  );
}
