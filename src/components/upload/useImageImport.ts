// One import at a time and its progress, as React state; a new import or leaving the page
// cancels the one under way (its worker is terminated).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SpriteOptions } from '../../data/imageImport/sprites';
import type { ConvertedImages } from '../../data/imageImport/types';
import { ImportCancelled, startImport, type ImportHandle } from '../../client/importClient';
import type { ImportFile } from '../../shared/protocol';

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'running'; done: number; total: number }
  | { phase: 'done'; images: ConvertedImages }
  | { phase: 'failed'; message: string };

export function useImageImport() {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const handle = useRef<ImportHandle | null>(null);

  const stop = useCallback(() => {
    handle.current?.cancel();
    handle.current = null;
  }, []);
  useEffect(() => stop, [stop]);
  const cancel = useCallback(() => {
    stop();
    setState({ phase: 'idle' });
  }, [stop]);

  const start = useCallback(
    (files: ImportFile[], sprite: SpriteOptions | null) => {
      stop();
      if (files.length === 0) return;
      setState({ phase: 'running', done: 0, total: 0 });
      const h = startImport(files, sprite, (done, total) => {
        if (handle.current === h) setState({ phase: 'running', done, total });
      });
      handle.current = h;
      h.result.then(
        (images) => handle.current === h && setState({ phase: 'done', images }),
        (err: unknown) => {
          // A cancelled import's state was already replaced (by cancel() or the next import).
          if (!(err instanceof ImportCancelled) && handle.current === h) setState({ phase: 'failed', message: err instanceof Error ? err.message : String(err) });
        },
      );
    },
    [stop],
  );
  return { state, start, cancel };
}
