// "Open model…" and "Export for PyTorch" in the Save / Load menu. Opening reads every picked
// file (several at once, a folder, or a .zip), turns them into a checkpoint with the model
// layer's importer (src/model/importModel.ts) and hands its bytes to the menu's own load path,
// so an imported model opens exactly like a saved one; any refusal leaves the model untouched.
// Exporting saves the current model, converts it (src/model/torchExport.ts) and downloads a
// .zip of model.safetensors, vae.json and load_vae.py.
import { zipSync } from 'fflate';
import { useState } from 'react';
import { version as playgroundVersion } from '../../package.json';
import loadVaePy from '../../scripts/python/load_vae.py?raw';
import { parseCheckpoint, serializeCheckpoint } from '../model/checkpoint';
import { importModelFiles, MAX_IMPORT_BYTES, type ImportedModel, type ModelFile } from '../model/importModel';
import { exportForTorch } from '../model/torchExport';
import { downloadBlob, exportFileName, megabytes as mb, type RunLabel } from './exportPanels';
import type { Translate } from './i18n/translate';
import { useT } from './i18n/LanguageProvider';
import type { NoticeLevel } from './noticeLevel';
import './modelExchange.css';

interface ModelExchangeProps {
  disabled: boolean;
  canExport: boolean;
  run: RunLabel;
  /** The current model as .vaeckpt bytes, or null after the menu has shown why not. */
  saveBytes(): Promise<ArrayBuffer | null>;
  /** The menu's load path: replaces the model only if the worker accepts the bytes. */
  onLoad(bytes: ArrayBuffer, source: string): Promise<void>;
  onNotice(level: NoticeLevel, message: string): void;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** "imported from PyTorch, step 12,000", or null for our own .vaeckpt. */
export function originText(t: Translate, imported: ImportedModel): string | null {
  const o = imported.origin;
  if (!o) return null;
  const step = o.step.toLocaleString('en-US');
  if (o.producer === 'pytorch') return t('exchange.origin.pytorch', { step });
  if (o.producer === 'keras') return t('exchange.origin.keras', { step });
  return t('exchange.origin.playground', { step });
}

/** A picked file's name, with its folder when the browser gives one (a folder pick). */
const pathOf = (f: File) => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;

export function ModelExchange({ disabled, canExport, run, saveBytes, onLoad, onNotice }: ModelExchangeProps) {
  const t = useT();
  const [busy, setBusy] = useState(false);

  const open = async (list: File[]) => {
    if (list.length === 0) return;
    const source = list.length === 1 ? t('saveload.quoted', { name: list[0].name.slice(0, 80) }) : t('exchange.files', { n: list.length });
    const total = list.reduce((s, f) => s + f.size, 0);
    if (total > MAX_IMPORT_BYTES) {
      onNotice('error', t('exchange.tooLarge', { source, size: mb(total), max: mb(MAX_IMPORT_BYTES) }));
      return;
    }
    setBusy(true);
    try {
      let files: ModelFile[];
      try {
        files = await Promise.all(list.map(async (f) => ({ name: pathOf(f), bytes: new Uint8Array(await f.arrayBuffer()) })));
      } catch (err) {
        onNotice('error', t('exchange.readFailed', { source, message: errorText(err) }));
        return;
      }
      let imported: ImportedModel;
      let bytes: ArrayBuffer;
      try {
        imported = importModelFiles(files);
        bytes = serializeCheckpoint(imported.checkpoint);
      } catch (err) {
        onNotice('error', t('exchange.refused', { source, message: errorText(err) }));
        return;
      }
      const origin = originText(t, imported);
      await onLoad(bytes, origin ? t('exchange.withOrigin', { source, origin }) : source);
    } finally {
      setBusy(false);
    }
  };

  const exportTorch = async () => {
    setBusy(true);
    try {
      const saved = await saveBytes();
      if (!saved) return;
      const { safetensors, manifest } = exportForTorch(parseCheckpoint(saved), playgroundVersion);
      const zip = zipSync({
        'model.safetensors': [safetensors, { level: 0 }],
        'vae.json': new TextEncoder().encode(manifest),
        'load_vae.py': new TextEncoder().encode(loadVaePy),
      });
      const file = exportFileName(run, 'pytorch', 'zip');
      downloadBlob(new Blob([zip], { type: 'application/zip' }), file);
      onNotice('info', t('exchange.exported', { file, size: mb(zip.byteLength) }));
    } catch (err) {
      onNotice('error', t('exchange.exportFailed', { message: errorText(err) }));
    } finally {
      setBusy(false);
    }
  };

  const off = disabled || busy;
  const picker = (folder: boolean) => (
    <label className={`button-like ${off ? 'is-disabled' : ''}`}>
      {t(folder ? 'exchange.openFolder' : 'exchange.open')}
      <input
        type="file"
        className="visually-hidden"
        aria-label={t(folder ? 'exchange.openFolderAria' : 'exchange.open')}
        multiple
        {...(folder ? { webkitdirectory: '' } : { accept: '.vaeckpt,.safetensors,.json,.bin,.zip' })}
        disabled={off}
        onChange={(e) => {
          const picked = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          void open(picked);
        }}
      />
    </label>
  );

  return (
    <section>
      <h3>{t('exchange.heading')}</h3>
      <div className="saveload-row">
        {picker(false)}
        {picker(true)}
      </div>
      <p className="saveload-hint">{t('exchange.hint')}</p>
      <div className="saveload-row">
        <button type="button" disabled={!canExport || busy} title={t('exchange.exportTitle')} onClick={() => void exportTorch()}>
          {t('exchange.export')}
        </button>
      </div>
    </section>
  );
}
