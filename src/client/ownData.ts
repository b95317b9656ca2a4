// The data the page holds itself: the dataset list it shows, each dataset's test split (for the
// map's pictures, loaded once and cached) and the user's own images (kept in this tab only, so a
// restarted worker can have them back).

import { fetchSource, loadManifest, loadSplit } from '../data';
import type { DataSplit, DatasetInfo, DatasetName, Manifest } from '../data/types';
import type { ImageDataset } from '../data/imageImport/types';
import type { ClientCore } from './clientCore';
import type { PretrainedStart } from './pretrainedStart';
import { copyImages, imageInfo, imageSplits, IMAGES_DATASET, withImageInfo } from '../shared/imageDataset';
import { errorText } from '../shared/workerErrors';
import { withShapesInfo } from '../shared/shapesDataset';
import { makeEvalSet, SHAPES_DATA_SEED } from '../data/shapes';
import type { SessionConfig } from '../shared/protocol';

export class OwnData {
  private readonly core: ClientCore;
  private readonly baseUrl: string;
  private readonly pretrained: () => PretrainedStart;
  private readonly manifest: Promise<Manifest>;
  private readonly testSets = new Map<DatasetName, Promise<DataSplit>>();
  /** The manifest entry of the user's own images, once trained on (imageDataset.ts). */
  private ownImages: DatasetInfo | null = null;
  private ownImageData: ImageDataset | null = null;

  constructor(core: ClientCore, baseUrl: string, pretrained: () => PretrainedStart) {
    this.core = core;
    this.baseUrl = baseUrl;
    this.pretrained = pretrained;
    this.manifest = loadManifest(fetchSource(baseUrl)).then(withShapesInfo);
    this.manifest.then(
      (manifest) => core.setState({ ...core.state, manifest: withImageInfo(manifest, this.ownImages) }),
      (err: unknown) => core.notice('error', `The dataset list could not be loaded: ${errorText(err)}`),
    );
  }

  /** The test split of the current dataset, loaded once (a failed download is tried again next time). */
  getTestSet(): Promise<DataSplit> {
    const dataset = this.core.state.config.dataset;
    let split = this.testSets.get(dataset);
    if (!split) {
      // Not before the first paint: it needs the bandwidth, and the map does not need the images.
      // Shapes' evaluation set is drawn here as the worker draws it (the same bytes, a fraction of a second).
      split = this.pretrained()
        .settled.then(() => this.manifest)
        .then((m) => (dataset === 'shapes' ? makeEvalSet(SHAPES_DATA_SEED).split : loadSplit(fetchSource(this.baseUrl), m, dataset, 'test', () => {})));
      split.catch(() => this.testSets.delete(dataset));
      this.testSets.set(dataset, split);
    }
    return split;
  }

  /** A worker's init for this config carries the user's images when it trains on them. */
  imagesFor(config: SessionConfig): { images?: ImageDataset } {
    return config.dataset === IMAGES_DATASET && this.ownImageData ? { images: copyImages(this.ownImageData) } : {};
  }

  /** Trains on the user's own images (new weights, step 0); on failure the current model and images stay. */
  async useImages(images: ImageDataset): Promise<{ config: SessionConfig; step: number }> {
    const core = this.core;
    const test = imageSplits(images).test;
    this.pretrained().cancel();
    const before = { info: this.ownImages, test: this.testSets.get(IMAGES_DATASET) };
    // In place before the reply, so the page never shows the new dataset without its classes and test images.
    this.showOwnImages(imageInfo(images), Promise.resolve(test));
    try {
      const reply = await core.askTrainer((id) => ({ type: 'useImages', id, config: core.state.config, images: copyImages(images) }));
      if (reply.type !== 'loaded') throw new Error(`useImages: unexpected reply ${reply.type}`);
      this.ownImageData = images;
      return { config: reply.config, step: reply.step };
    } catch (err) {
      this.showOwnImages(before.info, before.test);
      throw err;
    }
  }

  private showOwnImages(info: DatasetInfo | null, test: Promise<DataSplit> | undefined): void {
    const core = this.core;
    this.ownImages = info;
    if (test) this.testSets.set(IMAGES_DATASET, test);
    else this.testSets.delete(IMAGES_DATASET);
    core.setState({ ...core.state, manifest: withImageInfo(core.state.manifest ?? { version: 1, datasets: [] }, info) });
  }
}
