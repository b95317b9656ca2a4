// Long work made visible: dataset download, upload to the backend, warm-up, evaluation.
import type { ClientState } from '../client/clientTypes';
import { useLanguage } from './i18n/LanguageProvider';

const MB = 1024 * 1024;

/** "3.2 / 11.0 MB" for downloads, "40%" for anything else with a known total. */
export function progressDetail(p: NonNullable<ClientState['progress']>): string {
  if (p.total <= 0) return '';
  if (p.stage === 'download' && p.total > 50_000) {
    return `${(p.loaded / MB).toFixed(1)} / ${(p.total / MB).toFixed(1)} MB`;
  }
  return `${Math.round((100 * Math.min(p.loaded, p.total)) / p.total)}%`;
}

/** Lives in the header: a thin bar along its bottom edge and the stage's name beside the status. */
export function ProgressBar({ progress }: { progress: ClientState['progress'] }) {
  const { t, lang } = useLanguage();
  if (!progress) return null;
  // The worker's label is English and specific; other languages name the stage instead.
  const label = lang === 'en' ? progress.label : t(`progress.${progress.stage}`);
  const known = progress.total > 0;
  const pct = known ? Math.min(100, Math.max(0, (100 * progress.loaded) / progress.total)) : 0;
  return (
    <div className="progress">
      <div
        className={`progress-track ${known ? '' : 'is-indeterminate'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? Math.round(pct) : undefined}
        aria-valuetext={known ? progressDetail(progress) : undefined}
      >
        <div className="progress-fill" style={{ width: known ? `${pct}%` : undefined }} />
      </div>
      <span className="progress-label">
        {label}
        {known && <span className="num"> · {progressDetail(progress)}</span>}
      </span>
    </div>
  );
}
