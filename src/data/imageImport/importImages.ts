// The whole import, minus the pixels' decoding (which the worker does with the browser's
// decoder): expand zips, refuse what is empty, too large, not an image or broken, decode and
// convert the rest to 28 × 28 gray one at a time, and name classes from folders. Every file
// left out is listed with its reason; nothing here throws for a bad file.

import { assignClasses, folderOf, isJunkPath } from './classes';
import { fitRect, toGray, type Rect } from './grayscale';
import { sniffImage } from './sniff';
import { spriteCells, type SpriteOptions } from './sprites';
import { IMAGE_PIXELS, IMPORT_LIMITS, type ConvertedImages, type SkipCode, type Skipped } from './types';
import { listZipEntries, readZipEntry, ZipError } from './zipReader';

/** A file as the page picked it: its path inside the chosen folder (or just its name). */
export interface SourceFile {
  path: string;
  size: number;
  bytes(): Promise<Uint8Array>;
}

/** A decoded picture: RGBA of any region of it, drawn scaled into `rect` of a 28 × 28 canvas. */
export interface Picture {
  width: number;
  height: number;
  fitted(sx: number, sy: number, sw: number, sh: number, rect: Rect): Uint8ClampedArray;
  close(): void;
}

export interface Decoder {
  open(bytes: Uint8Array): Promise<Picture>;
}

export type Limits = { -readonly [K in keyof typeof IMPORT_LIMITS]: number };

export interface ImportOptions {
  /** Read the one file as a sprite sheet instead of as one image. */
  sprite: SpriteOptions | null;
  limits?: Limits;
}

export type ImportProgress = (done: number, total: number) => void;

interface Candidate {
  /** For classes: a zip's entries sit in a folder named after the zip. */
  path: string;
  display: string;
  read(): Promise<Uint8Array>;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

class Collector {
  readonly skipped: Skipped[] = [];
  readonly images: Uint8Array[] = [];
  readonly paths: string[] = [];
  inverted = 0;

  skip(name: string, code: SkipCode, detail?: string): void {
    this.skipped.push(detail === undefined ? { name, code } : { name, code, detail });
  }
}

export async function importImages(
  files: readonly SourceFile[],
  options: ImportOptions,
  decoder: Decoder,
  onProgress: ImportProgress = () => {},
): Promise<ConvertedImages> {
  const limits = options.limits ?? { ...IMPORT_LIMITS };
  const out = new Collector();
  const title = titleOf(files);
  const wanted = files.filter((f) => !isJunkPath(f.path));
  if (options.sprite) {
    const sheet = await importSheet(wanted[0], options.sprite, limits, decoder, out, onProgress);
    return result(out, title, sheet.classes, sheet.labels, sheet.tooMany);
  }
  const candidates = await expand(wanted, limits, out);
  const total = candidates.length;
  for (let i = 0; i < total; i++) {
    const c = candidates[i];
    if (out.images.length === limits.maxImages) {
      // Named once, with how many more there were, rather than thousands of lines.
      out.skip(c.display, 'overLimit', String(total - i));
      break;
    }
    const gray = await convert(c, limits, decoder, out);
    if (gray) {
      out.images.push(gray);
      out.paths.push(c.path);
    }
    onProgress(i + 1, total);
  }
  onProgress(total, total);
  const classes = assignClasses(out.paths, title, limits.maxClasses);
  return result(out, title, classes.classes, classes.labels, classes.tooMany);
}

/** The folder, zip or file the user picked, named for the dataset menu. */
export function titleOf(files: readonly SourceFile[]): string {
  const tops = new Set(files.map((f) => (f.path.includes('/') ? f.path.slice(0, f.path.indexOf('/')) : '')));
  const [top] = tops;
  if (tops.size === 1 && top) return top;
  if (files.length === 1) return files[0].path.slice(files[0].path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '') || 'images';
  return 'images';
}

/** Files and the entries of zip files, each checked for size before anything is read. */
async function expand(files: readonly SourceFile[], limits: Limits, out: Collector): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const f of files) {
    if (f.size === 0) {
      out.skip(f.path, 'empty');
      continue;
    }
    if (!/\.zip$/i.test(f.path)) {
      if (f.size > limits.maxImageBytes) out.skip(f.path, 'tooLarge', `${mb(f.size)} > ${mb(limits.maxImageBytes)}`);
      else candidates.push({ path: f.path, display: f.path, read: () => f.bytes() });
      continue;
    }
    if (f.size > limits.maxZipBytes) {
      out.skip(f.path, 'tooLarge', `${mb(f.size)} > ${mb(limits.maxZipBytes)}`);
      continue;
    }
    try {
      const zip = await f.bytes();
      const folder = `${folderOf(f.path) ? `${folderOf(f.path)}/` : ''}${f.path.slice(f.path.lastIndexOf('/') + 1).replace(/\.zip$/i, '')}`;
      for (const entry of listZipEntries(zip)) {
        if (isJunkPath(entry.name)) continue;
        const display = `${f.path} › ${entry.name}`;
        if (entry.size === 0) out.skip(display, 'empty');
        else candidates.push({ path: `${folder}/${entry.name}`, display, read: () => readZipEntry(zip, entry, limits.maxImageBytes) });
      }
    } catch (err) {
      if (err instanceof ZipError) out.skip(f.path, err.reason, err.message);
      else out.skip(f.path, 'undecodable', errorText(err));
    }
  }
  return candidates;
}

