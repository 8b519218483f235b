// The gradient check lab (book §5.7.3): pick a model — the Build page's draft, TwoLayerNet, or the book's
// small SimpleConvNet — and how many entries per parameter, then compare backprop with the numerical
// gradient for every parameter. The check runs in the house on a worker thread (lab.gradientCheck).

import './gradcheck.css';
import { useEffect, useRef, useState } from 'react';
import { useRemembered } from '../common/remembered';
import { DEFAULT_H, DEFAULT_TOLERANCE, RELATIVE_ERROR_FLOOR } from '../../../engine/gradcheck';
import type { ModelSpec } from '../../../engine/model';
import type { GradientCheckReport } from '../../../main/api/contract';
import { GRADIENT_CHECK_BATCH_MAX } from '../../../main/api/constants';
import { lab } from '../../api/lab';
import { useAssembly } from '../../app/draftStore';
import { commonText } from '../common/commonText';
import { LabFrame } from '../common/LabFrame';
import { useI18n } from '../../i18n/useI18n';
import { compactScientific, countEntries, readBatch, readSamples, scientific, smallConvNet, twoLayerNet, type ModelChoice } from './format';
import { ResultTable } from './ResultTable';
import { gradcheckText } from './text';
import { TimeBars } from './TimeBars';
import { messageOf } from '../../api/messageOf';

const CHOICES: ModelChoice[] = ['twoLayerNet', 'convNet', 'draft'];

