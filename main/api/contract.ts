// The one API between the lab's face and its house: its types. The renderer imports this file with
// `import type` and reaches it as `window.lab`; main implements it once (service.ts) and serves it
// through three doors: Electron IPC, the web host, and the CLI. Every method returns a promise; errors
// arrive as a LabCallError whose message is a sentence. The run-time half (the method list, channels,
// statuses, limits, the unwrapper) is constants.ts, re-exported here for main's code.

import type { DataRecord } from '../../engine/data/dataset';
import type { CsvSummary } from '../../engine/data/csvSettings';
import type { DivergenceWarning } from '../../engine/divergence';
import type { Experiment } from '../../engine/experiment';
import type { Histogram } from '../../engine/histogram';
import type { WeightsFile } from '../../engine/weights';
import type { Board, NamedText, PackRuns, PackView } from '../packs/types';

export type { Board, PackRuns, PackView } from '../packs/types';

export type RunStatus = 'queued' | 'running' | 'paused' | 'done' | 'cancelled' | 'failed' | 'interrupted';

export { LAB_METHODS, LIVE_STATUSES, RUN_EVENT_CHANNEL, channelOf, type LabMethod } from './constants';

export interface EpochMetric {
  epoch: number;
  /** The 1-based iteration at which the epoch ended. */
  iteration: number;
  trainLoss: number;
  trainAcc: number;
  testAcc: number;
  testLoss: number;
  /** Wall-clock seconds the epoch took, training and measuring. */
  seconds: number;
}

export interface IterationLoss {
  iteration: number;
  loss: number;
}

export interface RunSummary {
  id: number;
  /** Stable across databases: how an imported run is recognised as one already there. */
  uid: string;
  name: string;
  status: RunStatus;
  /** The learner-facing reason of a failed run. */
  failure: string | null;
  /** A run that ended but blew up on the way (the loss rose far above its start…), or null. */
  warning: RunWarning | null;
  /** The data source, as in the experiment ("mnist", "idx:…", "spiral"). */
  dataset: string;
  seed: number;
  workers: number;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  epochsDone: number;
  epochsTotal: number;
  iterationsDone: number;
  iterationsTotal: number;
  trainAcc: number | null;
  testAcc: number | null;
  testLoss: number | null;
  notes: string;
  tags: string[];
  hasWeights: boolean;
}

/** The engine's divergence warning: its code and numbers (each language words them), and the English sentence. */
export type RunWarning = DivergenceWarning & { message: string };

export interface RunDetail extends RunSummary {
  experiment: Experiment;
  /** Where the first step's weights came from: the experiment's seed, or a weights file (continued training). */
  startedFrom: 'seed' | 'weights';
  epochs: EpochMetric[];
  /** Iteration losses, downsampled to at most `maxPoints` (each point the mean of its bucket). */
  losses: IterationLoss[];
  /** The files it read (path, size, SHA-256) and their classes, for data from the user's own files. */
  dataRecord?: DataRecord;
  /** The path its data was read from, when it is not on this machine (a run imported from another lab). */
  dataMissing?: string;
}

