// The limits of a dlab-run file, checked by a small streaming scan before the file is parsed.
//
// JSON.parse holds every value of a file at once, and a loss pair costs ~70 bytes as a JavaScript
// array: a 190 MB file of 14 million pairs would need a gigabyte or more before a single check could
// run. The scan walks the text chunk by chunk, keeping only the path to where it is and a few counts,
// and stops at the first limit passed — so a file a classmate made (or a disk filled) is refused in
// the time it takes to read up to that point, in a few kilobytes. A file that passes the scan is
// small enough to parse whole; its every field is then checked by main/store/runFile.ts.
//
// It lives in the engine (no Node, no DOM) because three doors feed it: the store's file helpers
// (main/store/runFileScan.ts, a file on disk), the web host (main/web/importBody.ts, a request body as
// it arrives) and the page (renderer/runs/scanRunBlob.ts, a picked file, before it is read or sent).

import { labError, type LabError } from './errors';
import type { LabMessageCode, MessageValues } from './messages';

/**
 * The most tags a run may have: the store's TAGS_MAX (main/store/validate.ts), repeated here because
 * the page cannot import the store; tests/main/store/runFileLimits.test.ts holds the two equal.
 */
export const RUN_TAGS_MAX = 30;

/** Same as the text an API call may carry (MAX_TEXT_CHARS), so every door takes the same files. */
export const RUN_FILE_BYTES_MAX = 200 * 1024 * 1024;
/** A class's runs several times over; a file the lab writes holds one. */
export const RUNS_PER_FILE_MAX = 1000;
/**
 * One loss is stored per iteration. The book's longest run (SimpleConvNet, 20 epochs of 60,000
 * images in batches of 100) has 12,000; this is 80 times that. A longer run moves whole with its
 * database (dlab runs import LAB.db), which has no such limit.
 */
export const LOSSES_PER_RUN_MAX = 1_000_000;
/** Two runs at the limit: what a worker can parse and hand back in well under 300 MB. */
export const LOSSES_PER_FILE_MAX = 2_000_000;
/** An experiment trains at most 10,000 epochs (engine/experiment.ts), one metrics row each. */
export const EPOCHS_PER_RUN_MAX = 10_000;
/**
 * A run has at most RUN_TAGS_MAX (30) tags; a list may repeat some (they are merged), so the list itself is
 * refused only far past that, and a longer list of distinct tags by checkTags, with its count.
 */
export const TAGS_LISTED_MAX = 1000;
/** The longest text the lab writes is a run's notes (20,000 characters); this leaves room for an experiment's description. */
export const TEXT_MAX = 100_000;
/**
 * Numbers, texts, lists and objects in all. The weights of a run that fits in 200 MB have at most ~20
 * million numbers (each printed in 8 or more characters with its comma); a file of "0,0,0…" would
 * otherwise hold 100 million.
 */
export const VALUES_PER_FILE_MAX = 25_000_000;

const formatCount = (n: number) => n.toLocaleString('en-US');

/** "190.0 MB" */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

type Role = 'root' | 'runs' | 'run' | 'losses' | 'epochs' | 'tags' | 'other';

interface Frame {
  isArray: boolean;
  role: Role;
  /** Items so far (arrays) — also the index of the next one. */
  count: number;
  /** The key whose value comes next (objects). */
  key: string | null;
  /** Where this container sits in its parent: an index or a key (null for the top). */
  at: number | string | null;
}

/** Keys longer than this are none of the ones the scan looks for. */
const KEY_KEPT = 64;
/** A run file is about 8 deep (runs, a run, its weights, params, a tensor, its data); JSON.parse needs a bound too. */
const DEPTH_MAX = 64;

const enum Mode {
  Between,
  InString,
  InAtom,
}

/** Feed it the text in chunks (`feed`), then `end()`; throws LabError('file') at the first limit passed. */
export class RunFileScanner {
  private stack: Frame[] = [];
  private mode = Mode.Between;
  private stringIsKey = false;
  private stringLength = 0;
  private readonly string = new JsonStringUnits();
  private keyBuffer = '';
  /** Where the text being read sits in its container (its index or key), for a refusal's path. */
  private stringAt: number | string | null = null;
  private values = 0;
  private losses = 0;

