// Every refusal a learner meets travels as a code and its values (engine/messages.ts), so each door says
// it in the learner's language. This walks the sources of engine/ and main/ and fails on a LabError built
// from a bare English sentence: `new LabError(kind, '…')` that passes no `said` along. What is left is
// listed below, file by file, each with the reason it is not (yet) coded; a new bare sentence anywhere
// else fails, and so does an entry here whose sentences have gone (the list only shrinks).

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

/** Bare LabErrors that remain, per file: how many, and why. */
const ALLOWED: Readonly<Record<string, { count: number; reason: string }>> = {
  'main/store/validate.ts': {
    count: 1,
    reason: '`usage()` refuses a program’s call (progress counts from the run manager, maxPoints from a script); what a learner can get wrong there is coded',
  },
  'main/api/schemas.ts': { count: 1, reason: 'the API’s own argument checks: a script’s mistake, said in English to its author' },
  'engine/trainer.ts': { count: 1, reason: 'an optimizer type the experiment check has already refused: unreachable from a door' },
  'main/cli/commands/train.ts': {
    count: 1,
    reason: 'carries the run’s stored failure sentence, which main/cli/language.ts recognises (recogniseMessage) and says in Korean',
  },
  'main/cli/commands/datasets.ts': {
    count: 1,
    reason:
      'rewrites a CSV settings refusal (coded in engine/data/csvSettings.ts) into the command line’s option names ("the options.label" → --label); kept as the English it rewrites',
  },
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The text of each `new LabError(…)` call in `text`, parentheses balanced (strings and templates may hold some). */
export function labErrorCalls(text: string): string[] {
  const calls: string[] = [];
  const opener = 'new LabError(';
  for (let at = text.indexOf(opener); at >= 0; at = text.indexOf(opener, at + 1)) {
    let depth = 0;
    let end = at + opener.length - 1;
    for (; end < text.length; end++) {
      const c = text[end];
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
    }
    calls.push(text.slice(at, end + 1));
  }
  return calls;
}

/** A call that passes a refusal's code and values on (`said`, `error.said`, `reply.said`…). */
const passesSaid = (call: string) => /\bsaid\b/.test(call);

function bareByFile(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const dir of ['engine', 'main']) {
    for (const path of sources(join(root, dir))) {
      const bare = labErrorCalls(readFileSync(path, 'utf8')).filter((call) => !passesSaid(call));
      if (bare.length) found.set(relative(root, path), bare);
    }
  }
  return found;
}

describe('refusals travel as codes', () => {
  const found = bareByFile();

  it('no LabError is built from a bare English sentence outside the list of what remains', () => {
    const unexpected = [...found].filter(([file]) => !(file in ALLOWED)).map(([file, calls]) => `${file}: ${calls[0]!.slice(0, 100)}`);
    expect(unexpected).toEqual([]);
  });

  it('each listed file holds no more bare sentences than listed, and no fewer (the list shrinks as they are coded)', () => {
    const counts = Object.fromEntries(Object.keys(ALLOWED).map((file) => [file, found.get(file)?.length ?? 0]));
    expect(counts).toEqual(Object.fromEntries(Object.entries(ALLOWED).map(([file, { count }]) => [file, count])));
  });

  it('the walk finds a bare sentence and lets a passed-on one through (a test that cannot fail is a defect)', () => {
    const calls = labErrorCalls(`throw new LabError('file', \`\${label} is (not) text.\`); new LabError(e.kind, m, {}, e.said);`);
    expect(calls).toHaveLength(2);
    expect(calls.map(passesSaid)).toEqual([false, true]);
    expect(calls[0]).toBe("new LabError('file', `${label} is (not) text.`)");
  });
});
