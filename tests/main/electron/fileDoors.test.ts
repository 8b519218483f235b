import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileDoors, dialogFilters, dialogTitle, FILE_KINDS, YOUR_DATA_FILTERS, type DialogPort } from '../../../main/electron/fileDoors';
import { LabError } from '../../../engine/errors';
import { renderMessage } from '../../../engine/messages';
import { particle } from '../../../renderer/i18n/particles';
import { OPEN_LIMIT_MB } from '../../../renderer/charts/openLimits';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-doors-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dialogs(openPath: string | null, savePath: string | null = null) {
  const asked: unknown[][] = [];
  const port: DialogPort = {
    async chooseFileToOpen(...args) {
      asked.push(['open', ...args]);
      return openPath;
    },
    async chooseFileToSave(...args) {
      asked.push(['save', ...args]);
      return savePath;
    },
    async chooseYourData(...args) {
      asked.push(['your data', ...args]);
      return openPath;
    },
  };
  return { port, asked };
}

describe('file doors', () => {
  it('open a chosen file as its name and text, without a byte-order mark', async () => {
    const path = join(dir, 'adam.dlab.json');
    writeFileSync(path, '\ufeff{"format":"dlab-experiment"}');
    const { port, asked } = dialogs(path);
    expect(await createFileDoors(port).openTextFile('experiment')).toEqual({ name: 'adam.dlab.json', text: '{"format":"dlab-experiment"}' });
    expect(asked).toEqual([
      [
        'open',
        'experiment',
        [
          { name: 'Experiment files', extensions: ['json'] },
          { name: 'All files', extensions: ['*'] },
        ],
      ],
    ]);
  });

  it('"Your data…" is one dialog for a table or a folder: its path, null when cancelled, a network share refused', async () => {
    const { port, asked } = dialogs(dir);
    expect(await createFileDoors(port).chooseYourData()).toBe(dir);
    expect(asked).toEqual([['your data', YOUR_DATA_FILTERS]]);
    expect(YOUR_DATA_FILTERS[0]!.extensions).toEqual(expect.arrayContaining(['csv', 'png']));
    const path = join(dir, 'iris.csv');
    writeFileSync(path, 'a,label\n1,x\n');
    expect(await createFileDoors(dialogs(path).port).chooseYourData()).toBe(path);
    expect(await createFileDoors(dialogs(null).port).chooseYourData()).toBeNull();
    await expect(createFileDoors(dialogs('\\\\server\\share\\fashion').port).chooseYourData()).rejects.toThrow(/The data/);
  });

  it('answer null when the user cancels', async () => {
    expect(await createFileDoors(dialogs(null).port).openTextFile('weights')).toBeNull();
    expect(await createFileDoors(dialogs(null, null).port).saveTextFile('csv', 'a.csv', 'x')).toBeNull();
  });

  it('refuse a file larger than its kind allows, before reading it', async () => {
    const path = join(dir, 'huge.dlab.json');
    writeFileSync(path, '');
    truncateSync(path, FILE_KINDS.experiment.maxBytes + 1);
    await expect(createFileDoors(dialogs(path).port).openTextFile('experiment')).rejects.toThrow(
      'huge.dlab.json is larger than the 5 MB an experiment file may be.',
    );
  });

  it('say what went wrong with a file that cannot be read', async () => {
    await expect(createFileDoors(dialogs(join(dir, 'gone.json')).port).openTextFile('weights')).rejects.toThrow(
      'Cannot open gone.json: there is no such file.',
    );
    mkdirSync(join(dir, 'folder.json'));
    await expect(createFileDoors(dialogs(join(dir, 'folder.json')).port).openTextFile('run')).rejects.toThrow(
      'Cannot open folder.json: it is a folder, not a file.',
    );
    await expect(createFileDoors(dialogs('/dev/zero').port).openTextFile('run')).rejects.toThrow('Cannot open zero: it is a device or a pipe, not a file.');
  });

  it('save to the chosen path, leaving no temporary file behind', async () => {
    const target = join(dir, 'out', 'metrics.csv');
    mkdirSync(join(dir, 'out'));
    const { port, asked } = dialogs(null, target);
    expect(await createFileDoors(port).saveTextFile('csv', 'metrics.csv', 'epoch,loss\n1,0.5\n')).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('epoch,loss\n1,0.5\n');
    expect(readdirSync(join(dir, 'out'))).toEqual(['metrics.csv']);
    expect(asked[0]!.slice(0, 3)).toEqual(['save', 'csv', 'metrics.csv']);
  });

  it('say why a save failed', async () => {
    const { port } = dialogs(null, join(dir, 'no-such-folder', 'w.json'));
    await expect(createFileDoors(port).saveTextFile('weights', 'w.json', '{}')).rejects.toThrow('Cannot write w.json: there is no such file.');
  });

  it('refuse a run file past its limits as it streams by, before the window holds its text', async () => {
    const path = join(dir, 'many.dlab-run.json');
    const losses = Array.from({ length: 1_000_001 }, (_, i) => `[${i + 1},0.5]`).join(',');
    writeFileSync(path, `{"format":"dlab-run","version":1,"runs":[{"losses":[${losses}]}]}`);
    await expect(createFileDoors(dialogs(path).port).openTextFile('run')).rejects.toThrow(
      'many.dlab-run.json: runs[0].losses has more than 1,000,000 losses; a run file may hold at most 1,000,000 per run',
    );
  });

  it('remove the temporary file of a save that failed (the chosen path is a folder)', async () => {
    const folder = join(dir, 'taken');
    mkdirSync(join(folder, 'w.json'), { recursive: true });
    const { port } = dialogs(null, join(folder, 'w.json'));
    await expect(createFileDoors(port).saveTextFile('weights', 'w.json', '{}')).rejects.toThrow('Cannot write w.json: it is a folder, not a file.');
    expect(readdirSync(folder)).toEqual(['w.json']);
  });

  it('have the limits the page checks before it reads a file in the browser', () => {
    for (const kind of ['experiment', 'weights', 'run', 'pack', 'submission'] as const)
      expect(FILE_KINDS[kind].maxBytes, kind).toBe(OPEN_LIMIT_MB[kind] * 1024 * 1024);
  });

  it('offer a filter per kind', () => {
    expect(dialogFilters('csv')[0]).toEqual({ name: 'CSV files', extensions: ['csv'] });
    expect(dialogFilters('weights')[0]).toEqual({ name: 'Weights files', extensions: ['json'] });
  });
});

