// The button that puts the rate–distortion plane in the loss chart's place, and back. While a
// β sweep runs and the curves are shown, its progress stands beside the button (the sweep's
// controls are in the plane).
import { useT } from '../i18n/LanguageProvider';
import { useSweeps } from './SweepPanel';
import { progressText } from './sweepText';

export function RdToggle({ pressed, onToggle }: { pressed: boolean; onToggle(): void }) {
  const t = useT();
  const active = useSweeps().active;
  return (
    <>
      <button type="button" className="rd-toggle small" aria-pressed={pressed} title={t('rd.toggleTitle')} onClick={onToggle}>
        {t('rd.toggle')}
      </button>
      {active && !pressed && (
        <span className="rd-sweep-badge num" data-testid="sweep-badge">
          {t('sw.button')}: {progressText(t, active.progress)}
        </span>
      )}
    </>
  );
}
