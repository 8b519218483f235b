// A stand-in for the lab's service: records every call, answers with canned values, and lets a test
// push run events and see who is listening. The doors are tested against this, not the real house.

import { LabError } from '../../../engine/errors';
import type { LabApi, RunEvent } from '../../../main/api/contract';
import type { LabService } from '../../../main/api/service';

export interface FakeService extends Pick<LabService, 'api' | 'onRunEvent'> {
  calls: { method: string; args: unknown[] }[];
  emit(event: RunEvent): void;
  listenerCount(): number;
}

export function fakeService(): FakeService {
  const calls: FakeService['calls'] = [];
  const listeners = new Set<(event: RunEvent) => void>();
  const record = (method: string, args: unknown[]) => calls.push({ method, args });
  const api: Omit<LabApi, 'onRunEvent'> = {
    async startRun(...args) {
      record('startRun', args);
      return { runId: 7 };
    },
    async pauseRun(...args) {
      record('pauseRun', args);
    },
    async resumeRun(...args) {
      record('resumeRun', args);
    },
    async cancelRun(...args) {
      record('cancelRun', args);
    },
    async listRuns(...args) {
      record('listRuns', args);
      return { runs: [], total: 0 };
    },
    async listTags(...args) {
      record('listTags', args);
      return [];
    },
    async getRun(...args) {
      record('getRun', args);
      throw new LabError('missing', `There is no run ${args[0]}.`);
    },
    async compareRuns(...args) {
      record('compareRuns', args);
      return { runs: [], epochs: [], losses: [], differences: [] };
    },
    async updateRun(...args) {
      record('updateRun', args);
      throw new TypeError("Cannot read properties of undefined (reading 'name')");
    },
    async deleteRun(...args) {
      record('deleteRun', args);
    },
    async exportWeights(...args) {
      record('exportWeights', args);
      return '{"format":"dlab-weights"}';
    },
    async exportMetricsCsv(...args) {
      record('exportMetricsCsv', args);
      return 'epoch,trainLoss\n1,0.5\n';
    },
    async exportRun(...args) {
      record('exportRun', args);
      return '{}';
    },
    async importRuns(...args) {
      record('importRuns', args);
      return { imported: 1, duplicates: 0 };
    },
    async listDatasets(...args) {
      record('listDatasets', args);
      return [];
    },
    async previewDataset(...args) {
      record('previewDataset', args);
      return { source: 'spiral', inputShape: [2], classes: 3, samples: [] };
    },
    async evaluateWeights(...args) {
      record('evaluateWeights', args);
      return { source: 'mnist', accuracy: 0.9, loss: 0.3, correct: 9, count: 10, confusion: [], inputShape: [1, 28, 28], mistakes: [] };
    },
    async convertWeights(...args) {
      record('convertWeights', args);
      return [{ name: 'model.onnx', contents: 'AAE=', encoding: 'base64' as const }];
    },
    async importOnnx(...args) {
      record('importOnnx', args);
      return { weightsText: '{}', notes: [] };
    },
    async readParams(...args) {
      record('readParams', args);
      return [{ name: 'W1', shape: [1], data: [0.5] }];
    },
    async readParamHistograms(...args) {
      record('readParamHistograms', args);
      return [{ name: 'W1', shape: [1], histogram: { bins: [{ x0: 0, x1: 1, mid: 0.5, count: 1 }], count: 1, min: 0.5, max: 0.5, mean: 0.5, std: 0 } }];
    },
    async gradientCheck(...args) {
      record('gradientCheck', args);
      return {
        params: [],
        passed: true,
        tolerance: 1e-5,
        h: 1e-5,
        relativeErrorFloor: 1e-4,
        batch: 3,
        data: 'random',
        numericalMs: 1,
        backpropMs: 0.1,
        totalEntries: 0,
        checkedEntries: 0,
      };
    },
    async cancelGradientCheck(...args) {
      record('cancelGradientCheck', args);
      return false;
    },
    async sourceOfPath(...args) {
      record('sourceOfPath', args);
      return `csv:${args[0]}`;
    },
    async uploadData(...args) {
      record('uploadData', args);
      return 'csv:/uploads/0/table.csv';
    },
    // r4-packs
    async openPack(...args) {
      record('openPack', args);
      throw new LabError('file', 'the pack: this is not an assignment pack ("format" should be "dlab-pack", found nothing).');
    },
    async packRuns(...args) {
      record('packRuns', args);
      return { runs: [], best: null, goalMet: false };
    },
    async handIn(...args) {
      record('handIn', args);
      return { fileName: '1-Kim.dlab-submission.json', text: '{}' };
    },
    async makePack(...args) {
      record('makePack', args);
      return { fileName: 'lab.dlab-pack', text: '{}' };
    },
    async packBoard(...args) {
      record('packBoard', args);
      return {
        pack: { id: 'lab', revision: 1, title: { ko: '', en: '' } },
        evaluatedOn: 'mnist',
        rows: [],
        refused: [],
        skipped: [],
        differences: [],
        gradesCsv: '',
      };
    },
  };
  return {
    api,
    calls,
    onRunEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    listenerCount: () => listeners.size,
  };
}