export interface RunQuery {
  /** Matches name, notes, tags and dataset. */
  search?: string;
  status?: RunStatus[];
  tag?: string;
  dataset?: string;
  sort?: 'startedAt' | 'name' | 'testAcc' | 'durationMs';
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface RunPage {
  runs: RunSummary[];
  /** How many runs match the query, ignoring offset and limit. */
  total: number;
}

export interface Comparison {
  runs: RunSummary[];
  /** One row per epoch; a run without that epoch has null. */
  epochs: { epoch: number; values: Record<number, Omit<EpochMetric, 'epoch'> | null> }[];
  /** Iteration losses on a common axis, downsampled. */
  losses: { iteration: number; values: Record<number, number | null> }[];
  /** The experiment settings that differ between the runs: "training.optimizer.lr" → value per run. */
  differences: { path: string; values: Record<number, unknown> }[];
}

export interface RunPatch {
  name?: string;
  notes?: string;
  tags?: string[];
}

export interface StartRunOptions {
  name?: string;
  /** Worker threads for this run (default: the number of cores). */
  workers?: number;
  /** Start from these weights instead of a fresh initialisation (continue training). */
  initialWeights?: WeightsFile;
}

export interface ImportResult {
  imported: number;
  /** Runs already in the database (same uid), left untouched. */
  duplicates: number;
}

export interface DatasetInfo {
  source: string;
  description: string;
  train: number;
  test: number;
  inputShape: number[];
  classes: number;
  bytes?: number;
  /** What the classes are called, where known. */
  classNames?: string[];
}

export interface DatasetPreview {
  source: string;
  inputShape: number[];
  classes: number;
  classNames?: string[];
  /** A few training samples: values in 0…1 (images) or raw features (toy sets), and labels. */
  samples: { x: number[]; label: number }[];
  /** A CSV source: its form, columns with their types, classes and first rows. */
  table?: CsvSummary;
  /** A CSV source whose table is shown but cannot be trained on as set: the sentence why (a text column…). */
  problem?: string;
  /** An image folder: images per class in each split, and the shape its images have when nothing is chosen. */
  imageFolder?: ImageFolderPreview;
}

export interface ImageFolderPreview {
  classes: { name: string; train: number; test: number }[];
  /** [channels, height, width] as found: the most common size, grey when every image is grey. */
  found: number[];
  /** The shape of the grid's images (`samples`): the chosen shape, sampled down to at most 64 pixels a side. */
  sampleShape: number[];
}

/** One file of an upload: its path inside what was dropped ("cat/1.png") and its bytes as base64. */
export interface UploadedFile {
  path: string;
  base64: string;
}

export interface EvaluateOptions {
  /** The split measured: test (default), train, or all (the test split, then the training split). */
  split?: 'test' | 'train' | 'all';
  /** What the weights file is called in a sentence about it ("run-3.weights.json"); default "the weights file". */
  fileName?: string;
  /**
   * Which mistakes come back with their pixels: those of one cell of the confusion matrix (true class
   * `actual` taken for `predicted`), from the `offset`-th on, `limit` of them (default: the first 48 of all).
   */
  mistakes?: { actual?: number; predicted?: number; offset?: number; limit?: number };
}

export interface EvaluationResult {
  source: string;
  accuracy: number;
  loss: number;
  correct: number;
  count: number;
  /** confusion[actual][predicted] counts. */
  confusion: number[][];
  inputShape: number[];
  classNames?: string[];
  /** The first misclassified samples, with their pixels (0…1) or features, for a gallery; with split
   * "all", a training sample's index counts on from the last test sample. */
  mistakes: { index: number; label: number; predicted: number; probability: number; x: number[] }[];
  /** How many mistakes match the options' cell (all of them without one): `mistakes` is a page of these. */
  mistakesTotal?: number;
}

export interface ParamSnapshot {
  name: string;
  shape: number[];
  data: number[];
}

export interface ParamHistogram {
  name: string;
  shape: number[];
  histogram: Histogram;
}

export interface GradientCheckOptions {
  /** Entries compared per parameter, chosen at random (seeded); 0 compares every entry. Default 100. */
  samples?: number;
  /** Training samples in the batch the loss is computed on (default 3, as in the book's gradient_check.py). */
  batch?: number;
  /** Seeds the initial weights, the biases moved off zero and the entries chosen (default 1). */
  seed?: number;
  /** Names the check, so that cancelGradientCheck can stop it (the caller's choice: a random text). */
  checkId?: string;
}

export interface GradientCheckParam {
  /** The book's name: W1, b1, gamma1… */
  name: string;
  shape: number[];
  /** Entries compared, and how many the parameter has. */
  checked: number;
  total: number;
  /** Of those checked, how many sat on a kink of the loss (a ReLU at 0): no verdict possible there. */
  atKinks: number;
  meanAbsDiff: number;
  maxAbsDiff: number;
  /** The largest |a − b| / max(|a|, |b|, floor) over the entries compared. */
  maxRelError: number;
  passed: boolean;
}

export interface GradientCheckReport {
  params: GradientCheckParam[];
  passed: boolean;
  /** The largest relative error that passes, the step h of the central difference, the floor of the relative error. */
  tolerance: number;
  h: number;
  relativeErrorFloor: number;
  /** Samples in the batch, and where they came from ("mnist", "spiral", or "random" inputs of the model's shape). */
  batch: number;
  data: string;
  /** Wall-clock time of the numerical gradient of the entries checked, and of one backward pass (all entries). */
  numericalMs: number;
  backpropMs: number;
  /** Every parameter entry of the model, and how many the numerical gradient looked at. */
  totalEntries: number;
  checkedEntries: number;
}

export type RunEvent =
  | { type: 'status'; runId: number; status: RunStatus; failure?: string; warning?: RunWarning }
  | {
      type: 'progress';
      runId: number;
      iteration: number;
      iterationsTotal: number;
      epoch: number;
      loss: number;
      samplesPerSecond: number;
      etaSeconds: number | null;
      /** Every iteration loss since the previous progress event, so a live curve misses none. */
      recent: IterationLoss[];
    }
  | { type: 'epoch'; runId: number; metric: EpochMetric }
  /** An epoch's steps are done and its accuracy is being measured; its 'epoch' event ends the phase. */
  | { type: 'measuring'; runId: number; epoch: number };

/** The hand-over forms the app exports besides the lab's own weights file. */
export type ModelFormat = 'onnx' | 'pytorch';

/** One file of a converted model; an ONNX model is binary, so it travels as base64. */
export interface ConvertedModelFile {
  name: string;
  contents: string;
  encoding: 'utf8' | 'base64';
}

/** What the pack editor sends to make a pack (main/packs/make.ts checks it as the pack reader does). */
export interface PackMakeOptions {
  id: string;
  revision?: number;
  title: { ko: string; en: string };
  instructions: { ko: string; en: string };
  experiments: unknown[];
  locked: string[];
  goal: { metric: 'accuracy' | 'loss'; threshold: number; withinEpochs?: number };
  deadline?: string | null;
}

export interface LabApi {
  startRun(experiment: unknown, options?: StartRunOptions): Promise<{ runId: number }>;
  pauseRun(runId: number): Promise<void>;
  resumeRun(runId: number): Promise<void>;
  cancelRun(runId: number): Promise<void>;

