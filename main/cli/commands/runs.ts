// dlab runs list|show|compare|export|import|delete — the stored runs, as the app's runs list sees them,
// through the lab's API as the app calls it: the same checks, the same limits, the same sentences.

import { mkdirSync, openSync, readSync, closeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { labError } from '../../../engine/errors';
import { RUN_STATUSES } from '../../api/constants';
import type { RunQuery, RunStatus, RunSummary } from '../../api/contract';
import { checkedApi } from '../../api/dispatch';
import { createLabService } from '../../api/service';
import { defaultDatabasePath } from '../../paths';
import { intOption, readArgs } from '../args';
import { appVersion, type Command } from '../command';
import { readRunFileText, writeTextFile } from '../files';
import type { CliIo } from '../io';
import { refuseNetworkPath } from '../../../engine/paths';

const STATUSES: readonly RunStatus[] = RUN_STATUSES;
const SORTS = ['startedAt', 'name', 'testAcc', 'durationMs'] as const;

function runId(text: string | undefined, what = 'a run id'): number {
  if (text === undefined) throw labError('usage', 'cli.needs', { command: 'runs', what });
  if (!/^\d+$/.test(text)) throw labError('usage', 'cli.notRunId', { text });
  return Number(text);
}

const fmt = (v: number | null, digits = 4) => (v === null ? '—' : v.toFixed(digits));

function table(io: CliIo, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd() + '\n';
  io.stdout(line(header));
  rows.forEach((r) => io.stdout(line(r)));
}

function summaryRow(r: RunSummary): string[] {
  return [
    String(r.id),
    r.name.length > 40 ? r.name.slice(0, 39) + '…' : r.name,
    r.status,
    r.dataset,
    `${r.epochsDone}/${r.epochsTotal}`,
    fmt(r.testAcc),
    r.durationMs === null ? '—' : `${(r.durationMs / 1000).toFixed(1)} s`,
    r.startedAt.replace('T', ' ').slice(0, 19),
    r.tags.join(','),
  ];
}

function isSqliteFile(path: string): boolean {
  const header = Buffer.alloc(16);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

export const runsCommand: Command = {
  name: 'runs',
  summary: 'list, show, compare, export, import and delete stored runs',
  usage: `Usage: dlab runs SUBCOMMAND [options] [--db PATH] [--json]

  list [--search TEXT] [--status S,…] [--tag T] [--dataset D] [--sort startedAt|name|testAcc|durationMs] [--asc] [--limit N]
  show ID                 one run with its epoch metrics
  compare ID ID …         final metrics side by side, and the settings that differ
  export ID [--dir DIR]   writes run-ID.dlab-run.json (the whole run, for another lab to import),
                          run-ID.weights.json (when it has weights) and run-ID.metrics.csv
  import FILE             runs from a .dlab-run.json file or from another lab database (a teacher
                          merges a class's databases this way); runs already present are skipped
  delete ID               deletes a run and everything recorded for it

Options:
  --db PATH   the lab database (default: the app's, ${defaultDatabasePath()})
  --json      machine-readable output on stdout
  --help      show this help`,
  async run(argv, io) {
    const { values, positionals } = readArgs(
      argv,
      {
        db: { type: 'string' },
        json: { type: 'boolean' },
        search: { type: 'string' },
        status: { type: 'string' },
        tag: { type: 'string' },
        dataset: { type: 'string' },
        sort: { type: 'string' },
        asc: { type: 'boolean' },
        limit: { type: 'string' },
        dir: { type: 'string' },
      },
      'runs',
    );
    const [sub, ...rest] = positionals;
    const subcommands = ['list', 'show', 'compare', 'export', 'import', 'delete'];
    if (!sub || !subcommands.includes(sub)) {
      const list = subcommands.join(', ');
      throw sub
        ? labError('usage', 'cli.runsSubcommandUnknown', { subcommands: list, given: sub })
        : labError('usage', 'cli.runsSubcommand', { subcommands: list });
    }
    const dbPath = typeof values.db === 'string' ? values.db : defaultDatabasePath();
    refuseNetworkPath(dbPath, 'The database');
    mkdirSync(dirname(resolve(dbPath)), { recursive: true });
    // Opening the service marks the runs of a dead trainer interrupted, as the app does when it starts.
    const service = await createLabService({ dbPath, workers: 1, appVersion: appVersion() });
    const api = checkedApi(service);
    try {
      const json = values.json === true;
      const print = (value: unknown) => io.stdout(JSON.stringify(value) + '\n');
      switch (sub) {
        case 'list': {
          const status = typeof values.status === 'string' ? values.status.split(',').map((s) => s.trim()) : undefined;
          const unknown = status?.find((s) => !STATUSES.includes(s as RunStatus));
          if (unknown) throw labError('usage', 'cli.optionChoice', { name: 'status', choices: STATUSES.join(', '), value: unknown });
          if (values.sort !== undefined && !SORTS.includes(values.sort as (typeof SORTS)[number])) {
            throw labError('usage', 'cli.optionChoice', { name: 'sort', choices: SORTS.join(', '), value: String(values.sort) });
          }
          const query: RunQuery = {
            search: values.search as string | undefined,
            status: status as RunStatus[] | undefined,
            tag: values.tag as string | undefined,
            dataset: values.dataset as string | undefined,
            sort: values.sort as RunQuery['sort'],
            order: values.asc ? 'asc' : 'desc',
            // How many a page may hold is the API's to say, as it is for the app's runs list.
            limit: intOption(values.limit, 'limit', 1, Number.MAX_SAFE_INTEGER) ?? 50,
          };
          const page = await api.listRuns(query);
          if (json) return (print(page), 0);
          if (!page.runs.length) {
            io.stdout(`No runs${page.total ? ' match' : ` in ${dbPath} yet: dlab train EXPERIMENT --db ${dbPath} stores one`}.\n`);
            return 0;
          }
          table(io, ['id', 'name', 'status', 'data', 'epochs', 'test acc', 'time', 'started', 'tags'], page.runs.map(summaryRow));
          if (page.total > page.runs.length) io.stdout(`(${page.runs.length} of ${page.total}; --limit shows more)\n`);
          return 0;
        }
        case 'show': {
          const run = await api.getRun(runId(rest[0]));
          if (json) return (print(run), 0);
          table(io, ['id', 'name', 'status', 'data', 'epochs', 'test acc', 'time', 'started', 'tags'], [summaryRow(run)]);
          if (run.startedFrom === 'weights') io.stdout('started from: the weights file it continued from (kept with the run), not its seed\n');
          if (run.failure) io.stdout(`failed: ${run.failure}\n`);
          if (run.warning) io.stdout(`warning: ${run.warning.message}\n`);
          if (run.notes) io.stdout(`notes: ${run.notes}\n`);
          const names = run.dataRecord?.classNames;
          if (names) io.stdout(`classes: ${names.map((name, label) => `${label} ${name}`).join(', ')}\n`);
          if (run.dataMissing !== undefined) {
            io.stdout(`data: ${run.dataMissing} is not on this machine; the metrics below are as the run recorded them\n`);
          }
          io.stdout('\n');
          table(
            io,
            ['epoch', 'iteration', 'train loss', 'train acc', 'test acc', 'test loss', 'seconds'],
            run.epochs.map((e) => [
              String(e.epoch),
              String(e.iteration),
              fmt(e.trainLoss),
              fmt(e.trainAcc),
              fmt(e.testAcc),
              fmt(e.testLoss),
              e.seconds.toFixed(1),
            ]),
          );
          return 0;
        }
        case 'compare': {
          if (rest.length < 2) throw labError('usage', 'cli.compareNeedsTwo', {});
          const comparison = await api.compareRuns(rest.map((id) => runId(id)));
          if (json) return (print(comparison), 0);
          table(io, ['id', 'name', 'status', 'data', 'epochs', 'test acc', 'time', 'started', 'tags'], comparison.runs.map(summaryRow));
          io.stdout('\nsettings that differ:\n');
          if (!comparison.differences.length) io.stdout('  none: the runs share every setting\n');
          table(
            io,
            ['setting', ...comparison.runs.map((r) => `run ${r.id}`)],
            comparison.differences.map((d) => [d.path, ...comparison.runs.map((r) => (d.values[r.id] === undefined ? '—' : JSON.stringify(d.values[r.id])))]),
          );
          return 0;
        }
        case 'export': {
          const id = runId(rest[0]);
          const dir = typeof values.dir === 'string' ? values.dir : '.';
          refuseNetworkPath(dir, 'The export folder');
          mkdirSync(dir, { recursive: true });
          const written = [join(dir, `run-${id}.dlab-run.json`), join(dir, `run-${id}.metrics.csv`)];
          await writeTextFile(written[0]!, await api.exportRun(id));
          await writeTextFile(written[1]!, await api.exportMetricsCsv(id));
          if ((await api.getRun(id, 2)).hasWeights) {
            written.push(join(dir, `run-${id}.weights.json`));
            await writeTextFile(written[2]!, await api.exportWeights(id));
          }
          if (json) return (print({ written }), 0);
          io.stdout(`wrote ${written.join(', ')}\n`);
          return 0;
        }
        case 'import': {
          const file = rest[0];
          if (!file) throw labError('usage', 'cli.importNeedsFile', {});
          refuseNetworkPath(file);
          // A whole database has no API method: the app has no door that takes another lab's SQLite file
          // (a page cannot hand main a path), so merging databases stays the CLI's, on the service's store.
          const result = isSqliteFile(file) ? service.store.importDatabase(file) : await api.importRuns(await readRunFileText(file));
          if (json) return (print(result), 0);
          io.stdout(
            `imported ${result.imported} run${result.imported === 1 ? '' : 's'}` +
              (result.duplicates ? `; ${result.duplicates} already here, left as they were` : '') +
              '\n',
          );
          return 0;
        }
        case 'delete': {
          const id = runId(rest[0]);
          // Refused when the run is live and its trainer alive, in another process or on another machine.
          const { name } = await api.getRun(id, 2);
          await api.deleteRun(id);
          if (json) return (print({ deleted: id }), 0);
          io.stdout(`deleted run ${id} (${name})\n`);
          return 0;
        }
      }
      return 0;
    } finally {
      await service.close();
    }
  },
};
