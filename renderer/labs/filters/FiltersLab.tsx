// The filters lab (book §7.6): the first-layer filters of a convolutional network before and after
// training, side by side; the feature maps one image makes in that layer; and one learned filter applied
// to the image. The network is a stored run whose model starts with a convolution, or a SimpleConvNet
// trained here as the lab's run group.

import './filters.css';
import { useEffect, useMemo, useState } from 'react';
import { featureMaps, type MapStage } from '../../../engine/labs/filtersNetwork';
import type { RunSummary } from '../../../main/api/contract';
import { LabFrame } from '../common/LabFrame';
import { RunGroupTable } from '../common/RunGroupTable';
import { useI18n } from '../../i18n/useI18n';
import { useRunGroup } from '../common/useRunGroup';
import { ApplyFilterCard } from './ApplyFilterCard';
import { FeatureMapsCard, type WeightsChoice } from './FeatureMapsCard';
import { FiltersCard } from './FiltersCard';
import { SourceCard } from './SourceCard';
import { filtersText } from './text';
import { useConvRuns, useFilterRun } from './useFilterRun';

// A line that is a key of the lab's table ('formulaShown') is said in the page's language.
const FORMULA = ['W1: (FN, C, FH, FW) = (30, 1, 5, 5)', 'map_f = x ⊛ W1[f] + b1[f]   (24×24)', 'formulaShown'];

export function FiltersLab() {
  const text = useI18n(filtersText);
  const { t } = text;
  const group = useRunGroup('filters', t('title'));
  const groupRun = group.runs[0] ?? null;
  const { runs: convRuns, error: listError } = useConvRuns(groupRun ? `${groupRun.id}:${groupRun.status}` : null);
  const [chosen, setChosen] = useState<number | null>(null);

  const choices = useMemo(() => {
    if (convRuns === null) return null;
    const list: RunSummary[] = convRuns.map((r) => r.summary);
    if (groupRun && !list.some((r) => r.id === groupRun.id)) list.unshift(groupRun);
    return list.map((r) => (groupRun && r.id === groupRun.id ? groupRun : r));
  }, [convRuns, groupRun]);
  // A run the lab just started is shown at once; otherwise the newest run with a convolution first.
  const groupRunId = groupRun?.id ?? null;
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a run the lab just started is chosen once, then the user may choose another
    if (groupRunId !== null && group.busy) setChosen(groupRunId);
  }, [groupRunId, group.busy]);
  const runId = chosen ?? choices?.[0]?.id ?? null;
  const summary = choices?.find((r) => r.id === runId) ?? null;
  const live = summary !== null && ['queued', 'running', 'paused'].includes(summary.status);
  const run = useFilterRun(runId, summary ? `${summary.status}:${summary.iterationsDone}` : null);

  const [image, setImage] = useState(0);
  const [stage, setStage] = useState<MapStage>('conv');
  const [weights, setWeights] = useState<WeightsChoice>('after');
  const [selected, setSelected] = useState(0);
  const sample = run.preview?.samples[Math.min(image, run.preview.samples.length - 1)] ?? null;
  const params = weights === 'before' ? run.before : run.after;
  const stages: MapStage[] = run.conv?.pool ? ['conv', 'relu', 'pool'] : ['conv', 'relu'];
  const shownStage = stages.includes(stage) ? stage : 'conv';
  const convMaps = useMemo(
    () => (run.conv && params && sample ? featureMaps(sample.x, run.conv, params.W, params.b, 'conv') : null),
    [run.conv, params, sample],
  );
  const maps = useMemo(
    () => (shownStage === 'conv' ? convMaps : run.conv && params && sample ? featureMaps(sample.x, run.conv, params.W, params.b, shownStage) : null),
    [shownStage, convMaps, run.conv, params, sample],
  );
  const filter = Math.min(selected, (run.conv?.filters ?? 1) - 1);
  const error = listError ?? run.error;

  return (
    <LabFrame
      id="filters"
      chapter="7.6"
      title={t('title')}
      idea={[t('idea1'), t('idea2'), t('idea3')]}
      formula={FORMULA.map((line) => (line === 'formulaShown' ? t('formulaShown') : line))}
    >
      <SourceCard runs={choices} runId={runId} onChoose={setChosen} group={group} text={text} />
      {error ? (
        <div className="pg-notice pg-notice-error" role="alert" data-testid="lab.filters.loadError">
          {error}
        </div>
      ) : null}
      {run.conv && run.before ? (
        <FiltersCard
          conv={run.conv}
          before={run.before.W}
          after={run.after?.W ?? null}
          live={live}
          epochs={summary?.epochsDone ?? 0}
          selected={filter}
          onSelect={setSelected}
          text={text}
        />
      ) : null}
      {run.preview && maps && run.conv ? (
        <FeatureMapsCard
          preview={run.preview}
          image={image}
          onImage={setImage}
          maps={maps}
          stage={shownStage}
          stages={stages}
          onStage={setStage}
          weights={weights}
          onWeights={setWeights}
          names={{ weights: run.conv.weightName, bias: run.conv.biasName }}
          selected={filter}
          onSelect={setSelected}
          text={text}
        />
      ) : null}
      {sample && params && convMaps && run.conv ? (
        <ApplyFilterCard image={sample.x} inputShape={run.conv.inputShape} W={params.W} maps={convMaps} filter={filter} text={text} />
      ) : null}
      {group.runs.length > 0 ? <RunGroupTable labId="filters" group={group} /> : null}
    </LabFrame>
  );
}
