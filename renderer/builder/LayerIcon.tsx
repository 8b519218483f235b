// A layer's icon: the small drawing its definition carries (engine/layers/registry.ts, as plain shape
// data), on a tile tinted in the colour of its family — learned weights, activation functions, shape
// changes, regularisation, and the loss.

import type { IconMark, LayerTint } from '../../engine/layers/registry';
import { findLayerType } from '../../engine/layers/registry';

/** A type the registry does not know (a file from a newer app) gets a plain square. */
const unknownIcon: { tint: LayerTint; marks: readonly IconMark[] } = { tint: 'shape', marks: [{ rect: [5, 5, 14, 14, 3], stroke: 1.8 }] };

function Mark({ mark }: { mark: IconMark }) {
  const style = {
    strokeWidth: mark.stroke || undefined,
    stroke: mark.stroke === 0 ? 'none' : undefined,
    opacity: mark.opacity,
    strokeDasharray: mark.dash,
    fill: mark.fill === undefined ? undefined : 'currentColor',
    fillOpacity: mark.fill === undefined || mark.fill === 1 ? undefined : mark.fill,
  };
  if (mark.circle) {
    const [cx, cy, r] = mark.circle;
    return <circle cx={cx} cy={cy} r={r} {...style} />;
  }
  if (mark.rect) {
    const [x, y, width, height, rx] = mark.rect;
    return <rect x={x} y={y} width={width} height={height} rx={rx} {...style} />;
  }
  return <path d={mark.path} {...style} />;
}

interface LayerIconProps {
  type: string;
  size?: number;
}

export function LayerIcon({ type, size = 36 }: LayerIconProps) {
  const icon = findLayerType(type)?.icon ?? unknownIcon;
  return (
    <span className={`layer-icon layer-icon--${icon.tint}`} style={{ width: size, height: size }} aria-hidden="true" data-tint={icon.tint}>
      <svg
        width={Math.round(size * 0.62)}
        height={Math.round(size * 0.62)}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeLinecap="round"
        strokeLinejoin="round"
        focusable="false"
      >
        {icon.marks.map((mark, i) => (
          <Mark key={i} mark={mark} />
        ))}
      </svg>
    </span>
  );
}
