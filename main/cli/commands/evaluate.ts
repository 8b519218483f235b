// dlab evaluate WEIGHTS.json --data SOURCE — accuracy and loss of trained weights on a dataset.

import { LabError } from '../../../engine/errors';
import { loadDataSource } from '../../../engine/node/datasets';
import { Evaluator, evaluateRange } from '../../../engine/evaluation';
import { checkModelFitsData, type Evaluation } from '../../../engine/trainer';
import { parseWeights } from '../../../engine/weights';
import { readArgs, requireOne } from '../args';
import { displayName, readTextFile } from '../files';
import type { Command } from '../command';

const splits = ['test', 'train', 'all'] as const;

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'accuracy and loss of a weights file on a dataset',
  usage: `Usage: dlab evaluate WEIGHTS.json --data SOURCE [--split test|train|all] [--json]

Loads a dlab-weights file (its model is inside it) and measures accuracy and mean cross-entropy on
a dataset, at inference (dropout off, BatchNorm on its running statistics).

Options:
  --data SOURCE   mnist, idx:FOLDER (the four standard IDX files), or a toy set name
  --split S       test (default), train, or all (both splits together)
  --json          print {"accuracy":…,"loss":…,"correct":…,"count":…} on stdout
  --help          show this help`,
  async run(argv, io) {
    const { values, positionals } = readArgs(argv, { data: { type: 'string' }, split: { type: 'string' }, json: { type: 'boolean' } }, 'evaluate');
    const file = requireOne(positionals, 'a weights file', 'evaluate');
    if (typeof values.data !== 'string') throw new LabError('usage', 'dlab evaluate needs --data SOURCE (mnist, idx:FOLDER or a toy set name).');
    const split = (values.split ?? 'test') as (typeof splits)[number];
    if (!splits.includes(split)) throw new LabError('usage', `--split must be test, train or all, not "${values.split}".`);

    const { network } = parseWeights(await readTextFile(file), displayName(file));
    const dataset = await loadDataSource({ source: values.data });
    checkModelFitsData(network.plan, dataset);
    const parts: Evaluation[] = [];
    // trainer.ts's `evaluate`, number for number, on the fast inference path (engine/evaluation.ts)
    const evaluator = new Evaluator(network, dataset.inputShape);
    if (split !== 'train') parts.push(evaluateRange(evaluator, dataset.test));
    if (split !== 'test') parts.push(evaluateRange(evaluator, dataset.train));
    const correct = parts.reduce((s, p) => s + p.correct, 0);
    const count = parts.reduce((s, p) => s + p.count, 0);
    const loss = parts.reduce((s, p) => s + p.loss * p.count, 0) / count;
    const accuracy = correct / count;
    if (values.json) {
      io.stdout(JSON.stringify({ data: dataset.source, split, accuracy, loss, correct, count }) + '\n');
    } else {
      io.stdout(
        `accuracy ${accuracy.toFixed(4)} (${correct.toLocaleString('en-US')} / ${count.toLocaleString('en-US')}), ` +
          `loss ${loss.toFixed(4)} on ${dataset.source} (${split})\n`,
      );
    }
    return 0;
  },
};
