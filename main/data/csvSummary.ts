// What a CSV file holds, before it is made into a dataset: its form (delimiter, header), each column's
// type and role, the classes of the label column with their counts, and its first rows. The form's
// preview and `dlab datasets csv:FILE` show it, so a learner can pick the label and see why a column
// would be refused — the summary itself refuses only a file that has no one form.

import { DEFAULT_SCALING, DEFAULT_TEST_FRACTION, type CsvColumnSummary, type CsvSettings, type CsvSummary } from '../../engine/data/csvSettings';
import { chooseLabel, csvPaths } from './csv';
import { cellNumber, readCsvTable } from './csvTable';

const FIRST_ROWS = 8;

export type { CsvSummary };

export async function summarizeCsv(source: string, settings: CsvSettings, baseDir: string): Promise<CsvSummary> {
  const paths = csvPaths(source, baseDir);
  const table = await readCsvTable(paths.train, settings);
  const { label, chosenBy } = chooseLabel(table, settings);
  const oneHot = new Set(settings.oneHot ?? []);
  // Row by row, every column at once (a table is stored by rows). Distinct values are counted only for
  // the label and text columns, where they are classes or categories: hashing every cell of a wide
  // numeric table took seconds for a number nobody needs.
  const width = table.columns.length;
  const labelAt = table.columns.indexOf(label);
  const emptyCells = new Array<number>(width).fill(0);
  const text = new Array<boolean>(width).fill(false);
  for (const row of table.rows) {
    for (let c = 0; c < width; c++) {
      const cell = row[c]!.trim();
      if (cell === '') emptyCells[c]!++;
      else if (!text[c] && cellNumber(cell) === null) text[c] = true;
    }
  }
  const columns = table.columns.map((name, c): CsvColumnSummary => {
    let distinct: number | null = null;
    if (text[c] || c === labelAt) {
      const seen = new Set<string>();
      for (const row of table.rows) {
        if (seen.size === 1000) break;
        const cell = row[c]!.trim();
        if (cell !== '') seen.add(cell);
      }
      distinct = seen.size;
    }
    const type = emptyCells[c] === table.rows.length ? 'empty' : text[c] ? 'text' : 'number';
    return { name, type, role: name === label ? 'label' : oneHot.has(name) ? 'one-hot' : 'feature', distinct, emptyCells: emptyCells[c]! };
  });
  const labelIndex = labelAt;
  const counts = new Map<string, number>();
  for (const row of table.rows) {
    let value = row[labelIndex]!.trim();
    if (value === '') continue;
    const index = cellNumber(value);
    if (table.sklearnClassNames && label === 'target' && index !== null) value = table.sklearnClassNames[index] ?? value;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const names = table.sklearnClassNames && label === 'target' ? table.sklearnClassNames : [...counts.keys()];
  const numeric = names.every((n) => cellNumber(n) !== null);
  if (!(table.sklearnClassNames && label === 'target')) names.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    source,
    file: paths.train,
    bytes: table.file.bytes,
    sha256: table.file.sha256,
    ...(paths.test !== undefined ? { testFile: paths.test } : {}),
    rows: table.rows.length,
    delimiter: table.delimiter,
    delimiterDetected: table.delimiterDetected,
    header: table.header,
    headerDetected: table.headerDetected,
    label,
    labelChosenBy: chosenBy,
    scaling: settings.scaling ?? DEFAULT_SCALING,
    testFraction: paths.test !== undefined ? null : (settings.testFraction ?? DEFAULT_TEST_FRACTION),
    columns,
    classes: names.map((name) => ({ name, count: counts.get(name) ?? 0 })),
    firstRows: table.rows.slice(0, FIRST_ROWS),
  };
}