  constructor(private readonly label = 'The run file') {}

  feed(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.mode === Mode.InString) {
        this.stringChar(c);
        continue;
      }
      if (this.mode === Mode.InAtom) {
        // A number or true/false/null goes on until a delimiter, which is then read as usual.
        if (!(c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) continue;
        this.mode = Mode.Between;
      }
      switch (c) {
        case 0x22: // "
          this.startString();
          break;
        case 0x7b: // {
          this.open(false);
          break;
        case 0x5b: // [
          this.open(true);
          break;
        case 0x7d: // }
        case 0x5d: // ]
          this.stack.pop();
          break;
        case 0x3a: // : — the string before it was a key
          break;
        case 0x2c: // ,
        case 0x20:
        case 0x0a:
        case 0x0d:
        case 0x09:
          break;
        default:
          this.value();
          this.mode = Mode.InAtom;
      }
    }
  }

  end(): void {
    // Nothing is left to count; whether the JSON is whole is for JSON.parse to say, with its position.
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private startString(): void {
    const top = this.top();
    this.stringIsKey = top !== undefined && !top.isArray && top.key === null;
    this.stringAt = this.stringIsKey ? null : this.value();
    this.mode = Mode.InString;
    this.stringLength = 0;
    this.string.reset();
    this.keyBuffer = '';
  }

  private stringChar(c: number): void {
    const unit = this.string.feed(c);
    if (unit === ESCAPE_UNDER_WAY) return;
    if (unit === STRING_END) {
      this.mode = Mode.Between;
      if (this.stringIsKey) {
        const top = this.top();
        if (top) top.key = this.keyBuffer;
      }
      return;
    }
    // \uXXXX is one character; a key spelled with it must still be recognised ("losse\u0073")
    this.counted(unit);
  }

  private counted(c: number): void {
    this.stringLength++;
    if (this.stringIsKey && this.keyBuffer.length < KEY_KEPT) this.keyBuffer += String.fromCharCode(c);
    if (this.stringLength > TEXT_MAX) {
      const where = this.stringIsKey ? this.containerPath() : this.containerPath(this.stringAt);
      this.refuse(where, 'runFile.longText', { what: this.stringIsKey ? 'key' : 'text', limit: formatCount(TEXT_MAX) });
    }
  }

  /** A value begins in the current container: counts it there; returns its index or key. */
  private value(): number | string | null {
    this.values++;
    if (this.values > VALUES_PER_FILE_MAX) {
      this.refuse('', 'runFile.tooManyValues', { limit: formatCount(VALUES_PER_FILE_MAX) });
    }
    const top = this.top();
    if (!top) return null;
    if (!top.isArray) {
      const key = top.key;
      top.key = null;
      return key;
    }
    top.count++;
    switch (top.role) {
      case 'runs':
        if (top.count > RUNS_PER_FILE_MAX) this.refuse('runs', 'runFile.tooManyRuns', { limit: formatCount(RUNS_PER_FILE_MAX) });
        break;
      case 'losses':
        this.losses++;
        if (top.count > LOSSES_PER_RUN_MAX) {
          this.refuse(this.containerPath(), 'runFile.tooManyLossesInRun', { limit: formatCount(LOSSES_PER_RUN_MAX) });
        }
        if (this.losses > LOSSES_PER_FILE_MAX) {
          this.refuse(this.containerPath(), 'runFile.tooManyLosses', { limit: formatCount(LOSSES_PER_FILE_MAX) });
        }
        break;
      case 'epochs':
        if (top.count > EPOCHS_PER_RUN_MAX) this.refuse(this.containerPath(), 'runFile.tooManyEpochs', { limit: formatCount(EPOCHS_PER_RUN_MAX) });
        break;
      case 'tags':
        if (top.count > TAGS_LISTED_MAX) this.refuse(this.containerPath(), 'runFile.tooManyTags', { limit: formatCount(TAGS_LISTED_MAX), most: RUN_TAGS_MAX });
        break;
      default:
    }
    return top.count - 1;
  }

  private open(isArray: boolean): void {
    const parent = this.top();
    const at = this.value();
    if (this.stack.length >= DEPTH_MAX) this.refuse(this.containerPath(), 'runFile.tooDeep', { limit: DEPTH_MAX });
    this.stack.push({ isArray, role: roleOf(parent, at, isArray), count: 0, key: null, at });
  }

  /** The JSON path of the current container, e.g. "runs[0].losses" (with `last` appended when given). */
  private containerPath(last: number | string | null = null): string {
    const parts: (number | string)[] = [];
    for (const frame of this.stack) if (frame.at !== null) parts.push(frame.at);
    if (last !== null) parts.push(last);
    return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  }

  private refuse(path: string, code: LabMessageCode, values: MessageValues): never {
    throw labError('file', code, { label: this.label, path, ...values }, { path });
  }
}

