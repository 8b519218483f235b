// A RunQuery as SQL: every value bound as a parameter, every wildcard in a search escaped, sorting
// always ended by id so paging is stable.

import { ownValue } from '../../engine/fields';
import type { RunQuery } from '../api/contract';
import { checkCount, checkStatus, usage } from './validate';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export interface ListSql {
  where: string;
  params: Record<string, unknown>;
  orderBy: string;
  limit: number;
  offset: number;
}

const SORT_COLUMNS = {
  startedAt: 'runs.started_at',
  name: 'runs.name COLLATE NOCASE',
  testAcc: 'runs.test_acc',
  durationMs: 'runs.duration_ms',
} as const;

/** `text` as a LIKE pattern matching it anywhere, with %, _ and the escape character itself escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function buildListSql(query: RunQuery = {}): ListSql {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the query comes from the page or the CLI at run time: null is possible whatever its type says
  if (typeof query !== 'object' || query === null) throw usage('A run query must be an object.');
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- search comes from outside at run time and may not be a string
  const search = query.search === undefined ? '' : String(query.search).trim();
  if (search) {
    params.search = containsPattern(search.toLowerCase());
    conditions.push(`(lab_lower(runs.name) LIKE @search ESCAPE '\\'
      OR lab_lower(runs.notes) LIKE @search ESCAPE '\\'
      OR lab_lower(runs.dataset) LIKE @search ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM json_each(runs.tags) WHERE lab_lower(json_each.value) LIKE @search ESCAPE '\\'))`);
  }
  if (query.status !== undefined) {
    if (!Array.isArray(query.status)) throw usage('The status filter must be a list of statuses.');
    const statuses = query.status.map(checkStatus);
    if (statuses.length) {
      const names = statuses.map((status, i) => {
        params[`status${i}`] = status;
        return `@status${i}`;
      });
      conditions.push(`runs.status IN (${names.join(', ')})`);
    }
  }
  if (query.tag !== undefined && query.tag !== '') {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- the tag comes from outside at run time and may not be a string
    params.tag = String(query.tag);
    conditions.push('EXISTS (SELECT 1 FROM json_each(runs.tags) WHERE json_each.value = @tag)');
  }
  if (query.dataset !== undefined && query.dataset !== '') {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- the dataset comes from outside at run time and may not be a string
    params.dataset = String(query.dataset);
    conditions.push('runs.dataset = @dataset');
  }

  const sort: string = query.sort ?? 'startedAt';
  // Own keys only: `in` would take "constructor" or "toString" for a column.
  const column = typeof sort === 'string' ? ownValue<string>(SORT_COLUMNS, sort) : undefined;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion -- a sort from outside may be no string (a symbol would throw in a template)
  if (column === undefined) throw usage(`Runs can be sorted by ${Object.keys(SORT_COLUMNS).join(', ')}, not "${String(sort)}".`);
  const order = query.order ?? 'desc';
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the order comes from outside at run time and may be any value
  if (order !== 'asc' && order !== 'desc') throw usage(`The order must be "asc" or "desc", not "${String(order)}".`);
  const direction = order.toUpperCase();
  // Runs without the value (no test accuracy yet, still running) go last in either direction.
  const orderBy = `(${column.split(' ')[0]} IS NULL), ${column} ${direction}, runs.id ${direction}`;

  const limit = query.limit === undefined ? DEFAULT_LIMIT : checkCount(query.limit, 'The page size (limit)');
  if (limit > MAX_LIMIT) throw usage(`The page size (limit) can be at most ${MAX_LIMIT}, not ${limit}.`);
  const offset = query.offset === undefined ? 0 : checkCount(query.offset, 'The offset');

  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params, orderBy, limit, offset };
}
