// Turns the CLI's checkpoints (runs/<id>/checkpoint.vaeckpt, made by `npm run train`) into
// what the app ships in public/pretrained/: each checkpoint as it is (the training worker
// continues from it), a small first-paint file (quantized decoder + the test set's μ, log σ²
// and labels) so the page draws a trained map before TF.js or the dataset has loaded, and
// index.json listing them. Shapes models also get their MIG over the evaluation set (the
// worker's and the CLI's src/model/latentEval.ts). Run once after training:
//   node --import tsx scripts/build-pretrained.ts [--runs runs] [--out public/pretrained] [--only id,id]
// --only rebuilds the named models and keeps the other entries of the index as they are (their
// runs need not be on this machine).

import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findDataset, loadManifest, loadSplit, mulberry32, toFloat32, type DataSplit, type DatasetName, type Manifest } from '../src/data';
import { fsSource } from '../src/data/fsSource';
import { FACTOR_NAMES, makeEvalSet, SHAPES_DATA_SEED } from '../src/data/shapes';
import { migReport } from '../src/model/latentEval';
import { withShapesInfo } from '../src/shared/shapesDataset';
import { decodeMeans, denseOnly, encodeMlp, parseCheckpoint, type Checkpoint } from '../src/model';
import { parseFirstPaint, serializeFirstPaint, type FirstPaint } from '../src/model/firstPaint';
import { gptqDecoder } from '../src/model/gptq';
import { DEFAULT_PRETRAINED, parsePretrainedIndex, PRETRAINED_INDEX, pretrainedFiles, type PretrainedEntry, type PretrainedIndex } from '../src/model/pretrainedIndex';

/** The runs shipped, in menu order, the default first. */
const SHIPPED = [DEFAULT_PRETRAINED, 'mnist-ae-2d', 'fashion-vae-2d', 'shapes-vae-6d-beta1', 'shapes-vae-6d-beta4', 'shapes-vae-6d-capacity', 'mnist-conv-vae-2d'] as const;
/** Decoded pixels (in [0, 1]) may move at most this much through quantization: invisible. */
const MAX_PIXEL_DIFF = 0.02;
const ENCODE_ROWS = 500;
const log = (msg: string) => process.stderr.write(`${msg}\n`);

/** μ and log σ² of every test image, in the test file's order (point i is test image i in the app). */
function encodeTestSet(ckpt: Checkpoint, test: DataSplit): { mu: Float32Array; logvar: Float32Array | null } {
  const dim = ckpt.config.latentDim;
  const mu = new Float32Array(test.count * dim);
  const logvar = ckpt.config.kind === 'vae' ? new Float32Array(test.count * dim) : null;
  const D = test.height * test.width;
  for (let start = 0; start < test.count; start += ENCODE_ROWS) {
    const n = Math.min(ENCODE_ROWS, test.count - start);
    const rows = Array.from({ length: n }, (_, i) => start + i);
    const codes = encodeMlp(ckpt.weights, toFloat32(test.pixels, rows, D), n);
    mu.set(codes.mu, start * dim);
    if (logvar && codes.logvar) logvar.set(codes.logvar, start * dim);
  }
  return { mu, logvar };
}

type Box = Array<[number, number]>;

/**
 * Where a user can drag z: every test code's range plus a quarter of it on each side (the
 * map's own margin for an AE), and at least ±4 (the prior's 4σ) for a VAE.
 */
function dragBox(fp: FirstPaint): Box {
  const dim = fp.config.latentDim;
  return Array.from({ length: dim }, (_, j): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < fp.count; i++) {
      lo = Math.min(lo, fp.mu[i * dim + j]);
      hi = Math.max(hi, fp.mu[i * dim + j]);
    }
    const margin = (hi - lo) / 4;
    return fp.config.kind === 'vae' ? [Math.min(lo - margin, -4), Math.max(hi + margin, 4)] : [lo - margin, hi + margin];
  });
}

/** n points spread uniformly (seeded) over the box. */
function uniformIn(box: Box, n: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const z = new Float32Array(n * box.length);
  for (let i = 0; i < z.length; i++) {
    const [lo, hi] = box[i % box.length];
    z[i] = lo + (hi - lo) * random();
  }
  return z;
}

