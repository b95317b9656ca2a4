// The training worker's data: the dataset list, the splits in memory (downloaded once per
// dataset, or drawn: Shapes), the user's own images (dataset 'custom') and the tensors the
// sessions train on. Tensors belong to a backend: after a backend switch they are uploaded
// again from the splits.

import { loadManifest, toFloat32, type DataSource } from '../data';
import type { DataSplit, DatasetName, DatasetSplits, Manifest } from '../data/types';
import type { ImageDataset } from '../data/imageImport/types';
import { imageInfo, imageSplits, IMAGES_DATASET, withImageInfo } from '../shared/imageDataset';
import { withShapesInfo } from '../shared/shapesDataset';
import type { SessionConfig } from '../shared/protocol';
import { errorText, WorkerError } from '../shared/workerErrors';
import { drawShapes, type ShapesHeld } from './shapesData';
import { downloadDataset, uploadSource, type FactorTable, type TrainingData, type TrainRows } from './trainingData';

export type DataProgress = (stage: 'download' | 'upload', loaded: number, total: number, label: string) => void;

/** A dataset in memory: where its training rows come from, its test split, and (Shapes) the test images' factors. */
export interface HeldData {
  dataset: DatasetName;
  train: TrainRows;
  test: DataSplit;
  factors: FactorTable | null;
  /** The splits these came from (downloaded or the user's own), if any: new images under the same name are new data. */
  from: DatasetSplits | null;
}

function held(splits: DatasetSplits): HeldData {
  const { train } = splits;
  const width = train.width * train.height;
  return { dataset: splits.dataset, train: { count: train.count, rows: (i) => toFloat32(train.pixels, i, width) }, test: splits.test, factors: null, from: splits };
}

export class SessionData {
  private source: DataSource | null = null;
  manifest: Manifest | null = null;
  /** The data the current tensors came from. */
  splits: HeldData | null = null;
  /** Shapes, once drawn (10 MB: kept, so a switch back is instant). */
  private shapes: ShapesHeld | null = null;
  /** The user's own images (dataset 'custom'), once the page has sent them. */
  private images: DatasetSplits | null = null;
  /** The current tensors (on the current backend). */
  data: TrainingData | null = null;
  private readonly progress: DataProgress;

  constructor(progress: DataProgress) {
    this.progress = progress;
  }

  /** Reads the dataset list from where public/ is served. */
  async open(source: DataSource): Promise<void> {
    this.source = source;
    try {
      this.manifest = withShapesInfo(await loadManifest(source));
    } catch (err) {
      throw new WorkerError('dataset', `The dataset list (datasets/manifest.json) could not be loaded: ${errorText(err)}`, false);
    }
  }

  requireManifest(code: 'dataset' | 'checkpoint' | 'internal'): Manifest {
    if (!this.source || !this.manifest) throw new WorkerError(code, 'The worker has not been initialised yet.', true);
    return this.manifest;
  }

  /**
   * The splits and tensors for a config: the current ones when the dataset is the same (new
   * images of the user's own are new data under the same name), else downloaded and uploaded.
   * `hadSession`: a failure then leaves a working model behind (recoverable).
   */
  async prepare(config: SessionConfig, hadSession: boolean): Promise<{ splits: HeldData; data: TrainingData; same: boolean }> {
    const manifest = this.requireManifest('internal');
    const same =
      this.data !== null && this.splits !== null && this.data.dataset === config.dataset && (config.dataset !== IMAGES_DATASET || this.splits.from === this.images);
    if (same) return { splits: this.splits as HeldData, data: this.data as TrainingData, same };
    let splits: HeldData;
    try {
      if (config.dataset === IMAGES_DATASET) splits = held(this.requireImages());
      else if (config.dataset === 'shapes') splits = this.drawShapes();
      else splits = held(await downloadDataset(this.source as DataSource, manifest, config.dataset, this.progress));
    } catch (err) {
      throw new WorkerError('dataset', `The ${config.dataset} dataset could not be loaded: ${errorText(err)}`, hadSession);
    }
    return { splits, data: this.upload(splits), same };
  }

  /** Shapes' evaluation set, drawn the first time (with the progress bar), then kept. */
  private drawShapes(): HeldData {
    this.shapes ??= drawShapes((loaded, total) =>
      this.progress('upload', loaded, total, loaded < total ? 'Drawing the Shapes evaluation set' : 'Shapes drawn'),
    );
    const { train, test, factors } = this.shapes;
    return { dataset: 'shapes', train, test, factors, from: null };
  }

  private upload(h: HeldData): TrainingData {
    return uploadSource(h.dataset, h.train, h.test, h.factors, this.progress);
  }

  /** Makes prepared splits and tensors the current ones (the old tensors are freed unless kept). */
  adopt(splits: HeldData, data: TrainingData): void {
    if (this.data !== data) this.data?.dispose();
    this.splits = splits;
    this.data = data;
  }

  /** Frees the tensors (before leaving a backend; a lost WebGL context took them already). */
  dropTensors(): void {
    try {
      this.data?.dispose();
    } catch {
      // A lost WebGL context cannot free its textures; they went with the context.
    }
    this.data = null;
  }

  /** The current splits on the (new) current backend. */
  reupload(): TrainingData {
    this.data = this.upload(this.splits as HeldData);
    return this.data;
  }

  /** Makes these images the 'custom' dataset (checked first; a bad payload changes nothing); returns the undo. */
  takeImages(images: ImageDataset): () => void {
    const splits = imageSplits(images);
    const before = { images: this.images, manifest: this.manifest };
    this.images = splits;
    if (this.manifest) this.manifest = withImageInfo(this.manifest, imageInfo(images));
    return () => ({ images: this.images, manifest: this.manifest } = before);
  }

  private requireImages(): DatasetSplits {
    if (!this.images) throw new WorkerError('dataset', 'no images of your own are loaded in this session (choose them under “Your images”)', true);
    return this.images;
  }
}
