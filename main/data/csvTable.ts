// A CSV file read into a table of text cells, with papaparse (quoted fields, delimiters inside quotes,
// CRLF, a BOM; comma, semicolon or tab detected unless chosen). Here the file's form is settled — which
// delimiter, which header form, how many columns — and a file that has no one form (a ragged row, an
// unclosed quote, more columns than the form can show) is refused with its row and column.
// Rows are numbered as a spreadsheet numbers them: the first line of the file is row 1.

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { LabError, labError } from '../../engine/errors';
import type { LabMessageCode, MessageValues } from '../../engine/messages';
import { CSV_DELIMITERS, type CsvDelimiter, type CsvHeader, type CsvSettings } from '../../engine/data/csvSettings';

/** More columns than this the form cannot show (a label picker and a type per column); MNIST as CSV has 785. */
export const MAX_CSV_COLUMNS = 1024;
/** A file larger than this is refused before it is read: a table, not a database dump. */
export const MAX_CSV_BYTES = 256 * 1024 * 1024;

export const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export interface CsvFileRecord {
  path: string;
  bytes: number;
  /** SHA-256 of the file's bytes, in hex: what tells two files of one name apart. */
  sha256: string;
}

export interface CsvTable {
  file: CsvFileRecord;
  /** The file's name, as sentences call it. */
  name: string;
  delimiter: CsvDelimiter;
  delimiterDetected: boolean;
  header: CsvHeader;
  headerDetected: boolean;
  columns: string[];
  /** Data rows only (blank lines left out), each as long as `columns`. */
  rows: string[][];
  /** The spreadsheet row number of each data row, for sentences. */
  rowNumbers: number[];
  /** With header "sklearn": the class names its first line gives for the label values 0, 1, … */
  sklearnClassNames?: string[];
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13 || code === 160 || code === 0xfeff;

/**
 * The number a cell holds, or null when it is not a plain decimal number: an optional sign, digits with
 * an optional decimal point, an optional exponent, spaces around allowed ("1e3" and " .5" are numbers;
 * "0x10", "NaN", "Infinity", "1,5" are not). Scanned by hand, not by a regular expression: a wide table
 * has tens of millions of cells, each checked once and read once.
 */
export function cellNumber(cell: string): number | null {
  let start = 0;
  let end = cell.length;
  while (start < end && isSpace(cell.charCodeAt(start))) start++;
  while (end > start && isSpace(cell.charCodeAt(end - 1))) end--;
  let i = start;
  if (i < end && (cell.charCodeAt(i) === 43 || cell.charCodeAt(i) === 45)) i++; // + or -
  const skipDigits = (): number => {
    const from = i;
    while (i < end && isDigit(cell.charCodeAt(i))) i++;
    return i - from;
  };
  let digits = skipDigits();
  if (i < end && cell.charCodeAt(i) === 46) {
    i++;
    digits += skipDigits();
  }
  if (digits === 0) return null;
  if (i < end && (cell.charCodeAt(i) | 32) === 101) {
    i++;
    if (i < end && (cell.charCodeAt(i) === 43 || cell.charCodeAt(i) === 45)) i++;
    if (skipDigits() === 0) return null;
  }
  if (i !== end) return null;
  return Number(start === 0 && end === cell.length ? cell : cell.slice(start, end));
}

function refuse(code: LabMessageCode, values: MessageValues): never {
  throw labError('data', code, values);
}

/** What a table's file may be called: the page can name any path, and only a table's text may come back in a preview. */
const TABLE_FILE = /\.(csv|tsv|txt)$/i;

export async function readCsvFile(path: string): Promise<{ text: string; file: CsvFileRecord }> {
  if (!TABLE_FILE.test(path)) refuse('csv.notTableName', { name: basename(path) });
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) refuse('csv.isFolder', { path });
    size = info.size;
  } catch (error) {
    if (error instanceof LabError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    refuse('csv.cannotRead', { path, reason: code === 'ENOENT' ? 'ENOENT' : (error as Error).message });
  }
  if (size > MAX_CSV_BYTES) refuse('csv.tooLarge', { name: basename(path), mb: (size / 1024 / 1024).toFixed(0), max: MAX_CSV_BYTES / 1024 / 1024 });
  const bytes = await readFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { text: bytes.toString('utf8'), file: { path, bytes: bytes.length, sha256 } };
}