/** Calibration inputs of the decoder: where it will be asked to decode (the test codes and the drag box). */
function calibration(fp: FirstPaint, box: Box): { z: Float32Array; n: number } {
  const extra = 6000;
  const z = new Float32Array((fp.count + extra) * fp.config.latentDim);
  z.set(fp.mu);
  z.set(uniformIn(box, extra, fp.seed), fp.mu.length);
  return { z, n: fp.count + extra };
}

/** Largest difference of a decoded pixel between the checkpoint's decoder and the shipped one, over the test codes and other points of the drag box. */
function maxPixelDiff(ckpt: Checkpoint, shipped: FirstPaint, box: Box): number {
  const probe = 2000;
  let worst = 0;
  for (const [z, count] of [[uniformIn(box, probe, shipped.seed + 1), probe], [shipped.mu, shipped.count]] as const) {
    const want = decodeMeans(ckpt.weights, z, count);
    const got = decodeMeans({ config: shipped.config, decoder: shipped.decoder }, z, count);
    for (let i = 0; i < count * ckpt.config.inputDim; i++) worst = Math.max(worst, Math.abs(want[i] - got[i]));
  }
  return worst;
}

function metricsOf(ckpt: Checkpoint, id: string): PretrainedEntry['test'] {
  const m = ckpt.testMetrics;
  if (!m) throw new Error(`${id}: the checkpoint carries no test metrics (train it with the CLI)`);
  return { elbo: m.elbo, recon: m.recon, kl: m.kl };
}

/**
 * e.g. "MNIST VAE 2-D"; with β where it is not 1, and always on Shapes, whose models differ by it
 * ("Shapes VAE 6-D β = 4"); the capacity objective by its C max instead ("… capacity C max = 10").
 */
function titleOf(manifest: Manifest, ckpt: Checkpoint): string {
  const data = findDataset(manifest, ckpt.dataset as DatasetName).title;
  const capacity = ckpt.config.kind === 'vae' && ckpt.hyper.objective === 'capacity';
  const beta = capacity
    ? ` capacity C max = ${ckpt.hyper.cMax}`
    : ckpt.config.kind === 'vae' && (ckpt.hyper.beta !== 1 || ckpt.dataset === 'shapes') ? ` β = ${ckpt.hyper.beta}` : '';
  return `${data}${ckpt.config.arch === 'conv' ? ' conv' : ''} ${ckpt.config.kind.toUpperCase()} ${ckpt.config.latentDim}-D${beta}`;
}

