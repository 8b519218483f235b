// dlab pack create|show|handin|board — a lab session without internet, from a terminal: the teacher
// makes a pack, each student hands in runs from their own database, the teacher's board measures every
// handed-in weights file again and writes the grades. The same API methods as the app's pages.

import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isLabError, labError } from '../../../engine/errors';
import { englishMessage } from '../../../engine/messages';
import { refuseNetworkPath } from '../../../engine/paths';
import type { LabApi, PackMakeOptions } from '../../api/contract';
import { checkedApi } from '../../api/dispatch';
import { createLabService } from '../../api/service';
import { defaultDatabasePath } from '../../paths';
import { materializePackData, PACK_BYTES_MAX, parsePack } from '../../packs/format';
import { SUBMISSION_BYTES_MAX } from '../../packs/submission';
import type { Board } from '../../packs/types';
import { intOption, readArgs, requireOne } from '../args';
import { appVersion, type Command } from '../command';
import { displayName, readTextFile, writeTextFile } from '../files';
import type { CliIo } from '../io';

const SUBCOMMANDS = ['create', 'show', 'handin', 'board'] as const;

/** "accuracy>=0.97" or "loss<=0.3": the goal as a teacher writes it. */
function readGoal(text: string | undefined, within: number | undefined): PackMakeOptions['goal'] {
  const match = /^(accuracy)\s*>=\s*([0-9.]+)$|^(loss)\s*<=\s*([0-9.]+)$/.exec((text ?? 'accuracy>=0').trim());
  if (!match) throw labError('usage', 'pack.goalForm', { goal: text ?? '', accuracyForm: '"accuracy>=0.97"', lossForm: '"loss<=0.3"' });
  const metric = (match[1] ?? match[3]) as 'accuracy' | 'loss';
  const threshold = Number(match[2] ?? match[4]);
  if (!Number.isFinite(threshold)) throw labError('usage', 'pack.goalNumber', { goal: text ?? '' });
  return { metric, threshold, ...(within !== undefined ? { withinEpochs: within } : {}) };
}

async function withService<T>(dbPath: string, baseDir: string, work: (api: Omit<LabApi, 'onRunEvent'>) => Promise<T>): Promise<T> {
  const service = await createLabService({ dbPath, workers: 1, baseDir, appVersion: appVersion() });
  try {
    return await work(checkedApi(service));
  } finally {
    await service.close();
  }
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(4));

function printBoard(io: CliIo, board: Board): void {
  io.stdout(`${board.pack.title.en} (${board.pack.id}, version ${board.pack.revision}) — measured on ${board.evaluatedOn}\n\n`);
  const rows = board.rows.map((row) => {
    const run = row.best === null ? null : row.runs[row.best]!;
    return [
      String(row.rank),
      row.student.number || '—',
      row.student.name,
      pct(run?.measured?.accuracy),
      pct(run?.claimedTestAcc),
      run?.optimizer ?? '—',
      row.late ? 'late' : '',
      row.goalMet ? 'yes' : 'no',
    ];
  });
  const header = ['rank', 'number', 'name', 'accuracy', 'claimed', 'optimizer', 'late', 'goal'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd() + '\n';
  io.stdout(line(header));
  rows.forEach((r) => io.stdout(line(r)));
  for (const row of board.rows) for (const flag of row.flags) io.stdout(`! ${row.student.name}: ${flag.message}\n`);
  for (const { file, note } of board.skipped) io.stdout(`skipped ${file}: ${note.message}\n`);
  for (const { file, note } of board.refused) io.stdout(`refused ${note.message.startsWith(file) ? note.message : `${file}: ${note.message}`}\n`);
}

/** Every file named, a folder standing for the files in it (hidden ones and packs left out). */
function listSubmissionPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    refuseNetworkPath(path);
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      // read below, and refused there with its reason
    }
    if (!isFolder) out.push(path);
    else
      for (const name of readdirSync(path).sort()) {
        if (name.startsWith('.') || name.endsWith('.dlab-pack')) continue;
        const full = join(path, name);
        if (statSync(full).isFile()) out.push(full);
      }
  }
  return out;
}

