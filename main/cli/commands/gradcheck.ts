// dlab gradcheck EXPERIMENT.dlab.json — backprop against the numerical gradient, parameter by parameter.
// Through the lab's API, as the app's gradient-check lab calls it: the same limits (batch, entries, the
// work a check may take) and the same worker thread.

import { dirname } from 'node:path';
import { parseExperiment } from '../../../engine/experiment';
import { DEFAULT_H, DEFAULT_TOLERANCE, MAX_KINK_FRACTION, RELATIVE_ERROR_FLOOR } from '../../../engine/gradcheck';
import { formatShape } from '../../../engine/tensor';
import { GRADIENT_CHECK_BATCH_MAX } from '../../api/constants';
import { checkedApi } from '../../api/dispatch';
import { createLabService } from '../../api/service';
import { intOption, readArgs, requireOne } from '../args';
import { MAX_EXPERIMENT_BYTES, displayName, readTextFile } from '../files';
import { appVersion, type Command } from '../command';

export const gradcheckCommand: Command = {
  name: 'gradcheck',
  summary: 'compare backprop with the numerical gradient for every parameter',
  usage: `Usage: dlab gradcheck EXPERIMENT.dlab.json [--samples K|all] [--batch N] [--json]

Builds the experiment's model in float64, takes N training samples, and compares the gradient from
backpropagation with the central-difference numerical gradient (h = ${DEFAULT_H}) for every parameter.
Biases start at N(0, 0.1²) rather than 0, so that blank image patches do not sit exactly on a ReLU's
kink, where the numerical gradient is wrong although backprop is right.
A parameter passes when its largest relative error |a − b| / max(|a|, |b|, ${RELATIVE_ERROR_FLOOR}) is at most ${DEFAULT_TOLERANCE}.
An entry where the loss has a kink (a ReLU input or a max-pooling tie within reach of the step, found
when a ten times smaller step disagrees with the first) cannot be judged and is counted apart; more
than ${MAX_KINK_FRACTION * 100} % of a parameter's entries on kinks fails it. Exit status 1 when any parameter fails.
The check runs through the lab's API on a worker thread, with the app's limits: a check that would take
more work than the lab runs at once is refused (exit status 2), with what to make smaller.

Options:
  --samples K   entries compared per parameter, chosen at random (default 100); "all" for every entry
  --batch N     training samples in the batch (default 3, as in the book's gradient_check.py; at most ${GRADIENT_CHECK_BATCH_MAX})
  --json        print the result as one JSON object
  --help        show this help`,
  async run(argv, io) {
    const { values, positionals } = readArgs(argv, { samples: { type: 'string' }, batch: { type: 'string' }, json: { type: 'boolean' } }, 'gradcheck');
    const file = requireOne(positionals, 'an experiment file', 'gradcheck');
    // Only the form of a number is checked here: how large a check may be is the API's to say.
    const samples = values.samples === 'all' ? 0 : (intOption(values.samples, 'samples', 1, Number.MAX_SAFE_INTEGER) ?? 100);
    const batch = intOption(values.batch, 'batch', 1, Number.MAX_SAFE_INTEGER) ?? 3;
    // Parsed here first so that a broken experiment is named by its file, as dlab train names it.
    const { experiment } = parseExperiment(await readTextFile(file, MAX_EXPERIMENT_BYTES), displayName(file));
    const service = await createLabService({ dbPath: ':memory:', workers: 1, baseDir: dirname(file), appVersion: appVersion() });
    let result;
    try {
      result = await checkedApi(service).gradientCheck(experiment, { samples, batch, seed: experiment.training.seed });
    } finally {
      await service.close();
    }

    if (values.json) {
      io.stdout(JSON.stringify(result) + '\n');
    } else {
      const rows = result.params.map((p) => [
        p.name,
        formatShape(p.shape),
        (p.checked === p.total ? `all ${p.total.toLocaleString('en-US')}` : `${p.checked} of ${p.total.toLocaleString('en-US')}`) +
          (p.atKinks ? ` (${p.atKinks} at a kink)` : ''),
        p.meanAbsDiff.toExponential(2),
        p.maxAbsDiff.toExponential(2),
        p.maxRelError.toExponential(2),
        p.passed ? 'ok' : 'FAILED',
      ]);
      const header = ['param', 'shape', 'entries checked', 'mean |diff|', 'max |diff|', 'max rel. error', ''];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      const line = (cells: string[]) =>
        cells
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd() + '\n';
      io.stdout(line(header));
      for (const r of rows) io.stdout(line(r));
      io.stdout(
        `${result.passed ? 'passed' : 'FAILED'}: tolerance ${result.tolerance} (float64, h = ${result.h}, batch ${result.batch}); ` +
          `numerical gradient ${(result.numericalMs / 1000).toFixed(2)} s, backprop ${(result.backpropMs * 1000).toFixed(0)} µs\n`,
      );
    }
    return result.passed ? 0 : 1;
  },
};
