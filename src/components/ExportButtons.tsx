// The export row of the Save / Load menu: the curves as CSV, the loss chart and the latent map
// (with the manifold grid when it is on) as PNG, named for dataset, model and step.
import { useState } from 'react';
import { curvesCsv, describeRun, downloadBlob, exportFileName, panelAvailable, panelPng, type ExportPanel, type RunLabel } from './exportPanels';
import { useT } from './i18n/LanguageProvider';
import type { MessageKey } from './i18n/translate';
import type { NoticeLevel } from './noticeLevel';
import { usePlaygroundClient } from './usePlayground';

interface ExportButtonsProps {
  run: RunLabel;
  datasetTitle: string;
  onNotice(level: NoticeLevel, message: string): void;
}

// File names stay English whatever the page's language, so a class's downloads sort together.
const TITLES: Record<ExportPanel, { title: MessageKey; failed: MessageKey; file: string }> = {
  curves: { title: 'export.lossTitle', failed: 'export.lossFailed', file: 'loss-chart' },
  latent: { title: 'export.latentTitle', failed: 'export.latentFailed', file: 'latent-map' },
};

export function ExportButtons({ run, datasetTitle, onNotice }: ExportButtonsProps) {
  const client = usePlaygroundClient();
  const t = useT();
  const [busy, setBusy] = useState(false);

  const exportCsv = () => {
    const history = client.getMetrics();
    if (history.steps.length === 0 && history.test.length === 0) {
      onNotice('info', t('export.noCurves'));
      return;
    }
    downloadBlob(new Blob([curvesCsv(history)], { type: 'text/csv' }), exportFileName(run, 'curves', 'csv'));
  };

  const exportPng = async (panel: ExportPanel) => {
    const { title, failed, file } = TITLES[panel];
    setBusy(true);
    try {
      const blob = await panelPng(panel, `${t(title)} · ${describeRun(run, datasetTitle, t('saveload.stepWord'))}`);
      downloadBlob(blob, exportFileName(run, file, 'png'));
    } catch (err) {
      onNotice('error', t(failed, { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="saveload-row">
      <button type="button" disabled={busy} onClick={exportCsv}>
        {t('export.csv')}
      </button>
      <button type="button" disabled={busy || !panelAvailable('curves')} onClick={() => void exportPng('curves')}>
        {t('export.pngLoss')}
      </button>
      <button type="button" disabled={busy || !panelAvailable('latent')} onClick={() => void exportPng('latent')}>
        {t('export.pngLatent')}
      </button>
    </div>
  );
}