/** The test split a model's first paint encodes: the dataset's file, or Shapes' evaluation set (drawn) with its factors. */
async function testSplitOf(dataset: string, source: ReturnType<typeof fsSource>, manifest: Manifest): Promise<{ test: DataSplit; factors: Uint8Array[] | null }> {
  if (dataset === 'shapes') {
    const evalSet = makeEvalSet(SHAPES_DATA_SEED);
    return { test: evalSet.split, factors: FACTOR_NAMES.map((n) => evalSet.factors[n]) };
  }
  return { test: await loadSplit(source, manifest, dataset as DatasetName, 'test'), factors: null };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: 'runs' }, out: { type: 'string', default: 'public/pretrained' }, only: { type: 'string' } },
  });
  const runs = values.runs as string;
  const out = values.out as string;
  const only = values.only === undefined ? null : new Set(values.only.split(','));
  for (const id of only ?? []) if (!(SHIPPED as readonly string[]).includes(id)) throw new Error(`--only: ${id} is not one of ${SHIPPED.join(', ')}`);
  const kept = only ? parsePretrainedIndex(JSON.parse(readFileSync(join(out, PRETRAINED_INDEX), 'utf8'))).models : [];
  const source = fsSource(join(process.cwd(), 'public/datasets'));
  const manifest = withShapesInfo(await loadManifest(source));
  const tests = new Map<string, { test: DataSplit; factors: Uint8Array[] | null }>();
  mkdirSync(out, { recursive: true });

  const models: PretrainedEntry[] = [];
  for (const id of SHIPPED) {
    if (only && !only.has(id)) {
      const entry = kept.find((m) => m.id === id);
      if (!entry) throw new Error(`${id}: not in ${out}/${PRETRAINED_INDEX}, so it must be rebuilt (name it in --only)`);
      models.push(entry);
      continue;
    }
    const bytes = readFileSync(join(runs, id, 'checkpoint.vaeckpt'));
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const ckpt = parseCheckpoint(buf);
    if (!ckpt.command) throw new Error(`${id}: the checkpoint records no command; ship only what \`npm run train\` made`);
    let split = tests.get(ckpt.dataset);
    if (!split) {
      split = await testSplitOf(ckpt.dataset, source, manifest);
      tests.set(ckpt.dataset, split);
    }
    const { test, factors } = split;
    const t0 = performance.now();
    const { mu, logvar } = encodeTestSet(ckpt, test);
    // Shapes: MIG over the evaluation set, as the CLI's epoch line and the app's worker compute it.
    const mig = factors ? migReport(mu, ckpt.config.latentDim, factors).mig : null;
    const fp: FirstPaint = {
      id,
      dataset: ckpt.dataset,
      config: ckpt.config,
      hyper: ckpt.hyper,
      seed: ckpt.seed,
      step: ckpt.step,
      epoch: ckpt.epoch,
      command: ckpt.command,
      ...(ckpt.testMetrics ? { testMetrics: ckpt.testMetrics } : {}),
      decoder: ckpt.weights.decoder,
      count: test.count,
      mu,
      logvar,
      labels: test.labels.slice(),
    };
    const box = dragBox(fp);
    const cal = calibration(fp, box);
    // GPTQ quantizes dense layers; a conv network's decoder ships as float16.
    const conv = ckpt.config.arch === 'conv';
    const fpBytes = serializeFirstPaint(fp, conv ? [] : gptqDecoder(denseOnly(fp.decoder, 'GPTQ'), cal.z, cal.n));
    const shipped = parseFirstPaint(fpBytes);
    const diff = maxPixelDiff(ckpt, shipped, box);
    if (diff > MAX_PIXEL_DIFF) throw new Error(`${id}: int8 decoder moves a pixel by ${diff.toFixed(4)} > ${MAX_PIXEL_DIFF}`);

    const files = pretrainedFiles(id);
    writeFileSync(join(out, files.checkpoint), bytes);
    writeFileSync(join(out, files.firstPaint), new Uint8Array(fpBytes));
    const entry: PretrainedEntry = {
      id,
      title: titleOf(manifest, ckpt),
      dataset: ckpt.dataset,
      model: ckpt.config.kind,
      ...(conv ? { arch: 'conv' as const } : {}),
      latent: ckpt.config.latentDim,
      hidden: ckpt.config.hidden,
      hyper: ckpt.hyper,
      step: ckpt.step,
      epochs: ckpt.epoch,
      test: metricsOf(ckpt, id),
      ...(mig === null ? {} : { mig: Math.round(mig * 1e4) / 1e4 }),
      command: ckpt.command,
      seed: ckpt.seed,
      files,
      bytes: { checkpoint: statSync(join(out, files.checkpoint)).size, firstPaint: fpBytes.byteLength },
    };
    models.push(entry);
    log(`${id}: ${entry.title}, step ${entry.step}, test −ELBO ${(-entry.test.elbo).toFixed(1)}${mig === null ? '' : `, MIG ${mig.toFixed(4)}`}; checkpoint ${entry.bytes.checkpoint} B, first paint ${entry.bytes.firstPaint} B; max pixel diff ${diff.toFixed(4)} (${Math.round(performance.now() - t0)} ms)`);
  }
  const index: PretrainedIndex = { version: 1, default: DEFAULT_PRETRAINED, models };
  writeFileSync(join(out, PRETRAINED_INDEX), `${JSON.stringify(index, null, 2)}\n`);
  const total = models.reduce((s, m) => s + m.bytes.checkpoint + m.bytes.firstPaint, 0);
  log(`wrote ${out}/${PRETRAINED_INDEX}: ${models.length} models, ${total} bytes in all`);
}

main().catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