  listRuns(query?: RunQuery): Promise<RunPage>;
  /** Every tag in the store, sorted, once each: what the runs list's tag filter offers, whatever page is loaded. */
  listTags(): Promise<string[]>;
  getRun(runId: number, maxPoints?: number): Promise<RunDetail>;
  compareRuns(runIds: number[], maxPoints?: number): Promise<Comparison>;
  updateRun(runId: number, patch: RunPatch): Promise<RunSummary>;
  deleteRun(runId: number): Promise<void>;

  /** The run's final weights as a dlab-weights file (text), or an error if it has none. */
  exportWeights(runId: number): Promise<string>;
  /** The run's epoch metrics as CSV. */
  exportMetricsCsv(runId: number): Promise<string>;
  /** A whole run (experiment, metrics, losses, weights) as a dlab-run file, for another lab to import. */
  exportRun(runId: number): Promise<string>;
  /** Imports runs from a dlab-run file's text; a run already present (same uid) is not duplicated. */
  importRuns(text: string): Promise<ImportResult>;

  listDatasets(): Promise<DatasetInfo[]>;
  previewDataset(data: unknown, count: number): Promise<DatasetPreview>;
  /** Checks a weights file and evaluates it on a dataset's test split (or the split the options name). */
  evaluateWeights(weightsText: string, data: unknown, options?: EvaluateOptions): Promise<EvaluationResult>;
  /** A weights file as an ONNX model (one file, base64) or a PyTorch folder (model.py and weights.json, text). */
  convertWeights(weightsText: string, format: ModelFormat, baseName?: string): Promise<ConvertedModelFile[]>;
  /** An ONNX model (its bytes as base64) as a lab weights file, or refused naming the first node the lab cannot take. */
  importOnnx(base64: string, fileName: string): Promise<{ weightsText: string; notes: string[] }>;
  /**
   * Parameters read straight from a run's shared buffers (live while it trains), or from the store; with
   * `at: 'start'`, the weights its first step started from: the file it continued from, or the ones
   * its seed draws.
   */
  readParams(runId: number, names: string[], at?: 'latest' | 'start'): Promise<ParamSnapshot[]>;
  /** Histograms of parameters, computed where they live: cheap to poll even for 432,000 weights. */
  readParamHistograms(runId: number, names: string[], bins?: number): Promise<ParamHistogram[]>;
  /**
   * Backprop against the numerical gradient for every parameter of a model, in float64 on a worker thread.
   * `model` is an experiment (its data and seed are used) or a model spec (MNIST when it fits, else random inputs).
   */
  gradientCheck(model: unknown, options?: GradientCheckOptions): Promise<GradientCheckReport>;
  /**
   * Stops the gradient check started with this checkId: its thread ends and its call fails with a
   * LabError of kind 'cancelled'. False when no such check is running (it finished, or never began).
   */
  cancelGradientCheck(checkId: string): Promise<boolean>;

