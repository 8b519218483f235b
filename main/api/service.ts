// The lab's one implementation of LabApi: the run store, the run manager and the engine behind it.
// The three doors (Electron IPC, the web host, the CLI) all call this; none of them re-implement it.

import { availableParallelism } from 'node:os';
import { LabError } from '../../engine/errors';
import { listDatasets } from '../../engine/node/datasets';
import type { DataSettings } from '../../engine/experiment';
import { isPlainObject } from '../../engine/fields';
import { histogram } from '../../engine/histogram';
import { readWeights } from '../../engine/weights';
import { Network } from '../../engine/network';
import type { EvaluationResult, LabApi, RunEvent } from './contract';
import type { DetailedEvaluation } from '../../engine/evaluation';
import { evaluateInWorker } from '../runs/evaluateInWorker';
import { gradientCheckInWorker, prepareGradientCheck } from '../runs/gradcheckInWorker';
import { RunManager } from '../runs/RunManager';
import { RunStore } from '../store/RunStore';
import { parseRunFileInWorker } from '../store/runFileThread';

/** Misclassified test images sent with an evaluation: enough for a gallery, small enough to send. */
const MISTAKES_SHOWN = 48;

export interface LabService {
  api: Omit<LabApi, 'onRunEvent'>;
  onRunEvent(listener: (event: RunEvent) => void): () => void;
  /** Cancels this process's runs, waits for them, and closes the database. */
  close(): Promise<void>;
  readonly manager: RunManager;
  readonly store: RunStore;
}

export interface LabServiceOptions {
  dbPath: string;
  /** Cores to train on (default: all of them). */
  workers?: number;
  /** Folder relative idx: paths are taken from. */
  baseDir?: string;
  appVersion?: string;
}

function dataSettings(data: unknown): DataSettings {
  if (typeof data === 'string') return { source: data };
  if (isPlainObject(data) && typeof data.source === 'string') return data as unknown as DataSettings;
  throw new LabError('usage', 'A dataset must be given as a source name ("mnist", "idx:FOLDER", a toy set) or { source, … }.');
}

