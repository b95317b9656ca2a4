// The training worker's data: the dataset list, the splits in memory (downloaded once per
// dataset), the user's own images (dataset 'custom') and the tensors the sessions train on.
// Tensors belong to a backend: after a backend switch they are uploaded again from the splits.

import { loadManifest, type DataSource } from '../data';
import type { DatasetSplits, Manifest } from '../data/types';
import type { ImageDataset } from '../data/imageImport/types';
import { imageInfo, imageSplits, IMAGES_DATASET, withImageInfo } from '../shared/imageDataset';
import type { SessionConfig } from '../shared/protocol';
import { errorText, WorkerError } from '../shared/workerErrors';
import { downloadDataset, uploadDataset, type TrainingData } from './trainingData';

export type DataProgress = (stage: 'download' | 'upload', loaded: number, total: number, label: string) => void;

export class SessionData {
  private source: DataSource | null = null;
  manifest: Manifest | null = null;
  /** The splits the current tensors came from. */
  splits: DatasetSplits | null = null;
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
      this.manifest = await loadManifest(source);
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
  async prepare(config: SessionConfig, hadSession: boolean): Promise<{ splits: DatasetSplits; data: TrainingData; same: boolean }> {
    const manifest = this.requireManifest('internal');
    const same = this.data !== null && this.splits !== null && this.data.dataset === config.dataset && (config.dataset !== IMAGES_DATASET || this.splits === this.images);
    if (same) return { splits: this.splits as DatasetSplits, data: this.data as TrainingData, same };
    let splits: DatasetSplits;
    try {
      splits = config.dataset === IMAGES_DATASET ? this.requireImages() : await downloadDataset(this.source as DataSource, manifest, config.dataset, this.progress);
    } catch (err) {
      throw new WorkerError('dataset', `The ${config.dataset} dataset could not be loaded: ${errorText(err)}`, hadSession);
    }
    return { splits, data: uploadDataset(splits, this.progress), same };
  }

  /** Makes prepared splits and tensors the current ones (the old tensors are freed unless kept). */
  adopt(splits: DatasetSplits, data: TrainingData): void {
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
    this.data = uploadDataset(this.splits as DatasetSplits, this.progress);
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
