// The page's side of the image import worker: one import at a time, each in a fresh worker,
// so cancelling (or starting another) simply ends the old one and frees its memory.

import type { SpriteOptions } from '../data/imageImport/sprites';
import type { ConvertedImages } from '../data/imageImport/types';
import type { FromImporter, ImportFile, ToImporter } from '../shared/protocol';

export interface ImportHandle {
  result: Promise<ConvertedImages>;
  cancel(): void;
}

export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled.');
    this.name = 'ImportCancelled';
  }
}

export function startImport(files: ImportFile[], sprite: SpriteOptions | null, onProgress: (done: number, total: number) => void): ImportHandle {
  const worker = new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module' });
  let settle: { resolve(v: ConvertedImages): void; reject(e: Error): void } | null = null;
  const result = new Promise<ConvertedImages>((resolve, reject) => (settle = { resolve, reject }));
  const finish = (outcome: ConvertedImages | Error) => {
    worker.terminate();
    const s = settle;
    settle = null;
    if (!s) return;
    if (outcome instanceof Error) s.reject(outcome);
    else s.resolve(outcome);
  };
  worker.onmessage = (e: MessageEvent<FromImporter>) => {
    const msg = e.data;
    if (msg.type === 'importProgress') onProgress(msg.done, msg.total);
    else if (msg.type === 'imported') finish(msg.images);
    else finish(new Error(msg.message));
  };
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    finish(new Error(e.message || 'the import worker could not start'));
  };
  const msg: ToImporter = { type: 'import', files, sprite };
  worker.postMessage(msg);
  return { result, cancel: () => finish(new ImportCancelled()) };
}