/** One image file to 784 gray levels, or null with the reason recorded. */
async function convert(c: Candidate, limits: Limits, decoder: Decoder, out: Collector): Promise<Uint8Array | null> {
  let bytes: Uint8Array;
  try {
    bytes = await c.read();
  } catch (err) {
    if (err instanceof ZipError) out.skip(c.display, err.reason, err.message);
    else out.skip(c.display, 'undecodable', errorText(err));
    return null;
  }
  const picture = await openChecked(c.display, bytes, limits, decoder, out);
  if (!picture) return null;
  try {
    const rect = fitRect(picture.width, picture.height);
    const gray = toGray(picture.fitted(0, 0, picture.width, picture.height, rect), rect);
    if (gray.blank) {
      out.skip(c.display, 'blank');
      return null;
    }
    if (gray.inverted) out.inverted++;
    return gray.pixels;
  } catch (err) {
    out.skip(c.display, 'undecodable', errorText(err));
    return null;
  } finally {
    picture.close();
  }
}

/** Checks the bytes are a PNG or JPEG of a size we can hold, then decodes them. */
async function openChecked(name: string, bytes: Uint8Array, limits: Limits, decoder: Decoder, out: Collector): Promise<Picture | null> {
  if (bytes.length === 0) {
    out.skip(name, 'empty');
    return null;
  }
  if (bytes.length > limits.maxImageBytes) {
    out.skip(name, 'tooLarge', `${mb(bytes.length)} > ${mb(limits.maxImageBytes)}`);
    return null;
  }
  const sniffed = sniffImage(bytes, { maxPixels: limits.maxImagePixels, maxSide: limits.maxImageSide });
  if (!sniffed.ok) {
    out.skip(name, sniffed.code, sniffed.detail);
    return null;
  }
  try {
    return await decoder.open(bytes);
  } catch (err) {
    out.skip(name, 'undecodable', errorText(err));
    return null;
  }
}

/** One sprite sheet, cell by cell; blank cells (the unused end of a sheet) are counted, not listed. */
async function importSheet(
  sheet: SourceFile | undefined,
  sprite: SpriteOptions,
  limits: Limits,
  decoder: Decoder,
  out: Collector,
  onProgress: ImportProgress,
): Promise<{ classes: string[]; labels: number[]; tooMany: number }> {
  const none = { classes: [], labels: [], tooMany: 0 };
  if (!sheet) return none;
  if (sheet.size > limits.maxImageBytes) {
    out.skip(sheet.path, 'tooLarge', `${mb(sheet.size)} > ${mb(limits.maxImageBytes)}`);
    return none;
  }
  const picture = await openChecked(sheet.path, await sheet.bytes(), limits, decoder, out);
  if (!picture) return none;
  const rows: number[] = [];
  try {
    let grid;
    try {
      grid = spriteCells(picture.width, picture.height, sprite.cellWidth, sprite.cellHeight, limits.maxImages);
    } catch {
      out.skip(sheet.path, 'cellTooBig', `${sprite.cellWidth} × ${sprite.cellHeight} > ${picture.width} × ${picture.height}`);
      return none;
    }
    let blank = 0;
    const rect = fitRect(sprite.cellWidth, sprite.cellHeight);
    for (const [i, cell] of grid.cells.entries()) {
      const gray = toGray(picture.fitted(cell.x, cell.y, sprite.cellWidth, sprite.cellHeight, rect), rect);
      if (gray.blank) blank++;
      else {
        if (gray.inverted) out.inverted++;
        out.images.push(gray.pixels);
        rows.push(cell.row);
      }
      onProgress(i + 1, grid.cells.length);
    }
    if (blank > 0) out.skip(sheet.path, 'blankCells', String(blank));
  } finally {
    picture.close();
  }
  const single = (tooMany: number) => ({ classes: [titleOf([sheet])], labels: rows.map(() => 0), tooMany });
  if (!sprite.rowsAreClasses) return single(0);
  // Rows with nothing in them are no class; the rest are named by their row number.
  const used = [...new Set(rows)].sort((a, b) => a - b);
  if (used.length > limits.maxClasses) return single(used.length);
  const index = new Map(used.map((r, i) => [r, i]));
  return { classes: used.map((r) => String(r + 1)), labels: rows.map((r) => index.get(r) as number), tooMany: 0 };
}

function result(out: Collector, title: string, classes: string[], labels: number[], tooManyClasses: number): ConvertedImages {
  const count = out.images.length;
  const pixels = new Uint8Array(count * IMAGE_PIXELS);
  out.images.forEach((img, i) => pixels.set(img, i * IMAGE_PIXELS));
  return { title, classes, count, pixels, labels: Uint8Array.from(labels), skipped: out.skipped, inverted: out.inverted, tooManyClasses };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
