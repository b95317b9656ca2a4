// Messages from the workers and from reading the link, readable and dismissible.
// Text only: a message is never interpreted as HTML.
import type { Notice } from '../workers/clientTypes';

export interface NoticeItem extends Pick<Notice, 'level' | 'message'> {
  key: string;
  onDismiss(): void;
}

const TITLES: Record<Notice['level'], string> = { info: 'Note', warning: 'Warning', error: 'Error' };

export function Notices({ items }: { items: NoticeItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="notices" aria-label="Notices">
      {items.map((n) => (
        <li key={n.key} className={`notice is-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <strong className="notice-title">{TITLES[n.level]}</strong>
          <span className="notice-text">{n.message}</span>
          <button type="button" className="notice-close" aria-label="Dismiss" onClick={n.onDismiss}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
