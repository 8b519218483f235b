// Leaving the desktop app while a run trains, for real: the built main process is asked to quit (the
// window's close button, File → Quit) or killed outright, and its SQLite database is read afterwards.
// As the README says: a quit cancels the run (status `cancelled`) and a kill leaves it to the next start,
// which marks it `interrupted`; in both, what was measured is kept, and no run is left `running`.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LabPage } from '../e2e/pages';
import { startDesktop, type Desktop } from './harness';

const started: Desktop[] = [];
afterEach(async () => {
  for (const desktop of started.splice(0)) await desktop.close();
});

async function start(configDir?: string): Promise<Desktop> {
  const desktop = await startDesktop(configDir ? { configDir } : {});
  started.push(desktop);
  return desktop;
}

/** Opens a long MNIST run through the native dialog, starts it on two workers, and waits for its losses. */
async function trainLong(d: Desktop): Promise<void> {
  const experiment = JSON.parse(readFileSync(new URL('../../examples/two-layer-net.dlab.json', import.meta.url), 'utf8')) as { training: { epochs: number } };
  experiment.training.epochs = 200;
  const file = join(d.configDir, 'long.dlab.json');
  writeFileSync(file, JSON.stringify(experiment));
  const lab = new LabPage(d.page, d.configDir);
  d.answerDialog('showOpenDialog', { canceled: false, filePaths: [file] });
  await lab.go('build');
  await lab.id('file.open').click();
  await expect.poll(() => lab.id('builder.total.params').textContent()).toBe('39,760');
  await lab.train(2);
  // Some iterations measured and written (the store writes as it goes).
  await expect
    .poll(
      () =>
        d.page.evaluate(() => Number((document.querySelector('[data-testid="dashboard.iteration"]')?.textContent ?? '0').split('/')[0]!.replace(/\D/g, ''))),
      {
        timeout: 60_000,
      },
    )
    .toBeGreaterThan(20);
}

interface RunRow {
  status: string;
  workers: number;
  iterations_done: number;
  finished_at: string | null;
  losses: number;
}

function runsIn(dbPath: string): RunRow[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db
      .prepare('SELECT status, workers, iterations_done, finished_at, (SELECT COUNT(*) FROM losses WHERE run_id = runs.id) AS losses FROM runs ORDER BY id')
      .all() as RunRow[];
  } finally {
    db.close();
  }
}

describe('quitting the desktop app while a run trains', () => {
  it('closing the window quits the app, and the run ends cancelled with its losses kept', async () => {
    const d = await start();
    await trainLong(d);
    const asked = Date.now();
    expect(await d.closeWindow()).toEqual({ closed: true });
    expect(await d.exited).toEqual({ code: 0, signal: null });
    // Reported, not asserted: main gives the service 5 s to cancel the run before it quits regardless.
    console.log(`from the close button to the end of the main process: ${Date.now() - asked} ms`);
    const [run] = runsIn(d.dbPath);
    expect(run).toMatchObject({ status: 'cancelled', workers: 2 });
    expect(run!.finished_at).not.toBeNull();
    expect(run!.losses).toBeGreaterThan(0);
  }, 240_000);

  it('File → Quit does the same', async () => {
    const d = await start();
    await trainLong(d);
    await d.clickMenu('File', 'quit');
    expect(await d.exited).toEqual({ code: 0, signal: null });
    expect(runsIn(d.dbPath).map((run) => run.status)).toEqual(['cancelled']);
  }, 240_000);

  it('a main process killed mid-run leaves the run to the next start, which marks it interrupted and keeps its losses', async () => {
    const first = await start();
    await trainLong(first);
    await first.kill();
    const [left] = runsIn(first.dbPath);
    expect(left!.status).toBe('running'); // the accident is real: nobody got to say otherwise
    const losses = left!.losses;
    expect(losses).toBeGreaterThan(0);

    const second = await start(first.configDir);
    const runs = await second.page.evaluate(() =>
      (window as unknown as { lab: { listRuns(): Promise<{ runs?: { status: string }[] } | { status: string }[]> } }).lab.listRuns(),
    );
    expect(JSON.stringify(runs)).toContain('"status":"interrupted"');
    await second.clickMenu('File', 'quit');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    const [after] = runsIn(first.dbPath);
    expect(after).toMatchObject({ status: 'interrupted', losses });
  }, 240_000);
});
