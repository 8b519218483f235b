// dlab datasets — what can be trained on without a network connection.

import { listDatasets } from '../../../engine/node/datasets';
import { formatShape } from '../../../engine/tensor';
import { readArgs } from '../args';
import type { Command } from '../command';

function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'generated';
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`;
}

export const datasetsCommand: Command = {
  name: 'datasets',
  summary: 'list the datasets available offline, with sizes',
  usage: `Usage: dlab datasets [--json]

Lists every data source this machine can train on offline: the bundled MNIST digits, the toy 2-D
sets, and Debian's Fashion-MNIST when it is installed. Any other folder of IDX files works too, as
idx:FOLDER.

Options:
  --json   print the list as a JSON array
  --help   show this help`,
  async run(argv, io) {
    const { values } = readArgs(argv, { json: { type: 'boolean' } }, 'datasets');
    const list = await listDatasets();
    if (values.json) {
      io.stdout(JSON.stringify(list) + '\n');
      return 0;
    }
    const rows = list.map((d) => [
      d.source,
      d.train.toLocaleString('en-US'),
      d.test.toLocaleString('en-US'),
      formatShape(d.inputShape),
      String(d.classes),
      formatBytes(d.bytes),
    ]);
    const header = ['source', 'train', 'test', 'sample', 'classes', 'size'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ') + '\n';
    io.stdout(line(header));
    for (const r of rows) io.stdout(line(r));
    io.stdout('\n' + list.map((d) => `${d.source}: ${d.description}`).join('\n') + '\n');
    return 0;
  },
};
