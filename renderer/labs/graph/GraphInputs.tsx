// The graph's editable numbers: one field per input edge (a small grid for a matrix) and one for the
// gradient the backward pass starts from. What is typed is kept as text; inputs.ts reads it.

import type { ComputationalGraph, Value } from '../../../engine/labs/graph';
import { findEdge } from '../../../engine/labs/graph';
import { UPSTREAM, type InputTexts } from './inputs';

export interface GraphInputsProps {
  graph: ComputationalGraph;
  texts: InputTexts;
  onChange: (edge: string, entry: number, text: string) => void;
  inputsLabel: string;
  upstreamLabel: string;
  upstreamHint: string;
}

function Entries({
  id,
  like,
  texts,
  name,
  onChange,
}: {
  id: string;
  like: Value;
  texts: string[];
  name: string;
  onChange: (entry: number, text: string) => void;
}) {
  const testId = id === UPSTREAM ? 'lab.graph.input.upstream' : `lab.graph.input.${id}`;
  if (like.shape.length === 0) {
    return (
      <label className="pg-field gr-field">
        <span className="mono">{name}</span>
        <input inputMode="decimal" value={texts[0] ?? ''} onChange={(e) => onChange(0, e.target.value)} data-testid={testId} />
      </label>
    );
  }
  const cols = like.shape.length === 1 ? like.shape[0] : like.shape[1];
  return (
    <div className="pg-field gr-field">
      <span className="mono">
        {name} ({like.shape.join(',')})
      </span>
      <div className="gr-grid" style={{ gridTemplateColumns: `repeat(${cols}, 64px)` }} role="group" aria-label={name}>
        {like.data.map((_, i) => (
          <input
            key={i}
            inputMode="decimal"
            value={texts[i] ?? ''}
            onChange={(e) => onChange(i, e.target.value)}
            data-testid={`${testId}.${i}`}
            aria-label={`${name} ${i + 1}`}
          />
        ))}
      </div>
    </div>
  );
}

export function GraphInputs({ graph, texts, onChange, inputsLabel, upstreamLabel, upstreamHint }: GraphInputsProps) {
  const upstreamName = graph.upstream.shape.length === 0 ? `∂L/∂${findEdge(graph, graph.output).label}` : 'dY';
  return (
    <div className="gr-inputs" data-testid="lab.graph.inputs">
      <div className="gr-input-group">
        <h3>{inputsLabel}</h3>
        <div className="gr-input-row">
          {Object.entries(graph.inputs).map(([edge, like]) => (
            <Entries
              key={edge}
              id={edge}
              like={like}
              texts={texts[edge] ?? []}
              name={findEdge(graph, edge).label}
              onChange={(i, text) => onChange(edge, i, text)}
            />
          ))}
        </div>
      </div>
      <div className="gr-input-group">
        <h3 title={upstreamHint}>{upstreamLabel}</h3>
        <div className="gr-input-row">
          <Entries id={UPSTREAM} like={graph.upstream} texts={texts[UPSTREAM] ?? []} name={upstreamName} onChange={(i, text) => onChange(UPSTREAM, i, text)} />
        </div>
      </div>
    </div>
  );
}
