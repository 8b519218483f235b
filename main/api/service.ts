// The lab's one implementation of LabApi: the run store, the run manager and the engine behind it.
// The three doors (Electron IPC, the web host, the CLI) all call this; none of them re-implement it.

import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { LabError, labError } from '../../engine/errors';
import { listDatasets } from '../../engine/node/datasets';
import type { DataSettings } from '../../engine/experiment';
import { isPlainObject } from '../../engine/fields';
import { histogram } from '../../engine/histogram';
import { exportWeights, parseWeights, readWeights, weightsToJson } from '../../engine/weights';
import { importOnnx as importOnnxModel } from '../convert/onnxImport';
import { convertModel } from '../convert/formats';
import { Network } from '../../engine/network';
import type { DatasetPreview, EvaluationResult, LabApi, RunEvent } from './contract';
import type { Dataset } from '../../engine/data/dataset';
import { readCsvFitted, readCsvSettings, sameCsvReading } from '../../engine/data/csvSettings';
import { summarizeCsv } from '../data/csvSummary';
import { sameCsvFiles } from '../data/csv';
import { missingDataPath } from '../data/sources';
import { checkTrainedReading, trainedClassNames, trainedImageOptions } from '../data/trainedReading';
import type { DetailedEvaluation } from '../../engine/evaluation';
import { evaluateInWorker } from '../runs/evaluateInWorker';
import { gradientCheckInWorker, prepareGradientCheck } from '../runs/gradcheckInWorker';
import { RunManager } from '../runs/RunManager';
import { RunStore } from '../store/RunStore';
import { parseRunFileInWorker } from '../store/runFileThread';
import { sourceOfPath, storeUpload } from '../data/yourData';
import { imageFolderPreview } from '../data/imagePreview';
import { packDataHome, packMethods } from '../packs/packApi';

/** Misclassified test images sent with an evaluation (one page of the gallery): enough to look at, small enough to send. */
const MISTAKES_SHOWN = 48;

/** The last evaluation's figures, so that paging through its mistakes does not measure the weights again. */
interface RememberedEvaluation {
  weightsText: string;
  key: string;
  parts: DetailedEvaluation[];
}

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
  /** Where files dropped onto the web host's page are stored (default: data/uploads beside the database). */
  uploadsDir?: string;
}

function dataSettings(data: unknown): DataSettings {
  if (typeof data === 'string') return { source: data };
  if (isPlainObject(data) && typeof data.source === 'string') {
    // A caller's CSV settings are checked as an experiment's are (a weights file's reading is never taken from a caller).
    if (data.csv !== undefined) return { ...(data as unknown as DataSettings), csv: readCsvSettings(data.csv) };
    return data as unknown as DataSettings;
  }
  throw labError('usage', 'api.datasetForm', {});
}

/** A few training samples of a loaded dataset, for the form's preview. */
function previewOf(dataset: Dataset, count: number): DatasetPreview {
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
}

/**
 * A CSV source read as the weights file's network was trained: its label column, feature columns,
 * classes and scaling statistics (meta.csv), never statistics of the new rows — every row then a test
 * row. The very table it trained on, unchanged and with the same settings, is read as the run read it:
 * its own test split, so the dashboard's confusion matrix is the run's test split.
 */
async function withWeightsReading(data: DataSettings, weightsText: string, fileName: string, baseDir: string): Promise<DataSettings> {
  if (!data.source.startsWith('csv:')) return data;
  let meta: { csv?: unknown; csvSettings?: unknown; data?: unknown; dataFiles?: unknown } | undefined;
  try {
    meta = (JSON.parse(weightsText) as { meta?: typeof meta } | null)?.meta;
  } catch {
    return data; // the evaluation names what is wrong with the file
  }
  if (meta?.csv === undefined) return data;
  const fitted = readCsvFitted(meta.csv, fileName);
  const files = Array.isArray(meta.dataFiles) ? (meta.dataFiles as { path: string; sha256: string }[]) : [];
  const sameSettings = sameCsvReading(readCsvSettings(meta.csvSettings ?? {}, 'meta.csvSettings'), data.csv ?? {});
  if (meta.data === data.source && sameSettings && (await sameCsvFiles(data.source, baseDir, files))) return data;
  return { ...data, csv: { ...(data.csv ?? {}), fitted } };
}

