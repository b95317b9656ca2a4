// The (i) beside a control or panel: opens the explanation drawer at that idea's section.
import { useT } from '../i18n/LanguageProvider';
import { useExplain } from './ExplainContext';
import type { SectionId } from './explainStore';
import { preloadDrawer } from './ExplainDrawer';
import { SECTION_TOPIC } from './sectionText';
import './infoButton.css';

export function InfoButton({ section, className }: { section: SectionId; className?: string }) {
  const store = useExplain();
  const t = useT();
  const name = t('explain.open', { topic: t(SECTION_TOPIC[section]) });
  return (
    <button
      type="button"
      className={`xp-info ${className ?? ''}`.trim()}
      aria-label={name}
      title={name}
      data-section={section}
      onPointerEnter={() => void preloadDrawer().catch(() => undefined)}
      onFocus={() => void preloadDrawer().catch(() => undefined)}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        store.open(section);
      }}
    >
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.3" />
        <circle cx="8" cy="4.7" r="1" fill="currentColor" />
        <path d="M8 7.2v4.6" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
    </button>
  );
}
