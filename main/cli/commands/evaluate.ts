// dlab evaluate WEIGHTS.json --data SOURCE — accuracy and loss of trained weights on a dataset, through
// the lab's API as the app's weights page calls it (the same checks, the same worker threads).

import { labError } from '../../../engine/errors';
import { checkedApi } from '../../api/dispatch';
import { createLabService } from '../../api/service';
import { readArgs, requireOne } from '../args';
import { displayName, readTextFile } from '../files';
import { appVersion, type Command } from '../command';

const splits = ['test', 'train', 'all'] as const;

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'accuracy and loss of a weights file on a dataset',
  usage: `Usage: dlab evaluate WEIGHTS.json --data SOURCE [--split test|train|all] [--json]

Loads a dlab-weights file (its model is inside it) and measures accuracy and mean cross-entropy on
a dataset, at inference (dropout off, BatchNorm on its running statistics).
With a csv: table the weights file's own reading is used (its label and feature columns, class
names and scaling statistics): the table it trained on, unchanged, is measured on the run's own
test split; any other table is new rows, every one of them measured. An images: folder is read at the
size and channels the network was trained at (its model's input), whatever size most of its images
have. When the data the weights were trained on is not on this machine, evaluate says so.

Options:
  --data SOURCE   mnist, idx:FOLDER (the four standard IDX files), images:FOLDER, a toy set name, or csv:FILE
  --split S       test (default), train, or all (both splits together)
  --json          print {"accuracy":…,"loss":…,"correct":…,"count":…} on stdout
  --help          show this help`,
  async run(argv, io) {
    const { values, positionals } = readArgs(argv, { data: { type: 'string' }, split: { type: 'string' }, json: { type: 'boolean' } }, 'evaluate');
    const file = requireOne(positionals, 'a weights file', 'evaluate');
    if (typeof values.data !== 'string') throw labError('usage', 'cli.evaluateNeedsData', {});
    const split = (values.split ?? 'test') as (typeof splits)[number];
    if (!splits.includes(split)) throw labError('usage', 'cli.optionChoice', { name: 'split', choices: 'test, train, all', value: String(values.split) });

    const weightsText = await readTextFile(file);
    // Relative idx: folders are taken from where dlab runs, as a shell user expects.
    const service = await createLabService({ dbPath: ':memory:', workers: 1, baseDir: process.cwd(), appVersion: appVersion() });
    let measured;
    try {
      measured = await checkedApi(service).evaluateWeights(weightsText, values.data, { split, fileName: displayName(file) });
    } finally {
      await service.close();
    }
    const { source, accuracy, loss, correct, count } = measured;
    if (values.json) {
      io.stdout(JSON.stringify({ data: source, split, accuracy, loss, correct, count }) + '\n');
    } else {
      io.stdout(
        `accuracy ${accuracy.toFixed(4)} (${correct.toLocaleString('en-US')} / ${count.toLocaleString('en-US')}), ` +
          `loss ${loss.toFixed(4)} on ${source} (${split})\n`,
      );
    }
    return 0;
  },
};