export async function createLabService(options: LabServiceOptions): Promise<LabService> {
  const store = RunStore.open(options.dbPath);
  const manager = new RunManager({
    store,
    cores: options.workers ?? availableParallelism(),
    baseDir: options.baseDir,
    appVersion: options.appVersion,
  });

  let remembered: RememberedEvaluation | null = null;

  /** Gradient checks running under a caller's checkId, for cancelGradientCheck. */
  const checks = new Map<string, AbortController>();

  // r4-packs: the pack methods measure with this service's own evaluateWeights (below), through `api`.
  const packs = packMethods({
    store,
    evaluate: (...args) => api.evaluateWeights(...args),
    loadData: (data) => manager.datasets.load(data, options.baseDir),
    baseDir: options.baseDir ?? process.cwd(),
    dataHome: packDataHome(options.dbPath),
  });

  const api: LabService['api'] = {
    ...packs,
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
    async listTags() {
      return store.listTags();
    },
    async getRun(runId, maxPoints) {
      const run = store.getRun(runId, maxPoints);
      const missing = missingDataPath(run.experiment.data.source, options.baseDir ?? process.cwd());
      return missing === null ? run : { ...run, dataMissing: missing };
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
      if (weights === null) throw labError('missing', 'run.noWeights', { id: String(runId) });
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
      const settings = dataSettings(data);
      if (settings.source.startsWith('csv:')) {
        // The table is shown even when it cannot be trained on as set: the learner fixes the choice in view of it.
        const table = await summarizeCsv(settings.source, settings.csv ?? {}, options.baseDir ?? process.cwd());
        try {
          const preview = previewOf(await manager.datasets.load(settings, options.baseDir), count);
          return { ...preview, table };
        } catch (error) {
          if (!(error instanceof LabError)) throw error;
          const features = table.columns.filter((c) => c.role !== 'label').length;
          return { source: settings.source, inputShape: [features], classes: table.classes.length, samples: [], table, problem: error.message };
        }
      }
      if (settings.source.startsWith('images:')) {
        const load = (data: DataSettings) => manager.datasets.load(data, options.baseDir);
        return imageFolderPreview(settings, count, load, (dataset, n) => previewOf(dataset, n));
      }
      return previewOf(await manager.datasets.load(settings, options.baseDir), count);
    },
    async sourceOfPath(path) {
      return sourceOfPath(path);
    },
    async uploadData(name, files) {
      return storeUpload(options.uploadsDir ?? join(dirname(options.dbPath), 'data', 'uploads'), name, files);
    },
    async convertWeights(weightsText, format, baseName) {
      const loaded = parseWeights(weightsText, 'the weights');
      return convertModel(loaded, format, baseName || 'model', options.appVersion).map((file) =>
        typeof file.contents === 'string'
          ? { name: file.name, contents: file.contents, encoding: 'utf8' as const }
          : { name: file.name, contents: Buffer.from(file.contents).toString('base64'), encoding: 'base64' as const },
      );
    },
    async importOnnx(base64, fileName) {
      const { network, file, notes } = importOnnxModel(Buffer.from(base64, 'base64'), fileName);
      return { weightsText: weightsToJson(exportWeights(network, file.meta)), notes };
    },
    async evaluateWeights(weightsText, data, evaluateOptions) {
      const fileName = evaluateOptions?.fileName ?? 'the weights file';
      const settings = dataSettings(data);
      checkTrainedReading(settings, weightsText, fileName, options.baseDir ?? process.cwd());
      const reading = await withWeightsReading(settings, weightsText, fileName, options.baseDir ?? process.cwd());
      let dataset = await manager.datasets.load(reading, options.baseDir);
      // An image folder whose usual size is not the one the network was trained at is read again at that one.
      const asTrained = trainedImageOptions(reading, dataset, weightsText);
      if (asTrained) dataset = await manager.datasets.load(asTrained, options.baseDir);
      const split = evaluateOptions?.split ?? 'test';
      if (dataset.train.count === 0 && split === 'train') {
        throw labError('usage', 'api.measureTestOnly', { source: dataset.source, file: fileName });
      }
      // The workers measure a dataset's `test` split: the training split is measured as one (when it has rows).
      const splits = split === 'all' ? [dataset.test, dataset.train].filter((s) => s.count > 0) : [split === 'train' ? dataset.train : dataset.test];
      const size = dataset.inputShape.reduce((a, b) => a * b, 1);
      // Every mistake is listed (index, label, guess: a few numbers each); only the page asked for carries pixels.
      const key = JSON.stringify([dataSettings(data), split, fileName]);
      let parts: DetailedEvaluation[];
      if (remembered && remembered.key === key && remembered.weightsText === weightsText) {
        parts = remembered.parts;
      } else {
        parts = [];
        for (const part of splits) parts.push(await evaluateInWorker(weightsText, fileName, { ...dataset, test: part }, undefined, part.count));
        remembered = { weightsText, key, parts };
      }
      const wanted = evaluateOptions?.mistakes ?? {};
      const matching: { m: DetailedEvaluation['mistakes'][number]; part: (typeof splits)[number]; offset: number }[] = [];
      let offset = 0;
      splits.forEach((part, p) => {
        for (const m of parts[p]!.mistakes) {
          if ((wanted.actual === undefined || m.label === wanted.actual) && (wanted.predicted === undefined || m.predicted === wanted.predicted))
            matching.push({ m, part, offset });
        }
        offset += part.count;
      });
      const from = wanted.offset ?? 0;
      const mistakes: EvaluationResult['mistakes'] = matching.slice(from, from + (wanted.limit ?? MISTAKES_SHOWN)).map(({ m, part, offset: at }) => {
        const raw = part.x.subarray(m.index * size, (m.index + 1) * size);
        return { ...m, index: at + m.index, x: raw instanceof Uint8Array ? Array.from(raw, (v) => v / 255) : Array.from(raw) };
      });
      // One split: its own figures. Both: added up as `dlab evaluate --split all` always has (test first).
      const correct = parts.reduce((sum, p) => sum + p.correct, 0);
      const count = parts.reduce((sum, p) => sum + p.count, 0);
      const accuracy = parts.length === 1 ? parts[0]!.accuracy : correct / count;
      const loss = parts.length === 1 ? parts[0]!.loss : parts.reduce((sum, p) => sum + p.loss * p.count, 0) / count;
      const confusion = parts[0]!.confusion.map((row, actual) =>
        row.map((_, predicted) => parts.reduce((sum, p) => sum + p.confusion[actual]![predicted]!, 0)),
      );
      return {
        source: dataset.source,
        accuracy,
        loss,
        correct,
        count,
        confusion,
        inputShape: [...dataset.inputShape],
        ...(() => {
          const names = dataset.classNames ?? trainedClassNames(weightsText, dataset.classes);
          return names ? { classNames: [...names] } : {};
        })(),
        mistakes,
        mistakesTotal: matching.length,
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
      if (checkId !== undefined && checks.has(checkId)) throw labError('usage', 'api.gradcheckRunning', { id: checkId });
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
        if (text === null) throw labError('missing', 'run.noWeightsToRead', { id: runId });
        network = readWeights(JSON.parse(text)).network;
      }
      return names.map((name) => {
        const t = network.tensor(name);
        if (!t) throw labError('usage', 'run.noParameter', { id: runId, name });
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
