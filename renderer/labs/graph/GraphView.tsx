// The graph drawn in SVG: nodes as circles with their operation, edges as lines, each edge's forward
// value above it (one colour) and its gradient below it (another), the node acting at the current step
// and the edges it just set highlighted.

import type { ComputationalGraph, OpName, Value } from '../../../engine/labs/graph';
import { edgeGeometry, graphSize, nodeCentre, RADIUS } from './layout';

const OP_SYMBOL: Record<OpName, string> = { mul: '×', add: '+', exp: 'exp', reciprocal: '/', dot: 'dot' };

export interface GraphViewProps {
  graph: ComputationalGraph;
  values: Record<string, Value>;
  grads: Record<string, Value>;
  /** The node acting at the current step, and the edges it set. */
  activeNode: string | null;
  activeEdges: readonly string[];
  /** A number as the learner's language writes it. */
  format: (value: number) => string;
  label: string;
}

/** A number on its edge; a matrix shows its shape there (its entries are in the table). */
function edgeText(v: Value | undefined, format: (value: number) => string): string {
  if (!v) return '';
  return v.shape.length === 0 ? format(v.data[0]!) : `(${v.shape.join(',')})`;
}

export function GraphView({ graph, values, grads, activeNode, activeEdges, format, label }: GraphViewProps) {
  const { width, height, top } = graphSize(graph);
  const edges = graph.edges.map((edge) => edgeGeometry(graph, edge, top));
  return (
    <svg className="gr-svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="lab.graph.svg">
      <defs>
        <marker id="gr-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="gr-arrowhead" />
        </marker>
      </defs>
      {edges.map(({ edge, points, label: at, vertical, name }) => {
        const active = activeEdges.includes(edge.id);
        const forward = edgeText(values[edge.id], format);
        const backward = edge.constant ? '' : edgeText(grads[edge.id], format);
        const [lx, ly] = at;
        return (
          <g
            key={edge.id}
            className={`gr-edge${active ? ' gr-edge--active' : ''}${edge.constant ? ' gr-edge--constant' : ''}`}
            data-testid={`lab.graph.edge.${edge.id}`}
          >
            <title>{edge.label}</title>
            <polyline points={points.map((p) => p.join(',')).join(' ')} markerEnd="url(#gr-arrow)" />
            {name ? (
              <text x={name.at[0]} y={name.at[1]} textAnchor={name.anchor} className="gr-name">
                {edge.label}
              </text>
            ) : null}
            <text
              x={vertical ? lx - 8 : lx}
              y={vertical ? ly - 2 : ly - 8}
              textAnchor={vertical ? 'end' : 'middle'}
              className="gr-forward"
              data-testid={`lab.graph.edge.${edge.id}.forward`}
            >
              {forward}
            </text>
            <text
              x={vertical ? lx + 8 : lx}
              y={vertical ? ly - 2 : ly + 18}
              textAnchor={vertical ? 'start' : 'middle'}
              className="gr-backward"
              data-testid={`lab.graph.edge.${edge.id}.backward`}
            >
              {backward}
            </text>
          </g>
        );
      })}
      {graph.nodes.map((node) => {
        const [x, y] = nodeCentre(graph, node.id, top);
        const symbol = OP_SYMBOL[node.op];
        return (
          <g key={node.id} className={`gr-node${node.id === activeNode ? ' gr-node--active' : ''}`} data-testid={`lab.graph.node.${node.id}`}>
            <circle cx={x} cy={y} r={RADIUS} />
            <text x={x} y={y + (symbol.length > 1 ? 4 : 6)} textAnchor="middle" className={symbol.length > 1 ? 'gr-op gr-op--word' : 'gr-op'}>
              {symbol}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
