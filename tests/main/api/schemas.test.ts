import { describe, expect, it } from 'vitest';
import { LabError } from '../../../engine/errors';
import { LAB_METHODS } from '../../../main/api/contract';
import { METHOD_PARAMS, MAX_TEXT_CHARS, errorToWire, parseCall, parseFileCall } from '../../../main/api/schemas';

function refusal(method: string, args: unknown): string {
  try {
    parseCall(method, args);
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).kind).toBe('usage');
    return (error as LabError).message;
  }
  throw new Error(`${method} was accepted`);
}

const experiment = { format: 'dlab-experiment', version: 1, model: { input: [2], layers: [] } };

describe('parseCall', () => {
  it('has a schema for every method of the contract, and nothing else', () => {
    expect(Object.keys(METHOD_PARAMS).sort()).toEqual([...LAB_METHODS].sort());
  });

  it('accepts good calls and keeps their arguments', () => {
    expect(parseCall('startRun', [experiment, { workers: 4, name: 'adam' }])).toEqual({
      method: 'startRun',
      args: [experiment, { workers: 4, name: 'adam' }],
    });
    expect(parseCall('startRun', [experiment]).args).toEqual([experiment]);
    expect(parseCall('listRuns', []).args).toEqual([]);
    expect(parseCall('listRuns', [{ search: 'adam', status: ['done', 'failed'], sort: 'testAcc', order: 'desc', offset: 0, limit: 50 }]).args).toHaveLength(1);
    expect(parseCall('getRun', [3, 500]).args).toEqual([3, 500]);
    expect(parseCall('compareRuns', [[1, 2, 3]]).args).toEqual([[1, 2, 3]]);
    expect(parseCall('updateRun', [3, { name: 'best', notes: '', tags: ['ch6', 'adam'] }]).args[1]).toEqual({ name: 'best', notes: '', tags: ['ch6', 'adam'] });
    expect(parseCall('importRuns', ['{"format":"dlab-run"}']).args).toEqual(['{"format":"dlab-run"}']);
    expect(parseCall('listDatasets', []).args).toEqual([]);
    expect(parseCall('previewDataset', ['mnist', 8]).args).toEqual(['mnist', 8]);
    expect(parseCall('previewDataset', [{ source: 'spiral', samples: 300 }, 8]).args[0]).toEqual({ source: 'spiral', samples: 300 });
    expect(parseCall('evaluateWeights', ['{}', 'mnist']).args).toEqual(['{}', 'mnist']);
    expect(parseCall('readParams', [3, ['W1', 'b1']]).args).toEqual([3, ['W1', 'b1']]);
    expect(parseCall('readParams', [3, ['W1'], 'start']).args).toEqual([3, ['W1'], 'start']);
    expect(parseCall('cancelGradientCheck', ['check 1']).args).toEqual(['check 1']);
  });

  it('drops trailing optional arguments that were passed as undefined', () => {
    expect(parseCall('getRun', [3, undefined]).args).toEqual([3]);
    expect(parseCall('startRun', [experiment, undefined]).args).toEqual([experiment]);
  });

  it('names the method and the argument path in its sentence', () => {
    expect(refusal('startRun', [experiment, { workers: 0 }])).toBe('startRun: options.workers must be a whole number from 1 to 64.');
    expect(refusal('startRun', [experiment, { workers: 2.5 }])).toBe('startRun: options.workers must be a whole number from 1 to 64.');
    expect(refusal('startRun', [experiment, { workers: '4' }])).toBe('startRun: options.workers must be a whole number from 1 to 64.');
    expect(refusal('startRun', [experiment, { wrokers: 4 }])).toBe('startRun: options has an unknown field "wrokers".');
    expect(refusal('startRun', [experiment, { initialWeights: 'W1' }])).toBe('startRun: options.initialWeights must be a dlab-weights object.');
    expect(refusal('compareRuns', [[1, -2]])).toBe('compareRuns: runIds[1] must be a run id (a whole number from 1 up).');
    expect(refusal('compareRuns', [[]])).toBe('compareRuns: runIds must have 1 to 50 items.');
    expect(refusal('updateRun', [1, { tags: ['ok', ''] }])).toBe('updateRun: patch.tags[1] must be 1 to 40 characters.');
    expect(refusal('updateRun', [1, { name: 'x'.repeat(201) }])).toBe('updateRun: patch.name must be 1 to 200 characters.');
    expect(refusal('listRuns', [{ status: ['done', 'finished'] }])).toMatch(/^listRuns: query\.status\[1\] must be one of "queued", .*"interrupted"\.$/);
    expect(refusal('listRuns', [{ sort: 'loss' }])).toBe('listRuns: query.sort must be one of "startedAt", "name", "testAcc", "durationMs".');
    expect(refusal('listRuns', ['everything'])).toBe('listRuns: query must be a run query object.');
    expect(refusal('previewDataset', ['mnist', 0])).toBe('previewDataset: count must be a whole number from 1 to 200.');
    expect(refusal('readParams', [1, 'W1'])).toBe('readParams: names must be a list.');
    expect(refusal('readParams', [1, ['W1'], 'first'])).toMatch(/^readParams: at must be one of "latest", "start"/);
  });

  it('refuses ids that are not positive whole numbers', () => {
    for (const id of [0, -1, 1.5, '3', null, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(refusal('deleteRun', [id])).toMatch(/^deleteRun: runId (must be a run id \(a whole number from 1 up\)|is missing)\.$/);
    }
  });

  it('says which argument is missing, and when there are too many', () => {
    expect(refusal('getRun', [])).toBe('getRun: runId is missing.');
    expect(refusal('startRun', [])).toBe('startRun: experiment is missing.');
    expect(refusal('startRun', [null])).toBe('startRun: experiment must be an experiment object.');
    expect(refusal('updateRun', [1])).toBe('updateRun: patch is missing.');
    expect(refusal('getRun', [1, 10, 'extra'])).toBe('getRun takes at most 2 (runId, maxPoints), but it was given 3.');
    expect(refusal('listDatasets', [1])).toBe('listDatasets takes no arguments, but it was given 1.');
    expect(refusal('getRun', { runId: 1 })).toBe('getRun: the arguments must be a list.');
  });

  it('refuses a method the lab does not have, including inherited names', () => {
    expect(refusal('dropTables', [])).toMatch(
      /^The lab has no method "dropTables"; it has startRun, pauseRun, .*readParams, readParamHistograms, gradientCheck, cancelGradientCheck, sourceOfPath, uploadData, openPack, packRuns, handIn, makePack, packBoard\.$/,
    );
    expect(refusal('constructor', [])).toMatch(/^The lab has no method "constructor"/);
    expect(refusal('__proto__', [])).toMatch(/^The lab has no method "__proto__"/);
    expect(refusal('onRunEvent', [])).toMatch(/^The lab has no method "onRunEvent"/);
  });

  it('caps text: a name at 200 characters, a search at 500', () => {
    expect(parseCall('updateRun', [1, { name: 'n'.repeat(200) }]).args).toHaveLength(2);
    expect(refusal('importRuns', [12])).toBe('importRuns: text must be text.');
    expect(refusal('listRuns', [{ search: 's'.repeat(501) }])).toBe('listRuns: query.search must be at most 500 characters.');
  });

  it('accepts 200 MB of weights text and refuses more', () => {
    expect(MAX_TEXT_CHARS).toBe(200 * 1024 * 1024);
    expect(parseCall('importRuns', ['x'.repeat(MAX_TEXT_CHARS)]).args[0]).toHaveLength(MAX_TEXT_CHARS);
    const big = 'x'.repeat(MAX_TEXT_CHARS + 1);
    expect(refusal('evaluateWeights', [big, 'mnist'])).toBe('evaluateWeights: weightsText must be at most 200 MB of text.');
  });
});

describe('parseFileCall', () => {
  it('checks the file doors the same way', () => {
    expect(parseFileCall('openTextFile', ['weights'])).toEqual(['weights']);
    expect(parseFileCall('saveTextFile', ['csv', 'run-3.csv', 'a,b\n'])).toEqual(['csv', 'run-3.csv', 'a,b\n']);
    expect(() => parseFileCall('openTextFile', ['csv'])).toThrow(
      'openTextFile: kind must be one of "experiment", "weights", "run", "onnx", "pack", "submission".',
    );
    expect(() => parseFileCall('saveTextFile', ['csv', '../../.bashrc', 'x'])).toThrow('saveTextFile: suggestedName must be a file name without a folder.');
    expect(() => parseFileCall('saveTextFile', ['csv', 'a.csv'])).toThrow('saveTextFile: text is missing.');
  });
});

describe('errorToWire', () => {
  it('keeps a LabError’s sentence and kind', () => {
    expect(errorToWire(new LabError('spec', 'Layer 3 (conv): kernel 5 is larger than its padded input 4×4.'))).toEqual({
      message: 'Layer 3 (conv): kernel 5 is larger than its padded input 4×4.',
      kind: 'spec',
    });
  });

  it('tells any other error as a bug of the lab, without its stack', () => {
    const wire = errorToWire(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(wire).toEqual({ message: "Something went wrong in the lab: Cannot read properties of undefined (reading 'x')", kind: 'internal' });
    expect(JSON.stringify(wire)).not.toMatch(/\bat\s.+:\d+/);
    expect(errorToWire('plain string').message).toBe('Something went wrong in the lab: plain string');
  });
});
