// Images a user brings (a folder, a zip, loose files or one sprite sheet), as the import
// worker hands them back and as the training worker receives them. Types and limits only.

/** Side of every converted image; the networks' input is SIZE × SIZE = 784 pixels. */
export const IMAGE_SIZE = 28;
export const IMAGE_PIXELS = IMAGE_SIZE * IMAGE_SIZE;

/**
 * Limits that keep a hostile or mistaken upload from exhausting the tab's memory. A decoded
 * image costs 4 bytes per pixel: 50 megapixels is 200 MB, about what a worker can hold once.
 */
export const IMPORT_LIMITS = {
  maxImages: 20_000,
  maxClasses: 26,
  /** One image file (PNG or JPEG). */
  maxImageBytes: 32 * 1024 * 1024,
  /** One zip file, read into memory whole to find its central directory. */
  maxZipBytes: 256 * 1024 * 1024,
  maxImagePixels: 50_000_000,
  maxImageSide: 16_384,
  minImages: 2,
} as const;

/** Why a file (or a zip entry, or sprite cell) was left out; the page words it in its language. */
export const SKIP_CODES = [
  'empty',
  'tooLarge',
  'notImage',
  'truncated',
  'tooManyPixels',
  'undecodable',
  'overLimit',
  'blank',
  // A sprite sheet whose cell is larger than the sheet, and its cells that were empty.
  'cellTooBig',
  'blankCells',
  // A zip that cannot be opened, or one of its entries (zipReader.ts's reasons).
  'notZip',
  'zip64',
  'zipTruncated',
  'zipDamaged',
  'encrypted',
  'zipMethod',
  'corrupt',
] as const;
export type SkipCode = (typeof SKIP_CODES)[number];

export interface Skipped {
  /** Path as the user sees it: "digits/3/a.png", "set.zip › 3/a.png", or the sprite sheet's name. */
  name: string;
  code: SkipCode;
  /** Facts the message fills in (sizes, the format found, the decoder's words). */
  detail?: string;
}

/** Converted images: count × 784 uint8 pixels (0 background … 255 ink), labels into `classes`. */
export interface ConvertedImages {
  /** What the user picked: the folder's, zip's or sheet's name. */
  title: string;
  classes: string[];
  count: number;
  pixels: Uint8Array;
  labels: Uint8Array;
  skipped: Skipped[];
  /** Images inverted because their background was light (so ink is bright, as in MNIST). */
  inverted: number;
  /** Class folders found when there were more than IMPORT_LIMITS.maxClasses (all became one class); else 0. */
  tooManyClasses: number;
}

export interface ImageSplit {
  count: number;
  pixels: Uint8Array;
  labels: Uint8Array;
}

/** A user's images split for training: what the training worker is sent. */
export interface ImageDataset {
  title: string;
  classes: string[];
  train: ImageSplit;
  test: ImageSplit;
}
