// dlab convert IN --to onnx|pytorch|dlab --out PATH — one trained model between the lab's weights file,
// ONNX and PyTorch. IN is a weights file, an ONNX model, or a stored run (run:ID, read through the lab's
// API from --db as `dlab runs export` reads it).

import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { labError } from '../../../engine/errors';
import { refuseNetworkPath } from '../../../engine/paths';
import { checkedApi } from '../../api/dispatch';
import { createLabService } from '../../api/service';
import { CONVERT_FORMATS, convertModel, readModelBytes, type ConvertFormat } from '../../convert/formats';
import { MAX_ONNX_BYTES } from '../../convert/onnxImport';
import { defaultDatabasePath } from '../../paths';
import { readArgs, requireOne } from '../args';
import { appVersion, type Command } from '../command';
import { MAX_TEXT_BYTES, readBinaryFile, writeTextFile } from '../files';

export const convertCommand: Command = {
  name: 'convert',
  summary: 'a trained model to ONNX, PyTorch or a lab weights file (and ONNX back into the lab)',
  usage: `Usage: dlab convert IN --to onnx|pytorch|dlab --out PATH [--db PATH]

IN is a lab weights file (.json), an ONNX model (.onnx), or a stored run: run:ID (with --db).

  --to onnx      PATH is the .onnx file: the model at opset 13, a dynamic batch, input "input",
                 output "probabilities", the run's provenance in its metadata
  --to pytorch   PATH is a folder: model.py (an nn.Module with the same layers) and weights.json;
                 python model.py inputs.json evaluates it
  --to dlab      PATH is a lab weights file (the model is inside it): open it on the Weights page
                 (evaluate it, see its filters, continue training) or evaluate it with dlab evaluate
  --db PATH      the lab database for run:ID (default: the app's, ${defaultDatabasePath()})
  --json         print {"files":[…],"layers":…,"parameters":…,"notes":[…]} on stdout
  --help         show this help

An ONNX model the lab cannot express is refused with the first node it cannot take and why.`,
  async run(argv, io) {
    const { values, positionals } = readArgs(
      argv,
      { to: { type: 'string' }, out: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } },
      'convert',
    );
    const input = requireOne(positionals, 'a weights file, an ONNX model or run:ID', 'convert');
    const format = values.to as ConvertFormat | undefined;
    if (!format || !CONVERT_FORMATS.includes(format)) {
      const formats = CONVERT_FORMATS.join('|');
      throw typeof values.to === 'string'
        ? labError('usage', 'cli.convertToUnknown', { formats, value: values.to })
        : labError('usage', 'cli.convertNeedsTo', { formats });
    }
    if (typeof values.out !== 'string' || values.out === '') throw labError('usage', 'cli.convertNeedsOut', {});
    const out = values.out;
    refuseNetworkPath(out);

    const { loaded, name } = await readInput(input, values.db);
    const files = convertModel(loaded, format, name, appVersion());
    const paths = format === 'pytorch' ? files.map((f) => join(out, f.name)) : [out];
    if (format === 'pytorch') {
      if (existsSync(out) && !statSync(out).isDirectory()) throw labError('usage', 'cli.convertOutIsFile', { out });
      mkdirSync(out, { recursive: true });
    }
    for (let i = 0; i < files.length; i++) await writeTextFile(paths[i]!, files[i]!.contents);
    const { layers, paramCount } = loaded.plan;
    if (values.json) {
      io.stdout(JSON.stringify({ files: paths, layers: layers.length, parameters: paramCount, notes: loaded.notes }) + '\n');
    } else {
      for (const note of loaded.notes) io.stderr(`note: ${note}\n`);
      io.stdout(`wrote ${paths.join(' and ')} (${layers.length} layers, ${paramCount.toLocaleString('en-US')} parameters)\n`);
    }
    return 0;
  },
};

async function readInput(input: string, db: string | boolean | undefined) {
  const run = /^run:(\d+)$/.exec(input);
  if (run) {
    const dbPath = typeof db === 'string' ? db : defaultDatabasePath();
    refuseNetworkPath(dbPath, 'The database');
    if (!existsSync(dbPath)) throw labError('missing', 'cli.noDatabase', { path: dbPath, id: run[1] ?? '' });
    const service = await createLabService({ dbPath, workers: 1, appVersion: appVersion() });
    try {
      const text = await checkedApi(service).exportWeights(Number(run[1]));
      return { loaded: readModelBytes(Buffer.from(text), `run ${run[1]}'s weights`), name: `run-${run[1]}` };
    } finally {
      await service.close();
    }
  }
  if (input.startsWith('run:')) throw labError('usage', 'cli.notARun', { input });
  // A weights file may be as large as any lab text file; anything else is read as ONNX, under its own limit.
  const bytes = await readBinaryFile(input, /\.json$/i.test(input) ? MAX_TEXT_BYTES : MAX_ONNX_BYTES);
  const name = basename(input).replace(/(\.weights)?\.(json|onnx)$/i, '');
  return { loaded: readModelBytes(bytes, basename(input)), name };
}
