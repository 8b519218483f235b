// The computational graph lab (book §5.1–5.6): choose one of four graphs, edit its inputs, and step the
// forward pass node by node, then the backward pass, with each step's rule written under the graph.

import './graph.css';
import { useMemo } from 'react';
import { useRemembered } from '../common/remembered';
import { GRAPH_IDS, GRAPHS, findEdge, findNode, stateAt, walkGraph, type GraphId } from '../../../engine/labs/graph';
import { commonText } from '../common/commonText';
import { LabFrame } from '../common/LabFrame';
import { useI18n } from '../../i18n/useI18n';
import { affineCheck, sigmoidCheck } from './checks';
import { GraphInputs } from './GraphInputs';
import { GraphView } from './GraphView';
import { entryPosition, parseInputs, textsOf, UPSTREAM, type InputProblem, type InputTexts } from './inputs';
import { MatrixTable } from './MatrixTable';
import { describeStep } from './notes';
import { graphText } from './text';
import { useStepper } from './useStepper';

const initialTexts = (): Record<GraphId, InputTexts> => Object.fromEntries(GRAPH_IDS.map((id) => [id, textsOf(GRAPHS[id])])) as Record<GraphId, InputTexts>;

export function GraphLab() {
  const { t, num } = useI18n(graphText);
  const common = useI18n(commonText).t;
  const [graphId, setGraphId] = useRemembered<GraphId>('graph.graph', 'apples', (v) => (GRAPH_IDS as readonly unknown[]).includes(v));
  const [texts, setTexts] = useRemembered('graph.inputs', initialTexts);
  const graph = GRAPHS[graphId];

  const parsed = useMemo(() => parseInputs(graph, texts[graphId]), [graph, texts, graphId]);
  const result = useMemo(() => (parsed.ok ? walkGraph(graph, parsed.inputs, parsed.upstream) : null), [graph, parsed]);
  const walk = result?.ok ? result.walk : null;
  // Every walk of a graph has the same steps (inputs, each node, the upstream gradient, each node again),
  // so a moment of bad input does not lose the learner's place.
  const stepper = useStepper(2 * graph.nodes.length + 2, graphId);
  const format = (v: number) => num(v, 4);

  const edit = (edge: string, entry: number, text: string) =>
    setTexts((all) => {
      const current = [...(all[graphId][edge] ?? [])];
      current[entry] = text;
      return { ...all, [graphId]: { ...all[graphId], [edge]: current } };
    });

  const edgeName = (edge: string) => (edge === UPSTREAM ? t('upstream') : findEdge(graph, edge).label);
  const problemSentence = (problem: InputProblem): string => {
    if (problem.kind === 'tooLarge') return t('tooLarge', { name: edgeName(problem.edge) });
    const like = problem.edge === UPSTREAM ? graph.upstream : graph.inputs[problem.edge]!;
    const at = entryPosition(like.shape, problem.entry);
    return at
      ? t('badEntry', { name: edgeName(problem.edge), row: String(at.row), col: String(at.col), text: problem.text })
      : t('bad', { name: edgeName(problem.edge), text: problem.text });
  };
  const error = !parsed.ok
    ? problemSentence(parsed.problem)
    : result && !result.ok
      ? t('overflow', { edge: findEdge(graph, result.edge).label, phase: t(`phaseInline.${result.phase}`) })
      : null;

  const index = stepper.index;
  const shown = walk ? stateAt(walk, index) : { values: {}, grads: {} };
  const step = walk?.steps[index];
  const note = walk ? describeStep(graph, walk, index) : null;
  const noteText = note ? t(note.key, Object.fromEntries(Object.entries(note.params).map(([k, v]) => [k, typeof v === 'number' ? format(v) : v]))) : '';
  const finished = walk !== null && index === walk.steps.length - 1;
  const total = walk ? walk.steps.length : 0;

  let check: string | null = null;
  if (finished && graphId === 'sigmoid') {
    const c = sigmoidCheck(walk);
    check = t('check.sigmoid', { dx: format(c.dx), up: format(c.up), y: format(c.y), short: format(c.short), layer: format(c.layer) });
  } else if (finished && graphId === 'affine') {
    const diff = affineCheck(walk);
    check = t(diff < 1e-12 ? 'check.affine' : 'check.affineOff', { diff: diff === 0 ? '0' : diff.toExponential(1) });
  }

  return (
    <LabFrame
      id="graph"
      chapter="5.1–5.6"
      title={t('title')}
      idea={[t('idea1'), t('idea2'), t('idea3')]}
      formula={[t('formula1'), t('formula2'), t('formula3'), t('formula4'), t('formula5'), t('formula6')]}
    >
      <div className="tabs gr-tabs" role="tablist" aria-label={t('tabsLabel')}>
        {GRAPH_IDS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            className="tab"
            aria-selected={id === graphId}
            onClick={() => setGraphId(id)}
            data-testid={`lab.graph.tab.${id}`}
          >
            {t(`tab.${id}`)}
          </button>
        ))}
      </div>

      <section className="pg-card gr-card">
        <p className="muted gr-caption">{t(`caption.${graphId}`)}</p>
        <GraphInputs
          graph={graph}
          texts={texts[graphId]}
          onChange={edit}
          inputsLabel={t('inputs')}
          upstreamLabel={t('upstream')}
          upstreamHint={t('upstreamHint')}
        />
        {error ? (
          <p className="pg-notice pg-notice-error" role="alert" data-testid="lab.graph.error">
            {error}
          </p>
        ) : null}
        <div className="lab-controls gr-controls">
          <button type="button" className="btn btn--small" onClick={stepper.reset} disabled={!walk} data-testid="lab.graph.reset">
            {common('reset')}
          </button>
          <button type="button" className="btn btn--small" onClick={stepper.back} disabled={!walk || index === 0} data-testid="lab.graph.back">
            {common('stepBack')}
          </button>
          <button type="button" className="btn btn--small btn--primary" onClick={stepper.step} disabled={!walk || finished} data-testid="lab.graph.step">
            {common('step')}
          </button>
          <button type="button" className="btn btn--small" onClick={stepper.togglePlay} disabled={!walk} data-testid="lab.graph.play">
            {stepper.playing ? common('pause') : common('play')}
          </button>
          {walk ? (
            <span className="muted gr-progress" data-testid="lab.graph.progress">
              {t('stepCount', { step: String(index + 1), total: String(total) })} · {t(`phase.${step?.phase ?? 'forward'}`)}
            </span>
          ) : null}
          <span className="gr-legend">
            <span className="gr-legend-forward">■ {t('legendForward')}</span>
            <span className="gr-legend-backward">■ {t('legendBackward')}</span>
          </span>
        </div>
        <GraphView
          graph={graph}
          values={shown.values}
          grads={shown.grads}
          activeNode={findNode(graph, step?.node ?? null)?.id ?? null}
          activeEdges={step ? step.set.map((s) => s.edge) : []}
          format={format}
          label={t(`caption.${graphId}`)}
        />
        <p className="gr-note" aria-live="polite" data-testid="lab.graph.note">
          {noteText}
        </p>
        {check ? (
          <p className="gr-check" data-testid="lab.graph.check">
            {check}
          </p>
        ) : null}
      </section>

      {graphId === 'affine' ? (
        <section className="pg-card">
          <MatrixTable
            graph={graph}
            values={shown.values}
            grads={shown.grads}
            format={format}
            labels={{ edge: t('edge'), shape: t('shape'), value: t('value'), gradient: t('gradient'), notYet: t('notYet') }}
          />
        </section>
      ) : null}
    </LabFrame>
  );
}
