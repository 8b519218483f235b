import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabError } from '../../engine/errors';
import { validateExperiment } from '../../engine/experiment';
import { loadDataSource } from '../../engine/node/datasets';
import { readIdxFile, readIdxHeader } from '../../engine/node/idxFolder';
import { networkPathKind, refuseNetworkPath } from '../../engine/paths';

describe('networkPathKind', () => {
  it('recognises every spelling of a network share', () => {
    for (const path of [
      '\\\\host\\share\\mnist',
      '//host/share/mnist',
      '\\/host/share',
      '/\\host\\share',
      '\\\\?\\UNC\\host\\share\\mnist',
      '//?/unc/host/share',
      '\\\\.\\UNC\\host\\share',
      '\\\\192.168.0.10\\c$',
      '\\\\host',
    ]) {
      expect(networkPathKind(path), path).toBe('a network path');
    }
  });

  it('recognises device paths and verbatim drive paths', () => {
    for (const path of ['\\\\.\\PhysicalDrive0', '\\\\.\\pipe\\lab', '//./COM1', '\\\\?\\GLOBALROOT\\Device\\HarddiskVolume1']) {
      expect(networkPathKind(path), path).toBe('a device path');
    }
    expect(networkPathKind('\\\\?\\C:\\data\\mnist')).toBe('a verbatim Windows path');
  });

  it('leaves ordinary paths alone, on either system', () => {
    for (const path of [
      'C:\\data\\mnist',
      'C:/data',
      'data\\mnist',
      '/usr/share/datasets/fashion-mnist',
      './mnist',
      'mnist',
      '',
      '/',
      '\\',
      'a//b',
      '.\\\\x',
    ]) {
      expect(networkPathKind(path), path).toBeNull();
    }
  });

  it('refuses with a sentence that names the path and says why', () => {
    let error: unknown;
    try {
      refuseNetworkPath('\\\\teacher-pc\\class\\mnist', 'The data folder');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).kind).toBe('file');
    expect((error as LabError).message).toBe(
      'The data folder \\\\teacher-pc\\class\\mnist is a network path, which the lab does not open: the lab works offline, and opening a share could hand your sign-in to another computer: copy the files to this computer and open the copy.',
    );
    expect(() => refuseNetworkPath('/home/me/mnist')).not.toThrow();
  });
});

describe('an experiment', () => {
  it('names a network data folder as the problem while it is edited, before any run', () => {
    const experiment = {
      format: 'dlab-experiment',
      version: 1,
      model: { input: [1, 28, 28], layers: [{ type: 'affine', units: 10 }, { type: 'softmax-with-loss' }] },
      data: { source: 'idx:\\\\teacher\\class\\fashion' },
      training: { optimizer: { type: 'sgd', lr: 0.1 } },
    };
    let error: unknown;
    try {
      validateExperiment(experiment);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).details.path).toBe('data.source');
    expect((error as LabError).message).toMatch(/^The data folder \\\\teacher\\class\\fashion is a network path, which the lab does not open/);
  });
});

describe('the data loaders refuse a network path before touching it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dlab-unc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function refusal(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LabError);
    return (error as LabError).message;
  }

  it('an idx: source, relative or not, whatever the base folder', async () => {
    // On Linux "\\host\share" would otherwise be a relative name under the base folder, and "//host" the root's /host.
    for (const folder of ['\\\\host\\share\\mnist', '//host/share/mnist', '\\\\?\\UNC\\host\\share']) {
      expect(await refusal(loadDataSource({ source: `idx:${folder}` }, { baseDir: dir }))).toMatch(
        new RegExp(`^The data folder ${folder.replace(/[\\?]/g, '\\$&')} is a network path, which the lab does not open`),
      );
    }
  });

  it('an images: source, in an experiment and when loaded', async () => {
    for (const folder of ['\\\\host\\share\\photos', '//host/share/photos']) {
      const pattern = `${folder.replace(/[\\?]/g, '\\$&')} is a network path, which the lab does not open`;
      expect(await refusal(loadDataSource({ source: `images:${folder}` }, { baseDir: dir }))).toMatch(new RegExp(`^The image folder ${pattern}`));
      const experiment = {
        format: 'dlab-experiment',
        version: 1,
        model: { input: [2], layers: [{ type: 'affine', units: 2 }, { type: 'softmax-with-loss' }] },
        data: { source: `images:${folder}` },
        training: { optimizer: { type: 'sgd', lr: 0.1 } },
      };
      expect(() => validateExperiment(experiment)).toThrow(new RegExp(`^The data folder ${pattern}`));
    }
  });

  it('an IDX file named directly', async () => {
    expect(await refusal(readIdxFile('//host/share/train-images-idx3-ubyte'))).toMatch(/^The file \/\/host\/share\/train-images-idx3-ubyte is a network path/);
    expect(await refusal(readIdxHeader('\\\\.\\PhysicalDrive0'))).toMatch(
      /is a device path, which the lab does not open: a device is not a file the lab can read/,
    );
  });
});