export const packCommand: Command = {
  name: 'pack',
  summary: 'assignment packs: create, show, hand in, and the class board',
  usage: `Usage: dlab pack SUBCOMMAND …

  create EXPERIMENT.dlab.json… --id ID --title TEXT [--title-ko TEXT] [--instructions FILE.md]
         [--instructions-ko FILE.md] [--lock PATH]… [--goal accuracy>=0.97|loss<=0.3] [--within N]
         [--deadline TIME] [--revision N] [--out FILE]
      makes ID.dlab-pack; a csv:, idx: or images: source of the experiment is carried inside (at most 32 MB)
  show PACK [--extract DIR] [--json]
      the assignment; --extract writes its starting experiments (and carried data) into DIR for dlab train
  handin PACK --run ID [--run ID]… --name NAME [--number N] [--db PATH] [--out FILE|DIR] [--json]
      writes NUMBER-NAME.dlab-submission.json of finished runs of your database that keep the locked settings
  board PACK SUBMISSION_FILE_OR_FOLDER… [--heldout SOURCE] [--grades FILE.csv] [--json]
      one row per student, every weights file measured again here (on SOURCE, else the pack's test split)

A locked PATH is a setting as the experiment file writes it: training.optimizer (type and every field),
training.optimizer.lr, training.batchSize, model (the whole stack), model.layers[0].units …
TIME is ISO 8601 with its offset, e.g. 2026-12-24T18:00:00+09:00.
Options: --db PATH (default ${defaultDatabasePath()}), --json, --help`,
  async run(argv, io) {
    const { values, positionals } = readArgs(
      argv,
      {
        id: { type: 'string' },
        title: { type: 'string' },
        'title-ko': { type: 'string' },
        instructions: { type: 'string' },
        'instructions-ko': { type: 'string' },
        lock: { type: 'string', multiple: true },
        goal: { type: 'string' },
        within: { type: 'string' },
        deadline: { type: 'string' },
        revision: { type: 'string' },
        out: { type: 'string' },
        extract: { type: 'string' },
        run: { type: 'string', multiple: true },
        name: { type: 'string' },
        number: { type: 'string' },
        db: { type: 'string' },
        heldout: { type: 'string' },
        grades: { type: 'string' },
        json: { type: 'boolean' },
      },
      'pack',
    );
    const [sub, ...rest] = positionals;
    if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
      throw labError('usage', 'pack.cliSubcommand', { subcommands: SUBCOMMANDS.join(', '), given: sub ? `, not "${sub}"` : '' });
    }
    const print = (value: unknown) => io.stdout(JSON.stringify(value) + '\n');
    const str = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined);
    const list = (name: string) => (Array.isArray(values[name]) ? (values[name] as unknown as string[]) : []);

    if (sub === 'create') {
      if (rest.length === 0) throw labError('usage', 'pack.cliNoExperiment', {});
      const id = str('id');
      const title = str('title');
      if (!id || !title) throw labError('usage', 'pack.cliIdTitle', {});
      const experiments = await Promise.all(rest.map(async (file) => JSON.parse(await readTextFile(file, 5 * 1024 * 1024)) as unknown));
      const text = async (name: string) => (str(name) === undefined ? undefined : await readTextFile(str(name)!, 1024 * 1024));
      const instructionsEn = (await text('instructions')) ?? '';
      const instructionsKo = (await text('instructions-ko')) ?? instructionsEn;
      const made = await withService(':memory:', dirname(resolve(rest[0]!)), (api) =>
        api.makePack({
          id,
          revision: intOption(values.revision, 'revision', 1, 1_000_000),
          title: { en: title, ko: str('title-ko') ?? title },
          instructions: { en: instructionsEn, ko: instructionsKo },
          experiments,
          locked: list('lock'),
          goal: readGoal(str('goal'), intOption(values.within, 'within', 1, 10_000)),
          deadline: str('deadline') ?? null,
        }),
      );
      const out = str('out') ?? made.fileName;
      await writeTextFile(out, made.text);
      if (values.json) print({ written: out });
      else io.stdout(`wrote ${out}\n`);
      return 0;
    }

    const packFile = rest[0];
    if (!packFile) throw labError('usage', 'pack.cliNoPack', { subcommand: sub });
    const packText = await readTextFile(packFile, PACK_BYTES_MAX);

    if (sub === 'show') {
      requireOne(rest, 'a pack file', 'pack show');
      const pack = parsePack(packText, displayName(packFile));
      const extract = str('extract');
      const written: string[] = [];
      if (extract !== undefined) {
        refuseNetworkPath(extract, 'The folder');
        mkdirSync(extract, { recursive: true });
        materializePackData(pack, extract);
        pack.experiments.forEach((experiment, i) => {
          const path = join(extract, `experiment-${i + 1}.dlab.json`);
          writeFileSync(path, JSON.stringify(experiment, null, 2));
          written.push(path);
        });
      }
      const goal = `${pack.goal.metric} ${pack.goal.metric === 'accuracy' ? '≥' : '≤'} ${pack.goal.threshold}${pack.goal.withinEpochs ? ` within ${pack.goal.withinEpochs} epochs` : ''}`;
      if (values.json) {
        const { data, ...shown } = pack;
        print({ ...shown, data: 'bundled' in data ? data : { embedded: data.embedded.kind, files: data.embedded.files.map((f) => f.name) }, written });
        return 0;
      }
      io.stdout(`${pack.title.en} / ${pack.title.ko}  (${pack.id}, version ${pack.revision})\n`);
      io.stdout(`goal: ${goal}\ndeadline: ${pack.deadline ?? 'none'}\n`);
      io.stdout(`locked: ${pack.locked.length ? pack.locked.join(', ') : 'nothing: every setting is open'}\n`);
      io.stdout(
        `data: ${'bundled' in pack.data ? pack.data.bundled : `${pack.data.embedded.kind}, ${pack.data.embedded.files.length} file(s) carried in the pack`}\n`,
      );
      io.stdout(`starting experiments: ${pack.experiments.map((e, i) => e.name ?? `#${i + 1}`).join(', ')}\n\n${pack.instructions.en}\n`);
      if (written.length) io.stdout(`\nwrote ${written.join(', ')}\n`);
      return 0;
    }

    if (sub === 'handin') {
      requireOne(rest, 'a pack file', 'pack handin');
      const runs = list('run').map((id) => {
        if (!/^\d+$/.test(id)) throw labError('usage', 'cli.notRunId', { text: id });
        return Number(id);
      });
      const name = str('name');
      if (runs.length === 0 || !name) throw labError('usage', 'pack.cliHandin', {});
      const dbPath = str('db') ?? defaultDatabasePath();
      refuseNetworkPath(dbPath, 'The database');
      const made = await withService(dbPath, process.cwd(), (api) => api.handIn(packText, runs, { name, number: str('number') ?? '' }));
      const outOption = str('out');
      const out = outOption === undefined ? made.fileName : existsFolder(outOption) ? join(outOption, made.fileName) : outOption;
      await writeTextFile(out, made.text);
      if (values.json) print({ written: out });
      else io.stdout(`wrote ${out}\n`);
      return 0;
    }

    // board
    if (rest.length < 2) throw labError('usage', 'pack.cliBoard', {});
    const files: { name: string; text: string }[] = [];
    const unread: Board['refused'] = [];
    for (const path of listSubmissionPaths(rest.slice(1))) {
      try {
        files.push({ name: displayName(path), text: await readTextFile(path, SUBMISSION_BYTES_MAX) });
      } catch (error) {
        if (!isLabError(error)) throw error;
        const values = { file: displayName(path), reason: error.message };
        unread.push({
          file: displayName(path),
          note: { code: 'board.fileUnreadable', values, message: englishMessage({ code: 'board.fileUnreadable', values }) },
        });
      }
    }
    const heldout = str('heldout');
    const board = await withService(':memory:', process.cwd(), (api) => api.packBoard(packText, files, heldout));
    board.refused.unshift(...unread);
    const grades = str('grades');
    if (grades !== undefined) await writeTextFile(grades, board.gradesCsv);
    if (values.json) print(board);
    else {
      printBoard(io, board);
      if (grades !== undefined) io.stdout(`wrote ${grades}\n`);
    }
    return 0;
  },
};

function existsFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
