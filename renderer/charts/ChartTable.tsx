// A chart's numbers as a table: the text alternative a screen reader (or a learner who wants the
// exact values) reads instead of the curves. The first column names the row (an iteration, an epoch);
// the table scrolls in its own box, which takes focus so the keyboard can scroll it too.

export interface ChartTableData {
  columns: readonly string[];
  rows: readonly (readonly string[])[];
}

export function ChartTable({ caption, data, testId }: { caption: string; data: ChartTableData; testId?: string | undefined }) {
  return (
    <div className="pg-chart-table" role="region" aria-label={caption} tabIndex={0} data-testid={testId}>
      <table className="pg-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {data.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row[0]}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className="pg-num">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
