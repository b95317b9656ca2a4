// The header's "Your images" menu: pick or drop a folder, a zip, loose images or a sprite
// sheet; a worker converts them to 28 × 28 gray with a progress bar; the preview, the split
// and the skipped files with their reasons show here; "Train on these" trains a new model on
// them like on a built-in dataset. Everything stays in this browser. A failure at any step
// is a readable message, and the current model is only replaced once the images are in.
import { useCallback, useId, useRef, useState, type DragEvent } from 'react';
import { useMenuDismiss } from './useMenuDismiss';
import { splitImages, splitIndices } from '../data/imageImport/split';
import type { SpriteOptions } from '../data/imageImport/sprites';
import { IMPORT_LIMITS, type ConvertedImages } from '../data/imageImport/types';
import type { ImportFile } from '../shared/protocol';
import { useLanguage } from './i18n/LanguageProvider';
import type { NoticeLevel } from './noticeLevel';
import { droppedEntries, droppedFiles, pickedFiles } from './upload/pickedFiles';
import { PreviewGrid } from './upload/PreviewGrid';
import { SkippedList } from './upload/SkippedList';
import { useImageImport } from './upload/useImageImport';
import { useClientState, usePlaygroundClient } from './usePlayground';
import './upload/upload.css';

const MAX_CELL = 4096;

interface UploadPanelProps {
  onNotice(level: NoticeLevel, message: string): void;
}

const cellSize = (text: string) => Math.min(MAX_CELL, Math.max(1, Math.round(Number(text) || 28)));

function summary(images: ConvertedImages, seed: number, t: ReturnType<typeof useLanguage>['t']): string {
  if (images.count < IMPORT_LIMITS.minImages) return t('upload.tooFew', { min: IMPORT_LIMITS.minImages, count: images.count });
  const { train, test } = splitIndices(images.labels, seed);
  const counts = { count: images.count.toLocaleString('en'), train: train.length.toLocaleString('en'), test: test.length.toLocaleString('en') };
  if (images.classes.length === 1) return t('upload.summaryOne', counts);
  const names = images.classes.length > 12 ? `${images.classes.slice(0, 12).join(', ')}, …` : images.classes.join(', ');
  return t('upload.summary', { ...counts, classes: images.classes.length, names });
}

export function UploadPanel({ onNotice }: UploadPanelProps) {
  const client = usePlaygroundClient();
  const state = useClientState();
  const { t } = useLanguage();
  const [open, setOpen] = useState(false);
  const closeMenu = useCallback(() => setOpen(false), []);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [cell, setCell] = useState({ width: '28', height: '28', rows: false });
  const { state: job, start, cancel } = useImageImport();
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useMenuDismiss(open, closeMenu, root);

  const sprite = (): SpriteOptions => ({ cellWidth: cellSize(cell.width), cellHeight: cellSize(cell.height), rowsAreClasses: cell.rows });
  const importFiles = (files: ImportFile[], asSheet = false) => start(asSheet ? files.slice(0, 1) : files, asSheet ? sprite() : null);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const dropped = droppedEntries(e.dataTransfer);
    droppedFiles(dropped).then(importFiles, (err: unknown) => onNotice('error', t('upload.importFailed', { message: String(err) })));
  };

  const images = job.phase === 'done' ? job.images : null;
  const canTrain = images !== null && images.count >= IMPORT_LIMITS.minImages && state.phase === 'ready' && !busy;

  const train = async () => {
    if (!images) return;
    setBusy(true);
    try {
      const dataset = splitImages(images, state.config.seed);
      await client.useImages(dataset);
      client.play();
      onNotice('info', t('upload.training', { title: dataset.title, train: dataset.train.count, test: dataset.test.count }));
      setOpen(false);
    } catch (err) {
      onNotice('error', t('upload.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  const fileInput = (label: string, aria: string, props: { multiple?: boolean; folder?: boolean; accept?: string; sheet?: boolean }) => (
    <label className="button-like">
      {label}
      <input
        type="file"
        className="visually-hidden"
        aria-label={aria}
        multiple={props.multiple}
        accept={props.accept}
        {...(props.folder ? { webkitdirectory: '' } : {})}
        onChange={(e) => {
          const files = pickedFiles(e.currentTarget.files);
          e.currentTarget.value = '';
          importFiles(files, props.sheet);
        }}
      />
    </label>
  );

  return (
    <div className="upload header-menu" ref={root}>
      <button type="button" aria-expanded={open} aria-controls={panelId} title={t('upload.buttonTitle')} onClick={() => setOpen(!open)}>
        {t('upload.button')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          id={panelId}
          className="upload-panel header-menu-panel"
          role="group"
          aria-label={t('upload.button')}
          data-dragging={dragging}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={onDrop}
        >
          <p className="upload-intro">{t('upload.intro')}</p>
          <div className="upload-row">
            {fileInput(t('upload.folder'), t('upload.folderAria'), { multiple: true, folder: true })}
            {fileInput(t('upload.files'), t('upload.filesAria'), { multiple: true, accept: '.png,.jpg,.jpeg,.zip,image/png,image/jpeg,application/zip' })}
          </div>
          <fieldset className="upload-sprite">
            <legend>{t('upload.sprite')}</legend>
            <label>
              {t('upload.cellWidth')}
              <input type="number" min={1} max={MAX_CELL} step={1} value={cell.width} onChange={(e) => setCell({ ...cell, width: e.currentTarget.value })} />
            </label>
            <label>
              {t('upload.cellHeight')}
              <input type="number" min={1} max={MAX_CELL} step={1} value={cell.height} onChange={(e) => setCell({ ...cell, height: e.currentTarget.value })} />
            </label>
            <label className="upload-check">
              <input type="checkbox" checked={cell.rows} onChange={(e) => setCell({ ...cell, rows: e.currentTarget.checked })} />
              {t('upload.rowsAreClasses')}
            </label>
            {fileInput(t('upload.spriteFile'), t('upload.spriteAria'), { accept: '.png,.jpg,.jpeg,image/png,image/jpeg', sheet: true })}
          </fieldset>
          <p className="upload-drop" aria-hidden="true">{t('upload.drop')}</p>

          {job.phase === 'running' && (
            <div className="upload-progress">
              <div
                className="upload-track"
                role="progressbar"
                aria-label={t('upload.progress')}
                aria-valuemin={0}
                aria-valuemax={job.total || 1}
                aria-valuenow={job.done}
              >
                <div className="upload-fill" style={{ width: `${job.total ? (100 * job.done) / job.total : 0}%` }} />
              </div>
              <span className="num">{job.total ? t('upload.progressCount', { done: job.done.toLocaleString('en'), total: job.total.toLocaleString('en') }) : t('upload.reading')}</span>
              <button type="button" onClick={cancel}>{t('upload.cancel')}</button>
            </div>
          )}
          {job.phase === 'failed' && <p className="upload-error" role="alert">{t('upload.importFailed', { message: job.message })}</p>}
          {images && (
            <>
              <p className="upload-summary" role="status">{summary(images, state.config.seed, t)}</p>
              {images.inverted > 0 && <p className="upload-note">{t('upload.inverted', { n: images.inverted.toLocaleString('en') })}</p>}
              {images.tooManyClasses > 0 && <p className="upload-note">{t('upload.tooManyClasses', { n: images.tooManyClasses, max: IMPORT_LIMITS.maxClasses })}</p>}
              <PreviewGrid images={images} />
              <SkippedList skipped={images.skipped} />
              <button type="button" className="upload-train" disabled={!canTrain} onClick={() => void train()}>
                {t('upload.train')}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
