// The button that puts the rate–distortion plane in the loss chart's place, and back.
import { useT } from '../i18n/LanguageProvider';

export function RdToggle({ pressed, onToggle }: { pressed: boolean; onToggle(): void }) {
  const t = useT();
  return (
    <button type="button" className="rd-toggle small" aria-pressed={pressed} title={t('rd.toggleTitle')} onClick={onToggle}>
      {t('rd.toggle')}
    </button>
  );
}
