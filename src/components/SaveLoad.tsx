// The header's "Save / Load" menu: the trained model to a file or this browser and back, and
// the exports (curves as CSV, panels as PNG). Every failure is a readable notice and leaves
// the current model as it was: a file is checked for size before it is read, and the worker
// replaces the session only after the whole checkpoint has been validated.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useMenuDismiss } from './useMenuDismiss';
import type { ClientState } from '../client/clientTypes';
import {
  deleteCheckpoint,
  listCheckpoints,
  putCheckpoint,
  readCheckpointBytes,
  type StoredCheckpoint,
} from './checkpointStore';
import { ExportButtons } from './ExportButtons';
import { describeRun, downloadBlob, exportFileName, megabytes as mb, type RunLabel } from './exportPanels';
import { useT } from './i18n/LanguageProvider';
import { SavedCheckpoints } from './SavedCheckpoints';
import { ModelExchange } from './ModelExchange';
import type { NoticeLevel } from './noticeLevel';
import { useClientState, usePlaygroundClient } from './usePlayground';
import './saveload.css';

export const MAX_CHECKPOINT_FILE_BYTES = 64 * 1024 * 1024;
const EXTENSION = 'vaeckpt';

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
  const t = useT();
  const [open, setOpen] = useState(false);
  const closeMenu = useCallback(() => setOpen(false), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [saved, setSaved] = useState<StoredCheckpoint[] | null>(null);
  const [name, setName] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const ready = state.phase === 'ready' && busy === null;
  const canSave = ready;
  const canLoad = ready;
  const titleOf = (dataset: string) => state.manifest?.datasets.find((d) => d.name === dataset)?.title ?? dataset;
  const describe = (run: RunLabel) => describeRun(run, titleOf(run.dataset), t('saveload.stepWord'));

  const refresh = useCallback(() => {
    listCheckpoints().then(setSaved, (err: unknown) => {
      setSaved([]);
      onNotice('warning', t('saveload.listFailed', { message: errorText(err) }));
    });
  }, [onNotice, t]);
  useEffect(() => {
    if (open) refresh();
  }, [open, refresh]);

  useMenuDismiss(open, closeMenu, root);

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
      return await client.save();
    } catch (err) {
      onNotice('error', t('saveload.saveFailed', { message: errorText(err) }));
      return null;
    }
  };

  const saveToFile = () =>
    run('save-file', async () => {
      const bytes = await saveBytes();
      if (!bytes) return;
      const file = exportFileName(runLabel(state), 'checkpoint', EXTENSION);
      downloadBlob(new Blob([bytes], { type: 'application/octet-stream' }), file);
      onNotice('info', t('saveload.savedFile', { file, size: mb(bytes.byteLength) }));
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
        onNotice('info', t('saveload.savedBrowser', { name: label }));
      } catch (err) {
        onNotice('error', t('saveload.saveBrowserFailed', { message: errorText(err) }));
      }
    });

  /** Hands the bytes to the worker; on failure the worker's own notice is replaced by one naming the source. */
  const loadBytes = async (bytes: ArrayBuffer, source: string) => {
    try {
      const { config, step } = await client.load(bytes);
      const loaded = describe({ dataset: config.dataset, kind: config.model.kind, latentDim: config.model.latentDim, step });
      onNotice('info', t('saveload.loaded', { source, run: loaded }));
      setOpen(false);
    } catch (err) {
      const message = errorText(err);
      const echoed = client.getState().notices.find((n) => n.code === 'checkpoint' && n.message === message);
      if (echoed) client.dismissNotice(echoed.id);
      onNotice('error', t(/unchanged/.test(message) ? 'saveload.loadFailed' : 'saveload.loadFailedUnchanged', { source, message }));
    }
  };

  const loadFile = (file: File) =>
    run('load-file', async () => {
      const source = t('saveload.quoted', { name: file.name.slice(0, 80) });
      if (file.size > MAX_CHECKPOINT_FILE_BYTES) {
        onNotice('error', t('saveload.tooLarge', { source, size: mb(file.size), max: mb(MAX_CHECKPOINT_FILE_BYTES) }));
        return;
      }
      if (file.size === 0) {
        onNotice('error', t('saveload.emptyFile', { source }));
        return;
      }
      let bytes: ArrayBuffer;
      try {
        bytes = await file.arrayBuffer();
      } catch (err) {
        onNotice('error', t('saveload.readFailed', { source, message: errorText(err) }));
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
        onNotice('error', t('saveload.readSavedFailed', { message: errorText(err) }));
        return;
      }
      await loadBytes(bytes, t('saveload.quoted', { name: entry.name }));
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
    <div className="saveload header-menu" ref={root}>
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {t('saveload.button')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id={panelId} className="saveload-panel header-menu-panel" role="group" aria-label={t('saveload.panel')}>
          <section>
            <h3>{t('saveload.saveHeading')}</h3>
            <input type="text" aria-label={t('saveload.nameAria')} placeholder={t('saveload.namePlaceholder')} maxLength={80} value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <div className="saveload-row">
              <button type="button" disabled={!canSave} onClick={saveToFile}>{t('saveload.saveFile')}</button>
              <button type="button" disabled={!canSave} onClick={saveInBrowser}>{t('saveload.saveBrowser')}</button>
            </div>
          </section>
          <section>
            <h3>{t('saveload.loadHeading')}</h3>
            <label className={`button-like ${canLoad ? '' : 'is-disabled'}`}>
              {t('saveload.loadFile')}
              <input
                type="file"
                className="visually-hidden"
                aria-label={t('saveload.loadFileAria')}
                accept={`.${EXTENSION},application/octet-stream`}
                disabled={!canLoad}
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  e.currentTarget.value = '';
                  if (file) void loadFile(file);
                }}
              />
            </label>
            <h4>{t('saveload.loadBrowser')}</h4>
            <SavedCheckpoints entries={saved} titleOf={titleOf} disabled={!canLoad} onLoad={loadSaved} onDelete={remove} />
          </section>
          <ModelExchange
            disabled={!canLoad}
            canExport={canSave}
            run={runLabel(state)}
            saveBytes={saveBytes}
            onLoad={(bytes, source) => run('open-model', () => loadBytes(bytes, source))}
            onNotice={onNotice}
          />
          <section>
            <h3>{t('saveload.exportHeading')}</h3>
            <ExportButtons run={runLabel(state)} datasetTitle={titleOf(state.config.dataset)} onNotice={onNotice} />
          </section>
          {busy && <p className="saveload-busy" role="status">{t('saveload.working')}</p>}
        </div>
      )}
    </div>
  );
}
