// The Affine graph's edges carry matrices, too big to write on a line: this table shows each edge's
// shape, its value and its gradient as far as the steps have gone.

import type { ComputationalGraph, Value } from '../../../engine/labs/graph';

export interface MatrixTableProps {
  graph: ComputationalGraph;
  values: Record<string, Value>;
  grads: Record<string, Value>;
  format: (value: number) => string;
  labels: { edge: string; shape: string; value: string; gradient: string; notYet: string };
}

function Matrix({ value, format, testId }: { value: Value | undefined; format: (v: number) => string; testId: string }) {
  if (!value)
    return (
      <span className="muted" data-testid={testId}>
        —
      </span>
    );
  const cols = value.shape.length === 2 ? value.shape[1]! : value.data.length;
  const rows = Array.from({ length: value.data.length / cols }, (_, r) => value.data.slice(r * cols, (r + 1) * cols));
  return (
    <table className="gr-matrix mono" data-testid={testId}>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r}>
            {row.map((v, c) => (
              <td key={c}>{format(v)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MatrixTable({ graph, values, grads, format, labels }: MatrixTableProps) {
  return (
    <div className="pg-table-scroll">
      <table className="pg-table gr-matrices" data-testid="lab.graph.matrices">
        <thead>
          <tr>
            <th>{labels.edge}</th>
            <th>{labels.shape}</th>
            <th>{labels.value}</th>
            <th>{labels.gradient}</th>
          </tr>
        </thead>
        <tbody>
          {graph.edges.map((edge) => {
            const shape = (values[edge.id] ?? graph.inputs[edge.id])?.shape;
            return (
              <tr key={edge.id}>
                <td className="mono">{edge.label}</td>
                <td className="mono" data-testid={`lab.graph.matrix.${edge.id}.shape`}>
                  {shape ? `(${shape.join(',')})` : labels.notYet}
                </td>
                <td>
                  <Matrix value={values[edge.id]} format={format} testId={`lab.graph.matrix.${edge.id}.forward`} />
                </td>
                <td>
                  <Matrix value={grads[edge.id]} format={format} testId={`lab.graph.matrix.${edge.id}.backward`} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
