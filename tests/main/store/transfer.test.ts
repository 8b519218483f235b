// Runs leaving one lab and entering another: dlab-run files and whole databases. Everything is
// checked before anything is stored; a run already here (same uid) is left alone; a failed import
// changes nothing.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../main/api/contract';
import { RunStore } from '../../../main/store/RunStore';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../../main/store/schema';
import { addRun, countRows, experiment, hashDatabase, refusal, removeTempDirs, tempDir, weightsText } from './fixtures';

afterAll(removeTempDirs);

const withoutId = ({ id: _id, ...rest }: RunDetail) => rest;

/** A database of three varied runs: done with weights and notes, failed, and still running. */
function classDatabase(path: string, who: string): { store: RunStore; ids: number[] } {
  const store = RunStore.open(path);
  const done = addRun(store, { name: `${who}: Adam`, experiment: experiment({ lr: 0.001, optimizer: 'adam' }), epochs: 3, weights: true, finalStatus: 'done' });
  store.updateRun(done, { notes: `${who}'s best run\nwith a second line`, tags: ['ch6', who] });
  const failed = addRun(store, {
    name: `${who}: lr 10`,
    experiment: experiment({ lr: 10 }),
    epochs: 1,
    finalStatus: 'failed',
    failure: 'The loss became NaN at iteration 12.',
  });
  const running = addRun(store, {
    name: `${who}: long`,
    experiment: experiment({ source: 'circles' }),
    epochs: 2,
    status: 'running',
    ownerInstance: `${who}-app`,
  });
  return { store, ids: [done, failed, running] };
}

