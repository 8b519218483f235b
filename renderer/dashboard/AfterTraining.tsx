// What a learner looks at once a run has ended: how the trained network errs on the test set (the
// confusion matrix; a run with validation data: on that), which images it got wrong, and — for a dataset
// of handwritten digits only (its classes are the digits 0…9) — what it makes of a digit drawn by hand.

import { useEffect, useState } from 'react';
import type { Experiment } from '../../engine/experiment';
import type { EvaluationResult } from '../../main/api/contract';
import { lab } from '../api/lab';
import { pagesText, useI18n } from '../i18n/useI18n';
import { ConfusionPanel } from './ConfusionPanel';
import { DrawPad } from './DrawPad';
import { ImagePad } from './ImagePad';
import { evaluatedOn } from './evaluatedOn';
import { MISTAKES_PAGE, MistakesPanel, type MistakesCell } from './MistakesPanel';
import { areDigits } from '../model/classNames';
import { useRunNetwork } from './useRunNetwork';
import { messageOf } from '../api/messageOf';

export function AfterTraining({ runId, experiment }: { runId: number; experiment: Experiment }) {
  const { t } = useI18n(pagesText);
  const { loaded, text, error } = useRunNetwork(runId, true);
  // One evaluation of the final weights on the whole test split (or the run's validation data) feeds both the matrix and the gallery.
  const [evaluation, setEvaluation] = useState<EvaluationResult | null>(null);
  const [evaluationError, setEvaluationError] = useState<string | null>(null);
  useEffect(() => {
    if (text === null) return;
    let cancelled = false;
    lab.evaluateWeights(text, experiment.data).then(
      (r) => !cancelled && setEvaluation(r),
      (e: unknown) => !cancelled && setEvaluationError(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [text, experiment.data]);

  // The gallery's page and the matrix cell it is filtered by; any but the evaluation's first page is asked for (the house remembers the evaluation).
  const [cell, setCell] = useState<MistakesCell | null>(null);
  const [pageNumber, setPageNumber] = useState(0);
  const [page, setPage] = useState<EvaluationResult | null>(null);
  const firstPage = cell === null && pageNumber === 0;
  useEffect(() => {
    if (text === null || evaluation === null || firstPage) return;
    let cancelled = false;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- clears the previous answer when the request changes, before the new one is asked for
    setPage(null);
    const mistakes = { ...(cell ?? {}), offset: pageNumber * MISTAKES_PAGE, limit: MISTAKES_PAGE };
    lab.evaluateWeights(text, experiment.data, { mistakes }).then(
      (r) => !cancelled && setPage(r),
      (e: unknown) => !cancelled && setEvaluationError(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [text, experiment.data, evaluation, cell, pageNumber, firstPage]);
  const pickCell = (picked: MistakesCell | null) => {
    setCell(picked);
    setPageNumber(0);
  };
  const input = experiment.model.input;
  // Fashion-MNIST has the digits' shape, but a drawn digit means nothing to it: the classes decide.
  const isDigitImage = input.length === 3 && input[0] === 1 && input[1] === 28 && input[2] === 28 && areDigits(evaluation?.classNames);
  // Any other images (your own folder, Fashion-MNIST): an image picked or dropped instead of a drawing.
  const isOtherImage = input.length === 3 && evaluation !== null && !isDigitImage;
  return (
    <>
      <h3 className="pg-section-title">{t('dashboard.after.title')}</h3>
      {error && (
        <div className="pg-notice pg-notice-error" role="alert">
          {error}
        </div>
      )}
      {/* The matrix beside the draw pad, rows of equal height; the gallery below, across both: no blank under either. */}
      <div className={`pg-grid-after${isDigitImage || isOtherImage ? '' : ' pg-grid-after--single'}`}>
        <ConfusionPanel result={evaluation} error={evaluationError} evaluatedOn={evaluatedOn(experiment)} selected={cell} onSelect={pickCell} />
        {isDigitImage && <DrawPad loaded={loaded} />}
        {isOtherImage && <ImagePad loaded={loaded} input={input} classNames={evaluation.classNames} />}
        <div className="pg-after-wide">
          <MistakesPanel
            evaluation={evaluation}
            page={firstPage ? undefined : { number: pageNumber, result: page }}
            cell={cell}
            error={evaluationError}
            evaluatedOn={evaluatedOn(experiment)}
            onPage={setPageNumber}
            onClearCell={() => pickCell(null)}
          />
        </div>
      </div>
    </>
  );
}
