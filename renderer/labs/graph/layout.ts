// Where the graph's nodes and edges go on screen: grid units (the engine's `at`, `from`, `to`) to pixels,
// each edge as a straight line or an L (along, then up or down into its node), with the spot where its
// value (above) and its gradient (below) are written.

import type { ComputationalGraph, GraphEdge } from '../../../engine/labs/graph';

export const COLUMN = 190;
export const ROW = 110;
export const RADIUS = 24;
const MARGIN_X = 90;
const MARGIN_Y = 50;

type Point = [number, number];

export interface EdgeGeometry {
  edge: GraphEdge;
  points: Point[];
  /** Where the value and the gradient are written, and whether beside a vertical line rather than along a horizontal one. */
  label: Point;
  vertical: boolean;
  /** Where the edge's name is written: at its open end (inputs and the output), else null. */
  name: { at: Point; anchor: 'start' | 'end' | 'middle' } | null;
}

const px = ([col, row]: [number, number], top: number): Point => [MARGIN_X + col * COLUMN, top + row * ROW];

export function graphSize(graph: ComputationalGraph): { width: number; height: number; top: number } {
  const rows = [...graph.nodes.map((n) => n.at[1]), ...graph.edges.flatMap((e) => [e.from?.[1], e.to?.[1]])].filter((r): r is number => r !== undefined);
  const minRow = Math.min(0, ...rows);
  const maxRow = Math.max(...rows);
  const top = MARGIN_Y - minRow * ROW;
  return { width: MARGIN_X * 2 + graph.size[0] * COLUMN, height: top + maxRow * ROW + MARGIN_Y, top };
}

export function edgeGeometry(graph: ComputationalGraph, edge: GraphEdge, top: number): EdgeGeometry {
  const producer = graph.nodes.find((n) => n.output === edge.id);
  const consumer = graph.nodes.find((n) => n.inputs.includes(edge.id));
  const start = producer ? px(producer.at, top) : px(edge.from ?? [0, 0], top);
  const end = consumer ? px(consumer.at, top) : px(edge.to ?? [0, 0], top);
  const startGap = producer ? RADIUS : 0;
  const endGap = consumer ? RADIUS : 0;
  let points: Point[];
  let label: Point;
  let vertical = false;
  if (Math.abs(start[1] - end[1]) < 1) {
    points = [
      [start[0] + startGap, start[1]],
      [end[0] - endGap, end[1]],
    ];
    label = [(points[0]![0] + points[1]![0]) / 2, start[1]];
  } else if (Math.abs(start[0] - end[0]) < 1) {
    const down = end[1] > start[1] ? 1 : -1;
    points = [
      [start[0], start[1] + down * startGap],
      [end[0], end[1] - down * endGap],
    ];
    label = [start[0], (points[0]![1] + points[1]![1]) / 2];
    vertical = true;
  } else {
    // Along the start's row to the end's column, then up or down into the end.
    const down = end[1] > start[1] ? 1 : -1;
    const corner: Point = [end[0], start[1]];
    points = [[start[0] + startGap, start[1]], corner, [end[0], end[1] - down * endGap]];
    label = [(points[0]![0] + corner[0]) / 2 - (consumer ? RADIUS / 2 : 0), start[1]];
  }
  let name: EdgeGeometry['name'] = null;
  if (!producer) name = vertical ? { at: [start[0], start[1] + 16], anchor: 'middle' } : { at: [start[0] - 8, start[1] + 4], anchor: 'end' };
  else if (!consumer) name = { at: [end[0] + 8, end[1] + 4], anchor: 'start' };
  return { edge, points, label, vertical, name };
}

export function nodeCentre(graph: ComputationalGraph, id: string, top: number): Point {
  const node = graph.nodes.find((n) => n.id === id);
  return node ? px(node.at, top) : [0, 0];
}
