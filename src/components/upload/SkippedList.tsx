// The files left out and why, as text (never as HTML: a file name is the user's text).
import type { Skipped } from '../../data/imageImport/types';
import { useT } from '../i18n/LanguageProvider';
import { skipReason } from './skipText';

const SHOWN = 200;

export function SkippedList({ skipped }: { skipped: readonly Skipped[] }) {
  const t = useT();
  if (skipped.length === 0) return null;
  return (
    <details className="upload-skipped" open>
      <summary>{t('upload.skipped', { n: skipped.length.toLocaleString('en') })}</summary>
      <ul>
        {skipped.slice(0, SHOWN).map((s, i) => (
          <li key={i}>
            <span className="upload-skipped-name">{s.name}</span> — {skipReason(s, t)}
          </li>
        ))}
        {skipped.length > SHOWN && <li>{t('upload.more', { n: (skipped.length - SHOWN).toLocaleString('en') })}</li>}
      </ul>
    </details>
  );
}
