// The store's, the run files' and the command line's refusals in a Korean locale: each was an English
// sentence inside the Korean CLI before it travelled as a code. Real processes (bin/dlab.js), real files
// on disk; a damaged database is left byte for byte as it was.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMessage, type LabMessage } from '../../engine/messages';

const root = new URL('../..', import.meta.url).pathname;
let dir: string;

function dlab(lang: string, ...argv: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin/dlab.js'), ...argv], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: lang } });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-ko-store-'));
  writeFileSync(join(dir, 'damaged.db'), 'SQLite format 3\0 but not really a database, only its first words');
  writeFileSync(join(dir, 'newer.dlab-run.json'), JSON.stringify({ format: 'dlab-run', version: 99, runs: [] }));
  writeFileSync(join(dir, 'empty.dlab-run.json'), JSON.stringify({ format: 'dlab-run', version: 1, runs: [] }));
});

describe('dlab under a Korean locale: the store, run files and arguments', () => {
  it('a database path that is a folder', () => {
    // A folder of a fixed name: the particle follows the path's last sound, and a temporary folder's
    // random last character ("…jsX3Q0", read 영) would choose 은 where "…Q" chooses 는.
    const folder = join(dir, 'runs');
    mkdirSync(folder);
    const korean = dlab('ko_KR.UTF-8', 'runs', 'list', '--db', folder);
    expect(korean.status).not.toBe(0);
    expect(korean.stderr.trim()).toBe(`실험실 데이터베이스 ${folder}는 데이터베이스 파일이 아니라 폴더입니다. 파일은 그대로 두었습니다.`);
    const english = dlab('en_US.UTF-8', 'runs', 'list', '--db', folder);
    expect(english.stderr.trim()).toBe(`The lab database ${folder} is a folder, not a database file; it was left as it is.`);
  });

  it('a damaged database to import from, left as it was', () => {
    const before = readFileSync(join(dir, 'damaged.db'));
    const korean = dlab('ko_KR.UTF-8', 'runs', 'import', join(dir, 'damaged.db'), '--db', join(dir, 'lab.db'));
    expect(korean.status).not.toBe(0);
    expect(korean.stderr).toMatch(
      /^데이터베이스 .*damaged\.db는 손상되었거나 실험실 데이터베이스가 아닙니다 \(.+\)\. 아무것도 가져오지 않았고 파일은 그대로 두었습니다\.\n$/,
    );
    expect(readFileSync(join(dir, 'damaged.db'))).toEqual(before);
  });

  it('run files: a newer version, and one with no runs', () => {
    const newer = dlab('ko_KR.UTF-8', 'runs', 'import', join(dir, 'newer.dlab-run.json'), '--db', join(dir, 'lab.db'));
    expect(newer.stderr.trim()).toMatch(
      /^실행 기록 파일은 더 새로운 버전의 실험실이 쓴 파일입니다 \(실행 기록 파일 버전 99\)\. 이 실험실은 버전 \d+까지 읽습니다\.$/,
    );
    const empty = dlab('ko_KR.UTF-8', 'runs', 'import', join(dir, 'empty.dlab-run.json'), '--db', join(dir, 'lab.db'));
    expect(empty.stderr.trim()).toMatch(/: runs가 비어 있습니다\. 가져올 실행이 없습니다\.$/);
  });

  it('command-line arguments: a run id that is not one, a number option out of range', () => {
    expect(dlab('ko_KR.UTF-8', 'runs', 'show', 'abc', '--db', join(dir, 'lab.db')).stderr.trim()).toBe(
      '"abc"는 실행 번호가 아닙니다. 실행 번호는 dlab runs list가 보여 주는 정수입니다.',
    );
    expect(dlab('en_US.UTF-8', 'runs', 'show', 'abc', '--db', join(dir, 'lab.db')).stderr.trim()).toBe(
      '"abc" is not a run id: a run id is a whole number, as dlab runs list shows.',
    );
    expect(dlab('ko_KR.UTF-8', 'runs', 'list', '--limit', '0', '--db', join(dir, 'lab.db')).stderr.trim()).toBe(
      `--limit 값은 1에서 ${Number.MAX_SAFE_INTEGER} 사이의 정수여야 하는데 "0"입니다.`,
    );
  });
});

describe('a refusal that stopped an import part-way', () => {
  const said: LabMessage = {
    code: 'store.writeFailed',
    values: { path: '/tmp/lab.db', why: 'full' },
    after: { code: 'import.stoppedPartway', values: { imported: 3, total: 10 } },
  };

  it('says what was kept, and no longer that nothing was changed, in both languages', () => {
    expect(renderMessage('en', said)).toBe(
      'The lab database /tmp/lab.db could not be written (the disk is full) — 3 of 10 runs were imported before it stopped; importing the same file again adds the rest.',
    );
    expect(renderMessage('ko', said)).toBe(
      '실험실 데이터베이스 /tmp/lab.db에 쓰지 못했습니다 (디스크가 가득 찼습니다). — 멈추기 전에 실행 10개 중 3개를 가져왔습니다. 같은 파일을 다시 가져오면 나머지가 더해집니다.',
    );
  });
});
