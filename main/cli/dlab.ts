// dlab — the lab's command line: the same engine as the app, for scripting labs and checking results.
// Exit status: 0 success, 2 bad input (one sentence on stderr), 1 anything else; 130 when interrupted.

import { isLabError } from '../../engine/errors';
import { enableRelaxedSimd } from '../../engine/node/relaxedSimd';
import { appVersion, type Command } from './command';
import { convertCommand } from './commands/convert';
import { datasetsCommand } from './commands/datasets';
import { evaluateCommand } from './commands/evaluate';
import { gradcheckCommand } from './commands/gradcheck';
import { packCommand } from './commands/pack';
import { runsCommand } from './commands/runs';
import { trainCommand } from './commands/train';
import { processIo, type CliIo } from './io';
import { cliLanguage, sayRefusal } from './language';

export const commands: readonly Command[] = [trainCommand, evaluateCommand, gradcheckCommand, datasetsCommand, runsCommand, convertCommand, packCommand];

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Deep Learning Lab ${appVersion()} — the command line

Usage: dlab COMMAND [options]   (dlab COMMAND --help for its options)

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Every command takes --json (machine-readable output on stdout) and --help.
A data SOURCE is mnist, idx:FOLDER (a folder with the four standard IDX files), images:FOLDER (one
folder of images per class), a toy set (spiral, circles, xor, blobs) or csv:FILE (a table).
Exit status: 0 on success, 2 on bad input, 1 otherwise.
`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.stdout(`${appVersion()}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`dlab: unknown command "${name}" (commands: ${commands.map((c) => c.name).join(', ')}; see dlab --help).\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isLabError(error)) {
      io.stderr(`${sentence(sayRefusal(cliLanguage(io.env ?? process.env), error.message, error.said))}\n`);
      return error.kind === 'diverged' ? 1 : 2;
    }
    io.stderr(`dlab ${name} failed: ${(error as Partial<Error> | null | undefined)?.message ?? String(error)}\n`);
    if (process.env.DLAB_DEBUG) io.stderr(`${(error as Partial<Error> | null | undefined)?.stack}\n`);
    return 1;
  }
}

function sentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

export async function main(): Promise<void> {
  enableRelaxedSimd(); // the app's matrix kernel, before the first product
  const io = processIo();
  process.on('SIGINT', () => {
    if (io.cancelled.value) process.exit(130);
    io.cancelled.value = true;
  });
  process.exitCode = await runCli(process.argv.slice(2), io);
}
