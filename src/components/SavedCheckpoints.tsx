// The checkpoints saved in this browser, newest first: each loads with one press and can be
// deleted. The list shows the summary stored beside the bytes, never the bytes themselves.
import type { StoredCheckpoint } from './checkpointStore';
import { describeRun, megabytes } from './exportPanels';

interface SavedCheckpointsProps {
  /** null while the list is being read. */
  entries: StoredCheckpoint[] | null;
  titleOf(dataset: string): string;
  disabled: boolean;
  onLoad(entry: StoredCheckpoint): void;
  onDelete(entry: StoredCheckpoint): void;
}

export function SavedCheckpoints({ entries, titleOf, disabled, onLoad, onDelete }: SavedCheckpointsProps) {
  if (entries === null) return <p className="saveload-empty">Reading…</p>;
  if (entries.length === 0) return <p className="saveload-empty">Nothing saved in this browser yet.</p>;
  return (
    <ul className="saveload-list" aria-label="Saved in this browser">
      {entries.map((e) => (
        <li key={e.id}>
          <button type="button" className="saveload-entry" disabled={disabled} aria-label={`Load ${e.name}`} onClick={() => onLoad(e)}>
            <span className="saveload-name">{e.name}</span>
            <span className="saveload-meta">
              {describeRun(e, titleOf(e.dataset))} · {new Date(e.savedAt).toLocaleString()} · {megabytes(e.size)}
            </span>
          </button>
          <button
            type="button"
            className="saveload-delete"
            disabled={disabled}
            aria-label={`Delete ${e.name}`}
            title="Delete from this browser"
            onClick={() => onDelete(e)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