/** What a one-letter escape stands for (the others stand for themselves: \" \\ \/). */
const ESCAPED: Record<number, number> = { 0x62: 0x08, 0x66: 0x0c, 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09 };

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return 0;
}

/** What `JsonStringUnits.feed` returns at the string's closing quote. */
export const STRING_END = -1;
/** What it returns for a code unit that only continues an escape (the backslash, the u, hex digits). */
export const ESCAPE_UNDER_WAY = -2;

/**
 * The inside of a JSON string, one UTF-16 code unit at a time, escapes undone: `\n`, `\"` and
 * `\u0073` come out as the code unit each stands for. Both streaming readers of run files read strings
 * with it: the scan above, and the web host's reader of the request that carries a run file as a string.
 */
export class JsonStringUnits {
  private escaped = false;
  private hexLeft = 0;
  private hexCode = 0;

  /** Starts a new string (after its opening quote). */
  reset(): void {
    this.escaped = false;
    this.hexLeft = 0;
    this.hexCode = 0;
  }

  /** True in the middle of an escape, where a quote is a character and not the string's end. */
  get inEscape(): boolean {
    return this.escaped || this.hexLeft > 0;
  }

  /** The code unit `c` completes, STRING_END at the closing quote, or ESCAPE_UNDER_WAY. */
  feed(c: number): number {
    if (this.hexLeft > 0) {
      this.hexLeft--;
      this.hexCode = this.hexCode * 16 + hexValue(c);
      return this.hexLeft === 0 ? this.hexCode : ESCAPE_UNDER_WAY;
    }
    if (this.escaped) {
      this.escaped = false;
      if (c === 0x75) {
        this.hexLeft = 4;
        this.hexCode = 0;
        return ESCAPE_UNDER_WAY;
      }
      return ESCAPED[c] ?? c;
    }
    if (c === 0x5c) {
      this.escaped = true;
      return ESCAPE_UNDER_WAY;
    }
    return c === 0x22 ? STRING_END : c;
  }
}

function roleOf(parent: Frame | undefined, at: number | string | null, isArray: boolean): Role {
  if (!parent) return 'root';
  if (parent.role === 'root' && at === 'runs' && isArray) return 'runs';
  if (parent.role === 'runs' && !isArray) return 'run';
  if (parent.role === 'run' && isArray) {
    if (at === 'losses') return 'losses';
    if (at === 'epochs') return 'epochs';
    if (at === 'tags') return 'tags';
  }
  return 'other';
}

/** The refusal of a file over RUN_FILE_BYTES_MAX, with both figures. */
export function tooLargeRefusal(label: string, size: number, unit: 'bytes' | 'characters' = 'bytes'): LabError {
  const shown = unit === 'bytes' ? formatMegabytes(size) : `${formatCount(size)} characters`;
  const limit = unit === 'bytes' ? formatMegabytes(RUN_FILE_BYTES_MAX) : `${formatCount(RUN_FILE_BYTES_MAX)} characters`;
  return labError('file', 'runFile.tooLarge', { label, size: shown, limit });
}
