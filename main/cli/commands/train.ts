// dlab train EXPERIMENT.dlab.json — trains the experiment, prints one line (or JSON object) per epoch.

import { dirname } from 'node:path';
import { LabError } from '../../../engine/errors';
import { parseExperiment, describeOptimizer } from '../../../engine/experiment';
import { Network } from '../../../engine/network';
import { loadDataSource } from '../../../engine/node/datasets';
import { Trainer, type EpochEvent } from '../../../engine/trainer';
import { exportWeights, weightsToJson } from '../../../engine/weights';
import { intOption, readArgs, requireOne } from '../args';
import { displayName, readTextFile, writeTextFile } from '../files';
import type { CliIo } from '../io';
import { ProgressBar } from '../progress';
import { appVersion, type Command } from '../command';

export const trainCommand: Command = {
  name: 'train',
  summary: 'train an experiment and report accuracy per epoch',
  usage: `Usage: dlab train EXPERIMENT.dlab.json [--epochs N] [--seed S] [--export FILE] [--json]

Trains the experiment's model on its data and prints, after every epoch, the mean training loss,
the training accuracy and the test accuracy. A progress bar with ETA is drawn on stderr when it is
a terminal. The same seed gives the same numbers, bit for bit.

Options:
  --epochs N     train for N epochs instead of the experiment's own number
  --seed S       use seed S instead of the experiment's own
  --export FILE  write the trained weights (dlab-weights JSON, the book's names and layouts)
  --json         one JSON object per line on stdout: {"event":"epoch",...} then {"event":"done",...}
  --help         show this help`,
  async run(argv, io) {
    const { values, positionals } = readArgs(
      argv,
      { epochs: { type: 'string' }, seed: { type: 'string' }, export: { type: 'string' }, json: { type: 'boolean' } },
      'train',
    );
    const file = requireOne(positionals, 'an experiment file', 'train');
    const { experiment, plan } = parseExperiment(await readTextFile(file), displayName(file));
    const epochs = intOption(values.epochs, 'epochs', 1, 10000) ?? experiment.training.epochs;
    const seed = intOption(values.seed, 'seed', 0, 4294967295) ?? experiment.training.seed;
    const training = { ...experiment.training, epochs, seed };
    const json = values.json === true;
    const exportPath = typeof values.export === 'string' ? values.export : undefined;

    const dataset = await loadDataSource(experiment.data, { baseDir: dirname(file) });
    const network = new Network(plan.spec, { seed });
    const trainer = new Trainer(network, dataset, training);
    const name = experiment.name ?? displayName(file);
    if (!json) {
      io.stdout(
        `${name}: ${plan.paramCount.toLocaleString('en-US')} parameters, ${dataset.source} ` +
          `(${dataset.train.count.toLocaleString('en-US')} train / ${dataset.test.count.toLocaleString('en-US')} test), ` +
          `${describeOptimizer(training.optimizer)}, batch ${training.batchSize}, ${epochs} epoch${epochs === 1 ? '' : 's'}, seed ${seed}\n`,
      );
    }

    const bar = new ProgressBar(io, trainer.totalIterations);
    const started = io.now();
    let epochStarted = started;
    let last: EpochEvent | null = null;
    let lastYield = started;
    try {
      for (const event of trainer.run()) {
        if (event.type === 'iteration') {
          bar.update(event.iteration, `epoch ${event.epoch}/${epochs} it ${event.iteration}/${trainer.totalIterations} loss ${event.loss.toFixed(4)}`);
          // Let Ctrl-C be heard between mini-batches.
          if (io.now() - lastYield > 50) {
            await new Promise((resolve) => setImmediate(resolve));
            lastYield = io.now();
            if (io.cancelled.value) break;
          }
          continue;
        }
        const seconds = (io.now() - epochStarted) / 1000;
        epochStarted = io.now();
        last = event;
        bar.clear();
        if (json) {
          io.stdout(JSON.stringify({ event: 'epoch', epoch: event.epoch, trainLoss: event.trainLoss, trainAcc: event.trainAcc, testAcc: event.testAcc, testLoss: event.testLoss, seconds }) + '\n');
        } else {
          io.stdout(
            `epoch ${String(event.epoch).padStart(String(epochs).length)}/${epochs}  train loss ${event.trainLoss.toFixed(4)}  ` +
              `train acc ${event.trainAcc.toFixed(4)}  test acc ${event.testAcc.toFixed(4)}  ${seconds.toFixed(1)} s\n`,
          );
        }
      }
    } catch (error) {
      bar.clear();
      if (error instanceof LabError && error.kind === 'diverged' && json) {
        io.stdout(JSON.stringify({ event: 'failed', iteration: error.details.iteration, reason: error.message }) + '\n');
      }
      throw error;
    }
    bar.clear();
    const seconds = (io.now() - started) / 1000;
    if (io.cancelled.value) {
      io.stderr(`Cancelled after ${last ? `epoch ${last.epoch}` : 'less than one epoch'}; nothing was exported.\n`);
      return 130;
    }
    if (exportPath && last) {
      const meta = {
        app: `Deep Learning Lab ${appVersion()}`,
        exportedAt: new Date().toISOString(),
        experiment: name,
        data: dataset.source,
        trainLimit: experiment.data.trainLimit,
        optimizer: training.optimizer,
        batchSize: training.batchSize,
        epochs,
        seed,
        trainAcc: last.trainAcc,
        testAcc: last.testAcc,
      };
      await writeTextFile(exportPath, weightsToJson(exportWeights(network, meta)));
    }
    if (json) {
      io.stdout(
        JSON.stringify({
          event: 'done', epochs, iterations: trainer.totalIterations, trainLoss: last?.trainLoss, trainAcc: last?.trainAcc,
          testAcc: last?.testAcc, testLoss: last?.testLoss, seconds, ...(exportPath ? { exported: exportPath } : {}),
        }) + '\n',
      );
    } else {
      io.stdout(
        `done in ${seconds.toFixed(1)} s (${(seconds / epochs).toFixed(1)} s/epoch): test accuracy ${last?.testAcc.toFixed(4)}` +
          (exportPath ? `; weights written to ${exportPath}` : '') + '\n',
      );
    }
    return 0;
  },
};

