// The body of POST /api/importRuns, checked as it arrives. The body is {"args": ["<the run file's
// text, JSON-escaped>"]}: buffered whole and parsed, a 190 MB file of 14 million losses was held four
// times over (the bytes, the body as text, the parsed argument, the copy for the parsing thread) —
// 1.2 GB — before the first limit could refuse it. Here the envelope is followed a chunk at a time and
// the characters of the run file's text, unescaped, go through the run file scan
// (engine/runFileScan.ts) as they come: the host refuses at the first limit passed, having held only
// what came before it. The page scans a picked file itself before sending it, but the host never
// trusts the page: a client posting directly meets the same limits here.
//
// Anything in the envelope besides the text (other keys, more arguments) is kept small, so that no
// large body rides past the scan into JSON.parse.

import { StringDecoder } from 'node:string_decoder';
import { labError } from '../../engine/errors';
import { ESCAPE_UNDER_WAY, JsonStringUnits, RunFileScanner, STRING_END } from '../../engine/runFileScan';

/** Characters of the envelope outside the run file's text: `{"args": [ ]}` and little else. */
const ENVELOPE_TEXT_MAX = 1000;
/** Values of the envelope outside the run file's text. */
const ENVELOPE_VALUES_MAX = 100;

interface Frame {
  isArray: boolean;
  /** Items so far (arrays): the index of the next one. */
  count: number;
  /** The key whose value comes next (objects). */
  key: string | null;
  /** Where this container sits in its parent: an index or a key (null for the top). */
  at: number | string | null;
}

const enum Mode {
  Between,
  InString,
  InAtom,
}

/** `feed` each chunk of the body as it arrives, then `end()`; throws LabError at the first limit passed. */
export class ImportBodyScanner {
  private readonly decoder = new StringDecoder('utf8');
  private stack: Frame[] = [];
  private mode = Mode.Between;
  /** The run file's text is being read (a string at args[0]): its characters go to this scan. */
  private runFile: RunFileScanner | null = null;
  private stringIsKey = false;
  private keyText = '';
  private readonly string = new JsonStringUnits();
  private envelopeChars = 0;
  private envelopeValues = 0;

  feed(chunk: Buffer): void {
    this.feedText(this.decoder.write(chunk));
  }

  end(): void {
    this.feedText(this.decoder.end());
    // Whether the body is whole JSON is for JSON.parse to say, once it has passed.
  }

  private feedText(text: string): void {
    let i = 0;
    while (i < text.length) {
      if (this.mode === Mode.InString && this.runFile !== null && !this.string.inEscape) {
        // The bulk of the body: hand the plain stretch to the scan in one piece.
        let j = i;
        while (j < text.length) {
          const c = text.charCodeAt(j);
          if (c === 0x22 || c === 0x5c) break;
          j++;
        }
        if (j > i) this.runFile.feed(text.slice(i, j));
        i = j;
        if (i === text.length) break;
      }
      this.char(text.charCodeAt(i));
      i++;
    }
  }

  private char(c: number): void {
    if (this.mode === Mode.InString) {
      this.stringChar(c);
      return;
    }
    if (this.mode === Mode.InAtom) {
      if (!(c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) {
        this.envelopeChar();
        return;
      }
      this.mode = Mode.Between;
    }
    switch (c) {
      case 0x22: {
        const top = this.top();
        this.stringIsKey = top !== undefined && !top.isArray && top.key === null;
        const at = this.stringIsKey ? null : this.value();
        const isRunFile = !this.stringIsKey && at === 0 && this.stack.length === 2 && this.stack[1]!.at === 'args' && !this.stack[0]!.isArray;
        // JSON.parse keeps the last of repeated keys: every string that could be the argument is scanned.
        this.runFile = isRunFile ? new RunFileScanner('The run file') : null;
        this.keyText = '';
        this.string.reset();
        this.mode = Mode.InString;
        break;
      }
      case 0x7b:
      case 0x5b: {
        const at = this.value();
        this.stack.push({ isArray: c === 0x5b, count: 0, key: null, at });
        break;
      }
      case 0x7d:
      case 0x5d:
        this.stack.pop();
        break;
      case 0x3a:
      case 0x2c:
      case 0x20:
      case 0x0a:
      case 0x0d:
      case 0x09:
        break;
      default:
        this.value();
        this.envelopeChar();
        this.mode = Mode.InAtom;
    }
  }

  private stringChar(c: number): void {
    const unit = this.string.feed(c);
    if (unit === ESCAPE_UNDER_WAY) return;
    if (unit === STRING_END) {
      this.mode = Mode.Between;
      if (this.runFile !== null) {
        this.runFile.end();
        this.runFile = null;
      } else if (this.stringIsKey) {
        const top = this.top();
        if (top) top.key = this.keyText;
      }
      return;
    }
    this.stringText(String.fromCharCode(unit));
  }

  private stringText(text: string): void {
    if (this.runFile !== null) {
      this.runFile.feed(text);
      return;
    }
    this.envelopeChar();
    if (this.stringIsKey) this.keyText += text;
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** A value begins in the current container: returns its index or key. */
  private value(): number | string | null {
    if (++this.envelopeValues > ENVELOPE_VALUES_MAX) this.refuse();
    const top = this.top();
    if (!top) return null;
    if (!top.isArray) {
      const key = top.key;
      top.key = null;
      return key;
    }
    return top.count++;
  }

  private envelopeChar(): void {
    if (++this.envelopeChars > ENVELOPE_TEXT_MAX) this.refuse();
  }

  private refuse(): never {
    throw labError('usage', 'web.importEnvelope', {});
  }
}
