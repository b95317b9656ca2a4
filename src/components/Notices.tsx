// Messages from the workers and from reading the link, readable and dismissible.
// Text only: a message is never interpreted as HTML.
import type { Notice } from '../client/clientTypes';
import { useLanguage } from './i18n/LanguageProvider';
import { noticeText } from './i18n/noticeText';

export interface NoticeItem extends Pick<Notice, 'level' | 'message'> {
  key: string;
  onDismiss(): void;
}

const TITLES = { info: 'notice.info', warning: 'notice.warning', error: 'notice.error' } as const satisfies Record<Notice['level'], string>;

export function Notices({ items }: { items: NoticeItem[] }) {
  const { t, lang } = useLanguage();
  if (items.length === 0) return null;
  return (
    <ul className="notices" aria-label={t('notice.list')}>
      {items.map((n) => (
        <li key={n.key} className={`notice is-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <strong className="notice-title">{t(TITLES[n.level])}</strong>
          <span className="notice-text">{noticeText(n.message, lang)}</span>
          <button type="button" className="notice-close" aria-label={t('notice.dismiss')} onClick={n.onDismiss}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
