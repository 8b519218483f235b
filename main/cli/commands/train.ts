// dlab train EXPERIMENT.dlab.json — trains through the same run manager and store as the app, and
// prints one line (or JSON object) per epoch.

import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { LabError } from '../../../engine/errors';
import { describeOptimizer, parseExperiment } from '../../../engine/experiment';
import type { EpochMetric, RunEvent, RunWarning } from '../../api/contract';
import { createLabService } from '../../api/service';
import { intOption, readArgs, requireOne } from '../args';
import { appVersion, type Command } from '../command';
import { MAX_EXPERIMENT_BYTES, displayName, readTextFile, writeTextFile } from '../files';
import { ProgressBar } from '../progress';
import { cliLanguage, sayWarning } from '../language';
import { refuseNetworkPath } from '../../../engine/paths';

export const trainCommand: Command = {
  name: 'train',
  summary: 'train an experiment and report accuracy per epoch',
  usage: `Usage: dlab train EXPERIMENT.dlab.json [--epochs N] [--seed S] [--workers W] [--db PATH] [--export FILE] [--json]

Trains the experiment's model on its data and prints, after every epoch, the mean training loss,
the training accuracy and the test accuracy. A progress bar with ETA is drawn on stderr when it is
a terminal. The same seed and the same number of workers give the same numbers, bit for bit.
A loss that becomes NaN stops the run (exit status 1); one that blows up without becoming NaN (it
ends far above where it started) lets the run finish and ends with a warning on stderr.

Options:
  --epochs N     train for N epochs instead of the experiment's own number
  --seed S       use seed S instead of the experiment's own
  --workers W    worker threads, each computing the gradient of a slice of every mini-batch
                 (default: the number of cores, ${availableParallelism()} here); W = 1 is the book's plain loop
  --db PATH      store the run in this lab database (the app's runs list shows it); default: not stored
  --export FILE  write the trained weights (dlab-weights JSON, the book's names and layouts)
  --json         one JSON object per line on stdout: {"event":"epoch",...} then {"event":"done",...}
  --help         show this help`,
  async run(argv, io) {
    const { values, positionals } = readArgs(
      argv,
      {
        epochs: { type: 'string' },
        seed: { type: 'string' },
        workers: { type: 'string' },
        db: { type: 'string' },
        export: { type: 'string' },
        json: { type: 'boolean' },
      },
      'train',
    );
    const file = requireOne(positionals, 'an experiment file', 'train');
    const { experiment, plan } = parseExperiment(await readTextFile(file, MAX_EXPERIMENT_BYTES), displayName(file));
    const epochs = intOption(values.epochs, 'epochs', 1, 10000) ?? experiment.training.epochs;
    // A run with a validation split is measured on held-out training samples, never on the test split.
    const measured = experiment.data.validation !== undefined ? 'validation' : 'test';
    const seed = intOption(values.seed, 'seed', 0, 4294967295) ?? experiment.training.seed;
    const workers = intOption(values.workers, 'workers', 1, 64) ?? availableParallelism();
    const json = values.json === true;
    const exportPath = typeof values.export === 'string' ? values.export : undefined;
    const dbPath = typeof values.db === 'string' ? values.db : ':memory:';
    refuseNetworkPath(dbPath, 'The database');
    if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
    const name = experiment.name ?? displayName(file);
    const training = { ...experiment.training, epochs, seed };

    const service = await createLabService({ dbPath, workers, baseDir: dirname(file), appVersion: appVersion() });
    try {
      let runId = -1;
      const early: RunEvent[] = [];
      let onEvent: (event: RunEvent) => void = (event) => early.push(event);
      const unsubscribe = service.onRunEvent((event) => onEvent(event));
      runId = (await service.api.startRun({ ...experiment, training }, { name, workers })).runId;
      const detail = await service.api.getRun(runId, 2);
      if (!json) {
        io.stdout(
          `${name}: ${plan.paramCount.toLocaleString('en-US')} parameters, ${experiment.data.source}, ` +
            `${describeOptimizer(training.optimizer)}, batch ${training.batchSize}, ${epochs} epoch${epochs === 1 ? '' : 's'}, ` +
            `seed ${seed}, ${workers} worker${workers === 1 ? '' : 's'}` +
            (dbPath !== ':memory:' ? `, run ${runId} in ${dbPath}` : '') +
            '\n',
        );
      }

      const bar = new ProgressBar(io, detail.iterationsTotal);
      // Set by the event callback below, which TypeScript's flow analysis does not follow: the assertion keeps
      // it from deciding `last` stays null.
      let last = null as EpochMetric | null;
      const cancelWatch = setInterval(() => {
        if (io.cancelled.value) void service.api.cancelRun(runId).catch(() => undefined);
      }, 100);
      const outcome = await new Promise<{ status: string; failure?: string; warning?: RunWarning }>((resolve) => {
        onEvent = (event) => {
          if (event.runId !== runId) return;
          if (event.type === 'progress') {
            bar.update(event.iteration, `epoch ${event.epoch}/${epochs} it ${event.iteration}/${event.iterationsTotal} loss ${event.loss.toFixed(4)}`);
          } else if (event.type === 'epoch') {
            last = event.metric;
            bar.clear();
            const m = event.metric;
            if (json) {
              io.stdout(
                JSON.stringify({
                  event: 'epoch',
                  epoch: m.epoch,
                  trainLoss: m.trainLoss,
                  trainAcc: m.trainAcc,
                  testAcc: m.testAcc,
                  testLoss: m.testLoss,
                  seconds: m.seconds,
                }) + '\n',
              );
            } else {
              io.stdout(
                `epoch ${String(m.epoch).padStart(String(epochs).length)}/${epochs}  train loss ${m.trainLoss.toFixed(4)}  ` +
                  `train acc ${m.trainAcc.toFixed(4)}  ${measured} acc ${m.testAcc.toFixed(4)}  ${m.seconds.toFixed(1)} s\n`,
              );
            }
          } else if (event.type === 'status' && (event.status === 'done' || event.status === 'cancelled' || event.status === 'failed')) {
            resolve({ status: event.status, failure: event.failure, warning: event.warning });
          }
        };
        early.forEach((event) => onEvent(event));
      });
      clearInterval(cancelWatch);
      unsubscribe();
      bar.clear();
      // A database that refused the run's end may refuse this read too: the run's own events carry the rest.
      const finished = await service.api.getRun(runId, 2).catch(() => null);
      const seconds = (finished?.durationMs ?? 0) / 1000;

      if (outcome.status === 'failed') {
        if (json) io.stdout(JSON.stringify({ event: 'failed', reason: outcome.failure }) + '\n');
        throw new LabError('diverged', outcome.failure ?? 'the run failed');
      }
      // A run that blew up without a NaN still ends: the learner is told in words, after its last line.
      const { warning } = outcome;
      const warn = () => warning && !json && io.stderr(`${sayWarning(cliLanguage(io.env ?? process.env), warning)}\n`);
      if (outcome.failure && outcome.status !== 'failed') {
        // It trained, but the database would not take it: the sentence says where the run went instead.
        // Not bad input (exit status 2): the run itself is fine, its storing is not.
        if (json) io.stdout(JSON.stringify({ event: 'unsaved', status: outcome.status, reason: outcome.failure }) + '\n');
        io.stderr(`${outcome.failure}\n`);
        warn();
        return 1;
      }
      if (outcome.status === 'cancelled') {
        io.stderr(`Cancelled after ${last ? `epoch ${last.epoch}` : 'less than one epoch'}; nothing was exported.\n`);
        warn();
        return 130;
      }
      if (exportPath) await writeTextFile(exportPath, await service.api.exportWeights(runId));
      const final = last;
      if (json) {
        io.stdout(
          JSON.stringify({
            event: 'done',
            epochs,
            iterations: finished?.iterationsDone ?? null,
            trainLoss: final?.trainLoss,
            trainAcc: final?.trainAcc,
            testAcc: final?.testAcc,
            testLoss: final?.testLoss,
            seconds,
            workers,
            ...(warning ? { warning } : {}),
            ...(dbPath !== ':memory:' ? { runId } : {}),
            ...(exportPath ? { exported: exportPath } : {}),
          }) + '\n',
        );
      } else {
        io.stdout(
          `done in ${seconds.toFixed(1)} s (${(seconds / epochs).toFixed(1)} s/epoch): ${measured} accuracy ${final?.testAcc.toFixed(4)}` +
            (exportPath ? `; weights written to ${exportPath}` : '') +
            '\n',
        );
        warn();
      }
      return 0;
    } finally {
      await service.close();
    }
  },
};