describe('exporting and importing dlab-run files', () => {
  it('round-trips every field into a fresh database', () => {
    const { store: source, ids } = classDatabase(join(tempDir(), 'a.db'), 'mina');
    const target = RunStore.open(join(tempDir(), 'b.db'));
    for (const id of ids.slice(0, 2)) {
      const text = source.exportRun(id);
      const file = JSON.parse(text);
      expect(Object.keys(file)).toEqual(['format', 'version', 'runs']);
      expect(file).toMatchObject({ format: 'dlab-run', version: 1 });
      expect(Object.keys(file.runs[0])).toEqual([
        'uid',
        'name',
        'status',
        'failure',
        'experiment',
        'dataset',
        'seed',
        'workers',
        'startedAt',
        'finishedAt',
        'durationMs',
        'epochsTotal',
        'iterationsTotal',
        'iterationsDone',
        'notes',
        'tags',
        'epochs',
        'losses',
        'weights',
      ]);
      expect(target.importRuns(text)).toEqual({ imported: 1, duplicates: 0 });
      const copy = target.listRuns({ search: source.getRun(id).name }).runs[0]!.id;
      expect(target.exportRun(copy)).toBe(text);
      expect(withoutId(target.getRun(copy, 100_000))).toEqual(withoutId(source.getRun(id, 100_000)));
      expect(target.getWeights(copy)).toEqual(source.getWeights(id) === null ? null : expect.any(String));
      expect(target.metricsCsv(copy)).toBe(source.metricsCsv(id));
    }
    const weights = source.getWeights(ids[0]!)!;
    expect(JSON.parse(target.getWeights(target.listRuns({ search: 'Adam' }).runs[0]!.id)!)).toEqual(JSON.parse(weights));
    source.close();
    target.close();
  });

  it('carries the weights a continued run started from, as version 2; a run from its seed stays version 1', () => {
    const path = join(tempDir(), 'a.db');
    const source = RunStore.open(path);
    const exp = experiment();
    const start = weightsText(exp, 11);
    const continued = addRun(source, { name: 'continued', experiment: exp, epochs: 2, weights: true, finalStatus: 'done', startWeights: start });
    const fresh = addRun(source, { name: 'fresh', experiment: exp, epochs: 1, finalStatus: 'done' });
    expect(source.getRun(continued).startedFrom).toBe('weights');
    expect(source.getRun(fresh).startedFrom).toBe('seed');
    expect(JSON.parse(source.getStartWeights(continued)!)).toEqual(JSON.parse(start));
    expect(source.getStartWeights(fresh)).toBeNull();

    const text = source.exportRun(continued);
    const file = JSON.parse(text);
    expect(file.version).toBe(2);
    expect(Object.keys(file.runs[0]).at(-1)).toBe('startWeights');
    expect(file.runs[0].startWeights).toEqual(JSON.parse(start));
    expect(JSON.parse(source.exportRun(fresh))).toMatchObject({ version: 1 });
    expect(JSON.parse(source.exportRun(fresh)).runs[0]).not.toHaveProperty('startWeights');

    const target = RunStore.open(':memory:');
    expect(target.importRuns(text)).toEqual({ imported: 1, duplicates: 0 });
    const copy = target.listRuns({}).runs[0]!.id;
    expect(target.getRun(copy).startedFrom).toBe('weights');
    expect(JSON.parse(target.getStartWeights(copy)!)).toEqual(JSON.parse(start));
    expect(target.exportRun(copy)).toBe(text);

    // Deleting the run deletes the weights it started from with it.
    source.deleteRun(continued);
    source.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM start_weights').pluck().get()).toBe(0);
    db.close();
    target.close();
  });

  it('exports a live run as it is, and imports it as interrupted', () => {
    const { store: source, ids } = classDatabase(join(tempDir(), 'a.db'), 'jun');
    const text = source.exportRun(ids[2]!);
    expect(JSON.parse(text).runs[0]).toMatchObject({ status: 'running', finishedAt: null, iterationsDone: 20 });
    const target = RunStore.open(':memory:');
    target.importRuns(text);
    const copy = target.listRuns({}).runs[0]!;
    expect(copy).toMatchObject({ status: 'interrupted', uid: source.getRun(ids[2]!).uid, epochsDone: 2, iterationsDone: 20 });
    expect(target.getRun(copy.id).losses).toEqual(source.getRun(ids[2]!).losses);
    // Nobody here owns it: the next start-up's recovery has nothing to do with it.
    expect(target.recoverInterrupted('me', () => true)).toEqual([]);
    source.close();
    target.close();
  });

  it('imports a file of several runs; a second time everything is a duplicate and nothing changes', () => {
    const { store: source, ids } = classDatabase(join(tempDir(), 'a.db'), 'seo');
    const runs = ids.map((id) => JSON.parse(source.exportRun(id)).runs[0]);
    const text = JSON.stringify({ format: 'dlab-run', version: 1, runs });
    const path = join(tempDir(), 'b.db');
    const target = RunStore.open(path);
    addRun(target, { name: 'already here', finalStatus: 'done' });
    expect(target.importRuns(text)).toEqual({ imported: 3, duplicates: 0 });
    const before = hashDatabase(path);
    expect(target.importRuns(text)).toEqual({ imported: 0, duplicates: 3 });
    expect(hashDatabase(path)).toBe(before);
    expect(target.listRuns({}).total).toBe(4);
    // A run repeated inside one file is imported once.
    const fresh = RunStore.open(':memory:');
    expect(fresh.importRuns(JSON.stringify({ format: 'dlab-run', version: 1, runs: [runs[0], runs[0]] }))).toEqual({ imported: 1, duplicates: 1 });
    source.close();
    target.close();
    fresh.close();
  });

  it('refuses a bad file with a sentence naming where the first problem is, changing nothing', () => {
    const { store: source, ids } = classDatabase(join(tempDir(), 'a.db'), 'hana');
    const good = () => JSON.parse(source.exportRun(ids[0]!));
    const dbPath = join(tempDir(), 'b.db');
    const target = RunStore.open(dbPath);
    addRun(target, { finalStatus: 'done' });
    const before = hashDatabase(dbPath);

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reaches into parsed JSON at any depth to break it on purpose
    const cases: [string, (f: any) => unknown, string | RegExp, string?][] = [
      ['not JSON', () => '{"format": "dlab-run",', /^The run file is not valid JSON: .+\.$/],
      ['a list', () => [], 'The run file is not a lab run file (it holds a list, not an object).'],
      [
        'a weights file',
        (f) => ({ ...f, format: 'dlab-weights' }),
        'The run file is not a lab run file ("format" should be "dlab-run", found "dlab-weights").',
        'format',
      ],
      [
        'newer',
        (f) => ({ ...f, version: 5 }),
        'The run file was written by a newer version of the lab (run file version 5); this lab reads run files up to version 4.',
        'version',
      ],
      ['no runs', (f) => ({ ...f, runs: [] }), 'The run file: runs is empty: there is no run to import.', 'runs'],
      ['extra top field', (f) => ({ ...f, teacher: 'kim' }), 'The run file: the file has an unknown field "teacher".'],
      [
        'wrong type deep',
        (f) => ((f.runs[0].epochs[1].testAcc = 'high'), f),
        'The run file: runs[0].epochs[1].testAcc must be a number, not "high".',
        'runs[0].epochs[1].testAcc',
      ],
      ['missing', (f) => (delete f.runs[0].name, f), 'The run file: runs[0].name is missing.', 'runs[0].name'],
      ['unknown run field', (f) => ((f.runs[0].owner = 'x'), f), 'The run file: runs[0] has an unknown field "owner".', 'runs[0]'],
      [
        'status',
        (f) => ((f.runs[0].status = 'lost'), f),
        /^The run file: runs\[0\]\.status must be one of "queued", .*"interrupted", not "lost"\.$/,
        'runs[0].status',
      ],
      [
        'date',
        (f) => ((f.runs[0].startedAt = 'yesterday'), f),
        'The run file: runs[0].startedAt must be a date and time such as 2024-05-01T09:30:00.000Z, not "yesterday".',
        'runs[0].startedAt',
      ],
      ['negative', (f) => ((f.runs[0].iterationsDone = -4), f), 'The run file: runs[0].iterationsDone must be at least 0.', 'runs[0].iterationsDone'],
      ['loss pair', (f) => ((f.runs[0].losses[3] = [4]), f), /^The run file: runs\[0\]\.losses\[3\]/, undefined],
      ['repeated epoch', (f) => ((f.runs[0].epochs[1].epoch = 1), f), 'The run file: runs[0].epochs[1].epoch repeats epoch 1.', 'runs[0].epochs[1].epoch'],
      ['repeated iteration', (f) => ((f.runs[0].losses[5][0] = 1), f), 'The run file: runs[0].losses[5] repeats iteration 1.', 'runs[0].losses[5]'],
      [
        'tags',
        (f) => ((f.runs[0].tags = Array.from({ length: 31 }, (_, i) => `t${i}`)), f),
        'The run file: runs[0].tags: A run can have at most 30 tags, not 31.',
        'runs[0].tags',
      ],
      ['name', (f) => ((f.runs[0].name = ' '), f), /^The run file: runs\[0\]\.name: A run's name must be 1 to 200/, 'runs[0].name'],
      [
        'experiment',
        (f) => ((f.runs[0].experiment.model.layers[0].units = 0), f),
        /^The run file: runs\[0\]\.experiment: .*/,
        'runs[0].experiment.model.layers[0].units',
      ],
      [
        'weights',
        (f) => (f.runs[0].weights.params.W1.data.pop(), f),
        /^The run file: runs\[0\]\.weights: "W1" must hold 16 numbers in "data", found 15\.$/,
        'runs[0].weights.params.W1.data',
      ],
      ['weights of another model', (f) => ((f.runs[0].weights.model.layers[0].units = 9), f), /^The run file: runs\[0\]\.weights: /, undefined],
      [
        'weights of another run',
        (f) => ((f.runs[0].experiment.model.layers[2].init = 'he'), f),
        "The run file: runs[0].weights.model is not the model of the run's experiment.",
        'runs[0].weights.model',
      ],
      ['start weights', (f) => ((f.runs[0].startWeights = { ...f.runs[0].weights, params: {} }), f), /^The run file: runs\[0\]\.startWeights: /, undefined],
      [
        'start weights of another model',
        (f) => ((f.runs[0].startWeights = JSON.parse(JSON.stringify(f.runs[0].weights))), (f.runs[0].startWeights.model.layers[2].init = 'he'), f),
        "The run file: runs[0].startWeights.model is not the model of the run's experiment.",
        'runs[0].startWeights.model',
      ],
      [
        'second run bad',
        (f) => ({ ...f, runs: [f.runs[0], { ...f.runs[0], uid: 'other', seed: -1 }] }),
        'The run file: runs[1].seed must be at least 0.',
        'runs[1].seed',
      ],
    ];
    for (const [what, mutate, message, where] of cases) {
      const mutated = mutate(good());
      const error = refusal(() => target.importRuns(typeof mutated === 'string' ? mutated : JSON.stringify(mutated)));
      expect(error.kind, what).toBe('file');
      if (typeof message === 'string') expect(error.message, what).toBe(message);
      else expect(error.message, what).toMatch(message);
      if (where !== undefined) expect(error.details.path, what).toBe(where);
      expect(hashDatabase(dbPath), what).toBe(before);
    }
    // The unmutated file does import: the refusals above were about the mutations.
    expect(target.importRuns(JSON.stringify(good()))).toEqual({ imported: 1, duplicates: 0 });
    source.close();
    target.close();
  });
});

describe('importing another lab database', () => {
  it("merges a class's databases into the teacher's; a second time imports nothing; the sources stay as they were", () => {
    const dir = tempDir();
    const mina = classDatabase(join(dir, 'mina.db'), 'mina');
    const jun = classDatabase(join(dir, 'jun.db'), 'jun');
    // Jun also imported one of Mina's runs: the teacher gets it once.
    jun.store.importRuns(mina.store.exportRun(mina.ids[0]!));
    mina.store.close();
    jun.store.close();
    const sources = ['mina.db', 'jun.db'].map((name) => readFileSync(join(dir, name)));

    const teacherPath = join(dir, 'teacher.db');
    const teacher = RunStore.open(teacherPath);
    addRun(teacher, { name: 'the demo', finalStatus: 'done' });
    expect(teacher.importDatabase(join(dir, 'mina.db'))).toEqual({ imported: 3, duplicates: 0 });
    expect(teacher.importDatabase(join(dir, 'jun.db'))).toEqual({ imported: 3, duplicates: 1 });
    const before = hashDatabase(teacherPath);
    expect(teacher.importDatabase(join(dir, 'mina.db'))).toEqual({ imported: 0, duplicates: 3 });
    expect(teacher.importDatabase(join(dir, 'jun.db'))).toEqual({ imported: 0, duplicates: 4 });
    expect(hashDatabase(teacherPath)).toBe(before);

    expect(teacher.listRuns({}).total).toBe(7);
    expect(
      teacher
        .listRuns({ status: ['interrupted'] })
        .runs.map((r) => r.name)
        .sort(),
    ).toEqual(['jun: long', 'mina: long']);
    expect(teacher.listRuns({ tag: 'mina' }).runs[0]).toMatchObject({
      name: 'mina: Adam',
      hasWeights: true,
      epochsDone: 3,
      notes: "mina's best run\nwith a second line",
    });
    expect(countRows(teacherPath, 'losses')).toBe(countRows(join(dir, 'mina.db'), 'losses') + countRows(join(dir, 'jun.db'), 'losses') - 30 + 20);
    expect(['mina.db', 'jun.db'].map((name, i) => readFileSync(join(dir, name)).equals(sources[i]!))).toEqual([true, true]);
    teacher.close();
  });

  it('refuses a file that is not a lab database of this version, importing nothing', () => {
    const dir = tempDir();
    const teacherPath = join(dir, 'teacher.db');
    const teacher = RunStore.open(teacherPath);
    addRun(teacher);
    const before = hashDatabase(teacherPath);

    writeFileSync(join(dir, 'garbage.db'), 'not a database at all\n'.repeat(100));
    const newer = new Database(join(dir, 'newer.db'));
    newer.pragma(`application_id = ${APPLICATION_ID}`);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.exec('CREATE TABLE runs (id INTEGER PRIMARY KEY)');
    newer.close();
    const other = new Database(join(dir, 'other.db'));
    other.exec('CREATE TABLE photos (path TEXT)');
    other.close();
    mkdirSync(join(dir, 'folder.db'));

    const cases: [string, string][] = [
      ['garbage.db', 'is damaged or is not a lab database (file is not a database); nothing was imported and it was left as it is.'],
      [
        'newer.db',
        `was written by a newer version of the lab (schema ${SCHEMA_VERSION + 1}; this lab knows ${SCHEMA_VERSION}); nothing was imported and it was left as it is — open it with the newer lab.`,
      ],
      ['other.db', 'is damaged or is not a lab database (it holds the tables of another program); nothing was imported and it was left as it is.'],
      ['missing.db', 'does not exist.'],
      ['folder.db', 'is a folder, not a database file; nothing was imported and it was left as it is.'],
    ];
    for (const [name, sentence] of cases) {
      const bytes = existsSync(join(dir, name)) && !name.startsWith('folder') ? readFileSync(join(dir, name)) : null;
      const error = refusal(() => teacher.importDatabase(join(dir, name)));
      expect(error.kind, name).toBe('store');
      expect(error.message, name).toBe(`The database ${join(dir, name)} ${sentence}`);
      if (bytes) expect(readFileSync(join(dir, name)).equals(bytes), name).toBe(true);
    }
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
    expect(hashDatabase(teacherPath)).toBe(before);
    teacher.close();
  });

  it('refuses a lab database holding a run that cannot be imported, importing none of its runs', () => {
    const dir = tempDir();
    const student = classDatabase(join(dir, 'student.db'), 'min');
    student.store.close();
    const raw = new Database(join(dir, 'student.db'));
    raw.prepare('UPDATE runs SET experiment = ? WHERE id = ?').run('{"format":"dlab-experiment"', student.ids[1]);
    raw.close();

    const teacherPath = join(dir, 'teacher.db');
    const teacher = RunStore.open(teacherPath);
    const before = hashDatabase(teacherPath);
    const error = refusal(() => teacher.importDatabase(join(dir, 'student.db')));
    expect(error.kind).toBe('file');
    expect(error.message).toMatch(new RegExp(`^The database ${join(dir, 'student.db').replace(/[.]/g, '\\.')}: run ${student.ids[1]}\\.experiment: `));
    expect(hashDatabase(teacherPath)).toBe(before);
    teacher.close();
  });
});
