// `npm run web`: the lab in a browser. Opens the run database (the app's, unless --db says otherwise),
// starts the web host on 127.0.0.1 and prints the address to open, token included. Ctrl-C stops it
// cleanly: running trainings are cancelled and the database is closed.
// Built to dist/web.js by scripts/build-electron.mjs; this module only defines, `main()` runs.

import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isLabError, labError } from '../../engine/errors';
import { enableRelaxedSimd } from '../../engine/node/relaxedSimd';
import { createLabService, type LabService } from '../api/service';
import { defaultDatabasePath } from '../paths';
import { startWebHost, type WebHost } from './server';
import { refuseNetworkPath } from '../../engine/paths';

export const WEB_USAGE = `Usage: npm run web -- [options]

Serves Deep Learning Lab to your browser, on this machine only (127.0.0.1).

Options:
  --port N        port to listen on (default 0: any free port)
  --db PATH       the run database (default: the app's, ${defaultDatabasePath()})
  --workers N     cores to train on (default: all of them)
  --renderer DIR  the built page (default: dist/renderer)
  --help          this text
`;

export interface WebCliOptions {
  port: number;
  dbPath: string;
  workers?: number;
  rendererDir: string;
  help: boolean;
}

function wholeNumber(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw labError('usage', 'cli.wholeOption', { name, min, max, value });
  }
  return n;
}

/** The built renderer beside this bundle (dist/web.js → dist/renderer), or under dist/ from the source tree. */
export function defaultRendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(join('main', 'web')) ? resolve(here, '..', '..', 'dist', 'renderer') : join(here, 'renderer');
}

export function parseWebArgs(argv: string[]): WebCliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        db: { type: 'string' },
        workers: { type: 'string' },
        renderer: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/\.$/, '');
    throw labError('usage', 'web.badArgs', { reason: message });
  }
  const text = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined);
  return {
    port: wholeNumber(text('port'), 'port', 0, 65535) ?? 0,
    dbPath: resolve(text('db') ?? defaultDatabasePath()),
    workers: wholeNumber(text('workers'), 'workers', 1, 1024),
    rendererDir: resolve(text('renderer') ?? defaultRendererDir()),
    help: values.help === true,
  };
}

export interface RunningWebLab {
  host: WebHost;
  service: LabService;
  stop(): Promise<void>;
}

export async function startWebLab(options: WebCliOptions, appVersion?: string): Promise<RunningWebLab> {
  refuseNetworkPath(options.dbPath, 'The database');
  mkdirSync(dirname(options.dbPath), { recursive: true });
  const service = await createLabService({ dbPath: options.dbPath, workers: options.workers, appVersion });
  let host: WebHost;
  try {
    host = await startWebHost({ service, port: options.port, rendererDir: options.rendererDir });
  } catch (error) {
    await service.close();
    throw error;
  }
  let stopping: Promise<void> | null = null;
  return {
    host,
    service,
    stop: () => (stopping ??= host.close().then(() => service.close())),
  };
}

declare const __DLAB_VERSION__: string | undefined;

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  enableRelaxedSimd(); // the app's matrix kernel, before the first product
  let running: RunningWebLab;
  try {
    const options = parseWebArgs(argv);
    if (options.help) {
      process.stdout.write(WEB_USAGE);
      return;
    }
    running = await startWebLab(options, typeof __DLAB_VERSION__ === 'string' ? __DLAB_VERSION__ : undefined);
  } catch (error) {
    const message = isLabError(error)
      ? error.message
      : `The web host could not start: ${(error as Partial<Error> | null | undefined)?.message ?? String(error)}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = isLabError(error) ? 2 : 1;
    return;
  }
  process.stdout.write(
    `Deep Learning Lab is open at ${running.host.url}\n` + 'Open that address in your browser (its token lets only you in). Press Ctrl-C to stop.\n',
  );
  let signalled = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(130);
    signalled = true;
    process.stdout.write(`Stopping the lab (${signal})…\n`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`The lab did not stop cleanly: ${(error as Partial<Error> | null | undefined)?.message ?? String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