export async function createLabService(options: LabServiceOptions): Promise<LabService> {
  const store = RunStore.open(options.dbPath);
  const manager = new RunManager({
    store,
    cores: options.workers ?? availableParallelism(),
    baseDir: options.baseDir,
    appVersion: options.appVersion,
  });

  /** Gradient checks running under a caller's checkId, for cancelGradientCheck. */
  const checks = new Map<string, AbortController>();

  const api: LabService['api'] = {
    async startRun(experiment, startOptions) {
      return { runId: await manager.start(experiment, startOptions ?? {}) };
    },
    async pauseRun(runId) {
      manager.pause(runId);
    },
    async resumeRun(runId) {
      manager.resume(runId);
    },
    async cancelRun(runId) {
      manager.cancel(runId);
    },
    async listRuns(query) {
      return store.listRuns(query ?? {});
    },
    async getRun(runId, maxPoints) {
      return store.getRun(runId, maxPoints);
    },
    async compareRuns(runIds, maxPoints) {
      return store.compareRuns(runIds, maxPoints);
    },
    async updateRun(runId, patch) {
      return store.updateRun(runId, patch);
    },
    async deleteRun(runId) {
      store.deleteRun(runId, { ownInstance: manager.instance });
    },
    async exportWeights(runId) {
      const weights = store.getWeights(runId);
      if (weights === null) throw new LabError('missing', `Run ${runId} has no saved weights: only a finished or stopped run has them.`);
      return weights;
    },
    async exportMetricsCsv(runId) {
      return store.metricsCsv(runId);
    },
    async exportRun(runId) {
      return store.exportRun(runId);
    },
    async importRuns(text) {
      // Parsing and checking a large file takes seconds: on its own thread, so this one keeps answering.
      return store.importRunFile(await parseRunFileInWorker(text));
    },
    async listDatasets() {
      return listDatasets();
    },
    async previewDataset(data, count) {
      const dataset = await manager.datasets.load(dataSettings(data), options.baseDir);
      const size = dataset.inputShape.reduce((a, b) => a * b, 1);
      const n = Math.max(0, Math.min(count, 64, dataset.train.count));
      const samples = Array.from({ length: n }, (_, i) => {
        const raw = dataset.train.x.subarray(i * size, (i + 1) * size);
        const x = raw instanceof Uint8Array ? Array.from(raw, (v) => v / 255) : Array.from(raw);
        return { x, label: dataset.train.y[i]! };
      });
      return {
        source: dataset.source,
        inputShape: [...dataset.inputShape],
        classes: dataset.classes,
        ...(dataset.classNames ? { classNames: [...dataset.classNames] } : {}),
        samples,
      };
    },
    async evaluateWeights(weightsText, data, evaluateOptions) {
      const dataset = await manager.datasets.load(dataSettings(data), options.baseDir);
      const split = evaluateOptions?.split ?? 'test';
      const fileName = evaluateOptions?.fileName ?? 'the weights file';
      // The workers measure a dataset's `test` split: the training split is measured as one.
      const splits = split === 'all' ? [dataset.test, dataset.train] : [split === 'train' ? dataset.train : dataset.test];
      const size = dataset.inputShape.reduce((a, b) => a * b, 1);
      const parts: DetailedEvaluation[] = [];
      const mistakes: EvaluationResult['mistakes'] = [];
      let offset = 0;
      for (const part of splits) {
        const result = await evaluateInWorker(weightsText, fileName, { ...dataset, test: part });
        parts.push(result);
        for (const m of result.mistakes) {
          if (mistakes.length === MISTAKES_SHOWN) break;
          const raw = part.x.subarray(m.index * size, (m.index + 1) * size);
          mistakes.push({ ...m, index: offset + m.index, x: raw instanceof Uint8Array ? Array.from(raw, (v) => v / 255) : Array.from(raw) });
        }
        offset += part.count;
      }
      // One split: its own figures. Both: added up as `dlab evaluate --split all` always has (test first).
      const correct = parts.reduce((sum, p) => sum + p.correct, 0);
      const count = parts.reduce((sum, p) => sum + p.count, 0);
      const accuracy = parts.length === 1 ? parts[0]!.accuracy : correct / count;
      const loss = parts.length === 1 ? parts[0]!.loss : parts.reduce((sum, p) => sum + p.loss * p.count, 0) / count;
      const confusion = parts[0]!.confusion.map((row, actual) => row.map((_, predicted) => parts.reduce((sum, p) => sum + p.confusion[actual]![predicted]!, 0)));
      return {
        source: dataset.source, accuracy, loss, correct, count,
        confusion, inputShape: [...dataset.inputShape],
        ...(dataset.classNames ? { classNames: [...dataset.classNames] } : {}), mistakes,
      };
    },
    async readParamHistograms(runId, names, bins) {
      // Live runs are read from the shared buffers in place; the histogram is all that crosses.
      const live = manager.liveParams(runId, names);
      const tensors = live ?? (await api.readParams(runId, names)).map((p) => ({ name: p.name, shape: p.shape, data: p.data }));
      return tensors.map((t) => ({ name: t.name, shape: [...t.shape], histogram: histogram(t.data, bins ?? 40) }));
    },
    async gradientCheck(model, checkOptions) {
      const checkId = checkOptions?.checkId;
      if (checkId !== undefined && checks.has(checkId)) throw new LabError('usage', `A gradient check named "${checkId}" is already running.`);
      const control = new AbortController();
      if (checkId !== undefined) checks.set(checkId, control);
      try {
        const prepared = await prepareGradientCheck(model, checkOptions ?? {}, (data) => manager.datasets.load(data, options.baseDir));
        return await gradientCheckInWorker(prepared, control.signal);
      } finally {
        if (checkId !== undefined) checks.delete(checkId);
      }
    },
    async cancelGradientCheck(checkId) {
      const control = checks.get(checkId);
      if (!control) return false;
      control.abort();
      return true;
    },
    async readParams(runId, names, at = 'latest') {
      let network: Network;
      if (at === 'start') {
        const text = store.getStartWeights(runId);
        if (text !== null) network = readWeights(JSON.parse(text)).network;
        else {
          // Started from its seed: the engine draws the same weights again, as the run manager did.
          const experiment = store.getExperiment(runId);
          network = new Network(experiment.model, { seed: experiment.training.seed });
        }
      } else {
        const live = manager.readLiveParams(runId, names);
        if (live) return live;
        const text = store.getWeights(runId);
        if (text === null) throw new LabError('missing', `Run ${runId} has no saved weights to read.`);
        network = readWeights(JSON.parse(text)).network;
      }
      return names.map((name) => {
        const t = network.tensor(name);
        if (!t) throw new LabError('usage', `Run ${runId} has no parameter "${name}".`);
        return { name, shape: [...t.shape], data: Array.from(t.data) };
      });
    },
  };

  return {
    api,
    manager,
    store,
    onRunEvent: (listener) => manager.onEvent(listener),
    async close() {
      await manager.close();
      store.close();
    },
  };
}