describe('file doors in a Korean classroom (the machine’s language)', () => {
  it('titles and filters of the native dialogs, and a refusal, in Korean', async () => {
    expect(dialogFilters('weights', 'ko')).toEqual([
      { name: '가중치 파일', extensions: ['json'] },
      { name: '모든 파일', extensions: ['*'] },
    ]);
    expect(dialogTitle('open', 'experiment', 'ko')).toBe('실험 열기');
    expect(dialogTitle('yourData', null, 'ko')).toBe('내 데이터: CSV 파일이나 이미지 폴더(또는 그 안의 이미지 하나)');
    expect(dialogTitle('save', 'run', 'en')).toBe('Save run');
    const dir = mkdtempSync(join(tmpdir(), 'dlab-doors-ko-'));
    try {
      const chosen = join(dir, 'gone.dlab.json');
      const doors = createFileDoors({ chooseFileToOpen: async () => chosen, chooseFileToSave: async () => null, chooseYourData: async () => null }, 'ko');
      const refusal = await doors.openTextFile('experiment').catch((error: unknown) => error as LabError);
      expect(refusal).toBeInstanceOf(LabError);
      expect((refusal as LabError).message).toBe('Cannot open gone.dlab.json: there is no such file.');
      expect(renderMessage('ko', (refusal as LabError).said!, { particle })).toBe('gone.dlab.json을 열 수 없습니다: 그런 파일이 없습니다.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
