// A refusal crosses the web door as a code plus its values, and the page says it in the chosen language:
// the real service behind the real web host, the renderer's own web client, a real folder that is not there
// and a real weights file that is not JSON.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabService, type LabService } from '../../../main/api/service';
import { startWebHost, type WebHost } from '../../../main/web/server';
import { LabCallError, createWebLab } from '../../../renderer/api/webLab';
import { inLanguage } from '../../../renderer/i18n/problems';

let host: WebHost;
let service: LabService;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dlab-ko-web-'));
  service = await createLabService({ dbPath: ':memory:', workers: 1 });
  host = await startWebHost({ service, port: 0, rendererDir: dir });
});

afterAll(async () => {
  await host.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = () => createWebLab({ token: host.token, baseUrl: `http://127.0.0.1:${host.port}`, fetch: globalThis.fetch });

async function refusal(call: Promise<unknown>): Promise<LabCallError> {
  try {
    await call;
  } catch (error) {
    return error as LabCallError;
  }
  throw new Error('expected the lab to refuse');
}

describe('refusals through the web door', () => {
  it('a data folder that does not exist: English on the wire with its code, Korean on the Korean page', async () => {
    const folder = join(dir, 'missing');
    const error = await refusal(client().previewDataset({ source: `idx:${folder}` }, 4));
    expect(error.message).toBe(`The data folder ${folder} does not exist.`);
    expect(error.said).toEqual({ code: 'data.folderMissing', values: { folder } });
    expect((inLanguage('ko', error) as Error).message).toBe(`데이터 폴더 ${folder}이 없습니다.`);
    expect(inLanguage('en', error)).toBe(error);
  });

  it('a weights file that is not JSON, said of its file', async () => {
    const error = await refusal(client().evaluateWeights('{ not json', 'spiral'));
    // parsed on an evaluation thread: the code comes back from the worker with the sentence
    expect(error.message).toMatch(/^the weights file is not valid JSON: .+\.$/);
    expect(error.said?.code).toBe('file.notJson');
    expect((inLanguage('ko', error) as Error).message).toMatch(/^가중치 파일은 올바른 JSON이 아닙니다: .+\.$/);
  });

  it('a sentence whose code was lost on the way (Electron’s bridge keeps only the message) is recognised', () => {
    const bare = new Error(
      'The folder /data/fashion has no training images: expected a file named train-images-idx3-ubyte or train-images-idx3-ubyte.gz (train-images.idx3-ubyte also works).',
    );
    expect((inLanguage('ko', bare) as Error).message).toBe(
      '폴더 /data/fashion에 훈련 이미지가 없습니다. train-images-idx3-ubyte 또는 train-images-idx3-ubyte.gz라는 파일이 있어야 합니다 (train-images.idx3-ubyte도 됩니다).',
    );
    const unknown = new Error('Something the table does not know.');
    expect(inLanguage('ko', unknown)).toBe(unknown);
  });
});
