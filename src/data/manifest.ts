import type { DataSource } from './dataSource';
import { DatasetError, describeError } from './errors';
import type { DatasetInfo, DatasetName, Manifest, SplitInfo, SplitName } from './types';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_VERSION = 1;
const DATASET_NAMES: readonly DatasetName[] = ['mnist', 'fashion'];
const SPLIT_NAMES: readonly SplitName[] = ['train', 'test'];

/** Reads and validates manifest.json; every error names the file and the offending field. */
export async function loadManifest(source: DataSource): Promise<Manifest> {
  const text = await source.readText(MANIFEST_FILE);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DatasetError(MANIFEST_FILE, `not valid JSON (${describeError(err)}); run npm run datasets`, { cause: err });
  }
  return parseManifest(json);
}

/** The one dataset of that name, or an error that lists what the manifest has. */
export function findDataset(manifest: Manifest, name: DatasetName): DatasetInfo {
  const ds = manifest.datasets.find((d) => d.name === name);
  if (!ds) {
    throw new DatasetError(MANIFEST_FILE, `no dataset "${name}" (has ${manifest.datasets.map((d) => d.name).join(', ')})`);
  }
  return ds;
}

type Obj = Record<string, unknown>;

function bad(path: string, what: string): never {
  throw new DatasetError(MANIFEST_FILE, `${path}: expected ${what}`);
}

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(path, 'an object');
  return v as Obj;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.length === 0) bad(path, 'a non-empty string');
  return v;
}

function int(v: unknown, path: string, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) bad(path, `an integer ≥ ${min}`);
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T {
  if (!options.includes(v as T)) bad(path, `one of ${options.join(', ')}`);
  return v as T;
}

function parseSplit(v: unknown, path: string): SplitInfo {
  const o = obj(v, path);
  return {
    count: int(o.count, `${path}.count`, 1),
    images: str(o.images, `${path}.images`),
    labels: str(o.labels, `${path}.labels`),
    imagesBytes: int(o.imagesBytes, `${path}.imagesBytes`, 1),
    labelsBytes: int(o.labelsBytes, `${path}.labelsBytes`, 1),
    imagesGzBytes: int(o.imagesGzBytes, `${path}.imagesGzBytes`, 1),
    labelsGzBytes: int(o.labelsGzBytes, `${path}.labelsGzBytes`, 1),
  };
}

function parseDataset(v: unknown, path: string): DatasetInfo {
  const o = obj(v, path);
  const classes = o.classes;
  if (!Array.isArray(classes) || classes.length < 2 || classes.length > 256) bad(`${path}.classes`, 'an array of 2–256 names');
  const shape = o.shape;
  if (!Array.isArray(shape) || shape.length !== 2) bad(`${path}.shape`, '[height, width]');
  const splitsObj = obj(o.splits, `${path}.splits`);
  const splits = Object.fromEntries(SPLIT_NAMES.map((s) => [s, parseSplit(splitsObj[s], `${path}.splits.${s}`)])) as Record<SplitName, SplitInfo>;
  const info: DatasetInfo = {
    name: oneOf(o.name, `${path}.name`, DATASET_NAMES),
    title: str(o.title, `${path}.title`),
    classes: classes.map((c, i) => str(c, `${path}.classes[${i}]`)),
    shape: [int(shape[0], `${path}.shape[0]`, 1), int(shape[1], `${path}.shape[1]`, 1)],
    splits,
    source: str(o.source, `${path}.source`),
    licence: str(o.licence, `${path}.licence`),
    splitNote: str(o.splitNote, `${path}.splitNote`),
  };
  if (o.orderSeed !== undefined) info.orderSeed = int(o.orderSeed, `${path}.orderSeed`, 0);
  return info;
}

/** Validates an already-parsed manifest.json. */
export function parseManifest(json: unknown): Manifest {
  const o = obj(json, 'manifest');
  if (o.version !== MANIFEST_VERSION) {
    bad('version', `${MANIFEST_VERSION}, got ${JSON.stringify(o.version)}; rebuild with npm run datasets`);
  }
  if (!Array.isArray(o.datasets) || o.datasets.length === 0) bad('datasets', 'a non-empty array');
  const datasets = o.datasets.map((d, i) => parseDataset(d, `datasets[${i}]`));
  const names = new Set(datasets.map((d) => d.name));
  if (names.size !== datasets.length) bad('datasets', 'each dataset name once');
  return { version: MANIFEST_VERSION, datasets };
}
