// Small pieces every section uses: the "try it" box, a number in nats, and the phrase that
// names the image in focus ("the hovered image (7, test #12)").
import type { ReactNode } from 'react';
import { useT } from '../i18n/LanguageProvider';
import type { Translate } from '../i18n/translate';
import type { FocusView } from './explainStore';
import { formatNumber } from './formatNumber';
import { Rich, type RichSlots } from './math/Rich';

export function TryIt({ text, slots }: { text: string; slots?: RichSlots }) {
  const t = useT();
  return (
    <aside className="xp-try">
      <h4>{t('x.tryIt')}</h4>
      <Rich text={text} slots={slots} />
    </aside>
  );
}

/** A live figure: tabular, marked so it can be told apart from the prose around it. */
export function Live({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <span className="xp-live" data-testid={testId}>
      {children}
    </span>
  );
}

export function Nats({ v, digits = 1, testId }: { v: number; digits?: number; testId?: string }) {
  const t = useT();
  return <Live testId={testId}>{t('x.nats', { v: formatNumber(v, digits) })}</Live>;
}

export function focusPhrase(t: Translate, f: FocusView): string {
  if (f.kind === 'drawn') return t('x.focusDrawn');
  return t('x.focusTest', { name: f.className ?? '?', n: f.index });
}

/** The prompt shown while nothing is in focus. */
export function NoFocus() {
  const t = useT();
  return <p className="xp-muted">{t('x.focusNone')}</p>;
}

/** A formula's live rendition, set off like a worked example; the caption may hold $math$. */
export function Worked({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <figure className="xp-worked">
      <Rich as="figcaption" text={caption} />
      {children}
    </figure>
  );
}

/** "→ φ →": the decoder between a code and its image, in the decoder's colour. */
export function DecodeArrow() {
  return (
    <svg className="xp-decode-arrow" viewBox="0 0 44 24" width={44} height={24} aria-hidden="true">
      <text x={22} y={9} textAnchor="middle">
        φ
      </text>
      <path d="M2,16 H40 M35,12 L40,16 L35,20" />
    </svg>
  );
}