/** scikit-learn's own first line: "150,4,setosa,versicolor,virginica" (samples, features, class names). */
function sklearnForm(first: string[], body: string[][]): { features: number; classNames: string[] } | { code: LabMessageCode; values: MessageValues } {
  const samples = cellNumber(first[0] ?? '');
  const features = cellNumber(first[1] ?? '');
  const names = first.slice(2).map((n) => n.trim());
  if (samples === null || features === null || !Number.isInteger(samples) || !Number.isInteger(features) || features < 1) {
    return { code: 'csv.sklearnNoCounts', values: {} };
  }
  if (names.length < 2 || names.some((n) => n === '' || cellNumber(n) !== null)) return { code: 'csv.sklearnNoNames', values: {} };
  if (body.length !== samples) return { code: 'csv.sklearnRowCount', values: { samples, rows: body.length } };
  const ragged = body.findIndex((row) => row.length !== features + 1);
  if (ragged >= 0) return { code: 'csv.sklearnRagged', values: { features, cells: body[ragged]!.length } };
  return { features, classNames: names };
}

/** Reads one CSV file's text into a table of cells in the form `settings` choose or the file shows. */
export function parseCsvText(text: string, file: CsvFileRecord, settings: CsvSettings): CsvTable {
  const name = basename(file.path);
  const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a BOM is not part of the first column's name
  if (content.includes('\u0000')) refuse('csv.notText', { name });
  const parsed = Papa.parse<string[]>(content, {
    delimiter: settings.delimiter ?? '',
    delimitersToGuess: [...CSV_DELIMITERS],
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
  });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const row = (quoteError.row ?? 0) + 1;
    refuse('csv.openQuote', { name, row, reason: quoteError.message.replace(/\.$/, '') });
  }
  const delimiter = (CSV_DELIMITERS as readonly string[]).includes(parsed.meta.delimiter) ? (parsed.meta.delimiter as CsvDelimiter) : ',';
  const lines: string[][] = [];
  const numbers: number[] = [];
  parsed.data.forEach((cells, index) => {
    if (cells.length === 1 && cells[0]!.trim() === '') return; // a blank line, such as the one after the last row
    lines.push(cells);
    numbers.push(index + 1);
  });
  if (lines.length === 0) refuse('csv.empty', { name });
  const first = lines[0]!;

  let header = settings.header;
  const headerDetected = header === undefined;
  // scikit-learn's first line for a regression set ("506,13,,,…": no class names): said, not misread as names.
  if (
    header === undefined &&
    cellNumber(first[0] ?? '') !== null &&
    cellNumber(first[1] ?? '') !== null &&
    first.length > 2 &&
    first.slice(2).every((c) => c.trim() === '')
  ) {
    refuse('csv.sklearnRegression', { name, samples: first[0]!.trim(), features: first[1]!.trim() });
  }
  if (header === undefined) {
    if (!('code' in sklearnForm(first, lines.slice(1)))) header = 'sklearn';
    else header = first.every((cell) => cellNumber(cell) !== null) ? 'none' : 'row';
  }

  let columns: string[];
  let sklearnClassNames: string[] | undefined;
  let body = lines.slice(1);
  let bodyNumbers = numbers.slice(1);
  if (header === 'sklearn') {
    const form = sklearnForm(first, body);
    if ('code' in form) refuse(form.code, { name, ...form.values });
    columns = [...Array.from({ length: form.features }, (_, i) => `feature ${i + 1}`), 'target'];
    sklearnClassNames = form.classNames;
  } else if (header === 'none') {
    columns = first.map((_, i) => `column ${i + 1}`);
    body = lines;
    bodyNumbers = numbers;
  } else {
    columns = first.map((cell) => cell.trim());
    const unnamed = columns.findIndex((c) => c === '');
    if (unnamed >= 0) refuse('csv.unnamedColumn', { name, column: unnamed + 1 });
    const twice = columns.find((c, i) => columns.indexOf(c) !== i);
    if (twice !== undefined) refuse('csv.columnTwice', { name, column: twice });
  }
  if (columns.length > MAX_CSV_COLUMNS) {
    refuse('csv.tooManyColumns', { name, count: columns.length, max: MAX_CSV_COLUMNS });
  }
  for (let r = 0; r < body.length; r++) {
    const cells = body[r]!;
    if (cells.length !== columns.length) {
      const values = { name, row: bodyNumbers[r]!, cells: cells.length, columns: columns.length };
      refuse(header === 'none' ? 'csv.raggedRow' : 'csv.raggedRowHeader', values);
    }
  }
  if (body.length === 0) refuse('csv.noData', { name });
  return {
    file,
    name,
    delimiter,
    delimiterDetected: settings.delimiter === undefined,
    header,
    headerDetected,
    columns,
    rows: body,
    rowNumbers: bodyNumbers,
    ...(sklearnClassNames ? { sklearnClassNames } : {}),
  };
}

export async function readCsvTable(path: string, settings: CsvSettings): Promise<CsvTable> {
  const { text, file } = await readCsvFile(path);
  return parseCsvText(text, file, settings);
}
