// The checkpoints saved in this browser, newest first: each loads with one press and can be
// deleted. The list shows the summary stored beside the bytes, never the bytes themselves.
import type { StoredCheckpoint } from './checkpointStore';
import { describeRun, megabytes } from './exportPanels';
import { useT } from './i18n/LanguageProvider';

interface SavedCheckpointsProps {
  /** null while the list is being read. */
  entries: StoredCheckpoint[] | null;
  titleOf(dataset: string): string;
  disabled: boolean;
  onLoad(entry: StoredCheckpoint): void;
  onDelete(entry: StoredCheckpoint): void;
}

export function SavedCheckpoints({ entries, titleOf, disabled, onLoad, onDelete }: SavedCheckpointsProps) {
  const t = useT();
  if (entries === null) return <p className="saveload-empty">{t('saveload.reading')}</p>;
  if (entries.length === 0) return <p className="saveload-empty">{t('saveload.empty')}</p>;
  return (
    <ul className="saveload-list" aria-label={t('saveload.savedList')}>
      {entries.map((e) => (
        <li key={e.id}>
          <button type="button" className="saveload-entry" disabled={disabled} aria-label={t('saveload.loadEntry', { name: e.name })} onClick={() => onLoad(e)}>
            <span className="saveload-name">{e.name}</span>
            <span className="saveload-meta">
              {describeRun(e, titleOf(e.dataset), t('saveload.stepWord'))} · {new Date(e.savedAt).toLocaleString()} · {megabytes(e.size)}
            </span>
          </button>
          <button
            type="button"
            className="saveload-delete"
            disabled={disabled}
            aria-label={t('saveload.deleteEntry', { name: e.name })}
            title={t('saveload.deleteTitle')}
            onClick={() => onDelete(e)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