export function GradcheckLab() {
  const { t, num } = useI18n(gradcheckText);
  const common = useI18n(commonText).t;
  const assembly = useAssembly();
  const [choice, setChoice] = useRemembered<ModelChoice>('gradcheck.model', 'twoLayerNet', (v) => (CHOICES as readonly unknown[]).includes(v));
  const [samplesText, setSamplesText] = useRemembered('gradcheck.entries', '100');
  const [all, setAll] = useRemembered('gradcheck.all', false);
  const [batchText, setBatchText] = useRemembered('gradcheck.batch', '3');
  const [busySince, setBusySince] = useState<number | null>(null);
  const [seconds, setSeconds] = useState(0);
  const [report, setReport] = useState<GradientCheckReport | null>(null);
  /** The model the shown report belongs to (the choice may have changed since). */
  const [reportModel, setReportModel] = useState<ModelChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Seconds after which the learner stopped the last check, while no newer one has run. */
  const [stoppedAfter, setStoppedAfter] = useState<number | null>(null);
  /** The running check's id, to stop it with (and when the lab closes meanwhile). */
  const running = useRef<string | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
      if (running.current !== null) void lab.cancelGradientCheck(running.current).catch(() => undefined);
    },
    [],
  );

  // A refusal speaks of the settings it was given: changing them clears it.
  // eslint-disable-next-line react-hooks/set-state-in-effect -- a refusal about old settings is cleared when they change
  useEffect(() => setError(null), [choice, samplesText, all, batchText]);

  useEffect(() => {
    if (busySince === null) return;
    const timer = setInterval(() => setSeconds((performance.now() - busySince) / 1000), 200);
    return () => clearInterval(timer);
  }, [busySince]);

  const draft = assembly.experiment;
  const model: unknown = choice === 'draft' ? draft : choice === 'twoLayerNet' ? twoLayerNet() : smallConvNet();
  const spec: ModelSpec | null = choice === 'draft' ? (draft?.model ?? null) : (model as ModelSpec);
  const samples = all ? 0 : readSamples(samplesText);
  const batch = readBatch(batchText);
  const counts = spec && samples !== null ? countEntries(spec, samples) : null;
  const inputProblem =
    samples === null
      ? t('badEntries')
      : batch === null
        ? t('badBatch', { max: GRADIENT_CHECK_BATCH_MAX })
        : choice === 'draft' && !draft
          ? t('model.draftInvalid')
          : null;

  async function run() {
    if (inputProblem || samples === null || batch === null || !model) return;
    setError(null);
    setStoppedAfter(null);
    // eslint-disable-next-line react-hooks/purity -- run() is the Run button's handler, never called while rendering
    const started = performance.now();
    setBusySince(started);
    setSeconds(0);
    // eslint-disable-next-line react-hooks/purity -- run() is the Run button's handler, never called while rendering
    const checkId = `gradcheck-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    running.current = checkId;
    try {
      const result = await lab.gradientCheck(model, { samples, batch, seed: 1, checkId });
      if (mounted.current) {
        setReport(result);
        setReportModel(choice);
      }
    } catch (e) {
      const cancelled = (e as { kind?: unknown }).kind === 'cancelled';
      if (mounted.current) {
        // eslint-disable-next-line react-hooks/purity -- run() is the Run button's handler, never called while rendering
        if (cancelled) setStoppedAfter((performance.now() - started) / 1000);
        else setError(messageOf(e));
      }
    } finally {
      running.current = null;
      if (mounted.current) setBusySince(null);
    }
  }

  function stop() {
    if (running.current !== null) void lab.cancelGradientCheck(running.current).catch((e: unknown) => mounted.current && setError(messageOf(e)));
  }

  const busy = busySince !== null;
  const worst = report ? Math.max(0, ...report.params.map((p) => p.maxRelError)) : 0;
  const dataLine = report
    ? report.data === 'mnist'
      ? t('dataMnist', { batch: num(report.batch) })
      : report.data === 'random'
        ? t('dataRandom', { batch: num(report.batch) })
        : t('dataOther', { batch: num(report.batch), source: report.data })
    : null;

  return (
    <LabFrame
      id="gradcheck"
      chapter="5.7.3"
      title={t('title')}
      idea={[t('idea1'), t('idea2'), t('idea3')]}
      formula={[
        t('formula1', { h: compactScientific(DEFAULT_H) }),
        t('formula2', { floor: compactScientific(RELATIVE_ERROR_FLOOR) }),
        t('formula3', { tolerance: compactScientific(DEFAULT_TOLERANCE) }),
      ]}
    >
      <section className="pg-card gc-settings">
        <fieldset className="gc-models" disabled={busy}>
          <legend>{t('model')}</legend>
          {CHOICES.map((c) => (
            <label key={c} className="gc-model">
              <input type="radio" name="gc-model" checked={choice === c} onChange={() => setChoice(c)} data-testid={`lab.gradcheck.model.${c}`} />
              <span>{t(`model.${c}`)}</span>
              {c === 'draft' && !draft ? <span className="muted gc-model-note">{t('model.draftInvalid')}</span> : null}
            </label>
          ))}
        </fieldset>
        <div className="lab-controls">
          <label className="pg-field">
            {t('entries')}
            <input
              inputMode="numeric"
              value={all ? '' : samplesText}
              disabled={all || busy}
              onChange={(e) => setSamplesText(e.target.value)}
              data-testid="lab.gradcheck.samples"
            />
          </label>
          <label className="gc-check">
            <input type="checkbox" checked={all} disabled={busy} onChange={(e) => setAll(e.target.checked)} data-testid="lab.gradcheck.all" />
            {t('allEntries')}
          </label>
          <label className="pg-field">
            {t('batch')}
            <input inputMode="numeric" value={batchText} disabled={busy} onChange={(e) => setBatchText(e.target.value)} data-testid="lab.gradcheck.batch" />
          </label>
          <button
            type="button"
            className="btn btn--primary gc-run"
            onClick={() => void run()}
            disabled={busy || inputProblem !== null}
            data-testid="lab.gradcheck.run"
          >
            {report ? common('runAgain') : common('run')}
          </button>
        </div>
        {inputProblem ? (
          <p className="pg-notice pg-notice-error" role="alert" data-testid="lab.gradcheck.inputError">
            {inputProblem}
          </p>
        ) : counts ? (
          <p className="muted gc-count" data-testid="lab.gradcheck.count">
            {t('willCheck', { checked: num(counts.checked), total: num(counts.total), params: num(counts.params) })}
          </p>
        ) : null}
        {busy ? (
          <p className="gc-busy" role="status" data-testid="lab.gradcheck.busy">
            {t('checking', { seconds: num(seconds, 1) })}{' '}
            <button type="button" className="btn" onClick={stop} data-testid="lab.gradcheck.stop">
              {common('stop')}
            </button>
          </p>
        ) : stoppedAfter !== null ? (
          <p className="muted gc-busy" role="status" data-testid="lab.gradcheck.stopped">
            {t('stopped', { seconds: num(stoppedAfter, 1) })}
          </p>
        ) : null}
        {error ? (
          <p className="pg-notice pg-notice-error" role="alert" data-testid="lab.gradcheck.error">
            {error}
          </p>
        ) : null}
      </section>

      {report ? (
        <section className="pg-card gc-results" data-testid="lab.gradcheck.results">
          <p className={report.passed ? 'gc-verdict gc-verdict--passed' : 'gc-verdict gc-verdict--failed'} data-testid="lab.gradcheck.verdict">
            {report.passed ? t('verdictPassed', { worst: scientific(worst) }) : t('verdictFailed', { tolerance: compactScientific(report.tolerance) })}
          </p>
          <p className="muted gc-data" data-testid="lab.gradcheck.data">
            {reportModel ? `${t('resultsFor', { model: t(`model.${reportModel}`) })} ` : ''}
            {dataLine}
          </p>
          <ResultTable report={report} />
          <h3 className="gc-times-title">{t('timesTitle')}</h3>
          <TimeBars report={report} />
        </section>
      ) : null}
    </LabFrame>
  );
}