  // r4-data: your own data
  /**
   * The data source a path on this computer holds (a file dropped onto the window, or chosen in the
   * "Your data…" dialog): "csv:PATH" for a table, "idx:PATH" for a folder of IDX files, "images:PATH" for
   * a folder of class folders (an image inside one names its folder); anything else is refused.
   */
  sourceOfPath(path: string): Promise<string>;
  /**
   * Files dropped onto the web host's page, which has no paths: one CSV table, or a folder of images as
   * "class/file.png" (or "train/class/file.png") paths, stored whole in the lab's data folder or not at
   * all. Answers the data source that names what was stored.
   */
  uploadData(name: string, files: UploadedFile[]): Promise<string>;
  // ---- r4-packs: assignment packs, hand-ins and the class board (main/packs/) ----
  /** A pack's text as its assignment page shows it; data the pack carries is written where this lab's runs read it. */
  openPack(packText: string, fileName?: string): Promise<PackView>;
  /** This database's runs that fit the pack (finished, on its data, locked settings kept) and the best against its goal. */
  packRuns(packText: string): Promise<PackRuns>;
  /** A submission of these runs for the pack: its file name and text, for the door to save. */
  handIn(packText: string, runIds: number[], student: { name: string; number: string }): Promise<NamedText>;
  /** A pack made from experiments and the teacher's options (data files named by the experiments are carried inside). */
  makePack(options: PackMakeOptions): Promise<NamedText>;
  /**
   * The class board of handed-in files: one row per student with scores measured again here, on `heldout`
   * (a data source) or the pack's own test split; each unreadable file refused with its sentence. Carries the grades CSV.
   */
  packBoard(packText: string, files: { name: string; text: string }[], heldout?: unknown): Promise<Board>;

  /** Subscribes to every run's events; returns the function that unsubscribes. */
  onRunEvent(listener: (event: RunEvent) => void): () => void;
}

/** Native file dialogs, Electron only; the web host's page uses the browser's file input and downloads. */
export interface FileDoors {
  /** For 'onnx' the text is the file's bytes as base64. */
  openTextFile(kind: 'experiment' | 'weights' | 'run' | 'onnx' | 'pack' | 'submission'): Promise<{ name: string; text: string } | null>;
  /** For 'onnx' and 'png' (a chart) the text is the file's bytes in base64 (the file written is binary). */
  saveTextFile(
    kind: 'experiment' | 'weights' | 'csv' | 'run' | 'onnx' | 'python' | 'png' | 'pack' | 'submission',
    suggestedName: string,
    text: string,
  ): Promise<string | null>;
  /**
   * "Your data…": the native dialog for a CSV file or a data folder (on Windows and Linux, where one dialog
   * cannot pick both, a file: the table, or any image inside the image folder). The chosen path, or null
   * when cancelled; lab.sourceOfPath says which source it is. Only the path crosses — never the contents.
   */
  chooseYourData(): Promise<string | null>;
}
