// dlab datasets — what can be trained on without a network connection.

import { LabError } from '../../../engine/errors';
import { listDatasets, listImageSource } from '../../../engine/node/datasets';
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
  usage: `Usage: dlab datasets [images:FOLDER] [--json]

Lists every data source this machine can train on offline: the bundled MNIST digits, the toy 2-D
sets, and Debian's Fashion-MNIST when it is installed. Any other folder of IDX files works too, as
idx:FOLDER. With images:FOLDER, lists that folder's classes and how many images each split holds
(without decoding an image).

Options:
  --json   print the list as a JSON array
  --help   show this help`,
  async run(argv, io) {
    const { values, positionals } = readArgs(argv, { json: { type: 'boolean' } }, 'datasets');
    if (positionals.length > 0) return listImages(positionals, values.json === true, io);
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
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ') + '\n';
    io.stdout(line(header));
    for (const r of rows) io.stdout(line(r));
    io.stdout('\n' + list.map((d) => `${d.source}: ${d.description}`).join('\n') + '\n');
    return 0;
  },
};

/** `dlab datasets images:FOLDER`: one row per class, with its training and test images. */
async function listImages(positionals: string[], json: boolean, io: Parameters<Command['run']>[1]): Promise<number> {
  const [source] = positionals;
  if (positionals.length > 1 || source === undefined || !source.startsWith('images:')) {
    throw new LabError('usage', `dlab datasets lists one image folder at a time, given as images:FOLDER, not ${positionals.join(' ')}.`);
  }
  const listing = await listImageSource(source);
  if (json) {
    io.stdout(JSON.stringify(listing) + '\n');
    return 0;
  }
  const rows = listing.classes.map((c) => [c.name, c.train.toLocaleString('en-US'), c.test.toLocaleString('en-US')]);
  const header = ['class', 'train', 'test'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ') + '\n';
  io.stdout(line(header));
  for (const r of rows) io.stdout(line(r));
  const total = (key: 'train' | 'test') => listing.classes.reduce((sum, c) => sum + c[key], 0).toLocaleString('en-US');
  const split = listing.split === 'folders' ? 'train/ and test/ folders' : 'a seeded fifth of each class held out for test';
  io.stdout(`\n${listing.dir}: ${listing.classes.length} classes, ${total('train')} training and ${total('test')} test images (${split}).\n`);
  return 0;
}
