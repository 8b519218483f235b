// dlab gradcheck EXPERIMENT.dlab.json — backprop against the numerical gradient, parameter by parameter.

import { dirname } from 'node:path';
import { gatherBatch } from '../../../engine/data/dataset';
import { parseExperiment } from '../../../engine/experiment';
import { DEFAULT_H, DEFAULT_TOLERANCE, gradientCheck, MAX_KINK_FRACTION, randomizeBiases, RELATIVE_ERROR_FLOOR } from '../../../engine/gradcheck';
import { Network } from '../../../engine/network';
import { loadDataSource } from '../../../engine/node/datasets';
import { checkModelFitsData } from '../../../engine/trainer';
import { formatShape } from '../../../engine/tensor';
import { intOption, readArgs, requireOne } from '../args';
import { MAX_EXPERIMENT_BYTES, displayName, readTextFile } from '../files';
import type { Command } from '../command';

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

Options:
  --samples K   entries compared per parameter, chosen at random (default 100); "all" for every entry
  --batch N     training samples in the batch (default 3, as in the book's gradient_check.py)
  --json        print the result as one JSON object
  --help        show this help`,
  async run(argv, io) {
    const { values, positionals } = readArgs(argv, { samples: { type: 'string' }, batch: { type: 'string' }, json: { type: 'boolean' } }, 'gradcheck');
    const file = requireOne(positionals, 'an experiment file', 'gradcheck');
    const samples = values.samples === 'all' ? 0 : (intOption(values.samples, 'samples', 1, 100_000_000) ?? 100);
    const batch = intOption(values.batch, 'batch', 1, 1000) ?? 3;
    const { experiment, plan } = parseExperiment(await readTextFile(file, MAX_EXPERIMENT_BYTES), displayName(file));
    const dataset = await loadDataSource(experiment.data, { baseDir: dirname(file) });
    checkModelFitsData(plan, dataset);
    const network = new Network(plan.spec, { dtype: 'float64', seed: experiment.training.seed, weightDecay: experiment.training.weightDecay });
    randomizeBiases(network, experiment.training.seed);
    const { x, t } = gatherBatch(dataset.train, dataset.inputShape, null, 0, Math.min(batch, dataset.train.count), 'float64');
    const result = gradientCheck(network, x, t, { samples, seed: experiment.training.seed, now: io.now });

    if (values.json) {
      io.stdout(JSON.stringify({ ...result, h: DEFAULT_H, batch: x.rows }) + '\n');
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
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n';
      io.stdout(line(header));
      for (const r of rows) io.stdout(line(r));
      io.stdout(
        `${result.passed ? 'passed' : 'FAILED'}: tolerance ${result.tolerance} (float64, h = ${DEFAULT_H}, batch ${x.rows}); ` +
          `numerical gradient ${(result.numericalMs / 1000).toFixed(2)} s, backprop ${(result.backpropMs * 1000).toFixed(0)} µs\n`,
      );
    }
    return result.passed ? 0 : 1;
  },
};
