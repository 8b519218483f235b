// Weights of a run in this lab: save them as a file (save dialog in the app, download in the browser),
// or open them here to inspect, evaluate or continue training.

import { useEffect, useState } from 'react';
import type { ModelFormat, RunSummary } from '../../main/api/contract';
import { lab } from '../api/lab';
import { safeFileName } from '../charts/csv';
import { saveText } from '../charts/download';
import { formatAccuracy } from '../charts/format';
import { pagesText, useI18n } from '../i18n/useI18n';
import { messageOf } from '../api/messageOf';

export interface RunWeightsCardProps {
  onOpen: (run: RunSummary, text: string) => void;
  onMessage: (kind: 'info' | 'error', text: string) => void;
}

export function RunWeightsCard({ onOpen, onMessage }: RunWeightsCardProps) {
  const { t } = useI18n(pagesText);
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    lab.listRuns({ sort: 'startedAt', order: 'desc', limit: 200 }).then(
      (page) => {
        const withWeights = page.runs.filter((r) => r.hasWeights);
        setRuns(withWeights);
        setChosen((c) => c ?? withWeights[0]?.id ?? null);
      },
      (e: unknown) => onMessage('error', messageOf(e)),
    );
  }, [onMessage]);
  const run = runs?.find((r) => r.id === chosen) ?? null;

  async function withWeights(action: (text: string, run: RunSummary) => Promise<void> | void): Promise<void> {
    if (!run) return;
    setBusy(true);
    try {
      await action(await lab.exportWeights(run.id), run);
    } catch (e) {
      onMessage('error', (e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  /** ONNX: one binary file. PyTorch: model.py, then weights.json (the lab's weights file) that it loads from beside it. */
  async function exportAs(format: ModelFormat, text: string, r: RunSummary): Promise<void> {
    const files = await lab.convertWeights(text, format, safeFileName(r.name));
    let first: string | null = null;
    for (const file of files) {
      const kind = file.encoding === 'base64' ? 'onnx' : file.name.endsWith('.py') ? 'python' : 'weights';
      const saved = await saveText(kind, file.name, file.contents);
      if (!saved) return; // cancelled
      first ??= saved;
    }
    if (first) onMessage('info', t(format === 'pytorch' ? 'weights.savedPytorch' : 'weights.saved', { name: first }));
  }

  return (
    <section className="pg-card" data-testid="weights.runCard">
      <header className="pg-card-head">
        <div>
          <h3 className="pg-card-title">{t('weights.fromRunTitle')}</h3>
          <p className="pg-card-sub">{t('weights.fromRunSubtitle')}</p>
        </div>
      </header>
      {runs && runs.length === 0 ? (
        <p className="muted pg-panel-note">{t('weights.noRuns')}</p>
      ) : (
        <>
          <label className="pg-field">
            <span>{t('weights.run')}</span>
            <select value={chosen ?? ''} onChange={(e) => setChosen(Number(e.target.value))} data-testid="weights.run" disabled={!runs}>
              {(runs ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  #{r.id} {r.name} · {r.dataset} · {formatAccuracy(r.testAcc)}
                </option>
              ))}
            </select>
          </label>
          <div className="pg-button-row">
            <button
              type="button"
              className="btn btn--primary"
              disabled={!run || busy}
              data-testid="weights.export"
              onClick={() =>
                void withWeights(async (text, r) => {
                  const saved = await saveText('weights', `${safeFileName(r.name)}.weights.json`, text);
                  if (saved) onMessage('info', t('weights.saved', { name: saved }));
                })
              }
            >
              {t('weights.export')}
            </button>
            <button
              type="button"
              className="btn"
              disabled={!run || busy}
              data-testid="weights.exportOnnx"
              onClick={() => void withWeights((text, r) => exportAs('onnx', text, r))}
            >
              {t('weights.exportOnnx')}
            </button>
            <button
              type="button"
              className="btn"
              disabled={!run || busy}
              data-testid="weights.exportPytorch"
              onClick={() => void withWeights((text, r) => exportAs('pytorch', text, r))}
            >
              {t('weights.exportPytorch')}
            </button>
            <button
              type="button"
              className="btn"
              disabled={!run || busy}
              onClick={() => void withWeights((text, r) => onOpen(r, text))}
              data-testid="weights.openRun"
            >
              {t('weights.openHere')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
