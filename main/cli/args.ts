// Command-line options, read with Node's own parseArgs; anything it cannot make sense of becomes
// one sentence and exit status 2.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { labError } from '../../engine/errors';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function readArgs(argv: string[], options: OptionSpec, command: string): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/\.$/, '');
    throw labError('usage', 'cli.badArgs', { command, reason: message });
  }
}

/** A whole number option within bounds, e.g. --epochs 10. */
export function intOption(value: string | boolean | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < min || n > max) {
    throw labError('usage', 'cli.wholeOption', { name, min, max, value: String(value) });
  }
  return n;
}

export function requireOne(positionals: string[], what: string, command: string): string {
  if (positionals.length === 0) throw labError('usage', 'cli.needs', { command, what });
  if (positionals.length > 1) throw labError('usage', 'cli.takesOne', { command, what, count: positionals.length, given: positionals.join(' ') });
  return positionals[0]!;
}
