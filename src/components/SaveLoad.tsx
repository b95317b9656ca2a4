// The header's "Save / Load" menu: the trained model to a file or this browser and back, and
// the exports (curves as CSV, panels as PNG). Every failure is a readable notice and leaves
// the current model as it was: a file is checked for size before it is read, and the worker
// replaces the session only after the whole checkpoint has been validated.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ClientState } from '../workers/clientTypes';
import {
  deleteCheckpoint,
  listCheckpoints,
  putCheckpoint,
  readCheckpointBytes,
  type StoredCheckpoint,
} from './checkpointStore';
import { ExportButtons } from './ExportButtons';
import { describeRun, downloadBlob, exportFileName, megabytes as mb, type RunLabel } from './exportPanels';
import { SavedCheckpoints } from './SavedCheckpoints';
import { useClientState, usePlaygroundClient } from './usePlayground';
import './saveload.css';

export const MAX_CHECKPOINT_FILE_BYTES = 64 * 1024 * 1024;
const EXTENSION = 'vaeckpt';

export type NoticeLevel = 'info' | 'warning' | 'error';

interface SaveLoadProps {
  onNotice(level: NoticeLevel, message: string): void;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

function runLabel(state: ClientState): RunLabel {
  const { dataset, model } = state.config;
  return { dataset, kind: model.kind, latentDim: model.latentDim, step: state.step };
}

export function SaveLoad({ onNotice }: SaveLoadProps) {
  const client = usePlaygroundClient();
  const state = useClientState();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [saved, setSaved] = useState<StoredCheckpoint[] | null>(null);
  const [name, setName] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const ready = state.phase === 'ready' && busy === null;
  const canSave = ready && typeof client.save === 'function';
  const canLoad = ready && typeof client.load === 'function';
  const titleOf = (dataset: string) => state.manifest?.datasets.find((d) => d.name === dataset)?.title ?? dataset;
  const describe = (run: RunLabel) => describeRun(run, titleOf(run.dataset));

  const refresh = useCallback(() => {
    listCheckpoints().then(setSaved, (err: unknown) => {
      setSaved([]);
      onNotice('warning', `Saved checkpoints cannot be listed: ${errorText(err)}`);
    });
  }, [onNotice]);
  useEffect(() => {
    if (open) refresh();
  }, [open, refresh]);

  // Closes on Escape and on a press outside, like any menu.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open]);

  const run = async (what: string, work: () => Promise<void>) => {
    setBusy(what);
    try {
      await work();
    } finally {
      setBusy(null);
    }
  };

  const saveBytes = async (): Promise<ArrayBuffer | null> => {
    try {
      if (!client.save) throw new Error('this build cannot save');
      return await client.save();
    } catch (err) {
      onNotice('error', `The model could not be saved: ${errorText(err)}`);
      return null;
    }
  };

  const saveToFile = () =>
    run('save-file', async () => {
      const bytes = await saveBytes();
      if (!bytes) return;
      const file = exportFileName(runLabel(state), 'checkpoint', EXTENSION);
      downloadBlob(new Blob([bytes], { type: 'application/octet-stream' }), file);
      onNotice('info', `Saved the model as ${file} (${mb(bytes.byteLength)}).`);
    });

  const saveInBrowser = () =>
    run('save-browser', async () => {
      const bytes = await saveBytes();
      if (!bytes) return;
      const run = runLabel(state);
      const label = name.trim().slice(0, 80) || describe(run);
      try {
        const summary = { ...run, kind: state.config.model.kind, name: label, savedAt: new Date().toISOString(), size: bytes.byteLength };
        await putCheckpoint(summary, bytes);
        setName('');
        refresh();
        onNotice('info', `Saved “${label}” in this browser.`);
      } catch (err) {
        onNotice('error', `The model could not be saved in this browser: ${errorText(err)}`);
      }
    });

  /** Hands the bytes to the worker; on failure the worker's own notice is replaced by one naming the source. */
  const loadBytes = async (bytes: ArrayBuffer, source: string) => {
    try {
      if (!client.load) throw new Error('this build cannot load');
      const { config, step } = await client.load(bytes);
      onNotice('info', `Loaded ${source}: ${describe({ dataset: config.dataset, kind: config.model.kind, latentDim: config.model.latentDim, step })}.`);
      setOpen(false);
    } catch (err) {
      const message = errorText(err);
      const echoed = client.getState().notices.find((n) => n.code === 'checkpoint' && n.message === message);
      if (echoed) client.dismissNotice(echoed.id);
      onNotice('error', `Could not load ${source}. ${message}${/unchanged/.test(message) ? '' : ' The current model is unchanged.'}`);
    }
  };

  const loadFile = (file: File) =>
    run('load-file', async () => {
      const source = `“${file.name.slice(0, 80)}”`;
      if (file.size > MAX_CHECKPOINT_FILE_BYTES) {
        onNotice('error', `Could not load ${source}: it is ${mb(file.size)}, and a checkpoint is at most ${mb(MAX_CHECKPOINT_FILE_BYTES)}. The current model is unchanged.`);
        return;
      }
      if (file.size === 0) {
        onNotice('error', `Could not load ${source}: the file is empty. The current model is unchanged.`);
        return;
      }
      let bytes: ArrayBuffer;
      try {
        bytes = await file.arrayBuffer();
      } catch (err) {
        onNotice('error', `Could not read ${source}: ${errorText(err)}. The current model is unchanged.`);
        return;
      }
      await loadBytes(bytes, source);
    });

  const loadSaved = (entry: StoredCheckpoint) =>
    run('load-browser', async () => {
      let bytes: ArrayBuffer;
      try {
        bytes = await readCheckpointBytes(entry.id);
      } catch (err) {
        onNotice('error', `${errorText(err)} The current model is unchanged.`);
        return;
      }
      await loadBytes(bytes, `“${entry.name}”`);
    });

  const remove = (entry: StoredCheckpoint) =>
    run('delete', async () => {
      try {
        await deleteCheckpoint(entry.id);
      } catch (err) {
        onNotice('error', errorText(err));
      }
      refresh();
    });

  return (
    <div className="saveload" ref={root}>
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Save / Load <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id={panelId} className="saveload-panel" role="group" aria-label="Save, load and export">
          <section>
            <h3>Save the model</h3>
            <input type="text" aria-label="Checkpoint name" placeholder="Name (optional)" maxLength={80} value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <div className="saveload-row">
              <button type="button" disabled={!canSave} onClick={saveToFile}>Save to file</button>
              <button type="button" disabled={!canSave} onClick={saveInBrowser}>Save in browser</button>
            </div>
          </section>
          <section>
            <h3>Load a model</h3>
            <label className={`button-like ${canLoad ? '' : 'is-disabled'}`}>
              Load from file…
              <input
                type="file"
                className="visually-hidden"
                aria-label="Load checkpoint file"
                accept={`.${EXTENSION},application/octet-stream`}
                disabled={!canLoad}
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  e.currentTarget.value = '';
                  if (file) void loadFile(file);
                }}
              />
            </label>
            <h4>Load from browser</h4>
            <SavedCheckpoints entries={saved} titleOf={titleOf} disabled={!canLoad} onLoad={loadSaved} onDelete={remove} />
          </section>
          <section>
            <h3>Export</h3>
            <ExportButtons run={runLabel(state)} datasetTitle={titleOf(state.config.dataset)} onNotice={onNotice} />
          </section>
          {busy && <p className="saveload-busy" role="status">Working…</p>}
        </div>
      )}
    </div>
  );
}
