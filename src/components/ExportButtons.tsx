// The export row of the Save / Load menu: the curves as CSV, the loss chart and the latent map
// (with the manifold grid when it is on) as PNG, named for dataset, model and step.
import { useState } from 'react';
import { curvesCsv, describeRun, downloadBlob, exportFileName, panelAvailable, panelPng, type ExportPanel, type RunLabel } from './exportPanels';
import type { NoticeLevel } from './SaveLoad';
import { usePlaygroundClient } from './usePlayground';

interface ExportButtonsProps {
  run: RunLabel;
  datasetTitle: string;
  onNotice(level: NoticeLevel, message: string): void;
}

const TITLES: Record<ExportPanel, { title: string; file: string }> = {
  curves: { title: 'Loss (nats per image)', file: 'loss-chart' },
  latent: { title: 'Latent space', file: 'latent-map' },
};

export function ExportButtons({ run, datasetTitle, onNotice }: ExportButtonsProps) {
  const client = usePlaygroundClient();
  const [busy, setBusy] = useState(false);

  const exportCsv = () => {
    const history = client.getMetrics();
    if (history.steps.length === 0 && history.test.length === 0) {
      onNotice('info', 'There are no curves to export yet: train the model first.');
      return;
    }
    downloadBlob(new Blob([curvesCsv(history)], { type: 'text/csv' }), exportFileName(run, 'curves', 'csv'));
  };

  const exportPng = async (panel: ExportPanel) => {
    const { title, file } = TITLES[panel];
    setBusy(true);
    try {
      const blob = await panelPng(panel, `${title} · ${describeRun(run, datasetTitle)}`);
      downloadBlob(blob, exportFileName(run, file, 'png'));
    } catch (err) {
      onNotice('error', `The ${title.toLowerCase()} could not be exported: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="saveload-row">
      <button type="button" disabled={busy} onClick={exportCsv}>
        Export CSV
      </button>
      <button type="button" disabled={busy || !panelAvailable('curves')} onClick={() => void exportPng('curves')}>
        Export PNG: loss chart
      </button>
      <button type="button" disabled={busy || !panelAvailable('latent')} onClick={() => void exportPng('latent')}>
        Export PNG: latent map
      </button>
    </div>
  );
}
