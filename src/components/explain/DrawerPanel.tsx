// The explanation drawer: one short section per idea, reached from the (i) buttons beside the
// controls or from its own row of numbered, named topics. Non-modal, so the student can move a
// slider and watch the numbers in the open section change. Loaded on first open, with its
// sections, styles and the formula renderer (ExplainDrawer.tsx).
import { useEffect, useRef, type ComponentType } from 'react';
import { useT } from '../i18n/LanguageProvider';
import { useDrawer, useExplain } from './ExplainContext';
import { SECTION_IDS, type SectionId } from './explainStore';
import { ActiveSection } from './sections/ActiveSection';
import { ContinuitySection } from './sections/ContinuitySection';
import { DisentangleSection } from './sections/DisentangleSection';
import { ElboSection } from './sections/ElboSection';
import { KlSection } from './sections/KlSection';
import { LikelihoodSection } from './sections/LikelihoodSection';
import { LogpxSection } from './sections/LogpxSection';
import { McSection } from './sections/McSection';
import { NetworkSection } from './sections/NetworkSection';
import { RdSection } from './sections/RdSection';
import { ReparamSection } from './sections/ReparamSection';
import { TraversalSection } from './sections/TraversalSection';
import { SECTION_SHORT, SECTION_TITLE } from './sectionText';
// In the order the rules were written: the drawer, formulas, shared pieces, then figures.
import './drawer.css';
import './math/formulas.css';
import './parts.css';
import './figures.css';

const BODIES: Readonly<Record<SectionId, ComponentType>> = {
  network: NetworkSection,
  reparam: ReparamSection,
  elbo: ElboSection,
  likelihood: LikelihoodSection,
  mc: McSection,
  kl: KlSection,
  continuity: ContinuitySection,
  traversal: TraversalSection,
  logpx: LogpxSection,
  active: ActiveSection,
  disentangle: DisentangleSection,
  rd: RdSection,
};

export function DrawerPanel() {
  const t = useT();
  const store = useExplain();
  const { open, section } = useDrawer();
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  // Focus goes to the section's heading when the drawer opens or changes topic, and back to
  // whatever opened it when it closes.
  useEffect(() => {
    if (!open) return;
    if (!opener.current && document.activeElement instanceof HTMLElement && !document.activeElement.closest('.xp-drawer')) {
      opener.current = document.activeElement;
    }
    heading.current?.focus({ preventScroll: true });
    heading.current?.closest('.xp-body')?.scrollTo({ top: 0 });
  }, [open, section]);
  useEffect(() => {
    if (open) return;
    opener.current?.focus({ preventScroll: true });
    opener.current = null;
  }, [open]);

  if (!open) return null;
  const index = SECTION_IDS.indexOf(section);
  const Body = BODIES[section];
  const go = (i: number) => store.show(SECTION_IDS[(i + SECTION_IDS.length) % SECTION_IDS.length]);
  return (
    <aside
      className="xp-drawer"
      aria-label={t('explain.drawer')}
      data-section={section}
      onKeyDown={(e) => {
        if (e.key === 'Escape') store.close();
      }}
    >
      <header className="xp-head">
        <h2 className="xp-drawer-title">{t('explain.drawer')}</h2>
        <button type="button" className="xp-close" aria-label={t('explain.close')} title={t('explain.close')} onClick={() => store.close()}>
          ×
        </button>
      </header>
      <nav className="xp-toc" aria-label={t('explain.contents')}>
        {SECTION_IDS.map((id, i) => (
          <button
            key={id}
            type="button"
            aria-current={id === section ? 'true' : undefined}
            aria-label={`${t(SECTION_SHORT[id])}: ${t(SECTION_TITLE[id])}`}
            title={t(SECTION_TITLE[id])}
            onClick={() => store.show(id)}
          >
            <span className="xp-toc-num" aria-hidden="true">
              {i + 1}
            </span>
            {t(SECTION_SHORT[id])}
          </button>
        ))}
      </nav>
      <div className="xp-body">
        <article className="xp-section" aria-labelledby="xp-section-title">
          <h3 id="xp-section-title" ref={heading} tabIndex={-1}>
            <span className="xp-num" aria-hidden="true">
              {index + 1}
            </span>
            {t(SECTION_TITLE[section])}
          </h3>
          <Body />
        </article>
      </div>
      <footer className="xp-foot">
        <button type="button" className="xp-small" onClick={() => go(index - 1)} aria-label={t('explain.previous')}>
          ← {t(SECTION_TITLE[SECTION_IDS[(index - 1 + SECTION_IDS.length) % SECTION_IDS.length]])}
        </button>
        <button type="button" className="xp-small" onClick={() => go(index + 1)} aria-label={t('explain.next')}>
          {t(SECTION_TITLE[SECTION_IDS[(index + 1) % SECTION_IDS.length]])} →
        </button>
      </footer>
    </aside>
  );
}
