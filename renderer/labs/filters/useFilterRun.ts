// Where the filters lab gets its network: every stored run whose model starts with a convolution (the
// newest first; convRuns.ts), and for the chosen one its experiment, the first layer's weights before training
// (re-created from the experiment's seed by the engine, exactly as the run manager drew them, or, for a
// run that continued from a weights file, those weights as the store kept them) and after
// (read from the run: live while it trains, stored once it has ended), and a few images of its data set.

import { useEffect, useMemo, useState } from 'react';
import { firstConv, initialParams, type FirstConv } from '../../../engine/labs/filtersNetwork';
import { Tensor } from '../../../engine/tensor';
import type { DatasetPreview, RunDetail } from '../../../main/api/contract';
import { lab } from '../../api/lab';
import { listConvRuns, type ConvCache, type ConvRun } from './convRuns';
import { messageOf } from '../../api/messageOf';

export type { ConvRun };

const PREVIEW_COUNT = 8;
/** Each run's first layer as found once this session (convRuns.ts): a run's model never changes. */
const knownConvs: ConvCache = new Map();

/** Every stored run whose first layer is a convolution; `reload` changes when the list should be read again. */
export function useConvRuns(reload: unknown): { runs: ConvRun[] | null; error: string | null } {
  const [runs, setRuns] = useState<ConvRun[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    listConvRuns(lab, knownConvs).then(
      (found) => !cancelled && setRuns(found),
      (e: unknown) => !cancelled && setError(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [reload]);
  return { runs, error };
}

export interface FilterRun {
  detail: RunDetail | null;
  conv: FirstConv | null;
  before: { W: Tensor; b: Tensor } | null;
  after: { W: Tensor; b: Tensor } | null;
  preview: DatasetPreview | null;
  error: string | null;
}

/**
 * The chosen run's first-layer weights, before and after, and images to feed it. `version` changes
 * while the run trains (its iteration count), so the "after" filters follow the training live.
 */
export function useFilterRun(runId: number | null, version: unknown): FilterRun {
  const [detail, setDetail] = useState<RunDetail | null>(null);
  const [after, setAfter] = useState<FilterRun['after']>(null);
  const [preview, setPreview] = useState<DatasetPreview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- clears the previous answer when the request changes, before the new one is asked for
    setDetail(null);
    setAfter(null);
    setError(null);
    if (runId === null) return;
    let cancelled = false;
    lab.getRun(runId, 2).then(
      (d) => !cancelled && setDetail(d),
      (e: unknown) => !cancelled && setError(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [runId]);

  const conv = useMemo(() => (detail ? firstConv(detail.experiment.model) : null), [detail]);
  // From the seed, drawn here; a run that continued from a weights file started from those, kept in the store.
  const drawn = useMemo(() => {
    if (!detail || !conv || detail.startedFrom !== 'seed') return null;
    const p = initialParams(detail.experiment, [conv.weightName, conv.biasName]);
    return { W: p[conv.weightName]!, b: p[conv.biasName]! };
  }, [detail, conv]);
  const [stored, setStored] = useState<FilterRun['before']>(null);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- clears the previous answer when the request changes, before the new one is asked for
    setStored(null);
    if (runId === null || !conv || detail?.startedFrom !== 'weights') return;
    let cancelled = false;
    lab.readParams(runId, [conv.weightName, conv.biasName], 'start').then(
      ([W, b]) => !cancelled && setStored({ W: Tensor.from(W!.shape, W!.data), b: Tensor.from(b!.shape, b!.data) }),
      (e: unknown) => !cancelled && setError(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [runId, conv, detail]);
  const before = drawn ?? stored;

  useEffect(() => {
    if (runId === null || !conv) return;
    let cancelled = false;
    lab.readParams(runId, [conv.weightName, conv.biasName]).then(
      ([W, b]) => !cancelled && setAfter({ W: Tensor.from(W!.shape, W!.data), b: Tensor.from(b!.shape, b!.data) }),
      (e: unknown) => !cancelled && setError(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [runId, conv, version]);

  const source = detail?.experiment.data.source ?? null;
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- clears the previous answer when the request changes, before the new one is asked for
    setPreview(null);
    if (source === null) return;
    let cancelled = false;
    lab.previewDataset({ source }, PREVIEW_COUNT).then(
      (p) => !cancelled && setPreview(p),
      (e: unknown) => !cancelled && setError(messageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [source]);

  return { detail, conv, before, after, preview, error };
}
