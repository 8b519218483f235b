// The legend of a chart, as HTML above it: a coloured line and a name per series.

export interface LegendItem {
  name: string;
  color: string;
  dashed?: boolean;
}

export function SeriesLegend({ items, inline }: { items: readonly LegendItem[]; inline?: boolean }) {
  return (
    <ul className={inline ? 'pg-legend pg-legend-inline' : 'pg-legend'}>
      {items.map((item) => (
        <li key={item.name}>
          <span className={`pg-legend-swatch${item.dashed ? ' is-dashed' : ''}`} style={{ borderColor: item.color }} />
          {item.name}
        </li>
      ))}
    </ul>
  );
}
